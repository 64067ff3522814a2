import AIGovCore
import Foundation
import Yams

/// Writes records in the interchange format, so that `get -o yaml` → edit → `apply -f` round-trips.
public enum RecordWriter {
    /// A YAML stream: one document per record, separated by `---`.
    ///
    /// The tree is built by `YAMLTreeEncoder` (linear; Yams' `YAMLEncoder` copies a list on
    /// every item it appends) and emitted by Yams with the options `YAMLEncoder` was given.
    public static func yaml<T: Encodable>(_ records: [T]) throws -> String {
        var out = ""
        for (i, r) in records.enumerated() {
            if i > 0 { out += "---\n" }
            out += try Yams.serialize(node: YAMLTreeEncoder.encode(r), indent: 2, width: -1, allowUnicode: true, sortKeys: false)
        }
        return out
    }

    /// Pretty JSON with sorted keys: a list of records, or one object when `single`.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// `aigov set ID key=value…`: dotted-key edits validated exactly like a file.
public enum FieldSetter {
    /// One `key=value` assignment.
    public struct Assignment: Sendable, Equatable {
        public var path: String
        public var parts: [PathParser.Part]
        public var value: String
    }

    /// Parses `key=value` arguments; problems name the argument.
    public static func parse(_ args: [String]) -> ([Assignment], [InputProblem]) {
        var out: [Assignment] = []
        var problems: [InputProblem] = []
        for a in args {
            guard let eq = a.firstIndex(of: "=") else {
                problems.append(InputProblem(file: "set", path: a, message: "expected key=value"))
                continue
            }
            let key = String(a[..<eq])
            guard let parts = PathParser.parse(key), case let .key(first)? = parts.first else {
                problems.append(InputProblem(file: "set", path: key, message: "expected a dotted key such as eu_ai_act.tier or models[0].version"))
                continue
            }
            if first == "id" || first == "kind" {
                problems.append(InputProblem(file: "set", path: key, message: "\(first) cannot be changed with set (it is the record's identity)"))
                continue
            }
            out.append(Assignment(path: key, parts: parts, value: String(a[a.index(after: eq)...])))
        }
        return (out, problems)
    }

    /// Applies the assignments to `system` and re-reads the result strictly.
    ///
    /// A value is taken as plain YAML text (`5.10` stays the string `5.10`, an empty value
    /// or `null` removes the key), except that one starting with `[` or `{` is read as a
    /// YAML flow list or mapping (`tags=[credit, retail]`). An index one past the end of a
    /// list appends an entry (`oversight[1].mechanism=…`).
    public static func apply(_ assignments: [Assignment], to system: AISystem) throws -> AISystem {
        var root = try NodeEncoder().encode(system)
        var bad: [InputProblem] = []
        for a in assignments {
            let value: Node
            do {
                value = try valueNode(a.value)
            } catch {
                bad.append(InputProblem(file: "set", path: a.path, message: "value is not valid YAML: \(error)"))
                continue
            }
            if let message = set(&root, a.parts[...], value) {
                bad.append(InputProblem(file: "set", path: a.path, message: message))
            }
        }
        if !bad.isEmpty { throw InputRejected(bad) }
        let sink = ProblemSink(file: "set")
        let result = RecordReader.system(root, path: "", sink: sink)
        if !sink.problems.isEmpty { throw InputRejected(sink.problems) }
        guard let result else { throw InputRejected([]) }
        return result
    }

    static func valueNode(_ text: String) throws -> Node {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
            var problems: [(path: String, line: Int, message: String)] = []
            var budget = 10_000
            guard let y = try Yams.compose(yaml: trimmed, .basic) else { return Node(.scalar("", plain: true)) }
            return try Node.from(y, path: "", budget: &budget, problems: &problems)
        }
        return Node(.scalar(text, plain: true))
    }

    /// Sets `value` at `parts` inside `node`, creating mappings on the way; returns an error message or nil.
    static func set(_ node: inout Node, _ parts: ArraySlice<PathParser.Part>, _ value: Node) -> String? {
        guard let first = parts.first else {
            node = value
            return nil
        }
        let rest = parts.dropFirst()
        switch first {
        case let .key(k):
            if node.isNull { node = Node(.map([])) }
            guard case var .map(entries) = node.kind else { return "\(k): cannot set a key inside \(node.typeName)" }
            if let i = entries.firstIndex(where: { $0.key == k }) {
                if let err = set(&entries[i].value, rest, value) { return err }
                if rest.isEmpty, value.isNull { entries.remove(at: i) }
            } else {
                var child = Node(.scalar("", plain: true))
                if let err = set(&child, rest, value) { return err }
                if !child.isNull { entries.append((k, child)) }
            }
            node.kind = .map(entries)
        case let .index(i):
            if node.isNull { node = Node(.list([])) }
            guard case var .list(items) = node.kind else { return "[\(i)]: cannot index into \(node.typeName)" }
            if i < items.count {
                if let err = set(&items[i], rest, value) { return err }
                if rest.isEmpty, value.isNull { items.remove(at: i) }
            } else if i == items.count {
                var child = Node(.scalar("", plain: true))
                if let err = set(&child, rest, value) { return err }
                items.append(child)
            } else {
                return "index \(i) is past the end of the list (it has \(items.count) entries; use \(items.count) to append)"
            }
            node.kind = .list(items)
        }
        return nil
    }
}
