import AIGovCore
@testable import AIGovRules

/// A date from `YYYY-MM-DD`; tests only.
func day(_ text: String) -> Day { Day(text)! }

/// The "today" of every example: 2026-11-24.
let today = day("2026-11-24")
/// The default context: today, amended timeline.
let context = RuleContext(today: today)

/// Findings of one built-in rule for one system, before status decision.
func run(_ rule: String, _ system: AISystem, on date: Day = today) -> [Finding] {
    RuleCatalog.rule(id: rule)!.evaluate(system, context: RuleContext(today: date))
}

func model(
    _ name: String, provider: String, version: String? = nil, license: String? = nil,
    hosting: Hosting? = nil, role: ModelRole? = nil, rationale: String? = nil,
    alternatives: [String] = [], endOfLife: String? = nil, technique: Technique? = nil
) -> Model {
    var m = Model(name: name, provider: provider)
    m.version = version
    m.license = license
    m.hosting = hosting
    m.role = role
    m.rationale = rationale
    m.alternatives = alternatives
    m.endOfLife = endOfLife.map(day)
    m.technique = technique
    return m
}

func fallback(
    _ strategy: FallbackStrategy, usesAI: Bool?, model: String? = nil, target: String? = nil,
    owner: String? = nil, runbook: String? = nil, lastTested: String? = nil
) -> Fallback {
    var f = Fallback()
    f.strategy = strategy
    f.usesAI = usesAI
    f.model = model
    f.target = target
    f.owner = owner
    f.runbook = runbook
    f.lastTested = lastTested.map(day)
    return f
}

func dataset(
    _ name: String, source: String? = nil, license: String? = nil, purpose: [DataPurpose] = [],
    personal: Bool? = nil, special: Bool? = nil, lawfulBasis: LawfulBasis? = nil,
    limitations: String? = nil, derivedFrom: [String] = []
) -> Dataset {
    var d = Dataset(name: name)
    d.source = source
    d.license = license
    d.purpose = purpose
    d.personalData = personal
    d.specialCategory = special
    d.lawfulBasis = lawfulBasis
    d.knownLimitations = limitations
    d.derivedFrom = derivedFrom
    return d
}

func oversight(_ mechanism: String, who: String? = nil, canStop: Bool? = nil, lastTested: String? = nil) -> Oversight {
    var o = Oversight(mechanism: mechanism)
    o.who = who
    o.canStop = canStop
    o.lastTested = lastTested.map(day)
    return o
}

func evidence(_ kind: EvidenceKind) -> Evidence { Evidence(title: kind.rawValue, kind: kind) }

func risk(_ description: String, mitigation: String? = nil) -> Risk {
    var r = Risk(description: description)
    r.mitigation = mitigation
    return r
}

/// The systems of the product spec's `examples/` (copied into Tests/AIGovCLITests/Fixtures/examples), built by hand.
enum Examples {
    static let supportChatbot: AISystem = {
        var s = AISystem(id: "support-chatbot", name: "Customer support assistant", owner: "digital-channels", status: .production)
        s.purpose = "Answer customer questions about orders and returns on the website"
        s.contact = "chat-team@example.com"
        s.tags = ["genai", "customer-facing"]
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .limited
        act.gpai = true
        act.interactsWithPeople = true
        act.syntheticContent = true
        act.rationale = "Chatbot that talks to customers; no Annex III use."
        s.euAiAct = act
        var impact = Impact()
        impact.decisions = "Answers questions; can issue return labels"
        impact.affectedGroups = ["customers"]
        s.impact = impact
        s.models = [
            model("frontier-chat", provider: "BigLab AI", version: "latest", license: "proprietary", hosting: .api, role: .primary),
            model("frontier-chat-mini", provider: "BigLab AI", version: "2026-06-01", license: "proprietary",
                  hosting: .api, role: .fallback, endOfLife: "2026-10-31"),
        ]
        s.datasets = [dataset("help-centre-articles", source: "CMS export", license: "internal", purpose: [.retrieval], personal: false)]
        var f = fallback(.alternateModel, usesAI: true, model: "frontier-chat-mini",
                         target: "smaller model from the same vendor", owner: "digital-channels")
        f.trigger = .providerOutage
        f.rtoMinutes = 5
        s.fallbacks = [f]
        return s
    }()

    static let cvScreening: AISystem = {
        var s = AISystem(id: "cv-screening", name: "CV pre-screening", owner: "people-analytics", status: .pilot)
        s.purpose = "Shortlist job applicants for recruiters"
        s.tags = ["hr"]
        var act = EUAIAct()
        act.role = .provider
        act.tier = .high
        act.annexIII = .employment
        act.profiling = true
        act.gpai = true
        act.rationale = "Filters job applications (Annex III, point 4(a))."
        act.conformity = .notStarted
        s.euAiAct = act
        s.models = [model("embed-ranker", provider: "OpenWeights Collective", version: "", license: "unknown",
                          hosting: .selfHosted, role: .primary)]
        s.datasets = [dataset("past-applications", source: "applicant tracking system", purpose: [.fineTuning],
                              personal: true, special: true)]
        var o = oversight("Recruiters see the shortlist", who: "recruiter", canStop: false)
        o.type = .onTheLoop
        s.oversight = [o]
        return s
    }()

    static let workplaceMood: AISystem = {
        var s = AISystem(id: "workplace-mood", name: "Call-centre mood monitor", owner: "contact-centre-ops", status: .development)
        s.purpose = "Infer agents' emotions from their voice to schedule breaks"
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .prohibited
        act.emotionOrBiometricCategorisation = true
        act.rationale = "Emotion recognition in the workplace."
        s.euAiAct = act
        s.models = [model("voice-affect", provider: "AffectCo", version: "4.1", license: "proprietary", hosting: .api, role: .primary)]
        return s
    }()

    static let loanScoring: AISystem = {
        var s = AISystem(id: "loan-scoring", name: "Consumer loan default scoring", owner: "credit-risk-analytics", status: .production)
        s.purpose = "Rank consumer loan applications by default risk so underwriters can prioritise review"
        s.contact = "credit-ai@example.com"
        s.tags = ["credit", "scoring", "retail-banking"]
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .high
        act.annexIII = .essentialServices
        act.annexIProduct = false
        act.art63Exemption = false
        act.profiling = true
        act.gpai = false
        act.interactsWithPeople = false
        act.syntheticContent = false
        act.deepfake = false
        act.emotionOrBiometricCategorisation = false
        act.publicBody = false
        act.rationale = "Evaluates the creditworthiness of natural persons (Annex III, point 5(b))."
        act.euDatabaseId = nil
        act.conformity = .notRequired
        s.euAiAct = act
        var impact = Impact()
        impact.decisions = "Approves small loans automatically; refers the rest to an underwriter"
        impact.affectedGroups = ["loan applicants", "co-signers"]
        impact.stakeholdersConsulted = ["consumer advisory panel", "data protection officer", "works council"]
        impact.explanation = "Every applicant receives the three factors that weighed most in the score."
        impact.appeal = "Applicants can contest a decision by phone or letter; an underwriter who did not make the first decision reviews it within ten working days."
        s.impact = impact
        var review = Review()
        review.lastReviewed = day("2026-09-15")
        review.intervalDays = 180
        review.reviewer = "model-risk-committee"
        s.review = review
        s.models = [
            model("scorecard-gbm", provider: "internal", version: "3.2.1", license: "proprietary", hosting: .selfHosted,
                  role: .primary, rationale: "Gradient-boosted trees reach the AUC target with monotonic constraints and stay explainable; larger models gave no lift.",
                  alternatives: ["logistic regression scorecard", "hosted LLM classifier"]),
            model("scorecard-logit", provider: "internal", version: "1.9.0", license: "proprietary", hosting: .selfHosted,
                  role: .fallback, rationale: "Previous regulator-approved scorecard kept warm as fallback."),
        ]
        s.models[0].parameters = "400 trees"
        s.datasets = [
            dataset("loan-history-2015-2024", source: "internal data warehouse, table loans.history", license: "internal",
                    purpose: [.training], personal: true, special: false, lawfulBasis: .legitimateInterests,
                    limitations: "Under-represents applicants younger than 21 and thin-file customers."),
            dataset("loan-holdout-2025", source: "internal data warehouse, table loans.history", license: "internal",
                    purpose: [.testing], personal: true, special: false, lawfulBasis: .legitimateInterests,
                    derivedFrom: ["loan-history-2015-2024"]),
        ]
        s.datasets[0].collected = "2015-01-01..2024-12-31"
        s.datasets[1].collected = "2025-01-01..2025-06-30"
        var o = oversight("Underwriters review every referred application and may override the score with a recorded reason.",
                          who: "senior underwriter", canStop: true, lastTested: "2026-08-20")
        o.type = .inTheLoop
        o.responseMinutes = 60
        s.oversight = [o]
        s.fallbacks = [
            fallback(.alternateModel, usesAI: true, model: "scorecard-logit", target: "previous scorecard",
                     owner: "credit-risk-analytics", runbook: "https://wiki.example.com/runbooks/scorecard-fallback",
                     lastTested: "2026-07-01"),
            fallback(.manualProcess, usesAI: false, target: "manual underwriting queue", owner: "underwriting-ops",
                     runbook: "https://wiki.example.com/runbooks/manual-underwriting", lastTested: "2026-07-01"),
        ]
        s.fallbacks[0].trigger = .modelFailure
        s.fallbacks[1].trigger = .qualityRegression
        s.risks = [
            risk("Thin-file applicants get less accurate scores and are refused more often",
                 mitigation: "Thin-file applications are always referred to an underwriter, never declined automatically"),
            risk("Score drift after changes in interest rates", mitigation: "Monthly population stability index with an alert above 0.2"),
        ]
        var auc = Metric(name: "AUC")
        auc.target = ">= 0.78"
        auc.value = "0.81"
        auc.measured = day("2026-09-01")
        var ratio = Metric(name: "approval rate ratio, applicants under 25 vs overall")
        ratio.group = "applicants under 25"
        ratio.target = ">= 0.8"
        ratio.value = "0.86"
        ratio.measured = day("2026-09-01")
        s.metrics = [auc, ratio]
        s.evidence = [evidence(.fria), evidence(.dpia), evidence(.instructionsForUse), evidence(.loggingPolicy)]
        return s
    }()

    static let codeAssistant: AISystem = {
        var s = AISystem(id: "code-assistant", name: "Internal code assistant", owner: "developer-productivity", status: .production)
        s.purpose = "Suggest code completions in the IDE for internal developers"
        s.contact = "devprod@example.com"
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .minimal
        act.gpai = true
        act.rationale = "Internal productivity tool; no decisions about people."
        s.euAiAct = act
        var impact = Impact()
        impact.decisions = "None; suggestions are accepted or ignored by the developer"
        impact.affectedGroups = ["internal developers"]
        impact.explanation = "Suggestions are marked as AI-generated in the editor."
        s.impact = impact
        var review = Review()
        review.lastReviewed = day("2026-10-01")
        review.intervalDays = 365
        s.review = review
        s.models = [model("coder-7b-q4", provider: "OpenWeights Collective", version: "2.5-q4_k_m", license: "Apache-2.0",
                          hosting: .onDevice, role: .primary,
                          rationale: "A 7B quantized model runs on laptops, keeps source code on the machine and meets the acceptance bar.",
                          alternatives: ["hosted frontier code model"])]
        s.fallbacks = [fallback(.disable, usesAI: false, target: "developers work without suggestions",
                                owner: "developer-productivity", lastTested: "2026-06-10")]
        return s
    }()

    static let invoiceOcr: AISystem = {
        var s = AISystem(id: "invoice-ocr", name: "Invoice data extraction", owner: "finance-ops", status: .proposed)
        s.purpose = "Read supplier invoices and fill the accounts-payable form"
        s.models = [model("doc-vision", provider: "CloudVision Inc", hosting: .api, role: .primary)]
        return s
    }()

    static let all = [supportChatbot, cvScreening, workplaceMood, loanScoring, codeAssistant, invoiceOcr]

    /// examples/waivers.yaml.
    static let waiver = Waiver(
        system: "support-chatbot", rule: "FBK-002",
        reason: "Contract with a second model vendor signed; switch-over planned for Q1",
        approvedBy: "head-of-risk", expires: day("2027-03-31"))
}

/// Baselines that every built-in rule passes; rule tests change one thing at a time.
enum Clean {
    /// High-risk deployer in production (loan-scoring as written).
    static let deployer = Examples.loanScoring

    /// High-risk provider in production with every document a provider needs.
    static let provider: AISystem = {
        var s = Examples.loanScoring
        s.id = "clean-provider"
        s.euAiAct?.role = .provider
        s.euAiAct?.conformity = .done
        s.euAiAct?.euDatabaseId = "EU-DB-0001"
        s.evidence += [
            .riskAssessment, .technicalDocumentation, .qms, .conformityDeclaration, .postMarketPlan, .testReport,
        ].map(evidence)
        return s
    }()

    /// Minimal-risk deployer in production that decides nothing about people (code-assistant with a runbook).
    static let minimal: AISystem = {
        var s = Examples.codeAssistant
        s.fallbacks[0].runbook = "https://wiki.example.com/runbooks/code-assistant"
        return s
    }()
}
