import AIGovCore

// The outcome of a guided classification (CLASSIFY.md, "The outcome"): a pure function of the
// `classification` block and the recorded role. The CLI, the console's wizard, the audit pack
// and the CLS rules all read the tier, flags, obligations and trail from here.

/// The EU database section an Art. 49 registration goes in (CLASSIFY.md, "Obligations derived").
public enum RegistrationSection: String, Sendable, CaseIterable, Encodable {
    case none, national, A, B, C
    case aRestricted = "A-restricted", bRestricted = "B-restricted", cRestricted = "C-restricted"

    /// Annex VIII Section A, plain or restricted.
    public var isSectionA: Bool { self == .A || self == .aRestricted }
    /// Annex VIII Section B, plain or restricted.
    public var isSectionB: Bool { self == .B || self == .bRestricted }
    /// Annex VIII Section C, plain or restricted.
    public var isSectionC: Bool { self == .C || self == .cRestricted }
}

/// One line of the trail: the article and the answer that led there.
public struct TrailLine: Equatable, Sendable, Encodable {
    public var article: String
    public var text: String
    public init(article: String, text: String) {
        self.article = article
        self.text = text
    }
}

/// The flags of CLASSIFY.md's table except tier and rationale; nil = null in JSON (not derived / unanswered).
public struct OutcomeFlags: Equatable, Sendable {
    public var role: OperatorRole?
    public var annexIII: AnnexIIIArea?
    public var annexIProduct: Bool?
    /// A or B when `annexIProduct` (rules v3), else nil.
    public var annexISection: AnnexISection?
    public var art63Exemption: Bool?
    public var art63Reason: String?
    public var profiling: Bool?
    public var gpai: Bool?
    public var publicBody: Bool?
    /// The `public_authority` answer, when given.
    public var publicAuthority: Bool?
    public var interactsWithPeople: Bool?
    public var syntheticContent: Bool?
    public var deepfake: Bool?
    public var emotionOrBiometricCategorisation: Bool?
    public init() {}
}

/// What the outcome obliges (Art. 27, 49, 50).
public struct Obligations: Equatable, Sendable {
    public var friaRequired: Bool
    public var registration: RegistrationSection
    /// The Art. 50 duties of the role, in order: "50(1)", "50(2)", "50(3)", "50(4)".
    public var transparency: [String]
    public init(friaRequired: Bool = false, registration: RegistrationSection = .none, transparency: [String] = []) {
        self.friaRequired = friaRequired
        self.registration = registration
        self.transparency = transparency
    }
    /// No obligations: after a stop at step 1 or 2, and for a prohibited system.
    public static let none = Obligations()
}

/// One recorded field and the value it has or gets: `field` is a record path (`eu_ai_act.tier`),
/// `from` the recorded value and `to` the outcome's, as text (`nil` = absent).
public struct FlagChange: Equatable, Sendable {
    public var field: String
    public var from: String?
    public var to: String?
    public init(field: String, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }
}

/// The tier, flags, obligations and trail the answers give (CLASSIFY.md, "The outcome").
public struct ClassificationOutcome: Equatable, Sendable {
    public var tier: RiskTier
    /// 1 or 2 when the evaluation stopped at that step.
    public var stoppedAt: Int?
    public var flags: OutcomeFlags
    public var obligations: Obligations
    public var trail: [TrailLine]
    /// Step 5 concluded high (profiling, or no Art. 6(3) condition), whatever an earlier step set.
    public var annexIIIHigh: Bool

    /// Whether the evaluation went past step 2, so flags are derived and rules use the obligations.
    public var isSettled: Bool { stoppedAt == nil }

    /// The trail as `eu_ai_act.rationale` holds it: "article: text" lines joined by "; ".
    public var rationale: String { trail.map { "\($0.article): \($0.text)" }.joined(separator: "; ") }

    public init(
        tier: RiskTier, stoppedAt: Int? = nil, flags: OutcomeFlags = OutcomeFlags(),
        obligations: Obligations = .none, trail: [TrailLine] = [], annexIIIHigh: Bool = false
    ) {
        self.tier = tier
        self.stoppedAt = stoppedAt
        self.flags = flags
        self.obligations = obligations
        self.trail = trail
        self.annexIIIHigh = annexIIIHigh
    }

    /// The outcome of a system's classification; nil without a classification.
    public static func of(_ system: AISystem) -> ClassificationOutcome? {
        guard let c = system.classification else { return nil }
        return of(c, recordedRole: system.euAiAct?.role)
    }

    /// The outcome of the answers, evaluated in CLASSIFY.md's order. `recordedRole` is
    /// `eu_ai_act.role`, used when the block names no role.
    public static func of(_ c: Classification, recordedRole: OperatorRole?) -> ClassificationOutcome {
        let a = c.answers ?? ClassificationAnswers()
        let role = c.role ?? recordedRole
        let points = a.annexIII.uniqued()
        var o = ClassificationOutcome(tier: .unassessed)

        // Flags that follow the answers whether or not the evaluation stops.
        o.flags.role = role
        o.flags.profiling = a.profiling
        o.flags.gpai = a.gpai
        if a.publicAuthority != nil || a.publicService != nil {
            o.flags.publicBody = a.publicAuthority == true || a.publicService == true
        }
        o.flags.publicAuthority = a.publicAuthority
        o.flags.interactsWithPeople = a.transparency.contains(.interacts)
        o.flags.syntheticContent = a.transparency.contains(.syntheticContent)
        o.flags.deepfake = a.transparency.contains(.deepfake)
        o.flags.emotionOrBiometricCategorisation = a.transparency.contains(.emotionOrBiometric)
            || points.contains { $0 == .p1b || $0 == .p1c }
            || a.prohibited.contains { $0 == .f || $0 == .g }

        func line(_ article: String, _ text: String) { o.trail.append(TrailLine(article: article, text: text)) }

        // 1. Art. 3(1): is it an AI system?
        switch a.aiSystem {
        case .yes?:
            line("Art. 3(1)", "an AI system")
        case .no?:
            line("Art. 3(1)", "not an AI system: outside the Act")
            o.tier = .outOfScope
            o.stoppedAt = 1
            return o
        case .uncertain?, nil:
            line("Art. 3(1)", "not settled whether this is an AI system")
            o.stoppedAt = 1
            return o
        }

        // 2. Art. 2 exclusions (open source only at step 7; personal use only for a deployer).
        if let x = a.excluded.first(where: { $0.excludesAtOnce(role: role) }) {
            line(x.article, x.exclusionText)
            o.tier = .outOfScope
            o.stoppedAt = 2
            return o
        }

        // From here each step sets the tier unless an earlier one did, and always adds its
        // flags and trail lines.
        var tier: RiskTier?

        // 3. Art. 5 prohibited practices, one line per code.
        for p in a.prohibited.uniqued() {
            line(p.article, p.practiceText + ": prohibited")
        }
        if !a.prohibited.isEmpty { tier = tier ?? .prohibited }

        // 4. Art. 6(1): the Annex I route.
        o.flags.annexIProduct = false
        if let annexI = a.annexI, !annexI.legislation.isEmpty {
            let laws = annexI.legislation.uniqued().map(\.rawValue).joined(separator: ", ")
            if annexI.safetyComponent != true {
                line("Art. 6(1)", "not a safety component")
            } else if annexI.thirdPartyAssessment != true {
                line("Art. 6(1)", "no third-party conformity assessment")
            } else {
                line("Art. 6(1)", "safety component of a product under Annex I (\(laws)) that needs third-party conformity assessment: high-risk")
                o.flags.annexIProduct = true
                // Section A when any listed act is in Section A, else B (CLASSIFY.md, rules v3).
                let section: AnnexISection = annexI.legislation.contains { $0.section == .a } ? .a : .b
                o.flags.annexISection = section
                if section == .b { line("Art. 2(2)", "Annex I Section B, requirements through the sectoral law") }
                tier = tier ?? .high
            }
        }

        // 5. Annex III, with the Art. 6(3) derogation.
        o.flags.art63Exemption = false
        if let first = points.first {
            o.flags.annexIII = first.area
            let named = "Annex III " + (points.count == 1 ? "point " : "points ") + points.map(\.rawValue).joined(separator: ", ")
            let conditions = a.art63.uniqued()
            if a.profiling == true {
                line("Art. 6(3)", named + " with profiling: always high-risk")
                o.annexIIIHigh = true
                tier = tier ?? .high
            } else if !conditions.isEmpty {
                o.flags.art63Exemption = true
                o.flags.art63Reason = conditions.map { "Art. 6(3)(\($0.rawValue))" }.joined(separator: "; ")
                let claimed = conditions.map { "(\($0.rawValue)) \($0.conditionText)" }.joined(separator: "; ")
                line("Art. 6(3)", named + " without profiling, condition " + claimed + ": not high-risk; registration still due (Art. 49(2))")
            } else {
                line("Art. 6(2)", named + ": high-risk")
                o.annexIIIHigh = true
                tier = tier ?? .high
            }
        }

        // 6. Art. 50 transparency, one line per function.
        for f in a.transparency.uniqued() {
            line(f.article, f.functionText + ": transparency obligations")
        }
        if !a.transparency.isEmpty { tier = tier ?? .limited }

        // 7. Nothing set the tier.
        if let tier {
            o.tier = tier
        } else if a.excluded.contains(.openSource) {
            line(Art2Exclusion.openSource.article, Art2Exclusion.openSource.exclusionText)
            o.tier = .outOfScope
        } else {
            line("Art. 5, 6, 50", "no prohibited practice, high-risk route or transparency function: minimal risk")
            o.tier = .minimal
        }

        if o.tier != .prohibited {
            o.obligations = obligations(o, answers: a, role: role, points: points)
        }
        return o
    }

    /// Art. 27, 49 and 50 for a settled, non-prohibited outcome.
    private static func obligations(
        _ o: ClassificationOutcome, answers a: ClassificationAnswers, role: OperatorRole?, points: [AnnexIIIPoint]
    ) -> Obligations {
        let provider = role == .provider || role == .productManufacturer || role == .authorisedRepresentative
        let outsideArea2 = points.contains { $0.areaNumber != 2 }
        var out = Obligations()

        // Art. 27.
        out.friaRequired = role == .deployer && o.annexIIIHigh
            && (((a.publicAuthority == true || a.publicService == true) && outsideArea2)
                || points.contains { $0 == .p5b || $0 == .p5c })

        // Art. 49: the first that matches.
        var section: RegistrationSection = .none
        if provider && o.annexIIIHigh && points.allSatisfy({ $0.areaNumber == 2 }) {
            section = .national
        } else if provider && o.annexIIIHigh {
            section = .A
        } else if provider && o.flags.art63Exemption == true && o.tier != .high {
            section = .B
        } else if role == .deployer && a.publicAuthority == true && o.annexIIIHigh && outsideArea2 {
            section = .C
        }
        // Art. 49(4): the secure non-public section.
        let restricted = points.contains { $0.areaNumber == 6 || $0.areaNumber == 7 }
            || (a.lawEnforcementOrMigration == true && points.contains { $0.areaNumber == 1 })
        if restricted {
            switch section {
            case .A: section = .aRestricted
            case .B: section = .bRestricted
            case .C: section = .cRestricted
            default: break
            }
        }
        out.registration = section

        // Art. 50: the duties of the role, in order.
        if provider {
            if o.flags.interactsWithPeople == true { out.transparency.append("50(1)") }
            if o.flags.syntheticContent == true { out.transparency.append("50(2)") }
        } else if role == .deployer {
            if o.flags.emotionOrBiometricCategorisation == true { out.transparency.append("50(3)") }
            if a.transparency.contains(.deepfake) || a.transparency.contains(.publicInterestText) {
                out.transparency.append("50(4)")
            }
        }
        return out
    }

    // MARK: the record

    /// The derived flags CLS-002 compares (CLASSIFY.md "Rules"), where the record differs from
    /// the outcome, in catalog order: `field` is `eu_ai_act.<flag>`, `from` the recorded value
    /// (an absent boolean reads false, an absent `annex_iii` null), `to` the outcome's value.
    /// Empty after a stop at step 1 or 2; `art6_3_reason` is never compared.
    public func flagDifferences(from system: AISystem) -> [FlagChange] {
        guard isSettled else { return [] }
        let act = system.euAiAct ?? EUAIAct()
        var out: [FlagChange] = []
        func text(_ name: String, _ recorded: String?, _ derived: String?) {
            if recorded != derived { out.append(FlagChange(field: "eu_ai_act." + name, from: recorded, to: derived)) }
        }
        func flag(_ name: String, _ recorded: Bool?, _ derived: Bool?) {
            guard let derived else { return }
            text(name, (recorded ?? false).description, derived.description)
        }
        text("role", act.role?.rawValue, flags.role?.rawValue)
        text("annex_iii", act.annexIII?.rawValue, flags.annexIII?.rawValue)
        flag("annex_i_product", act.annexIProduct, flags.annexIProduct)
        text("annex_i_section", act.annexISection?.rawValue, flags.annexISection?.rawValue)
        flag("art6_3_exemption", act.art63Exemption, flags.art63Exemption)
        flag("profiling", act.profiling, flags.profiling)
        flag("gpai", act.gpai, flags.gpai)
        flag("interacts_with_people", act.interactsWithPeople, flags.interactsWithPeople)
        flag("synthetic_content", act.syntheticContent, flags.syntheticContent)
        flag("deepfake", act.deepfake, flags.deepfake)
        flag("emotion_or_biometric_categorisation", act.emotionOrBiometricCategorisation, flags.emotionOrBiometricCategorisation)
        flag("public_body", act.publicBody, flags.publicBody)
        flag("public_authority", act.publicAuthority, flags.publicAuthority)
        return out
    }

    /// The system with tier, derived flags and rationale (the trail joined by "; ") written into
    /// `eu_ai_act`, as `classify --write` stores it. Only what changes the record's meaning is
    /// written: a boolean stays absent when the outcome says false (absent reads false), an
    /// unanswered one is left alone, `art6_3_reason` is filled only when the record has none,
    /// and after a stop at step 1 or 2 only the tier and rationale are written.
    public func applied(to system: AISystem) -> AISystem {
        var s = system
        var act = s.euAiAct ?? EUAIAct()
        if act.tier != nil || tier != .unassessed { act.tier = tier }
        if isSettled {
            if let role = flags.role { act.role = role }
            act.annexIII = flags.annexIII
            func put(_ field: inout Bool?, _ derived: Bool?) {
                if let derived, (field ?? false) != derived { field = derived }
            }
            put(&act.annexIProduct, flags.annexIProduct)
            act.annexISection = flags.annexISection
            put(&act.art63Exemption, flags.art63Exemption)
            if let reason = flags.art63Reason, act.art63Reason.isEmptyText { act.art63Reason = reason }
            put(&act.profiling, flags.profiling)
            put(&act.gpai, flags.gpai)
            put(&act.interactsWithPeople, flags.interactsWithPeople)
            put(&act.syntheticContent, flags.syntheticContent)
            put(&act.deepfake, flags.deepfake)
            put(&act.emotionOrBiometricCategorisation, flags.emotionOrBiometricCategorisation)
            put(&act.publicBody, flags.publicBody)
            put(&act.publicAuthority, flags.publicAuthority)
        }
        act.rationale = rationale
        s.euAiAct = act
        return s
    }

    /// The recorded `eu_ai_act` fields `applied(to:)` would change, tier first, then in catalog
    /// order; empty when the record already agrees.
    public func changes(from system: AISystem) -> [FlagChange] {
        let old = system.euAiAct ?? EUAIAct()
        let new = applied(to: system).euAiAct ?? EUAIAct()
        var out: [FlagChange] = []
        func diff(_ name: String, _ a: String?, _ b: String?) {
            if a != b { out.append(FlagChange(field: "eu_ai_act." + name, from: a, to: b)) }
        }
        diff("tier", old.tier?.rawValue, new.tier?.rawValue)
        diff("role", old.role?.rawValue, new.role?.rawValue)
        diff("annex_iii", old.annexIII?.rawValue, new.annexIII?.rawValue)
        diff("annex_i_product", old.annexIProduct?.description, new.annexIProduct?.description)
        diff("annex_i_section", old.annexISection?.rawValue, new.annexISection?.rawValue)
        diff("art6_3_exemption", old.art63Exemption?.description, new.art63Exemption?.description)
        diff("art6_3_reason", old.art63Reason, new.art63Reason)
        diff("profiling", old.profiling?.description, new.profiling?.description)
        diff("gpai", old.gpai?.description, new.gpai?.description)
        diff("interacts_with_people", old.interactsWithPeople?.description, new.interactsWithPeople?.description)
        diff("synthetic_content", old.syntheticContent?.description, new.syntheticContent?.description)
        diff("deepfake", old.deepfake?.description, new.deepfake?.description)
        diff("emotion_or_biometric_categorisation", old.emotionOrBiometricCategorisation?.description,
             new.emotionOrBiometricCategorisation?.description)
        diff("public_body", old.publicBody?.description, new.publicBody?.description)
        diff("public_authority", old.publicAuthority?.description, new.publicAuthority?.description)
        diff("rationale", old.rationale, new.rationale)
        return out
    }
}

// MARK: plain texts of the codes, for the trail

extension Art2Exclusion {
    /// Whether the code takes the system out of scope at step 2 (open source waits for step 7).
    func excludesAtOnce(role: OperatorRole?) -> Bool {
        switch self {
        case .military, .thirdCountryAuthority, .scientificResearch, .preMarketResearch: true
        case .personalUse: role == .deployer
        case .openSource: false
        }
    }

    var exclusionText: String {
        switch self {
        case .military: "used only for military, defence or national security purposes: outside the Act"
        case .thirdCountryAuthority: "used by a third-country public authority or international organisation under an international agreement: outside the Act"
        case .scientificResearch: "developed and put into service for the sole purpose of scientific research: outside the Act"
        case .preMarketResearch: "research, testing or development before being placed on the market: outside the Act"
        case .personalUse: "a natural person's purely personal, non-professional use: outside the Act"
        case .openSource: "released under a free and open-source licence, and not prohibited, high-risk or an Art. 50 system: outside the Act"
        }
    }
}

extension Art5Practice {
    var practiceText: String {
        switch self {
        case .a: "manipulation or deception causing significant harm"
        case .b: "exploiting vulnerabilities of age, disability or social or economic situation"
        case .c: "social scoring with detrimental treatment"
        case .d: "predicting criminal offences solely from profiling or personality traits"
        case .e: "untargeted scraping of facial images"
        case .f: "emotion recognition in the workplace or education"
        case .g: "biometric categorisation inferring sensitive characteristics"
        case .h: "real-time remote biometric identification in public spaces for law enforcement"
        case .intimate: "generating realistic intimate or sexually explicit images, video or audio of an identifiable person without their explicit consent, or child sexual abuse material, as its intended purpose or a foreseeable outcome without adequate safeguards (provider), or using it for that (deployer)"
        }
    }
}

extension Art63Condition {
    var conditionText: String {
        switch self {
        case .a: "a narrow procedural task"
        case .b: "improves the result of a completed human activity"
        case .c: "detects decision-making patterns without replacing the human assessment"
        case .d: "a preparatory task to an assessment"
        }
    }
}

extension Art50Function {
    var functionText: String {
        switch self {
        case .interacts: "interacts directly with natural persons"
        case .syntheticContent: "generates synthetic audio, image, video or text"
        case .emotionOrBiometric: "an emotion recognition or biometric categorisation system"
        case .deepfake: "generates or manipulates deep fakes"
        case .publicInterestText: "text published to inform the public on matters of public interest"
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
