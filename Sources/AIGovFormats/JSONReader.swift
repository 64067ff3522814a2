import Foundation
/// A strict JSON (RFC 8259) reader that yields the same `Node` tree as the YAML reader.
///
/// Files ending in `.json` are read with it rather than with libyaml: YAML would accept
/// comments, single quotes, trailing commas and `.nan`, and libyaml refuses the surrogate-pair
/// escapes (`"\ud83d\ude00"`) that JSON writers emit for characters outside the BMP.
/// Foundation's `JSONSerialization` is not used because the reader needs what it throws away:
/// each value's line (for `file:path` messages and SARIF), the exact text of numbers (`5.10`
/// stays `5.10`), key order and duplicate keys.
struct JSONReader {
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var budget = InputLimits.maxNodes
    /// Duplicate keys, reported as problems (with their paths) like the YAML reader does.
    private(set) var duplicates: [(path: String, line: Int, message: String)] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document; anything after it but white space is an error.
    static func parse(_ bytes: [UInt8]) throws -> (root: Node, problems: [(path: String, line: Int, message: String)]) {
        var r = JSONReader(bytes)
        // A UTF-8 byte order mark is tolerated, as most JSON readers do.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r.i = 3 }
        r.skipSpace()
        let root = try r.value(path: "", depth: 0)
        r.skipSpace()
        if r.i < r.bytes.count { throw r.fail("unexpected text after the JSON value") }
        return (root, r.duplicates)
    }

    /// Parses a stream of JSON documents one after another (concatenated responses, as
    /// `curl a; curl b` writes them); white space may separate them. Empty input gives none.
    static func parseStream(_ bytes: [UInt8]) throws -> (roots: [Node], problems: [(path: String, line: Int, message: String)]) {
        var r = JSONReader(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r.i = 3 }
        var roots: [Node] = []
        r.skipSpace()
        while r.i < r.bytes.count {
            roots.append(try r.value(path: roots.isEmpty ? "" : "[\(roots.count)]", depth: 0))
            r.skipSpace()
        }
        return (roots, r.duplicates)
    }

    private func fail(_ message: String) -> Failure {
        Failure(line: line, column: i - lineStart + 1, message: message)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    private mutating func value(path: String, depth: Int) throws -> Node {
        budget -= 1
        if budget < 0 { throw NodeError.tooLarge("the document has more than \(InputLimits.maxNodes) values") }
        if depth > InputLimits.maxDepth { throw NodeError.tooLarge(InputLimits.tooDeep) }
        guard i < bytes.count else { throw fail("unexpected end of input, expected a value") }
        let at = line
        let col = i - lineStart + 1
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(path: path, depth: depth)
        case UInt8(ascii: "["): return try array(path: path, depth: depth)
        case UInt8(ascii: "\""): return Node(.scalar(try string(), plain: false), line: at, column: col)
        case UInt8(ascii: "t"): try literal("true"); return Node(.scalar("true", plain: true), line: at, column: col)
        case UInt8(ascii: "f"): try literal("false"); return Node(.scalar("false", plain: true), line: at, column: col)
        case UInt8(ascii: "n"): try literal("null"); return Node(.scalar("null", plain: true), line: at, column: col)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return Node(.scalar(try number(), plain: true), line: at, column: col)
        case UInt8(ascii: "'"): throw fail("single quotes are not JSON; use double quotes")
        case UInt8(ascii: "/"): throw fail("comments are not JSON")
        default:
            throw fail("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw fail("expected a value (NaN, Infinity and bare words are not JSON)")
        }
        i += w.count
    }

    private mutating func object(path: String, depth: Int) throws -> Node {
        let at = line
        let col = i - lineStart + 1
        i += 1
        var entries: [(key: String, value: Node)] = []
        var seen: Set<String> = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return Node(.map(entries), line: at, column: col)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail(i < bytes.count && bytes[i] == UInt8(ascii: "}") ? "trailing comma before }" : "expected a key in double quotes")
            }
            let keyLine = line
            let keyColumn = i - lineStart + 1
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected : after the key") }
            i += 1
            skipSpace()
            let child = path.isEmpty ? key : "\(path).\(key)"
            var v = try value(path: child, depth: depth + 1)
            v.keyLine = keyLine
            v.keyColumn = keyColumn
            if seen.insert(key).inserted {
                entries.append((key, v))
            } else {
                duplicates.append((child, keyLine, "duplicate key \"\(key)\""))
            }
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input inside an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw fail("expected , or } in an object")
        }
        return Node(.map(entries), line: at, column: col)
    }

    private mutating func array(path: String, depth: Int) throws -> Node {
        let at = line
        let col = i - lineStart + 1
        i += 1
        var items: [Node] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return Node(.list(items), line: at, column: col)
        }
        while true {
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw fail("trailing comma before ]") }
            items.append(try value(path: "\(path)[\(items.count)]", depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input inside an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw fail("expected , or ] in an array")
        }
        return Node(.list(items), line: at, column: col)
    }

    /// A number's exact text, checked against JSON's grammar (no leading zeros, `+`, `.5` or hex).
    private mutating func number() throws -> String {
        let start = i
        func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - s
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("expected digits in a number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { throw fail("numbers may not have leading zeros") }
        } else {
            _ = digits()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { throw fail("expected digits after the decimal point") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { throw fail("expected digits in the exponent") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// A string literal: escapes decoded, surrogate pairs joined, lone surrogates and raw
    /// control characters refused.
    private mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if b < 0x20 { throw fail("a control character must be escaped in a JSON string") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { throw fail("unterminated string") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a high surrogate escape must be followed by a low surrogate escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid low surrogate escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("a low surrogate escape without a high surrogate before it")
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                UTF8.encode(u) { out.append($0) }
            default:
                throw fail("invalid escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        // The input was checked as UTF-8 before parsing, and escapes produce valid UTF-8.
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}

/// The strict JSON reader for other modules (the importers): one document or a stream of them,
/// as the `Node` tree the record reader walks. Strings are quoted scalars; numbers, `true`,
/// `false` and `null` are plain ones, with their text exactly as written.
public enum StrictJSON {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "malformed JSON at line \(line), column \(column): \(message)" }
    }

    /// The documents of `data`, and the duplicate keys found (path, line, message); throws
    /// `Failure` for malformed JSON or input over the limits.
    public static func parseStream(_ data: Data) throws -> (roots: [Node], duplicates: [(path: String, line: Int, message: String)]) {
        do {
            let r = try JSONReader.parseStream(Array(data))
            return (r.roots, r.problems)
        } catch let e as JSONReader.Failure {
            throw Failure(line: e.line, column: e.column, message: e.message)
        } catch let NodeError.tooLarge(message) {
            throw Failure(line: 0, column: 0, message: message)
        }
    }
}
