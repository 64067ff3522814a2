import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// The classification policy every face applies before a classification is written: the
/// block is read as strictly as any record (AIGovFormats), and its `assessed` date may not
/// lie after the day of the write (CLASSIFY.md); nor may the record's `eu_ai_act`
/// `on_market_since` and `significant_change` (FORMAT.md, rules v3).
public enum ClassificationPolicy {
    /// The dates of a record that may not lie after the day of the write, with their paths.
    static func writeDayBound(_ s: AISystem) -> [(path: String, day: Day)] {
        var out: [(path: String, day: Day)] = []
        if let c = s.classification { out.append(("classification.assessed", c.assessed)) }
        if let d = s.euAiAct?.onMarketSince { out.append(("eu_ai_act.on_market_since", d)) }
        if let d = s.euAiAct?.significantChange { out.append(("eu_ai_act.significant_change", d)) }
        return out
    }

    /// Problems of the records among `systems` that the reader cannot see: a date after `today`.
    public static func problems(in systems: [(system: AISystem, source: SourceRef)], today: Day) -> [InputProblem] {
        systems.flatMap { s, src in
            writeDayBound(s).filter { $0.day > today }.map {
                InputProblem(file: src.file, path: $0.path, line: src.line(of: $0.path), message: futureMessage($0.path, $0.day, today: today))
            }
        }
    }

    /// Problems of one record given for a system (`--answers`, the wizard, the edit form).
    public static func problems(_ system: AISystem, file: String, today: Day) -> [InputProblem] {
        RecordValidation.problems(system, file: file) + writeDayBound(system).filter { $0.day > today }.map {
            InputProblem(file: file, path: $0.path, message: futureMessage($0.path, $0.day, today: today))
        }
    }

    /// `classify -f`: the outcome of each record that carries a classification, and the record
    /// it makes, validated like any input (an assessed date after `today` included). Throws
    /// every problem of every record; nothing is returned half-checked.
    public static func results(for systems: [(system: AISystem, source: SourceRef)], today: Day) throws -> [ClassificationResult] {
        var problems = problems(in: systems, today: today)
        var out: [ClassificationResult] = []
        for (s, src) in systems {
            guard let c = s.classification else { continue }
            let r = ClassificationResult(system: s, classification: c)
            problems += RecordValidation.problems(r.after, file: src.file)
            out.append(r)
        }
        if !problems.isEmpty { throw InputRejected(problems) }
        return out
    }

    static func futureMessage(_ path: String, _ day: Day, today: Day) -> String {
        path.hasPrefix("classification.")
            ? "\(day) is after today (\(today)); answers cannot be dated in the future"
            : "\(day) is after today (\(today)); a date that has not come yet cannot be recorded"
    }
}

extension Workspace {
    /// Stores `classification` on system `id` with the tier and flags it derives: one
    /// transaction, one audit entry (the service layer's `update`). With `dryRun`, nothing is
    /// written and the result says what would change.
    public func classify(id: String, _ classification: Classification, actor: String, ifVersion: Int? = nil,
                         dryRun: Bool = false, file: String = "classify") throws -> (outcome: ChangeOutcome, result: ClassificationResult) {
        guard let stored = try registry.system(id: id) else { throw RegistryError.notFound(id: id) }
        let preview = ClassificationResult(system: stored.system, classification: classification)
        let problems = ClassificationPolicy.problems(preview.after, file: file, today: today)
        if !problems.isEmpty { throw InputRejected(problems) }
        if dryRun {
            let fields = preview.after.changedFields(from: stored.system)
            return (ChangeOutcome(kind: fields.isEmpty ? .unchanged : .changed, entity: "system", id: id, fields: fields,
                                  rowVersion: stored.rowVersion), preview)
        }
        var result = preview
        let outcome = try registry.update(id: id, actor: actor, ifVersion: ifVersion) { current in
            // Derived from the record as it is inside the transaction, not as it was read above.
            result = ClassificationResult(system: current, classification: classification)
            return result.after
        }
        return (outcome, result)
    }
}

extension ClassificationPolicy {
    /// `classify -f … --write|--dry-run`: applies each record with its derived tier and flags,
    /// all in one transaction (one audit entry per system that changes). A dry run against a
    /// registry that does not exist reports every record as created and creates nothing.
    /// `open(create)` opens the registry; `exists` says whether its file is there.
    public static func write(_ results: [ClassificationResult], actor: String, dryRun: Bool, exists: Bool,
                             open: (_ create: Bool) throws -> Registry) throws -> [ChangeOutcome] {
        if dryRun, !exists {
            return results.map { ChangeOutcome(kind: .created, entity: "system", id: $0.after.id, fields: [], rowVersion: 1) }
        }
        return try open(!dryRun).apply(systems: results.map(\.after), actor: actor, dryRun: dryRun)
    }
}
