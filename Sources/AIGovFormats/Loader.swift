import AIGovCore
import Foundation
import Yams

/// Where a document came from: its file, its index in the file, and the parsed tree
/// (kept so that a field path can be turned into a line for SARIF).
public struct SourceRef: Sendable {
    public var file: String
    public var index: Int
    public var root: Node

    public init(file: String, index: Int = 0, root: Node = Node(.map([]))) {
        self.file = file
        self.index = index
        self.root = root
    }

    /// The line of the node at a finding path such as `models[1].version`; falls back to
    /// the nearest existing parent, then to the document's first line.
    public func line(of path: String) -> Int {
        var node = root
        var best = root.line
        for part in PathParser.parts(path) {
            let next: Node?
            switch part {
            case let .key(k): next = node[k]
            case let .index(i):
                if case let .list(l) = node.kind, i < l.count { next = l[i] } else { next = nil }
            }
            guard let next else { break }
            node = next
            if next.line > 0 { best = next.line }
        }
        return max(best, 1)
    }
}

/// Everything read from a set of inputs.
public struct ParsedInput: Sendable {
    public var systems: [(system: AISystem, source: SourceRef)] = []
    public var waivers: [(waiver: Waiver, source: SourceRef)] = []
    /// Serious incidents (OPERATIONS.md).
    public var incidents: [(incident: Incident, source: SourceRef)] = []
    public var problems: [InputProblem] = []
    public var files: [String] = []
    public init() {}
}

/// Reads files, folders (recursively: `*.yaml`, `*.yml`, `*.json`) and `-` (standard input).
public enum InputLoader {
    /// Reads every input fully and collects every problem; duplicate system ids across
    /// inputs are problems too. Nothing is returned half-read: check `problems` first.
    ///
    /// Files are read and parsed in parallel, one file per task, and their results joined in
    /// input order, so the outcome (records, problems and their order) is the sequential one.
    ///
    /// `-` is read through `BoundedInput`, which stops at the size limit rather than after it.
    public static func load(_ paths: [String],
                            stdin: () -> Result<Data, InputProblem> = { BoundedInput.standardInput() }) -> ParsedInput {
        var work: [Work] = []
        for path in paths {
            if path == "-" {
                switch stdin() {
                case let .success(data): work.append(.text(data, file: "<stdin>"))
                case let .failure(problem): work.append(.problem(problem))
                }
                continue
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                work.append(.problem(InputProblem(file: path, path: "", message: "no such file or folder")))
                continue
            }
            if isDir.boolValue {
                let (files, unreadable) = listFiles(path)
                work += unreadable.map(Work.problem)
                if files.isEmpty, unreadable.isEmpty {
                    work.append(.problem(InputProblem(file: path, path: "", message: "no .yaml, .yml or .json files in this folder")))
                }
                work += files.map(Work.file)
            } else {
                work.append(.file(path))
            }
        }
        let parsed = Parallel.mapClaiming(work, workers: ProcessInfo.processInfo.activeProcessorCount) { item in
            var one = ParsedInput()
            switch item {
            case let .problem(p): one.problems.append(p)
            case let .text(data, file): parse(data: data, file: file, into: &one)
            case let .file(path): readFile(path, into: &one)
            }
            return one
        }
        var out = ParsedInput()
        for one in parsed {
            out.systems += one.systems
            out.waivers += one.waivers
            out.incidents += one.incidents
            out.problems += one.problems
            out.files += one.files
        }
        var firstSeen: [String: String] = [:]
        for (s, src) in out.systems where !s.id.isEmpty {
            if let other = firstSeen[s.id] {
                out.problems.append(InputProblem(file: src.file, path: "id", line: src.line(of: "id"),
                                                 message: "duplicate system id \"\(s.id)\" (also in \(other))"))
            } else {
                firstSeen[s.id] = src.file
            }
        }
        var firstIncident: [String: String] = [:]
        for (i, src) in out.incidents {
            if let other = firstIncident[i.id] {
                out.problems.append(InputProblem(file: src.file, path: "id", line: src.line(of: "id"),
                                                 message: "duplicate incident id \"\(i.id)\" (also in \(other))"))
            } else {
                firstIncident[i.id] = src.file
            }
        }
        return out
    }

    /// One unit of `load`'s work, in input order.
    enum Work: Sendable {
        case problem(InputProblem)
        case text(Data, file: String)
        case file(String)
    }

    /// The `.yaml`, `.yml` and `.json` files under `dir` (recursively, following links to
    /// folders once each), sorted; and a problem for each entry that cannot be read: a folder
    /// it cannot list, or an input-named link whose target is missing. A folder read for
    /// `apply --prune` must never lose a file silently: its systems would be deleted.
    static func listFiles(_ dir: String) -> (files: [String], problems: [InputProblem]) {
        var files: [String] = []
        var problems: [InputProblem] = []
        var seen: Set<[UInt64]> = []
        func isInput(_ name: String) -> Bool {
            let lower = name.lowercased()
            return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
        }
        func walk(_ folder: String, depth: Int) {
            var st = stat()
            guard stat(folder, &st) == 0, seen.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else { return }
            guard depth < 64 else {
                problems.append(InputProblem(file: folder, path: "", message: "folders nested more than 64 deep; not read"))
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                problems.append(InputProblem(file: folder, path: "", message: "cannot read the folder (no permission to list it)"))
                return
            }
            for name in names.sorted() {
                let full = (folder as NSString).appendingPathComponent(name)
                var target = stat()
                if stat(full, &target) != 0 {
                    var link = stat()
                    if isInput(name), lstat(full, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                        problems.append(InputProblem(file: full, path: "", message: "a link to a missing file; not read"))
                    } else if isInput(name) {
                        problems.append(InputProblem(file: full, path: "", message: "cannot read the file (\(String(cString: strerror(errno))))"))
                    }
                    continue
                }
                if target.st_mode & S_IFMT == S_IFDIR {
                    walk(full, depth: depth + 1)
                } else if isInput(name) {
                    files.append(full)
                }
            }
        }
        walk(dir, depth: 0)
        return (files.sorted(), problems)
    }

    static func readFile(_ path: String, into out: inout ParsedInput) {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attrs[.size] as? NSNumber else {
            out.problems.append(InputProblem(file: path, path: "", message: "cannot read the file"))
            return
        }
        if size.intValue > InputLimits.maxFileBytes {
            out.problems.append(InputProblem(file: path, path: "", message: "file is larger than \(InputLimits.maxFileBytes / 1_048_576) MiB"))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            out.problems.append(InputProblem(file: path, path: "", message: "cannot read the file"))
            return
        }
        parse(data: data, file: path, json: path.lowercased().hasSuffix(".json"), into: &out)
    }

    /// Parses text that holds one document, a YAML stream (`---`), or a top-level list.
    /// With `json`, the text must be one strict JSON value (see `JSONReader`).
    ///
    /// With `recorded`, the text is a record aigov wrote (an audit after-image): it is read as
    /// recorded, without the limits on text and numbers that guard new input.
    public static func parse(data: Data, file: String, json: Bool = false, recorded: Bool = false, into out: inout ParsedInput) {
        out.files.append(file)
        let roots: [Node]
        let raw: [(path: String, line: Int, message: String)]
        switch trees(data, file: file, json: json) {
        case let .success(parsed): (roots, raw) = parsed
        case let .failure(problem):
            out.problems.append(problem)
            return
        }
        let sink = ProblemSink(file: file, recorded: recorded)
        for p in raw { sink.problems.append(InputProblem(file: file, path: p.path, line: p.line > 0 ? p.line : nil, message: p.message)) }
        // A single top-level list holds several documents.
        var docs: [(Node, String)] = []
        if roots.count == 1, case let .list(items) = roots[0].kind {
            docs = items.enumerated().map { ($1, "[\($0)]") }
        } else {
            docs = roots.map { ($0, "") }
        }
        var index = 0
        for (node, path) in docs where !node.isNull {
            defer { index += 1 }
            let rootForLines = node
            switch RecordReader.document(node, path: path, sink: sink) {
            case let .system(s)?:
                out.systems.append((s, SourceRef(file: file, index: index, root: rootForLines)))
            case let .waiver(w)?:
                out.waivers.append((w, SourceRef(file: file, index: index, root: rootForLines)))
            case let .incident(i)?:
                out.incidents.append((i, SourceRef(file: file, index: index, root: rootForLines)))
            case nil:
                break
            }
        }
        out.problems += sink.problems
    }

    typealias Parsed = (roots: [Node], problems: [(path: String, line: Int, message: String)])

    /// The parsed trees of one input, after the checks every input gets: its size, UTF-8, no
    /// NUL byte; strict JSON for `json`, else YAML documents.
    static func trees(_ data: Data, file: String, json: Bool) -> Result<Parsed, InputProblem> {
        switch checkedText(data, file: file) {
        case .failure(let problem): return .failure(problem)
        case .success(let text): return json ? parseJSON(data, file: file) : parseYAML(text, file: file)
        }
    }

    /// The checks every input gets before it is parsed, by the registry's reader and the
    /// importers alike: at most `InputLimits.maxFileBytes`, valid UTF-8, no NUL byte.
    public static func checkedText(_ data: Data, file: String) -> Result<String, InputProblem> {
        if data.count > InputLimits.maxFileBytes {
            return .failure(BoundedInput.tooLarge(file))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(InputProblem(file: file, path: "", message: "not valid UTF-8 text"))
        }
        if text.utf8.contains(0) {
            return .failure(InputProblem(file: file, path: "", message: "contains a NUL byte"))
        }
        return .success(text)
    }

    /// One strict JSON value (files ending in `.json`).
    static func parseJSON(_ data: Data, file: String) -> Result<Parsed, InputProblem> {
        do {
            let parsed = try JSONReader.parse(Array(data))
            return .success(([parsed.root], parsed.problems))
        } catch let e as JSONReader.Failure {
            return .failure(InputProblem(file: file, path: "", line: e.line,
                                         message: "malformed JSON at line \(e.line), column \(e.column): \(e.message)"))
        } catch let NodeError.tooLarge(msg) {
            return .failure(InputProblem(file: file, path: "", message: msg))
        } catch {
            return .failure(InputProblem(file: file, path: "", message: "malformed JSON: \(error)"))
        }
    }

    /// One or more YAML documents.
    static func parseYAML(_ text: String, file: String) -> Result<Parsed, InputProblem> {
        var raw: [(path: String, line: Int, message: String)] = []
        do {
            var budget = InputLimits.maxNodes
            // libyaml's events straight into our tree (YAMLTree): scalars are taken as text,
            // so no tag resolution is needed.
            let roots = try YAMLTree.documents(text, budget: &budget, problems: &raw)
            return .success((roots, raw))
        } catch let NodeError.tooLarge(msg) {
            return .failure(InputProblem(file: file, path: "", message: msg))
        } catch let e as YAMLTree.Malformed {
            return .failure(InputProblem(file: file, path: "", line: e.line, message: e.message))
        } catch {
            return .failure(InputProblem(file: file, path: "", message: "malformed YAML/JSON: \(error)"))
        }
    }

    /// A syntax error's message (libyaml's problem and context, at its mark), whichever
    /// reader met it (`yamlProblem`, `YAMLTree`).
    static func malformed(line: Int, column: Int, _ problem: String, context: String? = nil) -> String {
        "malformed YAML/JSON at line \(line), column \(column): \(problem)\(context.map { " " + $0 } ?? "")"
    }

    /// The message of a mapping that repeats keys (the first at `line`), as Yams refuses it.
    static func duplicateKeys(_ names: [String], line: Int) -> String {
        "duplicate key\(names.count == 1 ? "" : "s") \(names.sorted().map { "\"\($0)\"" }.joined(separator: ", ")) in the mapping at line \(line)"
    }

    static func yamlProblem(_ e: YamlError, file: String) -> InputProblem {
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return InputProblem(file: file, path: "", line: mark.line,
                                message: malformed(line: mark.line, column: mark.column, problem, context: context?.text))
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputProblem(file: file, path: "", line: context.mark.line,
                                message: duplicateKeys(duplicates, line: context.mark.line))
        default:
            return InputProblem(file: file, path: "", message: "malformed YAML/JSON: \(e)")
        }
    }
}

/// Splits field paths such as `models[1].version` into keys and indexes.
public enum PathParser {
    public enum Part: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    /// Nil when the path is malformed (empty parts, unclosed brackets, non-numeric index).
    public static func parse(_ path: String) -> [Part]? {
        var parts: [Part] = []
        var current = ""
        var chars = Array(path)
        var i = 0
        func flush() -> Bool {
            if current.isEmpty { return false }
            parts.append(.key(current))
            current = ""
            return true
        }
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                if current.isEmpty, case .index? = parts.last {} else if !flush() { return nil }
            } else if c == "[" {
                if !current.isEmpty { _ = flush() } else if parts.isEmpty { return nil }
                guard let close = chars[i...].firstIndex(of: "]"), let n = Int(String(chars[(i + 1)..<close])), n >= 0 else {
                    return nil
                }
                parts.append(.index(n))
                i = close
            } else {
                current.append(c)
            }
            i += 1
        }
        if !current.isEmpty { parts.append(.key(current)) }
        chars.removeAll()
        return parts.isEmpty ? nil : parts
    }

    static func parts(_ path: String) -> [Part] { parse(path) ?? [] }
}
