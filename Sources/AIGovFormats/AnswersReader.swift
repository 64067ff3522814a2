import AIGovCore
import Foundation

/// Reads `aigov classify ID --answers FILE|-`: one `classification` block (CLASSIFY.md), as a
/// mapping of its keys or under a top-level `classification` key, strictly like a record. A
/// script may leave out `questionnaire`, `assessed` and `assessor`: they default to the current
/// question set, the day of the write and the actor.
public enum AnswersReader {
    public static func read(_ data: Data, file: String, json: Bool, questionnaire: String, assessed: Day,
                            assessor: String) -> Result<Classification, InputRejected> {
        let roots: [Node]
        switch InputLoader.trees(data, file: file, json: json) {
        case let .failure(p): return .failure(InputRejected([p]))
        case let .success(r):
            if !r.problems.isEmpty {
                return .failure(InputRejected(r.problems.map { InputProblem(file: file, path: $0.path, line: $0.line > 0 ? $0.line : nil, message: $0.message) }))
            }
            roots = r.roots.filter { !$0.isNull }
        }
        guard roots.count == 1, var node = roots.first else {
            return .failure(InputRejected([InputProblem(file: file, path: "", message: "expected one classification block, found \(roots.count) documents")]))
        }
        let path = "classification"
        if let inner = node["classification"], case let .map(entries) = node.kind, entries.count == 1 { node = inner }
        guard case var .map(entries) = node.kind else {
            return .failure(InputRejected([InputProblem(file: file, path: path, line: node.line > 0 ? node.line : nil, message: "expected a mapping, got \(node.typeName)")]))
        }
        func fill(_ key: String, _ value: String) {
            if node[key] == nil || node[key]?.isNull == true {
                entries.removeAll { $0.key == key }
                entries.append((key, Node(.scalar(value, plain: false))))
            }
        }
        fill("questionnaire", questionnaire)
        fill("assessed", assessed.description)
        fill("assessor", assessor)
        node.kind = .map(entries)
        let sink = ProblemSink(file: file)
        guard let f = Fields(node, path: path, allowed: RecordCatalog.keys(in: .classification), sink: sink) else {
            return .failure(InputRejected(sink.problems))
        }
        let c = RecordReader.classification(f)
        return sink.problems.isEmpty ? .success(c) : .failure(InputRejected(sink.problems))
    }
}
