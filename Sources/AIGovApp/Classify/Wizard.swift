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
    /// List questions answered with "none of these" (`noneCode`): an empty list that was
    /// chosen, not one left alone.
    public private(set) var answeredNone: Set<QuestionID> = []

    /// The code of the "none of these" option every list question offers in the wizard. It is
    /// not stored: it stands for the empty list, picked on purpose.
    public static let noneCode = "none"

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

    /// Whether the step shown has an answer to go on with: at least one of its questions has
    /// an option ticked ("none of these" counts). Faces do not move on from a step with nothing
    /// ticked (an Enter pressed too soon must not skip a question); the review always has one.
    public var currentStepAnswered: Bool {
        guard let step = current else { return true }
        return questions(of: step).contains { !ticked($0.id).isEmpty }
    }

    /// What to do on a step with nothing ticked, in words for a status line.
    public static let unansweredHint = "nothing is ticked on this step: tick an option with Space (\"none of these\" when none applies), then Enter"

    /// The options the wizard offers for a question: the question's own, and for a list
    /// question "none of these" last.
    public func options(of q: Question) -> [AnswerOption] {
        guard case .multi = q.kind else { return q.options }
        return q.options + [AnswerOption(Self.noneCode, "none of these", "None of the options applies: the list stays empty.")]
    }

    /// The codes ticked for a question as the wizard shows them: `selected`, or `noneCode` for
    /// a list answered with "none of these".
    public func ticked(_ q: QuestionID) -> [String] {
        let picked = selected(q)
        return picked.isEmpty && answeredNone.contains(q) ? [Self.noneCode] : picked
    }
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
        if code == Self.noneCode, case .multi = Questionnaire.question(q).kind {
            // "None of these": the list is emptied, and the question counts as answered (picked again: unanswered).
            if answeredNone.contains(q) {
                answeredNone.remove(q)
            } else {
                for c in selected(q) { pick(q, c) }
                answeredNone.insert(q)
            }
            position = min(position, visibleSteps.count)
            return
        }
        answeredNone.remove(q)
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
