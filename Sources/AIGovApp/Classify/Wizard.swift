import AIGovCore
import AIGovRules

/// The guided classification as a state machine: which step is shown, which answers are given,
/// which steps the answers make irrelevant, and the outcome at the end. The console's wizard
/// and `aigov classify ID` on a terminal both drive this one type; they only draw it and map
/// keys to its moves. Writing is `Workspace.classify`, one transaction and one audit entry.
public struct ClassificationWizard: Sendable, Equatable {
    /// The system as stored when the wizard opened.
    public let system: AISystem
    /// The answers so far, with assessor and date.
    public private(set) var classification: Classification
    /// The step shown (an index into `visibleSteps`); `visibleSteps.count` is the review.
    public private(set) var position = 0

    /// Starts from the system's own answers, if it has any, dated `today` and signed by `assessor`.
    public init(system: AISystem, today: Day, assessor: String) {
        self.system = system
        var c = system.classification ?? Classification(assessed: today, assessor: assessor)
        c.questionnaire = Questionnaire.version
        c.assessed = today
        c.assessor = assessor
        if c.answers == nil { c.answers = ClassificationAnswers() }
        classification = c
    }

    // MARK: steps

    /// The steps the answers so far make relevant, in order. After "not an AI system" (or
    /// unsure) and after an exclusion that takes the system out of the Act, nothing else is
    /// asked; with no Annex III point, or with profiling, Art. 6(3) is not asked.
    public var visibleSteps: [QuestionStep] {
        Questionnaire.steps.filter { step in
            switch step.id {
            case .role, .aiSystem: true
            case .excluded: answers.aiSystem == .yes
            case .art63: !stopped && !answers.annexIII.isEmpty && answers.profiling != true
            default: !stopped
            }
        }
    }

    /// The questions of a step that the answers make relevant.
    public func questions(of step: QuestionStep) -> [Question] {
        step.questions.filter { q in
            switch q {
            case .safetyComponent, .thirdPartyAssessment: !(answers.annexI?.legislation ?? []).isEmpty
            case .lawEnforcementOrMigration: answers.annexIII.contains { $0.areaNumber == 1 }
            case .publicAuthority, .publicService: effectiveRole == .deployer || effectiveRole == nil
            default: true
            }
        }.map(Questionnaire.question)
    }

    /// The step shown, or nil at the review.
    public var current: QuestionStep? { position < visibleSteps.count ? visibleSteps[position] : nil }
    public var atReview: Bool { current == nil }
    /// "step 3 of 8".
    public var progress: (step: Int, of: Int) { (min(position + 1, visibleSteps.count + 1), visibleSteps.count + 1) }

    public mutating func next() { position = min(position + 1, visibleSteps.count) }
    public mutating func back() { position = max(position - 1, 0) }

    /// Whether answers so far end the questionnaire early (CLASSIFY.md steps 1 and 2).
    var stopped: Bool {
        guard answers.aiSystem == .yes else { return true }
        let role = effectiveRole
        return answers.excluded.contains { e in
            switch e {
            case .military, .thirdCountryAuthority, .scientificResearch, .preMarketResearch: true
            case .personalUse: role == .deployer
            case .openSource: false
            }
        }
    }

    var answers: ClassificationAnswers { classification.answers ?? ClassificationAnswers() }
    var effectiveRole: OperatorRole? { classification.role ?? system.euAiAct?.role }

    // MARK: answers

    /// The codes picked for a question (`true`/`false` for yes/no; empty when unanswered).
    public func selected(_ q: QuestionID) -> [String] {
        let a = answers
        func bool(_ b: Bool?) -> [String] { b.map { [$0 ? "true" : "false"] } ?? [] }
        switch q {
        case .role: return effectiveRole.map { [$0.rawValue] } ?? []
        case .aiSystem: return a.aiSystem.map { [$0.rawValue] } ?? []
        case .excluded: return a.excluded.map(\.rawValue)
        case .prohibited: return a.prohibited.map(\.rawValue)
        case .annexILegislation: return (a.annexI?.legislation ?? []).map(\.rawValue)
        case .safetyComponent: return bool(a.annexI?.safetyComponent)
        case .thirdPartyAssessment: return bool(a.annexI?.thirdPartyAssessment)
        case .annexIII: return a.annexIII.map(\.rawValue)
        case .profiling: return bool(a.profiling)
        case .art63: return a.art63.map(\.rawValue)
        case .transparency: return a.transparency.map(\.rawValue)
        case .gpai: return bool(a.gpai)
        case .publicAuthority: return bool(a.publicAuthority)
        case .publicService: return bool(a.publicService)
        case .lawEnforcementOrMigration: return bool(a.lawEnforcementOrMigration)
        }
    }

    /// Picks `code` for a question: a list toggles it, a choice or yes/no takes it (picking the
    /// chosen one again leaves the question unanswered). Unknown codes are ignored.
    public mutating func pick(_ q: QuestionID, _ code: String) {
        var a = answers
        let on = !selected(q).contains(code)
        func toggle<E: FormatEnum>(_ list: inout [E]) {
            guard let v = E(rawValue: code) else { return }
            if on { list.append(v) } else { list.removeAll { $0 == v } }
            // Keep the order the options are listed in, so the record does not depend on the order of clicks.
            list.sort { (E.allCases.firstIndex(of: $0) ?? E.allCases.endIndex) < (E.allCases.firstIndex(of: $1) ?? E.allCases.endIndex) }
        }
        let bool: Bool? = on ? (code == "true" ? true : code == "false" ? false : nil) : nil
        switch q {
        case .role:
            classification.role = on ? OperatorRole(rawValue: code) : nil
        case .aiSystem: a.aiSystem = on ? AISystemAnswer(rawValue: code) : nil
        case .excluded: toggle(&a.excluded)
        case .prohibited: toggle(&a.prohibited)
        case .annexILegislation:
            var i = a.annexI ?? AnnexIAnswers()
            toggle(&i.legislation)
            a.annexI = i
        case .safetyComponent:
            var i = a.annexI ?? AnnexIAnswers()
            i.safetyComponent = bool
            a.annexI = i
        case .thirdPartyAssessment:
            var i = a.annexI ?? AnnexIAnswers()
            i.thirdPartyAssessment = bool
            a.annexI = i
        case .annexIII: toggle(&a.annexIII)
        case .profiling: a.profiling = bool
        case .art63: toggle(&a.art63)
        case .transparency: toggle(&a.transparency)
        case .gpai: a.gpai = bool
        case .publicAuthority: a.publicAuthority = bool
        case .publicService: a.publicService = bool
        case .lawEnforcementOrMigration: a.lawEnforcementOrMigration = bool
        }
        if q != .role { classification.answers = a }
        position = min(position, visibleSteps.count)
    }

    /// Sets the free-text note kept with the answers.
    public mutating func setNotes(_ text: String?) { classification.notes = text.flatMap { $0.isBlank ? nil : $0 } }

    // MARK: the end

    /// What the answers lead to, and the record they would make.
    public var result: ClassificationResult { ClassificationResult(system: system, classification: classification) }
}

/// A classification's outcome for one system, and the record it makes: the block stored as
/// given, the tier and derived flags written into `eu_ai_act` (CLASSIFY.md).
public struct ClassificationResult: Sendable, Equatable {
    public let before: AISystem
    public let after: AISystem
    public let outcome: ClassificationOutcome

    public init(system: AISystem, classification: Classification) {
        before = system
        var s = system
        s.classification = classification
        outcome = ClassificationOutcome.of(classification, recordedRole: system.euAiAct?.role)
        after = outcome.applied(to: s)
    }

    /// The recorded fields the outcome changes (CLASSIFY.md's `changes`; empty when the record agrees).
    public var flagChanges: [FlagChange] { outcome.changes(from: before) }

    /// Every field of the record that changes, old → new (the answers included).
    public var recordChanges: [FieldChange] { FieldDiff.changes(from: before, to: after) }
}
