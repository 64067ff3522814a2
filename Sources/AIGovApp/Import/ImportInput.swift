import AIGovFormats
import Crypto
import Foundation

/// One input of an import: a file, a model card's folder, or standard input (`-`).
///
/// The bytes are read once, bounded by `InputLimits.maxFileBytes`; the SHA-256 of exactly
/// these bytes is the provenance the evidence entry and the audit entry record.
public struct ImportSource: Sendable, Equatable {
    /// How problems name the input: the path as given, or `-`.
    public var name: String
    public var data: Data
    /// The folder the input came from (a model card's folder), when it was one.
    public var folder: String?

    public init(name: String, data: Data, folder: String? = nil) {
        self.name = name
        self.data = data
        self.folder = folder
    }

    /// Reads a file, or `README.md` inside a folder (`hf`); a refusal is an input problem.
    public static func read(path: String, readmeInFolder: Bool) -> Result<ImportSource, InputProblem> {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            return .failure(InputProblem(file: path, path: "", message: "no such file or folder"))
        }
        var file = path
        var folder: String?
        if isDir.boolValue {
            guard readmeInFolder else {
                return .failure(InputProblem(file: path, path: "", message: "is a folder; give the response file"))
            }
            file = (path as NSString).appendingPathComponent("README.md")
            folder = path
            guard FileManager.default.fileExists(atPath: file) else {
                return .failure(InputProblem(file: path, path: "", message: "the folder holds no README.md (the model card)"))
            }
        } else {
            folder = (path as NSString).deletingLastPathComponent
        }
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: file),
              (attrs[.type] as? FileAttributeType) == .typeRegular,
              let size = attrs[.size] as? NSNumber else {
            return .failure(InputProblem(file: file, path: "", message: "not a regular file"))
        }
        if size.intValue > InputLimits.maxFileBytes {
            return .failure(InputProblem(file: file, path: "", message: "file is larger than \(InputLimits.maxFileBytes / 1_048_576) MiB"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(InputProblem(file: file, path: "", message: "cannot read the file"))
        }
        return .success(ImportSource(name: file, data: data, folder: folder))
    }

    /// The SHA-256 of the bytes, lower-case hex.
    public var sha256: String { Self.hex(SHA256.hash(data: data)) }

    /// The SHA-256 of several inputs read as one (their bytes in the order given).
    static func sha256(of sources: [ImportSource]) -> String {
        if sources.count == 1 { return sources[0].sha256 }
        var h = SHA256()
        for s in sources { h.update(data: s.data) }
        return hex(h.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef")
        var out = ""
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return out
    }

    /// The text, refusing what the registry's reader refuses: too large, not UTF-8, NUL bytes.
    func text() -> Result<String, InputProblem> { InputLoader.checkedText(data, file: name) }
}

/// A parsed JSON or YAML value, as the importers read it.
///
/// Numbers keep their text (`0.9105504587155964`, `2.4.0` in YAML) and booleans are kept
/// apart from text only for JSON; YAML scalars are text, with a plain `null`, `~` or empty
/// scalar read as null.
indirect enum ImportValue: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case list([ImportValue])
    case map([(key: String, value: ImportValue)])

    static func == (a: ImportValue, b: ImportValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)), let (.string(x), .string(y)): x == y
        case let (.list(x), .list(y)): x == y
        case let (.map(x), .map(y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    subscript(key: String) -> ImportValue? {
        if case let .map(entries) = self { return entries.first { $0.key == key }?.value }
        return nil
    }

    var isMap: Bool { if case .map = self { return true } else { return false } }

    var keys: [String] {
        if case let .map(entries) = self { return entries.map(\.key) }
        return []
    }

    /// The items of a list; a null or absent value is an empty list.
    var items: [ImportValue] {
        if case let .list(items) = self { return items }
        return []
    }

    /// Text of a string or number (or a YAML scalar); nil for anything else.
    var text: String? {
        switch self {
        case let .string(s), let .number(s): s
        case let .bool(b): b ? "true" : "false"
        default: nil
        }
    }

    /// Text with surrounding white space removed; nil when absent or blank.
    var trimmed: String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .list: "a list"
        case .map: "an object"
        }
    }
}

/// Collects `file:path: message` problems while an importer reads its input.
struct ImportProblems {
    var problems: [InputProblem] = []

    mutating func add(_ file: String, _ path: String, _ message: String) {
        // A hostile input could yield a problem per value; the first thousand say enough.
        guard problems.count < 1000 else { return }
        problems.append(InputProblem(file: file, path: path, message: message))
    }

    var isEmpty: Bool { problems.isEmpty }
}

/// `parent.key` or `parent[i]`, the paths problems name.
func joinPath(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }
func joinPath(_ parent: String, _ index: Int) -> String { "\(parent)[\(index)]" }

/// The strict JSON of an import source, read by the formats module's reader (the one every
/// `.json` record file goes through) and seen as typed values.
enum ImportJSON {
    struct Failure: Error {
        var message: String
    }

    /// Every JSON document of `data` (a stream of concatenated responses is allowed) and the
    /// duplicate keys found.
    static func parseStream(_ data: Data) throws -> (values: [ImportValue], duplicates: [(path: String, key: String)]) {
        do {
            let parsed = try StrictJSON.parseStream(data)
            let duplicates = parsed.duplicates.prefix(100).map { d in
                (d.path, d.path.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? d.path)
            }
            return (parsed.roots.map(value), Array(duplicates))
        } catch let e as StrictJSON.Failure {
            throw Failure(message: e.line > 0 ? e.description : e.message)
        }
    }

    /// Why input that fails to parse is probably not JSON at all: a web server's page instead
    /// of the API's answer (an HTML page, or MLflow's plain-text "You are not authenticated"),
    /// or nil when it starts like JSON.
    static func notJSONHint(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(512), as: UTF8.self)
        let text = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = text.first, !"{[\"-0123456789tfn".contains(first) else { return nil }
        let lower = text.lowercased()
        let shown = String(text.prefix(60)).replacingOccurrences(of: "\n", with: " ")
        let auth = ["unauthori", "not authenticated", "401", "403", "forbidden", "login", "log in", "sign in", "authenticat"]
            .contains(where: lower.contains)
        if auth {
            return "not JSON: the server answered with an authentication page (\"\(shown)\"): HTTP 401/403, pass credentials (curl -u USER:PASSWORD, or a token header)"
        }
        if first == "<" {
            return "not JSON: the server answered with an HTML page (\"\(shown)\"), an error or authentication page? Check the URL and pass credentials (HTTP 401: curl -u USER:PASSWORD)"
        }
        return "not JSON: it starts with \"\(shown)\", an error page or message instead of the API's answer? (HTTP 401: pass credentials)"
    }

    /// A node of the strict reader as a typed value: quoted scalars are text; plain ones are
    /// true, false, null or a number (the reader allows nothing else unquoted).
    static func value(_ n: Node) -> ImportValue {
        switch n.kind {
        case let .scalar(text, plain):
            guard plain else { return .string(text) }
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: return .number(text)
            }
        case let .list(items): return .list(items.map(value))
        case let .map(entries): return .map(entries.map { ($0.key, value($0.value)) })
        }
    }
}

extension ImportSource {
    /// The JSON values of this input; a malformed one is a problem naming line and column.
    func jsonValues(into problems: inout ImportProblems) -> [ImportValue]? {
        switch text() {
        case let .failure(p):
            problems.problems.append(p)
            return nil
        case .success: break
        }
        do {
            let parsed = try ImportJSON.parseStream(data)
            for d in parsed.duplicates { problems.add(name, d.path, "duplicate key \"\(d.key)\"") }
            if parsed.values.isEmpty {
                problems.add(name, "", "empty input: expected JSON")
                return nil
            }
            return parsed.values
        } catch let e as ImportJSON.Failure {
            problems.add(name, "", e.message + (ImportJSON.notJSONHint(data).map { " — " + $0 } ?? ""))
            return nil
        } catch {
            problems.add(name, "", "malformed JSON: \(error)")
            return nil
        }
    }
}
