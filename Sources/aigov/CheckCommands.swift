import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

extension TimelineKind: ExpressibleByArgument {}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, info, never
    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// `--today`, `--timeline` and `--rules`: what every rules-engine command needs.
struct RuleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The day ages and deadlines are measured from (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?
    @Option(help: "Which EU AI Act dates apply: original or amended (the Digital Omnibus; default).")
    var timeline: TimelineKind = .amended
    @Option(name: .customLong("rules"), help: ArgumentHelp("A custom rule file (YAML); repeatable. Every *.yaml in rules.d/ beside the database is loaded too.", valueName: "file"))
    var ruleFiles: [String] = []

    func validate() throws {
        if let today, Day(today) == nil { throw ValidationError("--today: expected a date YYYY-MM-DD, got \"\(today)\"") }
    }

    var day: Day { today.flatMap(Day.init) ?? Day(unixSeconds: Int(time(nil))) }
    var context: RuleContext { RuleContext(today: day, timeline: Timeline(timeline)) }

    /// Built-in rules plus custom ones from `--rules` and `rules.d/` beside `databasePath` (when given).
    /// A bad rule file rejects the whole run.
    func rules(databasePath: String?) throws -> [any Rule] {
        try RuleOptions.load(ruleFiles, databasePath: databasePath)
    }

    static func load(_ ruleFiles: [String], databasePath: String?) throws -> [any Rule] {
        var files = ruleFiles
        if let databasePath {
            let dir = ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("rules.d")
            files += CustomRuleLoader.folderFiles(dir)
        }
        if files.isEmpty { return RuleCatalog.builtIn }
        let (custom, problems) = CustomRuleLoader.load(files: files)
        if !problems.isEmpty { throw InputRejected(problems) }
        return RuleCatalog.builtIn + custom.map { $0 as any Rule }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the rules engine on the registry, or on files with -f, and report findings.",
        discussion: """
            Exit 1 when an open finding is at or above --fail-on (default high); waived and upcoming \
            findings never fail a run. With -f the files are checked without any database (waiver \
            documents in them apply); custom rules then come from --rules only, plus rules.d/ beside \
            the database when --db or AIGOV_DB names one.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var ruleOptions: RuleOptions
    @Argument(help: "Only these systems (default: all).") var ids: [String] = []
    @Option(name: .shortAndLong, help: ArgumentHelp("Check these files or folders instead of the database; repeatable.", valueName: "path"))
    var file: [String] = []
    @Option(name: .shortAndLong, help: "Output: table, json, sarif or junit (default: table on a terminal, else json).")
    var output: String?
    @Option(help: "Exit 1 when an open finding is at or above: critical, high, medium, low, info, never.")
    var failOn: FailOn = .high

    func validate() throws {
        if let output, CheckFormat(rawValue: output) == nil {
            throw ValidationError("-o: expected one of table, json, sarif, junit, got \"\(output)\"")
        }
    }

    func run() throws {
        let format = output.flatMap(CheckFormat.init) ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
        let explicitDB = store.db != nil || ProcessInfo.processInfo.environment["AIGOV_DB"].map { !$0.isEmpty } == true
        let rules = try ruleOptions.rules(databasePath: file.isEmpty || explicitDB ? store.path : nil)
        let context = ruleOptions.context

        let settings = CheckSettings(today: context.today, timeline: ruleOptions.timeline, rules: rules, toolVersion: AIGov.configuration.version)
        var writer: any CheckWriter
        switch format {
        case .json: writer = JSONCheckWriter(settings: settings)
        case .sarif: writer = SARIFCheckWriter(settings: settings)
        case .junit: writer = JUnitCheckWriter(settings: settings)
        case .table: writer = TableCheckWriter(settings: settings, color: Terminal.colorEnabled)
        }
        var out = BufferedOutput()
        var summary = FindingSummary()
        var count = 0
        func report(_ runner: CheckRunner, _ system: AISystem, _ source: SourceRef?) {
            let result = runner.result(for: system, source: source)
            for f in result.findings { summary.add(f) }
            out.write(writer.add(result))
            count += 1
        }
        if !file.isEmpty {
            let input = InputLoader.load(file)
            var problems = input.problems
            let known = Swift.Set(rules.map(\.id))
            for (w, src) in input.waivers where !known.contains(w.rule) {
                problems.append(InputProblem(file: src.file, path: "rule", line: src.line(of: "rule"),
                                             message: "unknown rule id \"\(w.rule)\" (see `aigov rules`)"))
            }
            if !problems.isEmpty { throw InputRejected(problems) }
            let runner = CheckRunner(engine: RuleEngine(rules: rules), context: context, waivers: input.waivers.map(\.waiver))
            out.write(writer.begin())
            for (s, src) in input.systems where ids.isEmpty || ids.contains(s.id) { report(runner, s, src) }
        } else {
            let registry = try store.open(create: false, readOnly: true)
            try requireSystems(ids, in: registry)
            let runner = CheckRunner(engine: RuleEngine(rules: rules), context: context, waivers: try registry.waivers().map(\.waiver))
            out.write(writer.begin())
            try registry.forEachBatch(ids: ids) { batch in
                for result in runner.results(for: batch.map(\.system)) {
                    for f in result.findings { summary.add(f) }
                    out.write(writer.add(result))
                    count += 1
                }
            }
        }
        out.write(writer.end(summary, systems: count))
        out.flush()
        if let threshold = failOn.severity, summary.hasOpen(atLeast: threshold) {
            throw CLIError.failed("")
        }
    }
}

/// Stdout in 64 KiB writes; on a terminal sanitised like `emit`.
struct BufferedOutput {
    var buffer: [UInt8] = []
    mutating func write(_ s: String) {
        buffer.append(contentsOf: (stdoutIsTerminal ? TextTable.sanitizeKeepingStyle(s) : s).utf8)
        if buffer.count >= 65_536 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                guard let base = raw.baseAddress else { break }
                let n = Glibc.write(STDOUT_FILENO, base + off, raw.count - off)
                if n <= 0 { break }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum Terminal {
    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var colorEnabled: Bool {
        let env = ProcessInfo.processInfo.environment
        if let n = env["NO_COLOR"], !n.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}

struct Waive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive", abstract: "Accept a rule's findings for one system until a date.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var ruleOptions: RuleOptions
    @Argument(help: "The system id.") var system: String
    @Argument(help: "The rule id, e.g. FBK-002.") var rule: String
    @Option(help: "Why the finding is accepted.") var reason: String
    @Option(help: ArgumentHelp("Last day the waiver holds.", valueName: "YYYY-MM-DD")) var expires: String
    @Option(help: "Who approved it.") var approvedBy: String

    func run() throws {
        var problems: [InputProblem] = []
        let rules = try ruleOptions.rules(databasePath: store.path)
        let canonical = rules.first { $0.id.uppercased() == rule.uppercased() }?.id
        if canonical == nil { problems.append(InputProblem(file: "waive", path: "rule", message: "unknown rule id \"\(rule)\" (see `aigov rules`)")) }
        let day = Day(expires)
        if day == nil { problems.append(InputProblem(file: "waive", path: "expires", message: "expected a date YYYY-MM-DD, got \"\(expires)\"")) }
        if reason.isBlank { problems.append(InputProblem(file: "waive", path: "reason", message: "must not be empty")) }
        if approvedBy.isBlank { problems.append(InputProblem(file: "waive", path: "approved_by", message: "must not be empty")) }
        if let day, day < ruleOptions.day {
            problems.append(InputProblem(file: "waive", path: "expires", message: "\(day) is already past"))
        }
        guard problems.isEmpty, let canonical, let day else { throw InputRejected(problems) }
        let registry = try store.open(create: false)
        let o = try registry.waive(Waiver(system: system, rule: canonical, reason: reason, approvedBy: approvedBy, expires: day),
                                   actor: actor.resolved)
        emit("\(o.kind.rawValue) waiver \(o.id) until \(day)\n")
    }
}

struct Unwaive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unwaive", abstract: "Remove a waiver.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "The system id.") var system: String
    @Argument(help: "The rule id.") var rule: String

    func run() throws {
        let registry = try store.open(create: false)
        guard try registry.unwaive(system: system, rule: rule.uppercased(), actor: actor.resolved) != nil else {
            throw CLIError.usage("no waiver for \(system) / \(rule)")
        }
        emit("removed waiver \(system)/\(rule.uppercased())\n")
    }
}

struct Waivers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waivers", abstract: "List waivers with the days they have left.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var out: OutputOptions
    @Option(help: ArgumentHelp("Count days left from this day (default: today).", valueName: "YYYY-MM-DD")) var today: String?
    @Argument(help: "Only this system.") var system: String?

    func run() throws {
        let day = try today.map { t in
            guard let d = Day(t) else { throw CLIError.usage("--today: expected a date YYYY-MM-DD, got \"\(t)\"") }
            return d
        } ?? Day(unixSeconds: Int(time(nil)))
        let registry = try store.open(create: false, readOnly: true)
        let list = try registry.waivers(system: system)
        let header = ["system", "rule", "expires", "days_left", "state", "approved_by", "reason"]
        let rows = list.map { w -> [String] in
            let left = w.waiver.expires.days(since: day)
            return [w.waiver.system, w.waiver.rule, w.waiver.expires.description, String(left),
                    left >= 0 ? "active" : "expired", w.waiver.approvedBy, w.waiver.reason]
        }
        switch out.format {
        case .table: emit(TextTable.render(header: header.map { $0.uppercased() }, rows: rows))
        case .csv: emit(CSV.table(header: header, rows: rows))
        case .yaml: emit(try RecordWriter.yaml(list.map(\.waiver)))
        case .json:
            struct Row: Encodable {
                var system, rule, expires, state, approved_by, reason, created_at, created_by: String
                var days_left: Int
            }
            emit(try RecordWriter.json(list.map { w in
                let left = w.waiver.expires.days(since: day)
                return Row(system: w.waiver.system, rule: w.waiver.rule, expires: w.waiver.expires.description,
                           state: left >= 0 ? "active" : "expired", approved_by: w.waiver.approvedBy,
                           reason: w.waiver.reason, created_at: w.createdAt, created_by: w.createdBy, days_left: left)
            }))
        }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rule catalogue: built-in and custom rules.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var out: OutputOptions

    func run() throws {
        let rules = try ruleOptions.rules(databasePath: store.path)
        let builtIn = Swift.Set(RuleCatalog.builtIn.map(\.id))
        let header = ["id", "severity", "group", "reference", "origin", "title"]
        let rows = rules.map { r in
            [r.id, r.severityText, r.obligation.text, r.reference, builtIn.contains(r.id) ? "built-in" : "custom", r.title]
        }
        switch out.format {
        case .table: emit(TextTable.render(header: header.map { $0.uppercased() }, rows: rows, maxWidth: 60))
        case .csv: emit(CSV.table(header: header, rows: rows))
        case .json, .yaml:
            let objects = rules.map { RuleInfo($0, builtIn: builtIn.contains($0.id)) }
            emit(out.format == .json ? try RecordWriter.json(objects) : try RecordWriter.yaml(objects))
        }
    }
}

/// A rule's description for `rules -o json` and `explain -o json`.
struct RuleInfo: Encodable {
    var id, title, applies_when, fires_when, severity, reference, remediation, group, origin: String
    var in_force: [String: String]

    init(_ r: any Rule, builtIn: Bool) {
        id = r.id
        title = r.title
        applies_when = r.appliesWhen
        fires_when = r.firesWhen
        severity = r.severityText
        reference = r.reference
        remediation = r.remediation
        group = r.obligation.text
        origin = builtIn ? "built-in" : "custom"
        var dates: [String: String] = [:]
        for kind in TimelineKind.allCases {
            dates[kind.rawValue] = RuleInfo.dates(r.obligation, Timeline(kind))
        }
        in_force = dates
    }

    static func dates(_ o: RuleObligation, _ t: Timeline) -> String {
        switch o {
        case let .fixed(g): return t.inForce(g)?.description ?? "always"
        case .highRisk:
            return "\(t.inForce(.hr3)?.description ?? "always") (Annex III), \(t.inForce(.hr1)?.description ?? "always") (Annex I products)"
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain one rule: what it checks, why, when it applies, its dates, how to fix.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var ruleOptions: RuleOptions
    @Option(name: .shortAndLong, help: "Output: table (text) or json.") var output: OutputFormat?
    @Argument(help: "The rule id, e.g. FBK-002.") var rule: String

    func run() throws {
        let rules = try ruleOptions.rules(databasePath: store.path)
        guard let r = rules.first(where: { $0.id.uppercased() == rule.uppercased() }) else {
            throw CLIError.usage("unknown rule id \"\(rule)\" (see `aigov rules`)")
        }
        let info = RuleInfo(r, builtIn: RuleCatalog.rule(id: r.id) != nil)
        if output == .json { emit(try RecordWriter.json(info)); return }
        // Custom rules' texts come from files: every one is sanitised, piped or not.
        let t = TextTable.sanitize
        emit("""
            \(t(info.id)) — \(t(info.title))

            Applies when:  \(t(info.applies_when))
            Fires when:    \(t(info.fires_when))
            Severity:      \(info.severity)
            Reference:     \(t(info.reference))
            In force:      original timeline \(t(info.in_force["original"] ?? ""))
                           amended timeline  \(t(info.in_force["amended"] ?? ""))
            How to fix:    \(t(info.remediation))

            """)
    }
}
