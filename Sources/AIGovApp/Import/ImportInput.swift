import AIGovCore
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
    /// `OWNER/NAME` when the card came from the Hub's cache layout (`models--OWNER--NAME`).
    public var hubRepo: String?
    /// The snapshot (commit) the card was read from in the Hub's cache layout.
    public var hubRevision: String?

    public init(name: String, data: Data, folder: String? = nil, hubRepo: String? = nil, hubRevision: String? = nil) {
        self.name = name
        self.data = data
        self.folder = folder
        self.hubRepo = hubRepo
        self.hubRevision = hubRevision
    }

    /// Reads a file, or `README.md` inside a folder (`hf`); a refusal is an input problem.
    ///
    /// For `hf`, a folder in the Hugging Face Hub's cache layout is read as huggingface_hub
    /// leaves it: `models--OWNER--NAME/snapshots/REV/README.md`, a symlink into `blobs/`. The
    /// root, a snapshot folder or the snapshot's `README.md` may be given; the repository comes
    /// from the root's name and the revision from the snapshot's. With several snapshots the one
    /// `revision` names is read, else the one `refs/main` names; else the import is refused
    /// naming them. A symlink (in the cache or in any card folder) must resolve inside the
    /// folder given (the cache's root): one leading elsewhere is refused.
    public static func read(path: String, readmeInFolder: Bool, revision: String? = nil) -> Result<ImportSource, InputProblem> {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            return .failure(InputProblem(file: path, path: "", message: "no such file or folder"))
        }
        var file = path
        var folder: String?
        var root: String
        var hub: (repo: String, revision: String?)?
        if readmeInFolder, let cache = HubCache.locate(path, isDirectory: isDir.boolValue) {
            root = cache.root
            folder = cache.root
            switch cache.snapshot(revision: revision) {
            case let .success(rev):
                hub = (cache.repo, rev)
                file = rev.map { cache.root + "/snapshots/" + $0 + "/README.md" } ?? cache.root + "/README.md"
            case let .failure(refusal):
                return .failure(InputProblem(file: path, path: "", message: refusal.message))
            }
            if !isDir.boolValue { file = path }
        } else if isDir.boolValue {
            guard readmeInFolder else {
                return .failure(InputProblem(file: path, path: "", message: "is a folder; give the response file"))
            }
            file = (path as NSString).appendingPathComponent("README.md")
            folder = path
            root = path
        } else {
            let parent = (path as NSString).deletingLastPathComponent
            folder = parent
            root = parent.isEmpty ? "." : parent
        }
        guard let link = try? fm.attributesOfItem(atPath: file) else {
            return .failure(InputProblem(file: isDir.boolValue ? path : file, path: "",
                                         message: isDir.boolValue ? "the folder holds no README.md (the model card)" : "cannot read the file"))
        }
        var target = file
        if (link[.type] as? FileAttributeType) == .typeSymbolicLink {
            // A link is followed only when it stays inside the folder given (the cache's root).
            guard let resolved = realPath(file), let base = realPath(root),
                  resolved.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
                return .failure(InputProblem(file: file, path: "", message: "a symlink that leads outside \(root) (or nowhere): refused"))
            }
            target = resolved
        }
        guard let attrs = try? fm.attributesOfItem(atPath: target),
              (attrs[.type] as? FileAttributeType) == .typeRegular,
              let size = attrs[.size] as? NSNumber else {
            return .failure(InputProblem(file: file, path: "", message: "not a regular file"))
        }
        if size.intValue > InputLimits.maxFileBytes {
            return .failure(InputProblem(file: file, path: "", message: "file is larger than \(InputLimits.maxFileBytes / 1_048_576) MiB"))
        }
        guard let data = fm.contents(atPath: target) else {
            return .failure(InputProblem(file: file, path: "", message: "cannot read the file"))
        }
        return .success(ImportSource(name: file, data: data, folder: folder, hubRepo: hub?.repo, hubRevision: hub?.revision))
    }

    /// The path with every symlink resolved, or nil when it leads nowhere.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
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

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 { Hex.lower(digest) }

    /// The text, refusing what the registry's reader refuses: too large, not UTF-8, NUL bytes.
    func text() -> Result<String, InputProblem> { InputLoader.checkedText(data, file: name) }
}

/// The Hugging Face Hub's cache layout (huggingface_hub's `scan_cache_dir`):
/// `models--OWNER--NAME/` holding `blobs/`, `refs/main` and `snapshots/REV/`.
struct HubCache {
    /// The `models--OWNER--NAME` folder.
    var root: String
    /// `OWNER/NAME`.
    var repo: String
    /// The snapshot folder given, when a snapshot (or its README.md) was given.
    var given: String?

    /// The cache folder `path` is, or is inside (a snapshot folder or a snapshot's README.md).
    static func locate(_ path: String, isDirectory: Bool) -> HubCache? {
        var parts = (path as NSString).standardizingPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.count > 1, parts.last == "" { parts.removeLast() }
        if !isDirectory {
            guard parts.last == "README.md" else { return nil }
            parts.removeLast()
        }
        var given: String?
        if parts.count >= 3, parts[parts.count - 2] == "snapshots" {
            given = parts.removeLast()
            parts.removeLast()
        } else if !isDirectory {
            return nil
        }
        guard let base = parts.last, let repo = repo(fromFolder: base) else { return nil }
        let root = parts.joined(separator: "/")
        guard given != nil || FileManager.default.fileExists(atPath: root + "/snapshots") else { return nil }
        return HubCache(root: root.isEmpty ? "/" : root, repo: repo, given: given)
    }

    /// `models--OWNER--NAME` → `OWNER/NAME`.
    static func repo(fromFolder base: String) -> String? {
        guard base.hasPrefix("models--") else { return nil }
        let parts = base.dropFirst("models--".count).components(separatedBy: "--")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return parts[0] + "/" + parts[1]
    }

    struct Refusal: Error { var message: String }

    /// The snapshot to read: the one given; else `revision`; else the only one; else the one
    /// `refs/main` names. Nil when the root holds the card itself (no snapshots).
    func snapshot(revision: String?) -> Result<String?, Refusal> {
        if let given { return .success(given) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/snapshots")) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        if names.isEmpty { return .failure(Refusal(message: "the Hub cache folder holds no snapshot (snapshots/REV/README.md)")) }
        if let revision {
            if names.contains(revision) { return .success(revision) }
            return .failure(Refusal(message: "the Hub cache folder has no snapshot \(revision); it holds \(names.joined(separator: ", "))"))
        }
        if names.count == 1 { return .success(names[0]) }
        if let main = (try? String(contentsOfFile: root + "/refs/main", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines),
           names.contains(main) {
            return .success(main)
        }
        return .failure(Refusal(message: "the Hub cache folder holds \(names.count) snapshots (\(names.joined(separator: ", "))) and no refs/main naming one; give --revision REV"))
    }
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
