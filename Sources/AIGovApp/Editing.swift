import AIGovCore
import AIGovFormats
import AIGovStore

/// The `edit` use case: `key=value` assignments to one system (`aigov set`, the console's edit
/// form), validated like a file and by the write-day policy (`ClassificationPolicy`: no date
/// after today where the rules read it), then written with the version check.
public enum Editing {
    /// `system` with `assignments` applied, or `InputRejected` listing every problem (paths as
    /// in the file format, `file` naming where the assignments came from).
    public static func applied(_ assignments: [String], to system: AISystem, today: Day, file: String = "set") throws -> AISystem {
        let (parsed, problems) = FieldSetter.parse(assignments)
        if !problems.isEmpty { throw InputRejected(problems) }
        let changed = try FieldSetter.apply(parsed, to: system)
        let late = ClassificationPolicy.problems(in: [(changed, SourceRef(file: file))], today: today)
        if !late.isEmpty { throw InputRejected(late) }
        return changed
    }

    /// Checks the assignments' syntax alone (before the registry is opened).
    public static func parseProblems(_ assignments: [String]) -> [InputProblem] {
        FieldSetter.parse(assignments).1
    }
}

extension Workspace {
    /// Applies `assignments` to system `id` in one write with its audit entry; refused when the
    /// system is not at `ifVersion` (when given) or when the result does not validate.
    public func edit(id: String, assignments: [String], actor: String, ifVersion: Int? = nil, file: String = "set") throws -> ChangeOutcome {
        try registry.update(id: id, actor: actor, ifVersion: ifVersion) { system in
            try Editing.applied(assignments, to: system, today: today, file: file)
        }
    }
}
