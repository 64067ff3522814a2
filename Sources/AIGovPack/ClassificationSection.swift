import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules

/// The Art. 6(4) documentation of a system's classification in the audit pack: the answers,
/// who gave them and when, the questionnaire version, and the trail to the tier — the same
/// report `aigov classify ID -o json` prints (AIGovApp's `ClassificationReport`).
enum ClassificationSection {
    /// `systems/ID/classification.json`, for a system that carries a classification.
    static func json(_ s: AISystem) throws -> String? {
        guard let c = s.classification else { return nil }
        let result = ClassificationResult(system: s, classification: c)
        return try RecordWriter.json(ClassificationDocument(report: ClassificationReport(system: s, classification: c, result: result),
                                                            classification: c))
    }

    /// The technical documentation's section: the answers as given and the outcome they lead to.
    static func section(_ s: AISystem) -> Document.Section {
        guard let c = s.classification else {
            return .init(title: "Classification (Art. 6(4))", blocks: [
                .para("No guided classification is recorded; the tier \(s.tier.rawValue) was entered directly."),
            ])
        }
        let r = ClassificationResult(system: s, classification: c)
        let o = r.outcome
        var blocks: [Document.Block] = [.facts([
            ("Questionnaire", c.questionnaire), ("Assessed", c.assessed.description), ("Assessor", c.assessor),
            ("Role", (c.role ?? s.euAiAct?.role)?.rawValue), ("Outcome tier", o.tier.rawValue),
            ("Recorded tier", s.tier.rawValue), ("Notes", c.notes),
        ])]
        blocks.append(.heading("Trail"))
        blocks.append(.table(["Article", "Step"], o.trail.map { [$0.article, $0.text] }))
        blocks.append(.heading("Answers"))
        let a = c.answers ?? ClassificationAnswers()
        func yn(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "(unanswered)" }
        func codes(_ l: [String]) -> String { l.isEmpty ? "none" : l.joined(separator: ", ") }
        blocks.append(.table(["Question", "Answer"], [
            ["AI system (Art. 3(1))", a.aiSystem?.rawValue ?? "(unanswered)"],
            ["Art. 2 exclusions", codes(a.excluded.map(\.rawValue))],
            ["Art. 5 practices", codes(a.prohibited.map(\.rawValue))],
            ["Annex I legislation", codes((a.annexI?.legislation ?? []).map(\.rawValue))],
            ["Safety component (Art. 6(1)(a))", yn(a.annexI?.safetyComponent)],
            ["Third-party conformity assessment (Art. 6(1)(b))", yn(a.annexI?.thirdPartyAssessment)],
            ["Annex III points", codes(a.annexIII.map(\.rawValue))],
            ["Profiling", yn(a.profiling)],
            ["Art. 6(3) conditions", codes(a.art63.map(\.rawValue))],
            ["Art. 50 functions", codes(a.transparency.map(\.rawValue))],
            ["General-purpose AI model", yn(a.gpai)],
            ["Public authority", yn(a.publicAuthority)],
            ["Private body providing a public service", yn(a.publicService)],
            ["Law enforcement or migration", yn(a.lawEnforcementOrMigration)],
        ]))
        blocks.append(.heading("Obligations derived"))
        blocks.append(.facts([
            ("Fundamental rights impact assessment (Art. 27)", o.obligations.friaRequired ? "required" : "not required"),
            ("EU database registration (Art. 49)", o.obligations.registration.rawValue),
            ("Transparency duties (Art. 50)", o.obligations.transparency.isEmpty ? "none" : o.obligations.transparency.joined(separator: ", ")),
        ]))
        let changes = r.flagChanges
        if !changes.isEmpty {
            blocks.append(.heading("Where the record differs from the answers"))
            blocks.append(.table(["Field", "Recorded", "From the answers"], changes.map { [$0.field, $0.from ?? "", $0.to ?? ""] }))
        }
        return .init(title: "Classification (Art. 6(4))", blocks: blocks)
    }
}

/// The outcome report with the answers as given beside it.
struct ClassificationDocument: Encodable {
    let report: ClassificationReport
    let classification: Classification
    enum Key: String, CodingKey { case outcome, classification }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(report, forKey: .outcome)
        try c.encode(classification, forKey: .classification)
    }
}
