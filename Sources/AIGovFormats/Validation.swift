import AIGovCore

/// Validates a record made in code (the benchmark generator, importers) exactly as a file is
/// validated: it is encoded to the interchange tree and read back by the strict reader, so no
/// record reaches the registry that `apply -f` would refuse.
public enum RecordValidation {
    /// Every problem the reader finds in `system`, as `file:path: message`.
    public static func problems(_ system: AISystem, file: String) -> [InputProblem] {
        let root: Node
        do { root = try NodeEncoder().encode(system) } catch {
            return [InputProblem(file: file, path: "", message: "cannot encode the record: \(error)")]
        }
        let sink = ProblemSink(file: file)
        _ = RecordReader.system(root, path: "", sink: sink)
        return sink.problems
    }
}
