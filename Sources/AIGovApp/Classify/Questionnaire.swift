import AIGovCore

/// The guided classification's questions (CLASSIFY.md, questionnaire "2026-07"): one step per
/// screen, each with its article and a one-line plain explanation, each option with a short
/// label and its full text. The console's wizard and `aigov classify` on a terminal both walk
/// these steps through `ClassificationWizard`; nothing here draws.
public enum Questionnaire {
    /// The version these questions are.
    public static let version = Classification.currentQuestionnaire

    public static let steps: [QuestionStep] = [
        QuestionStep(.role, "Your organisation's role", article: "Art. 3(3)–(8), Art. 25",
             explanation: "Provider: you develop it or have it developed and put it on the market under your name. Deployer: you use it under your authority.",
             questions: [.role]),
        QuestionStep(.aiSystem, "Is it an AI system?", article: "Art. 3(1)",
             explanation: "A machine-based system that infers from its input how to generate outputs (predictions, content, recommendations, decisions). Fixed rules written by people are not.",
             questions: [.aiSystem]),
        QuestionStep(.excluded, "Is it excluded from the Act?", article: "Art. 2",
             explanation: "Some uses fall outside the Act altogether. Tick only what applies to this system's whole use.",
             questions: [.excluded]),
        QuestionStep(.prohibited, "Does it perform a prohibited practice?", article: "Art. 5",
             explanation: "These practices are banned outright. Tick any that the system performs, even in part.",
             questions: [.prohibited]),
        QuestionStep(.annexI, "Is it, or is it part of, a regulated product?", article: "Art. 6(1), Annex I",
             explanation: "AI in products under EU safety legislation is high-risk when it is the product or a safety component and the product needs third-party conformity assessment.",
             questions: [.annexILegislation, .safetyComponent, .thirdPartyAssessment]),
        QuestionStep(.annexIII, "Is it used in an Annex III area?", article: "Art. 6(2), Annex III",
             explanation: "Uses listed in Annex III are high-risk unless an Art. 6(3) condition applies. A system that profiles people is always high-risk there.",
             questions: [.annexIII, .profiling]),
        QuestionStep(.art63, "Does an Art. 6(3) condition apply?", article: "Art. 6(3)",
             explanation: "An Annex III system is not high-risk when it poses no significant risk because it only does one of these. It must still be registered (Art. 49(2)).",
             questions: [.art63]),
        QuestionStep(.transparency, "Which transparency functions does it have?", article: "Art. 50",
             explanation: "People must be told when they deal with AI or see content it made. Tick each function the system has.",
             questions: [.transparency]),
        QuestionStep(.context, "Who uses it, and for whom?", article: "Art. 27, Art. 49, Art. 51",
             explanation: "These answers decide the impact assessment, where the system is registered, and the general-purpose model duties.",
             questions: [.gpai, .publicAuthority, .publicService, .lawEnforcementOrMigration]),
    ]

    /// The step with this id.
    public static func step(_ id: StepID) -> QuestionStep { steps.first { $0.id == id } ?? steps[0] }

    // MARK: questions

    public static func question(_ id: QuestionID) -> Question {
        switch id {
        case .role:
            Question(id, "Your role for this system", article: "Art. 3(3)–(8)", explanation: "Absent: the role already recorded in eu_ai_act.role.",
                     kind: .choice(roleOptions))
        case .aiSystem:
            Question(id, "Is it an AI system under Art. 3(1)?", article: "Art. 3(1)",
                     explanation: "Answer uncertain to leave the tier unassessed until someone decides.", kind: .choice([
                        AnswerOption("yes", "yes", "It infers from its inputs how to generate outputs."),
                        AnswerOption("no", "no", "It follows fixed rules defined by people only; the Act does not apply."),
                        AnswerOption("uncertain", "uncertain", "Not settled yet; the tier stays unassessed."),
                     ]))
        case .excluded:
            Question(id, "Art. 2 exclusions", article: "Art. 2", explanation: "Tick every exclusion that applies.", kind: .multi(exclusionOptions))
        case .prohibited:
            Question(id, "Art. 5 practices", article: "Art. 5(1)", explanation: "Tick every practice the system performs.", kind: .multi(prohibitedOptions))
        case .annexILegislation:
            Question(id, "Annex I legislation the product falls under", article: "Annex I",
                     explanation: "Tick none of these when it is not a regulated product.", kind: .multi(annexIOptions))
        case .safetyComponent:
            Question(id, "Is the AI the product, or a safety component of it?", article: "Art. 6(1)(a)",
                     explanation: "A safety component protects health or safety; its failure endangers people or property.", kind: .yesNo)
        case .thirdPartyAssessment:
            Question(id, "Does the product need third-party conformity assessment?", article: "Art. 6(1)(b)",
                     explanation: "Count it also when the product may opt out by applying harmonised standards (Art. 43(3)).", kind: .yesNo)
        case .annexIII:
            Question(id, "Annex III points", article: "Annex III", explanation: "Tick every point the intended purpose falls under.",
                     kind: .multi(annexIIIOptions))
        case .profiling:
            Question(id, "Does it profile natural persons?", article: "Art. 3(52), GDPR Art. 4(4)",
                     explanation: "Automated evaluation of personal aspects: work performance, economic situation, health, preferences, behaviour.",
                     kind: .yesNo)
        case .art63:
            Question(id, "Art. 6(3) conditions", article: "Art. 6(3)", explanation: "Tick each condition that applies, or none of these.",
                     kind: .multi(art63Options))
        case .transparency:
            Question(id, "Art. 50 functions", article: "Art. 50", explanation: "Tick every function the system has.", kind: .multi(transparencyOptions))
        case .gpai:
            Question(id, "Is it, or is it built on, a general-purpose AI model?", article: "Art. 3(63)",
                     explanation: "A model trained on broad data that performs a wide range of tasks (a large language model, say).", kind: .yesNo)
        case .publicAuthority:
            Question(id, "Is the deployer a public authority, or acting on its behalf?", article: "Art. 49(3)",
                     explanation: "Public authorities, EU institutions and bodies, and those acting on their behalf.", kind: .yesNo)
        case .publicService:
            Question(id, "Is the deployer a private body providing a public service?", article: "Art. 27(1)",
                     explanation: "Education, healthcare, social services, housing, administration of justice and the like.", kind: .yesNo)
        case .lawEnforcementOrMigration:
            Question(id, "Is it used for law enforcement, migration, asylum or border control?", article: "Art. 49(4)",
                     explanation: "Such entries go to the secure, non-public section of the EU database.", kind: .yesNo)
        }
    }

    // MARK: options

    static let roleOptions: [AnswerOption] = OperatorRole.allCases.map { r in
        switch r {
        case .provider: AnswerOption(r.rawValue, "provider", "Develops the system, or has it developed, and places it on the market or puts it into service under its own name.")
        case .deployer: AnswerOption(r.rawValue, "deployer", "Uses the system under its authority, other than for personal non-professional activity.")
        case .importer: AnswerOption(r.rawValue, "importer", "Places on the EU market a system bearing the name of a provider established outside the EU.")
        case .distributor: AnswerOption(r.rawValue, "distributor", "Makes the system available on the EU market, other than the provider or importer.")
        case .productManufacturer: AnswerOption(r.rawValue, "product manufacturer", "Places the system on the market with its product, under its own name (Art. 25(3)).")
        case .authorisedRepresentative: AnswerOption(r.rawValue, "authorised representative", "Holds a written mandate from a provider outside the EU to act on its behalf.")
        }
    }

    static let exclusionOptions: [AnswerOption] = [
        AnswerOption("military", "military, defence or national security only", "Art. 2(3): placed on the market, put into service or used exclusively for military, defence or national security purposes."),
        AnswerOption("third-country-authority", "third-country authority", "Art. 2(4): a public authority of a third country or an international organisation, under international cooperation for law enforcement or judicial cooperation."),
        AnswerOption("scientific-research", "scientific research only", "Art. 2(6): developed and put into service for the sole purpose of scientific research and development."),
        AnswerOption("pre-market-research", "research before the market", "Art. 2(8): research, testing or development before it is placed on the market or put into service (testing in real-world conditions is not excluded)."),
        AnswerOption("personal-use", "personal use", "Art. 2(10): a natural person's purely personal, non-professional use; excludes only when you are the deployer."),
        AnswerOption("open-source", "free and open-source", "Art. 2(12): released under a free and open-source licence; does not cover prohibited, high-risk or Art. 50 systems."),
    ]

    static let prohibitedOptions: [AnswerOption] = [
        AnswerOption("5-1-a", "manipulation or deception", "Art. 5(1)(a): subliminal, manipulative or deceptive techniques that distort behaviour and cause or are likely to cause significant harm."),
        AnswerOption("5-1-b", "exploiting vulnerabilities", "Art. 5(1)(b): exploiting vulnerabilities due to age, disability or a social or economic situation, causing significant harm."),
        AnswerOption("5-1-c", "social scoring", "Art. 5(1)(c): evaluating or classifying people by social behaviour or personal traits, leading to detrimental or unfavourable treatment."),
        AnswerOption("5-1-d", "predicting crime from profiling", "Art. 5(1)(d): assessing the risk that a person commits a criminal offence based solely on profiling or personality traits."),
        AnswerOption("5-1-e", "untargeted face scraping", "Art. 5(1)(e): creating or expanding facial recognition databases by untargeted scraping from the internet or CCTV."),
        AnswerOption("5-1-f", "emotion recognition at work or school", "Art. 5(1)(f): inferring emotions in the workplace or education, except for medical or safety reasons (then do not tick it)."),
        AnswerOption("5-1-g", "biometric categorisation by sensitive traits", "Art. 5(1)(g): categorising people by biometric data to infer race, political opinions, union membership, religion, sex life or orientation."),
        AnswerOption("5-1-h", "real-time remote biometric identification", "Art. 5(1)(h): real-time remote biometric identification in publicly accessible spaces for law enforcement, outside the Art. 5(2) exceptions."),
        AnswerOption("5-1-intimate", "non-consensual intimate imagery or CSAM (only on its conditions)", "Art. 5(1)(ba)-(bb), 5(1a), added by Regulation (EU) 2026/1744, from 2026-12-02: realistic intimate or sexually explicit images, video or audio of an identifiable person without their explicit consent, or child sexual abuse material. Tick it as a provider only when generating such material is the system's intended purpose, or a reasonably foreseeable and reproducible outcome and the system lacks reasonable and adequate safeguards; as a deployer only when you use the system for that purpose. Editing that does not increase the exposure of intimate parts is not caught (Art. 5(1b)). An image generator with adequate safeguards is not caught."),
    ]

    static let annexIOptions: [AnswerOption] = AnnexILegislation.allCases.map { l in
        let label = l.rawValue.replacingOccurrences(of: "-", with: " ")
        let moved = l == .machinery ? " (Regulation (EU) 2023/1230, moved from Section A by Regulation (EU) 2026/1744)" : ""
        let sectoral = l.section == .b ? " Requirements come through the sectoral law (Art. 2(2))." : ""
        return AnswerOption(l.rawValue, label, "Annex I Section \(l.section.rawValue): \(label) legislation\(moved).\(sectoral)")
    }

    static let annexIIIOptions: [AnswerOption] = [
        AnswerOption("1a", "1(a) remote biometric identification", "Biometrics: remote biometric identification systems (not mere verification that a person is who they claim to be)."),
        AnswerOption("1b", "1(b) biometric categorisation", "Biometrics: categorisation according to sensitive or protected attributes inferred from biometric data."),
        AnswerOption("1c", "1(c) emotion recognition", "Biometrics: emotion recognition systems."),
        AnswerOption("2", "2 critical infrastructure", "Safety component in the management and operation of critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity."),
        AnswerOption("3a", "3(a) admission to education", "Education: determining access or admission, or assigning persons to institutions at all levels."),
        AnswerOption("3b", "3(b) evaluating learning outcomes", "Education: evaluating learning outcomes, including to steer the learning process."),
        AnswerOption("3c", "3(c) level of education", "Education: assessing the appropriate level of education a person will receive or can access."),
        AnswerOption("3d", "3(d) monitoring tests", "Education: monitoring and detecting prohibited behaviour of students during tests."),
        AnswerOption("4a", "4(a) recruitment and selection", "Employment: recruitment or selection, in particular placing targeted job ads, analysing and filtering applications, and evaluating candidates."),
        AnswerOption("4b", "4(b) decisions about workers", "Employment: decisions on terms, promotion or termination, task allocation based on behaviour or traits, monitoring and evaluating performance and behaviour."),
        AnswerOption("5a", "5(a) public assistance benefits", "Essential services: evaluating eligibility for essential public assistance benefits and services, and granting, reducing, revoking or reclaiming them."),
        AnswerOption("5b", "5(b) creditworthiness", "Essential services: evaluating creditworthiness or establishing a credit score (fraud detection excepted)."),
        AnswerOption("5c", "5(c) life and health insurance", "Essential services: risk assessment and pricing for natural persons in life and health insurance."),
        AnswerOption("5d", "5(d) emergency calls and triage", "Essential services: evaluating and classifying emergency calls, dispatching first responders, emergency healthcare patient triage."),
        AnswerOption("6a", "6(a) risk of becoming a victim", "Law enforcement: assessing the risk of a person becoming the victim of criminal offences."),
        AnswerOption("6b", "6(b) polygraphs (law enforcement)", "Law enforcement: polygraphs and similar tools."),
        AnswerOption("6c", "6(c) reliability of evidence", "Law enforcement: evaluating the reliability of evidence in investigating or prosecuting criminal offences."),
        AnswerOption("6d", "6(d) risk of offending", "Law enforcement: assessing the risk of offending or re-offending not solely on the basis of profiling, or assessing personality traits or past criminal behaviour."),
        AnswerOption("6e", "6(e) profiling in investigations", "Law enforcement: profiling in the detection, investigation or prosecution of criminal offences."),
        AnswerOption("7a", "7(a) polygraphs (migration)", "Migration, asylum and border control: polygraphs and similar tools."),
        AnswerOption("7b", "7(b) risk assessment of persons", "Migration: assessing a security, irregular-migration or health risk posed by a person entering the EU."),
        AnswerOption("7c", "7(c) asylum, visa and residence", "Migration: examining applications for asylum, visa or residence permits and related complaints."),
        AnswerOption("7d", "7(d) detecting and identifying persons", "Migration: detecting, recognising or identifying persons (verification of travel documents excepted)."),
        AnswerOption("8a", "8(a) justice and dispute resolution", "Administration of justice: assisting a judicial authority, or alternative dispute resolution, in researching and interpreting facts and law."),
        AnswerOption("8b", "8(b) elections and voting", "Democratic processes: influencing the outcome of an election or referendum or voting behaviour."),
    ]

    static let art63Options: [AnswerOption] = [
        AnswerOption("a", "(a) narrow procedural task", "It performs a narrow procedural task."),
        AnswerOption("b", "(b) improves a completed human activity", "It improves the result of a previously completed human activity."),
        AnswerOption("c", "(c) detects decision patterns", "It detects decision-making patterns or deviations from prior patterns, and does not replace or influence the completed human assessment without proper human review."),
        AnswerOption("d", "(d) preparatory task", "It performs a preparatory task to an assessment relevant for an Annex III use."),
    ]

    static let transparencyOptions: [AnswerOption] = [
        AnswerOption("interacts", "interacts with people", "Art. 50(1): interacts directly with natural persons (a chatbot, a voice agent)."),
        AnswerOption("synthetic-content", "generates synthetic content", "Art. 50(2): generates synthetic audio, image, video or text content."),
        AnswerOption("emotion-or-biometric", "emotion recognition or biometric categorisation", "Art. 50(3): an emotion recognition or biometric categorisation system."),
        AnswerOption("deepfake", "deep fakes", "Art. 50(4): generates or manipulates image, audio or video content that is a deep fake."),
        AnswerOption("public-interest-text", "text on matters of public interest", "Art. 50(4): generates or manipulates text published to inform the public on matters of public interest, unless a person reviews it and holds editorial responsibility (then do not tick it)."),
    ]
}

/// One screen of the questionnaire.
public struct QuestionStep: Sendable, Equatable {
    public let id: StepID
    public let title: String
    public let article: String
    public let explanation: String
    public let questions: [QuestionID]
    init(_ id: StepID, _ title: String, article: String, explanation: String, questions: [QuestionID]) {
        self.id = id
        self.title = title
        self.article = article
        self.explanation = explanation
        self.questions = questions
    }
}

public enum StepID: String, Sendable, CaseIterable {
    case role, aiSystem, excluded, prohibited, annexI, annexIII, art63, transparency, context
}

public enum QuestionID: String, Sendable, CaseIterable {
    case role, aiSystem, excluded, prohibited, annexILegislation, safetyComponent, thirdPartyAssessment
    case annexIII, profiling, art63, transparency, gpai, publicAuthority, publicService, lawEnforcementOrMigration
}

/// One question: a single choice, several codes, or yes/no.
public struct Question: Sendable, Equatable {
    public let id: QuestionID
    public let text: String
    public let article: String
    public let explanation: String
    public let kind: Kind

    public enum Kind: Sendable, Equatable {
        case choice([AnswerOption])
        case multi([AnswerOption])
        case yesNo
    }

    init(_ id: QuestionID, _ text: String, article: String, explanation: String, kind: Kind) {
        self.id = id
        self.text = text
        self.article = article
        self.explanation = explanation
        self.kind = kind
    }

    /// The options a person picks from (yes/no for a boolean).
    public var options: [AnswerOption] {
        switch kind {
        case let .choice(o), let .multi(o): o
        case .yesNo: [AnswerOption("true", "yes", "Yes."), AnswerOption("false", "no", "No.")]
        }
    }
}

/// One option: its code as stored, a short label, and the full text `?` shows.
public struct AnswerOption: Sendable, Equatable {
    public let code: String
    public let label: String
    public let detail: String
    init(_ code: String, _ label: String, _ detail: String) {
        self.code = code
        self.label = label
        self.detail = detail
    }
}
