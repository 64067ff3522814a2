import AIGovCore
import AIGovRules
import Foundation
import Yams

/// Reads organisation rule files (docs/custom-rules.md): `--rules FILE` and `rules.d/*.yaml`.
///
/// A file with any problem is rejected whole: it yields no rules, and every problem is
/// listed as `file:rules[2].when.all[1].field: message`, like any other input.
public enum CustomRuleLoader {
    /// The keys of one rule.
    static let ruleKeys = ["id", "title", "severity", "reference", "remediation", "group", "path", "message", "when", "require", "frameworks"]
    /// The reference of a rule that gives none.
    public static let defaultReference = "organisation policy"

    /// The rules folder beside a database file: `rules.d` in the same folder.
    public static func folder(besideDatabase database: String) -> String {
        ((database as NSString).deletingLastPathComponent as NSString).appendingPathComponent("rules.d")
    }

    /// The `*.yaml` and `*.yml` files directly in `dir`, sorted; hidden files are skipped;
    /// `[]` when nothing is at `dir`. Whatever would make the folder's rules vanish silently is
    /// a problem naming it: `dir` that is not a folder (a plain file, a FIFO, a link to one),
    /// a folder that cannot be listed, and a rule file that is a link to nothing or not a
    /// regular file. A registry's rules.d missing its rules would let every check pass.
    public static func folderContents(_ dir: String) -> (files: [String], problems: [InputProblem]) {
        var st = stat()
        var link = stat()
        guard lstat(dir, &link) == 0 else { return ([], []) }
        guard stat(dir, &st) == 0 else {
            return ([], [InputProblem(file: dir, path: "", message: "a link to nothing: the rules folder cannot be read")])
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            return ([], [InputProblem(file: dir, path: "", message: "not a folder (\(kind(st.st_mode))): the rules folder must be a folder of .yaml files")])
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            return ([], [InputProblem(file: dir, path: "", message: "cannot list the rules folder (no permission to read it)")])
        }
        var files: [String] = []
        var problems: [InputProblem] = []
        for name in names.sorted() {
            let lower = name.lowercased()
            guard !name.hasPrefix("."), lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") else { continue }
            let full = (dir as NSString).appendingPathComponent(name)
            var f = stat()
            if stat(full, &f) != 0 {
                problems.append(InputProblem(file: full, path: "", message: "a link to nothing: this rule file cannot be read"))
            } else if f.st_mode & S_IFMT == S_IFDIR {
                continue
            } else if f.st_mode & S_IFMT != S_IFREG {
                problems.append(InputProblem(file: full, path: "", message: "not a regular file (\(kind(f.st_mode))): rules are read from regular files"))
            } else {
                files.append(full)
            }
        }
        return (files, problems)
    }

    /// The `folderContents` files, without its problems.
    public static func folderFiles(_ dir: String) -> [String] { folderContents(dir).files }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a plain file"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFDIR: "a folder"
        default: "not a regular file"
        }
    }

    /// Reads rule files in order (a folder stands for its `folderFiles`); an id used twice,
    /// even across files, is a problem. Check `problems` before using `rules`.
    public static func load(files: [String]) -> (rules: [CustomRule], problems: [InputProblem]) {
        var rules: [CustomRule] = []
        var problems: [InputProblem] = []
        for path in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append(InputProblem(file: path, path: "", message: "no such file or folder"))
                continue
            }
            let listed: (files: [String], problems: [InputProblem]) = isDir.boolValue ? folderContents(path) : ([path], [])
            let paths = listed.files
            problems += listed.problems
            if isDir.boolValue, paths.isEmpty, listed.problems.isEmpty {
                problems.append(InputProblem(file: path, path: "", message: "no .yaml or .yml files in this folder"))
            }
            for file in paths {
                guard let data = read(file, problems: &problems) else { continue }
                let r = parse(data: data, file: file)
                rules += r.rules
                problems += r.problems
            }
        }
        var firstSeen: [String: String] = [:]
        var kept: [CustomRule] = []
        for rule in rules {
            if let other = firstSeen[rule.id] {
                problems.append(InputProblem(file: rule.file, path: "rules[\(rule.index)].id",
                                             message: "duplicate rule id \"\(rule.id)\" (also in \(other))"))
            } else {
                firstSeen[rule.id] = rule.file
                kept.append(rule)
            }
        }
        return (kept, problems)
    }

    static func read(_ file: String, problems: inout [InputProblem]) -> Data? {
        var st = stat()
        if stat(file, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
            problems.append(InputProblem(file: file, path: "", message: "not a regular file (\(kind(st.st_mode)))"))
            return nil
        }
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: file),
              let size = attrs[.size] as? NSNumber else {
            problems.append(InputProblem(file: file, path: "", message: "cannot read the file"))
            return nil
        }
        if size.intValue > InputLimits.maxFileBytes {
            problems.append(InputProblem(file: file, path: "", message: "file is larger than \(InputLimits.maxFileBytes / 1_048_576) MiB"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            problems.append(InputProblem(file: file, path: "", message: "cannot read the file"))
            return nil
        }
        return data
    }

    /// Reads one rule file: a mapping with `rules:`, a list of rules. Yields no rules when
    /// the file has any problem.
    public static func parse(data: Data, file: String) -> (rules: [CustomRule], problems: [InputProblem]) {
        let (document, sink) = SingleDocument.parse(data: data, file: file, expected: "a mapping with a rules list",
                                                        single: "one document with a rules list")
        guard let root = document else { return ([], sink.problems) }
        var rules: [CustomRule] = []
        if let top = Fields(root, path: "", allowed: ["rules"], sink: sink) {
            if top.entries["rules"] == nil { sink.add("rules", root, "missing required key \"rules\"") }
            var seen: [String: String] = [:]
            for (i, (node, path)) in top.items("rules").enumerated() {
                let rule = self.rule(node, path: path, index: i, file: file, sink: sink)
                // Checked on the written id, so a duplicate is reported even when either rule is bad.
                guard let idNode = node["id"], case let .scalar(id, _) = idNode.kind, !idNode.isNull, !id.isBlank else {
                    continue
                }
                if let first = seen[id] {
                    sink.add(path + ".id", idNode, "duplicate rule id \"\(id)\" (also at \(first))")
                } else {
                    seen[id] = path
                    if let rule { rules.append(rule) }
                }
            }
        }
        return sink.problems.isEmpty ? (rules, []) : ([], sink.problems)
    }

    /// The prefixes of the built-in rule ids (`INV`, `FBK` …), reserved for future built-in rules.
    static let reservedPrefixes: Set<String> = Set(RuleCatalog.builtIn.compactMap { $0.id.split(separator: "-").first.map(String.init) })

    /// `^[A-Z][A-Z0-9]{0,15}-[0-9]{3}$`, e.g. `ORG-001`.
    static func isRuleId(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = parts.first, let number = parts.last,
              (1...16).contains(prefix.count), number.count == 3 else { return false }
        let upper = prefix.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        let first = prefix.unicodeScalars.first.map { ("A"..."Z").contains($0) } ?? false
        return upper && first && number.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    static func rule(_ node: Node, path: String, index: Int, file: String, sink: ProblemSink) -> CustomRule? {
        let before = sink.problems.count
        guard let f = Fields(node, path: path, allowed: ruleKeys, sink: sink) else { return nil }
        let id = f.string("id", required: true)
        if let id, !id.isBlank {
            if !isRuleId(id) {
                sink.add(f.sub("id"), f.value("id"), "expected a rule id such as ORG-001 (capital letters or digits, a hyphen, three digits), got \"\(id)\"")
            } else if RuleCatalog.rule(id: id) != nil {
                sink.add(f.sub("id"), f.value("id"), "\"\(id)\" is the id of a built-in rule")
            } else if let prefix = id.split(separator: "-").first, reservedPrefixes.contains(String(prefix)) {
                sink.add(f.sub("id"), f.value("id"), "the prefix \"\(prefix)\" is reserved for built-in rules (choose another, e.g. ORG)")
            }
        }
        let title = f.string("title", required: true)
        let severity: Severity? = f.enumValue("severity", required: true)
        let reference = f.string("reference")
        let remediation = f.string("remediation", required: true)
        var obligation = RuleObligation.fixed(.ops)
        if let g = f.string("group") {
            if g == "hr" {
                obligation = .highRisk
            } else if let group = ObligationGroup(rawValue: g) {
                obligation = .fixed(group)
            } else {
                let all = ObligationGroup.allCases.map(\.rawValue) + ["hr"]
                sink.add(f.sub("group"), f.value("group"), "expected one of \(all.joined(separator: ", ")), got \"\(g)\"")
            }
        }
        let findingPath = f.string("path")
        if let p = findingPath, FieldScope.record.fields[p] == nil {
            sink.add(f.sub("path"), f.value("path"), "unknown field \"\(p)\" (expected one of \(FieldCatalog.recordPaths.joined(separator: ", ")))")
        }
        if let m = f.string("message"), m.isBlank { sink.add(f.sub("message"), f.value("message"), "must not be empty") }
        let template = f.string("message").map { text in
            MessageTemplate(text) { word in
                sink.add(f.sub("message"), f.value("message"),
                         "unknown placeholder {\(word)} (expected one of \(MessageTemplate.placeholders.map { "{\($0)}" }.joined(separator: ", ")))")
            }
        }
        let frameworks = self.frameworks(f)
        let parser = ConditionParser(sink: sink)
        let scope = f.value("when").flatMap { parser.condition($0, path: f.sub("when"), scope: .record) }
        var requirement: Condition?
        if let r = f.value("require") {
            requirement = parser.condition(r, path: f.sub("require"), scope: .record)
        } else {
            sink.add(f.sub("require"), f.entries["require"] ?? node, "missing required key \"require\" (the condition every system in scope must meet)")
        }
        guard sink.problems.count == before, let id, let title, let severity, let remediation, let requirement else {
            return nil
        }
        return CustomRule(
            id: id, title: title, severity: severity, reference: reference.flatMap { $0.isBlank ? nil : $0 } ?? defaultReference,
            remediation: remediation, obligation: obligation,
            path: findingPath ?? requirement.firstRecordPath ?? "",
            message: template ?? MessageTemplate("{id}: " + title), when: scope, require: requirement,
            frameworks: frameworks, file: file, index: index)
    }

    /// The keys of a rule's `frameworks:` block, by framework.
    static let frameworkKeys: [(key: String, framework: Framework)] = [
        ("eu_ai_act", .euAIAct), ("iso42001", .iso42001), ("nist_ai_rmf", .nistAIRMF),
    ]

    /// `frameworks: {iso42001: [A.7.5], nist_ai_rmf: [MAP 4.1], eu_ai_act: [Art. 10]}`: each id
    /// looked up in the framework's list (written as the framework writes it; case and spaces
    /// are forgiven), an unknown one refused with its path.
    static func frameworks(_ f: Fields) -> FrameworkMapping {
        guard let n = f.value("frameworks"),
              let block = Fields(n, path: f.sub("frameworks"), allowed: frameworkKeys.map(\.key), sink: f.sink) else { return .none }
        var mapping = FrameworkMapping()
        for (key, framework) in frameworkKeys {
            var ids: [String] = []
            for (node, path) in block.items(key) {
                guard case let .scalar(text, _) = node.kind, !node.isNull else {
                    f.sink.add(path, node, "expected a \(framework.entryName) id, got \(node.typeName)")
                    continue
                }
                let id = framework.canonicalId(text)
                guard framework.item(id) != nil else {
                    let all = framework.items.map(\.id)
                    let example = framework == .euAIAct ? "Art. 10" : framework == .iso42001 ? "A.7.5" : "MAP 4.1"
                    f.sink.add(path, node, "unknown \(framework.title) \(framework.entryName) \"\(text)\" (expected an id such as \(example))"
                               + Suggest.didYouMean(id, in: all))
                    continue
                }
                if !ids.contains(id) { ids.append(id) }
            }
            switch framework {
            case .euAIAct: mapping.euAIAct = ids
            case .iso42001: mapping.iso42001 = ids
            case .nistAIRMF: mapping.nistAIRMF = ids
            }
        }
        return mapping
    }
}
