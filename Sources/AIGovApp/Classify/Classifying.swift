import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// The classification policy every face applies before a classification is written: the
/// block is read as strictly as any record (AIGovFormats), and its `assessed` date may not
/// lie after the day of the write (CLASSIFY.md).
public enum ClassificationPolicy {
    /// Problems of the classifications among `systems` that the reader cannot see: an
    /// `assessed` date after `today`.
    public static func problems(in systems: [(system: AISystem, source: SourceRef)], today: Day) -> [InputProblem] {
        systems.compactMap { s, src in
            guard let c = s.classification, c.assessed > today else { return nil }
            let path = "classification.assessed"
            return InputProblem(file: src.file, path: path, line: src.line(of: path), message: futureMessage(c.assessed, today: today))
        }
    }

    /// Problems of one classification given for a system (`--answers`, the wizard).
    public static func problems(_ system: AISystem, file: String, today: Day) -> [InputProblem] {
        var out = RecordValidation.problems(system, file: file)
        if let c = system.classification, c.assessed > today {
            out.append(InputProblem(file: file, path: "classification.assessed", message: futureMessage(c.assessed, today: today)))
        }
        return out
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

    static func futureMessage(_ day: Day, today: Day) -> String {
        "\(day) is after today (\(today)); answers cannot be dated in the future"
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
