import Yams

/// A parsed YAML/JSON value with its source line, the tree the strict reader walks.
///
/// Scalars keep their text exactly as written (`5.10` stays `5.10`) and whether they were
/// plain (unquoted), because only a plain `null`, `~` or empty scalar means null and only a
/// plain `true` is a boolean.
public struct Node: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case scalar(String, plain: Bool)
        case list([Node])
        case map([(key: String, value: Node)])

        public static func == (a: Kind, b: Kind) -> Bool {
            switch (a, b) {
            case let (.scalar(x, p), .scalar(y, q)): return x == y && p == q
            case let (.list(x), .list(y)): return x == y
            case let (.map(x), .map(y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }
    }

    public var kind: Kind
    /// 1-based line in the source, 0 when the node was not read from a file.
    public var line: Int
    /// 1-based column in the source, 0 when unknown.
    public var column: Int
    /// Where the key naming this value in its mapping starts (0 when it is not a mapping's
    /// value): problems about a field point at its key, as an engineer looks for it.
    public var keyLine = 0
    public var keyColumn = 0

    public init(_ kind: Kind, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// The position a problem about this value names: its key's when it has one, else its own.
    public var position: (line: Int, column: Int)? {
        if keyLine > 0 { return (keyLine, keyColumn) }
        return line > 0 ? (line, column) : nil
    }

    public var isNull: Bool {
        if case let .scalar(text, plain) = kind, plain {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The value at `key` of a mapping.
    public subscript(key: String) -> Node? {
        if case let .map(entries) = kind { return entries.first { $0.key == key }?.value }
        return nil
    }

    var typeName: String {
        switch kind {
        case .scalar: isNull ? "null" : "a scalar"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}

/// Limits that keep hostile input from exhausting memory or time (documented in the README).
public enum InputLimits {
    /// Largest file read, in bytes.
    public static let maxFileBytes = 16 * 1024 * 1024
    /// Most nodes one file may expand to, counting every use of a YAML alias.
    public static let maxNodes = 1_000_000
    /// Deepest nesting of lists and mappings.
    public static let maxDepth = 64
    /// `review.interval_days`: one day to a hundred years.
    public static let intervalDays = 1...36_500
    /// `response_minutes` and `rto_minutes`: up to ten million minutes (about 19 years).
    public static let minutes = 0...10_000_000

    /// The problem of a document past `maxNodes`, in every reader's words.
    static let tooManyValues = "the document expands to more than \(maxNodes) values (YAML aliases?)"
    /// The problem of a document past `maxDepth`.
    static let tooDeep = "nesting deeper than \(maxDepth) levels"
}

enum NodeError: Error {
    case tooLarge(String)
}

extension Node {
    /// Converts Yams' tree, reporting duplicate and non-scalar keys into `problems`,
    /// and refusing documents that expand past `InputLimits`.
    static func from(_ y: Yams.Node, path: String, budget: inout Int, depth: Int = 0,
                     problems: inout [(path: String, line: Int, message: String)]) throws -> Node {
        budget -= 1
        if budget < 0 {
            throw NodeError.tooLarge(InputLimits.tooManyValues)
        }
        if depth > InputLimits.maxDepth {
            throw NodeError.tooLarge(InputLimits.tooDeep)
        }
        let line = (y.mark?.line ?? 0)
        let column = (y.mark?.column ?? 0)
        switch y {
        case let .scalar(s):
            return Node(.scalar(s.string, plain: s.style == .plain || s.style == .any), line: line, column: column)
        case let .sequence(seq):
            var items: [Node] = []
            for (i, item) in seq.enumerated() {
                items.append(try from(item, path: "\(path)[\(i)]", budget: &budget, depth: depth + 1, problems: &problems))
            }
            return Node(.list(items), line: line, column: column)
        case let .mapping(map):
            var entries: [(key: String, value: Node)] = []
            var seen: Set<String> = []
            for (k, v) in map {
                guard case let .scalar(ks) = k else {
                    problems.append((path, k.mark?.line ?? line, "expected keys to be plain text, got a complex key"))
                    continue
                }
                let key = ks.string
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if !seen.insert(key).inserted {
                    problems.append((childPath, k.mark?.line ?? line, "duplicate key \"\(key)\""))
                    continue
                }
                var value = try from(v, path: childPath, budget: &budget, depth: depth + 1, problems: &problems)
                value.keyLine = k.mark?.line ?? 0
                value.keyColumn = k.mark?.column ?? 0
                entries.append((key, value))
            }
            return Node(.map(entries), line: line, column: column)
        case .alias:
            return Node(.scalar("", plain: true), line: line, column: column)
        }
    }
}
