import Foundation
import Yams

/// One YAML or JSON document read into `Node`s, bounded like every input (size, nodes, NUL
/// bytes): the parse that small configuration files share (rule files, `soa.yaml`).
enum SingleDocument {
    /// The document's root, or nil with the problems in the sink (which later reading
    /// adds to). `expected` names what the file should hold (for an empty file) and `single`
    /// the one document it may hold (for a file of several).
    static func parse(data: Data, file: String, expected: String, single: String) -> (Node?, ProblemSink) {
        let sink = ProblemSink(file: file)
        func fail(_ message: String) -> (Node?, ProblemSink) {
            sink.problems.append(InputProblem(file: file, path: "", message: message))
            return (nil, sink)
        }
        if data.count > InputLimits.maxFileBytes {
            return fail("input is larger than \(InputLimits.maxFileBytes / 1_048_576) MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else { return fail("not valid UTF-8 text") }
        if text.utf8.contains(0) { return fail("contains a NUL byte") }
        var roots: [Node] = []
        var raw: [(path: String, line: Int, message: String)] = []
        do {
            var budget = InputLimits.maxNodes
            let parser = try Parser(yaml: text)
            while let doc = try parser.nextRoot() {
                roots.append(try Node.from(doc, path: "", budget: &budget, problems: &raw))
            }
        } catch let e as NodeError {
            if case let .tooLarge(msg) = e { return fail(msg) }
            return fail("malformed YAML/JSON")
        } catch let e as YamlError {
            sink.problems.append(InputLoader.yamlProblem(e, file: file))
            return (nil, sink)
        } catch {
            return fail("malformed YAML/JSON: \(error)")
        }
        for p in raw {
            sink.problems.append(InputProblem(file: file, path: p.path, line: p.line > 0 ? p.line : nil, message: p.message))
        }
        let docs = roots.filter { !$0.isNull }
        guard docs.count == 1, let root = docs.first else {
            if docs.isEmpty {
                sink.add("", nil, "expected \(expected), got an empty document")
            } else {
                sink.add("", docs[1], "expected \(single), got \(docs.count) (--- separated)")
            }
            return (nil, sink)
        }
        return (root, sink)
    }
}
