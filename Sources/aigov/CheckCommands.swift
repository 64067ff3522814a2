import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

extension TimelineKind: ArgumentEnum {}
extension CheckFormat: ArgumentEnum {}
extension Framework: ArgumentEnum {}

enum FailOn: String, ArgumentEnum {
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
        do { _ = try Today.resolve(option: today) } catch let e as TodayError { throw ValidationError(e.description) }
    }

    /// `--today`, then `AIGOV_TODAY`, then the clock (checked by `validate`).
    var resolvedToday: Today { (try? Today.resolve(option: today)) ?? .clock() }
    var day: Day { resolvedToday.day }

    /// The rule set: built-in, `--rules`, and `rules.d/` beside `databasePath` (when given).
    /// A bad rule file rejects the whole run.
    func ruleSet(databasePath: String?) throws -> RuleSet {
        try RuleSet.load(files: ruleFiles, besideDatabase: databasePath)
    }

    /// The registry with this day, timeline and rule set.
    /// Reading commands store the evaluations they refresh when they may (`Workspace.open`).
    func workspace(_ store: StoreOptions, create: Bool = false, readOnly: Bool = true) throws -> Workspace {
        let timeout = try StoreOptions.busyTimeout(ProcessInfo.processInfo.environment)
        return try Workspace.open(path: store.path, create: create, readOnly: readOnly, storesEvaluations: true, busyTimeout: timeout,
                                  today: resolvedToday, timeline: timeline, ruleFiles: ruleFiles)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", _superCommandName: AIGov.directSuperCommand,
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
    var output: CheckFormat?
    @Option(help: "Exit 1 when an open finding is at or above: critical, high, medium, low, info, never.")
    var failOn: FailOn = .high
    @Option(help: "Group table or JSON findings by article, control or subcategory: eu-ai-act, iso42001 or nist-ai-rmf.")
    var framework: Framework?
    @OptionGroup var asOf: AsOfOptions

    func validate() throws {
        if framework != nil, output == .sarif || output == .junit {
            throw ValidationError("--framework groups table and JSON output; SARIF always carries the ISO/IEC 42001 and NIST AI RMF taxonomies, and JUnit has no groups")
        }
        if asOf.point != nil, !file.isEmpty { throw ValidationError("--as-of checks the registry's history; it does not go with -f") }
    }

    func run() throws {
        let format = output ?? (stdoutIsTerminal ? .table : .json)
        let explicitDB = store.db != nil || ProcessInfo.processInfo.environment["AIGOV_DB"].map { !$0.isEmpty } == true
        let rules = try ruleOptions.ruleSet(databasePath: file.isEmpty || explicitDB ? store.path : nil)
        let settings = CheckSettings(today: ruleOptions.day, timeline: ruleOptions.timeline, rules: rules.rules,
                                     toolVersion: AIGov.configuration.version)
        var writer: any CheckWriter
        switch format {
        case .json: writer = JSONCheckWriter(settings: settings, framework: framework)
        case .sarif: writer = SARIFCheckWriter(settings: settings)
        case .junit: writer = JUnitCheckWriter(settings: settings)
        case .table: writer = TableCheckWriter(settings: settings, color: Terminal.colorEnabled, framework: framework)
        }
        var out = BufferedOutput()
        var summary = FindingSummary()
        var count = 0
        func report(_ result: SystemResult) {
            summary.add(contentsOf: result.findings)
            writer.add(result, into: &out)
            count += 1
        }
        if !file.isEmpty {
            let input = InputLoader.load(file)
            let problems = input.problems + WaiverPolicy.problems(in: input.waivers, rules: rules)
            if !problems.isEmpty {
                // SARIF and JUnit readers see the problems as results; stderr lists them too.
                if let report = writer.rejected(problems) {
                    out.write(report)
                    out.flush()
                }
                throw InputRejected(problems)
            }
            WaiverPolicy.expiredNotes(in: input.waivers, today: ruleOptions.day).forEach(printErr)
            let runner = rules.runner(today: ruleOptions.day, timeline: ruleOptions.timeline, waivers: input.waivers.map(\.waiver),
                                      incidents: input.incidents.map(\.incident))
            out.write(writer.begin())
            for (s, src) in input.systems where ids.isEmpty || ids.contains(s.id) { report(runner.result(for: s, source: src)) }
        } else {
            let workspace = try asOf.resolve(try ruleOptions.workspace(store))
            try workspace.requireSystems(ids)
            out.write(writer.begin())
            // --framework tallies evidence: each system's header comes with its evidence list.
            try workspace.check(ids: ids, withEvidence: framework != nil) { results in results.forEach(report) }
        }
        writer.end(summary, systems: count) { out.write($0) }
        out.flush()
        if let threshold = failOn.severity, summary.hasOpen(atLeast: threshold) {
            throw CLIError.failed("")
        }
    }
}

/// Stdout in 64 KiB writes; on a terminal sanitised like `emit`, or like `emitPlain` when
/// `plain` (data such as CSV, whose colours are the registry's, not aigov's).
///
/// The one byte writer of the reports (issue #25): text is appended as UTF-8 bytes, and JSON
/// string literals are quoted straight into the buffer (`JSONText.appendQuoted`), so a large
/// report makes no intermediate `String` per finding or per line.
struct BufferedOutput: ReportSink {
    var sink = ByteSink(capacity: 1 << 17)
    var plain = false
    let terminal = stdoutIsTerminal

    init(plain: Bool = false) {
        self.plain = plain
    }

    mutating func write(_ s: String) {
        if terminal {
            sink.write(plain ? TextTable.sanitizeKeepingLines(s) : TextTable.sanitizeKeepingStyle(s))
        } else {
            sink.write(s)
        }
        if sink.bytes.count >= 65_536 { flush() }
    }

    mutating func writeQuoted(_ s: String) {
        guard !terminal else { return write(JSONText.quote(s)) }
        sink.writeQuoted(s)
        if sink.bytes.count >= 65_536 { flush() }
    }

    mutating func writeQuoted(_ a: String, _ separator: Character, _ b: String) {
        guard !terminal else { return write(JSONText.quote("\(a)\(separator)\(b)")) }
        sink.writeQuoted(a, separator, b)
        if sink.bytes.count >= 65_536 { flush() }
    }

    mutating func flush() {
        sink.bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                guard let base = raw.baseAddress else { break }
                let n = Glibc.write(STDOUT_FILENO, base + off, raw.count - off)
                if n <= 0 { break }
                off += n
            }
        }
        sink.bytes.removeAll(keepingCapacity: true)
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
        let workspace = try ruleOptions.workspace(store, readOnly: false)
        let request = WaiverRequest(system: system, rule: rule, reason: reason, approvedBy: approvedBy, expires: expires)
        let (o, w) = try workspace.waive(request, actor: actor.resolved)
        emit("\(o.kind.rawValue) waiver \(o.id) until \(w.expires)\n")
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
        let workspace = try Workspace.open(path: store.path, busyTimeout: try StoreOptions.busyTimeout(ProcessInfo.processInfo.environment))
        guard let o = try workspace.unwaive(system: system, rule: rule, actor: actor.resolved) else {
            throw CLIError.usage("no waiver for \(system) / \(rule)")
        }
        emit("removed waiver \(o.id)\n")
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
        let workspace = Workspace(registry: try store.open(create: false, readOnly: true), today: try resolveToday(today))
        let standings = try workspace.waiverStandings(system: system)
        let list = standings.map(\.stored)
        let header = ["system", "rule", "expires", "days_left", "state", "approved_by", "reason"]
        let rows = standings.map { s -> [String] in
            let w = s.stored.waiver
            return [w.system, w.rule, w.expires.description, String(s.daysLeft), s.state, w.approvedBy, w.reason]
        }
        switch out.format {
        case .table: emit(TextTable.render(header: header.map { $0.uppercased() }, rows: rows))
        case .csv: emitPlain(CSV.table(header: header, rows: rows))
        case .yaml: emit(try RecordWriter.yaml(list.map(\.waiver)))
        case .json:
            struct Row: Encodable {
                var system, rule, expires, state, approvedBy, reason, createdAt, createdBy: String
                var daysLeft: Int
                enum CodingKeys: String, CodingKey {
                    case system, rule, expires, state, approvedBy = "approved_by", reason, createdAt = "created_at"
                    case createdBy = "created_by", daysLeft = "days_left"
                }
            }
            emit(try RecordWriter.json(standings.map { s in
                let w = s.stored
                return Row(system: w.waiver.system, rule: w.waiver.rule, expires: w.waiver.expires.description,
                           state: s.state, approvedBy: w.waiver.approvedBy,
                           reason: w.waiver.reason, createdAt: w.createdAt, createdBy: w.createdBy, daysLeft: s.daysLeft)
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
        let rules = try ruleOptions.ruleSet(databasePath: store.path).rules
        let builtIn = Set(RuleCatalog.builtIn.map(\.id))
        let header = ["id", "severity", "group", "reference", "origin", "title"]
        let rows = rules.map { r in
            [r.id, r.severityText, r.obligation.text, r.reference, builtIn.contains(r.id) ? "built-in" : "custom", r.title]
        }
        switch out.format {
        case .table: emit(TextTable.render(header: header.map { $0.uppercased() }, rows: rows, maxWidth: 60))
        case .csv: emitPlain(CSV.table(header: header, rows: rows))
        case .json, .yaml:
            let objects = rules.map { RuleInfo($0, builtIn: builtIn.contains($0.id)) }
            emit(out.format == .json ? try RecordWriter.json(objects) : try RecordWriter.yaml(objects))
        }
    }
}

/// A rule's description for `rules -o json` and `explain -o json`.
struct RuleInfo: Encodable {
    var id, title, appliesWhen, firesWhen, severity, reference, remediation, group, origin: String
    var inForce: [String: String]
    /// The rule's articles, controls and subcategories with their titles, by framework key.
    var frameworks: Frameworks

    struct Entry: Encodable { var id, title: String }
    struct Frameworks: Encodable {
        var euAIAct, iso42001, nistAIRMF: [Entry]
        enum CodingKeys: String, CodingKey { case euAIAct = "eu_ai_act", iso42001, nistAIRMF = "nist_ai_rmf" }

        init(_ m: FrameworkMapping) {
            func entries(_ f: Framework) -> [Entry] { m.items(f).map { Entry(id: $0.id, title: $0.title) } }
            euAIAct = entries(.euAIAct)
            iso42001 = entries(.iso42001)
            nistAIRMF = entries(.nistAIRMF)
        }

        /// The explain lines: one per entry, the framework named on its first.
        var lines: [String] {
            let groups: [(String, [Entry])] = [("AI Act:", euAIAct), ("ISO/IEC 42001:", iso42001), ("NIST AI RMF:", nistAIRMF)]
            var out: [String] = []
            for (name, list) in groups {
                let shown = list.isEmpty ? [Entry(id: "—", title: "")] : list
                for (i, e) in shown.enumerated() {
                    let label = (i == 0 ? name : "").padding(toLength: 15, withPad: " ", startingAt: 0)
                    let id = e.id.padding(toLength: max(e.id.count, 12), withPad: " ", startingAt: 0)
                    let line = label + id + e.title
                    out.append(String(line[..<(line.lastIndex(where: { $0 != " " }).map { line.index(after: $0) } ?? line.startIndex)]))
                }
            }
            return out
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, title, appliesWhen = "applies_when", firesWhen = "fires_when", severity, reference, remediation, group
        case origin, inForce = "in_force", frameworks
    }

    init(_ r: any Rule, builtIn: Bool) {
        id = r.id
        title = r.title
        appliesWhen = r.appliesWhen
        firesWhen = r.firesWhen
        severity = r.severityText
        reference = r.reference
        remediation = r.remediation
        // INV-004 and TRN-002 pick a group of their own for some records (RULES.md).
        let picked = (r as? BuiltInRule)?.recordGroups ?? []
        group = ([r.obligation.text] + picked.map(\.rawValue)).joined(separator: " or ")
        origin = builtIn ? "built-in" : "custom"
        var dates: [String: String] = [:]
        for kind in TimelineKind.allCases {
            let t = Timeline(kind)
            dates[kind.rawValue] = ([RuleInfo.dates(r.obligation, t)]
                + picked.map { "\(t.inForce($0)?.description ?? "always") (\($0.rawValue): \($0.title))" }).joined(separator: "; ")
        }
        inForce = dates
        frameworks = Frameworks(r.frameworks)
    }

    static func dates(_ o: RuleObligation, _ t: Timeline) -> String {
        switch o {
        case let .fixed(g): return t.inForce(g)?.description ?? "always"
        case .highRisk:
            return "\(t.inForce(.hr3)?.description ?? "always") (Annex III), \(t.inForce(.hr1)?.description ?? "always") (Annex I Section A products), "
                + "\(t.inForce(RecordGroup.hrLegacy)?.description ?? "") (hr-legacy: a legacy system of a public authority, Art. 111(2)); "
                + "never for an Annex I Section B product (Art. 2(2)) or a legacy system outside public authorities until a significant change in its design"
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
    @Argument(help: "A system id: also say how the rule reaches that system (legacy status, Annex I Section B).") var system: String?

    func run() throws {
        guard let r = try ruleOptions.ruleSet(databasePath: store.path).rule(id: rule) else {
            throw CLIError.usage("unknown rule id \"\(rule)\" (see `aigov rules`)")
        }
        let info = RuleInfo(r, builtIn: RuleCatalog.rule(id: r.id) != nil)
        if output == .json { emit(try RecordWriter.json(info)); return }
        // Custom rules' texts come from files: every one is sanitised, piped or not.
        let t = TextTable.sanitize
        emit("""
            \(t(info.id)) — \(t(info.title))

            Applies when:  \(t(info.appliesWhen))
            Fires when:    \(t(info.firesWhen))
            Severity:      \(info.severity)
            Reference:     \(t(info.reference))
            In force:      original timeline \(t(info.inForce["original"] ?? ""))
                           amended timeline  \(t(info.inForce["amended"] ?? ""))
            How to fix:    \(t(info.remediation))

            Frameworks (alignment, not legal equivalence; docs/frameworks.md):
            \(info.frameworks.lines.map { "  " + t($0) }.joined(separator: "\n"))

            """)
        guard let system else { return }
        let workspace = try ruleOptions.workspace(store)
        try workspace.requireSystems([system])
        guard let stored = try workspace.registry.system(id: system) else { return }
        let reach = workspace.highRiskReach(of: stored.system)
        let due = r.due(for: stored.system, context: workspace.context)
        let applies = r.applies(to: stored.system, context: workspace.context)
        emit("For \(t(system)):  " + (applies ? (due.map { "applies from \($0)" } ?? "applies") : "does not apply")
             + (reach.map { "; " + $0 } ?? "") + "\n")
    }
}
