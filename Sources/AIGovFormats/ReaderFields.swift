import Foundation
import AIGovCore

/// Collects problems while one document is read.
final class ProblemSink {
    let file: String
    var problems: [InputProblem] = []
    /// Reading records aigov itself wrote (the audit log's after-images): text and numbers are
    /// taken as recorded, since a record stored before a limit existed must still read back.
    let recorded: Bool
    init(file: String, recorded: Bool = false) {
        self.file = file
        self.recorded = recorded
    }

    func add(_ path: String, _ node: Node?, _ message: String) {
        let at = node?.position
        problems.append(InputProblem(file: file, path: path, line: at?.line, column: at.flatMap { $0.column > 0 ? $0.column : nil },
                                     message: message))
    }
}

/// Reads the fields of one mapping strictly: unknown keys, wrong types, bad enumerations
/// and bad dates all become problems with their full path; reading goes on to find the rest.
struct Fields {
    let path: String
    let node: Node
    let entries: [String: Node]
    let sink: ProblemSink

    /// Nil (after reporting) when `node` is not a mapping.
    init?(_ node: Node, path: String, allowed: [String], sink: ProblemSink) {
        guard case let .map(list) = node.kind else {
            sink.add(path, node, "expected a mapping, got \(node.typeName)")
            return nil
        }
        self.path = path
        self.node = node
        self.sink = sink
        var entries: [String: Node] = [:]
        for (k, v) in list {
            if allowed.contains(k) {
                entries[k] = v
            } else {
                sink.add(path.isEmpty ? k : "\(path).\(k)", v, "unknown key \"\(k)\" (expected one of \(allowed.joined(separator: ", ")))"
                         + Suggest.didYouMean(k, in: allowed))
            }
        }
        self.entries = entries
    }

    func sub(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The node at `key`, nil when absent or null.
    func value(_ key: String) -> Node? {
        guard let n = entries[key], !n.isNull else { return nil }
        return n
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let n = value(key) else {
            if required { sink.add(sub(key), entries[key] ?? node, "missing required key \"\(key)\"") }
            return nil
        }
        guard case let .scalar(text, _) = n.kind else {
            sink.add(sub(key), n, "expected text, got \(n.typeName)")
            return nil
        }
        if required, text.isBlank { sink.add(sub(key), n, "must not be empty") }
        if !sink.recorded, let bad = StoredText.problem(text) {
            sink.add(sub(key), n, bad)
            return nil
        }
        return text
    }

    func bool(_ key: String) -> Bool? {
        guard let n = value(key) else { return nil }
        if case let .scalar(text, plain) = n.kind {
            // Only an unquoted true/false is a boolean: "true" in quotes is text, as in JSON.
            switch (text, plain) {
            case ("true", true), ("True", true), ("TRUE", true): return true
            case ("false", true), ("False", true), ("FALSE", true): return false
            default: break
            }
            sink.add(sub(key), n, "expected true or false, got \(plain ? "" : "quoted text ")\"\(text)\"")
        } else {
            sink.add(sub(key), n, "expected true or false, got \(n.typeName)")
        }
        return nil
    }

    /// A whole number within `range`. Only an unquoted number counts (`"30"` in quotes is
    /// text), and every number in the format is bounded so that no later arithmetic on it can
    /// overflow.
    func int(_ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard let n = value(key) else { return nil }
        guard case let .scalar(text, plain) = n.kind, plain, let v = Int(text) else {
            if case let .scalar(text, false) = n.kind, Int(text) != nil {
                sink.add(sub(key), n, "expected a whole number, got quoted text \(describe(n))")
            } else {
                sink.add(sub(key), n, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(describe(n))")
            }
            return nil
        }
        guard range.contains(v) || sink.recorded else {
            sink.add(sub(key), n, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(v)")
            return nil
        }
        return v
    }

    func day(_ key: String, required: Bool = false) -> Day? {
        guard let n = value(key) else {
            if required { sink.add(sub(key), entries[key] ?? node, "missing required key \"\(key)\"") }
            return nil
        }
        guard case let .scalar(text, _) = n.kind, let d = Day(text) else {
            sink.add(sub(key), n, "expected a date YYYY-MM-DD, got \(describe(n))")
            return nil
        }
        return d
    }

    func enumValue<E: FormatEnum>(_ key: String, _: E.Type = E.self, required: Bool = false) -> E? {
        guard let n = value(key) else {
            if required { sink.add(sub(key), entries[key] ?? node, "missing required key \"\(key)\" (one of \(E.spellings))") }
            return nil
        }
        return Fields.enumValue(n, path: sub(key), sink: sink)
    }

    static func enumValue<E: FormatEnum>(_ n: Node, path: String, sink: ProblemSink) -> E? {
        guard case let .scalar(text, _) = n.kind, let v = E(rawValue: text) else {
            var hint = ""
            if case let .scalar(text, _) = n.kind { hint = Suggest.didYouMean(text, in: E.allCases.map(\.rawValue)) }
            sink.add(path, n, "expected one of \(E.spellings), got \(describe(n))" + hint)
            return nil
        }
        return v
    }

    /// A list of text; a single scalar is read as a one-item list only when `single` is set.
    func strings(_ key: String) -> [String] {
        items(key).compactMap { n, p in
            guard case let .scalar(text, _) = n.kind, !n.isNull else {
                sink.add(p, n, "expected text, got \(n.typeName)")
                return nil
            }
            if !sink.recorded, let bad = StoredText.problem(text) {
                sink.add(p, n, bad)
                return nil
            }
            return text
        }
    }

    /// A list of codes of `E` (CLASSIFY.md): each a scalar read as text (`[2]` is the point
    /// "2"); an unknown one is named by what it is, with the codes expected.
    func codes<E: FormatEnum>(_ key: String, what: String) -> [E] {
        items(key).compactMap { n, p in
            guard case let .scalar(text, _) = n.kind, !n.isNull else {
                sink.add(p, n, "expected a code, got \(n.typeName)")
                return nil
            }
            guard let v = E(rawValue: text) else {
                sink.add(p, n, "unknown \(what) \"\(text)\" (expected one of \(E.spellings))" + Suggest.didYouMean(text, in: E.allCases.map(\.rawValue)))
                return nil
            }
            return v
        }
    }

    /// The entries of a list with their paths; a missing or null key is an empty list.
    func items(_ key: String) -> [(Node, String)] {
        guard let n = value(key) else { return [] }
        guard case let .list(list) = n.kind else {
            sink.add(sub(key), n, "expected a list, got \(n.typeName)")
            return []
        }
        return list.enumerated().map { ($1, "\(sub(key))[\($0)]") }
    }

    /// The block of `scope` (`eu_ai_act` …), nil when absent or null; its key and the keys it
    /// allows are the catalog's.
    func object(_ scope: RecordScope) -> Fields? {
        guard let n = value(scope.key) else { return nil }
        return Fields(n, path: sub(scope.key), allowed: RecordCatalog.keys(in: scope), sink: sink)
    }

    /// The entries of the list of `scope` (`models` …) that are mappings; the others are
    /// reported. The list's key and the keys an entry allows are the catalog's. Lazy, so each
    /// entry's problems are reported in document order, after the previous entry's.
    func entries(_ scope: RecordScope) -> some Sequence<Fields> {
        let allowed = RecordCatalog.keys(in: scope)
        let sink = sink
        return items(scope.key).lazy.compactMap { Fields($0, path: $1, allowed: allowed, sink: sink) }
    }
}

func describe(_ n: Node) -> String {
    if case let .scalar(text, _) = n.kind, !n.isNull { return "\"\(text)\"" }
    return n.typeName
}
