import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import ArgumentParser
import Foundation

extension AuditPoint: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    /// The point as the user writes it.
    var argumentText: String {
        switch self {
        case let .seq(n): "entry \(n)"
        case let .endOfDay(d): d.description
        }
    }
}

/// `--as-of DATE|SEQ`: answer from the registry as it stood then.
struct AsOfOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Answer from the registry as it stood at the end of this UTC day, or after this audit entry (rebuilt from the audit log, verified up to there).", valueName: "YYYY-MM-DD|seq"))
    var point: AuditPoint?

    /// The workspace itself, or a read-only copy of it at the point. Warnings about the log
    /// after the point go to stderr; a damaged log before it is exit 1.
    func resolve(_ workspace: Workspace) throws -> Workspace {
        guard let point else { return workspace }
        do {
            let (past, warnings) = try workspace.asOf(point)
            for w in warnings { printErr("aigov: " + w) }
            return past
        } catch let e as TimeTravelError {
            throw e.isIntegrityFailure ? CLIError.failed("aigov: \(e)") : CLIError.usage("\(e)")
        }
    }
}

/// `aigov diff`: the registry against a tree, or against itself at an earlier point.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the registry with a tree of files (-f), or with itself at an earlier point (--since).",
        discussion: """
            -f DIR lists what `apply -f DIR --prune` would do: systems, waivers and incidents created, deleted and \
            changed (with the changed fields). --since DATE|SEQ [--until DATE|SEQ] lists what changed in \
            the registry between two points of its audit log, with who changed each record and when; a \
            DATE is the end of that UTC day, a SEQ an audit entry. Exit 1 when there are differences, 0 \
            when there are none (like `git diff --exit-code`), 2 for bad input.
            """)
    @OptionGroup var store: StoreOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("A tree (folder) or files to compare with; repeatable.", valueName: "path"))
    var file: [String] = []
    @Option(help: ArgumentHelp("Compare the registry at this point…", valueName: "YYYY-MM-DD|seq"))
    var since: AuditPoint?
    @Option(help: ArgumentHelp("…with this later point (default: now).", valueName: "YYYY-MM-DD|seq"))
    var until: AuditPoint?
    @Option(name: .shortAndLong, help: "Output: table, json or yaml (default: table on a terminal, else json).")
    var output: OutputFormat?

    func validate() throws {
        if file.isEmpty == (since == nil) { throw ValidationError("give either -f PATH or --since DATE|SEQ") }
        if until != nil, since == nil { throw ValidationError("--until goes with --since") }
        if output == .csv { throw ValidationError("-o: expected table, json or yaml") }
    }

    func run() throws {
        let report: ChangeReport
        if !file.isEmpty {
            let input = InputLoader.load(file)
            if !input.problems.isEmpty { throw InputRejected(input.problems) }
            let workspace = try Workspace.open(path: store.path, readOnly: true,
                                               busyTimeout: try StoreOptions.busyTimeout(ProcessInfo.processInfo.environment))
            report = try workspace.changes(toward: RegistryState(systems: input.systems.map(\.system),
                                                                 waivers: input.waivers.map(\.waiver),
                                                                 incidents: input.incidents.map(\.incident)))
        } else if let since {
            let workspace = try Workspace.open(path: store.path, readOnly: true,
                                               busyTimeout: try StoreOptions.busyTimeout(ProcessInfo.processInfo.environment))
            do {
                report = try workspace.changes(since: since, until: until)
            } catch let e as TimeTravelError {
                throw e.isIntegrityFailure ? CLIError.failed("aigov: \(e)") : CLIError.usage("\(e)")
            }
            for w in report.warnings { printErr("aigov: " + w) }
        } else {
            return
        }
        switch output ?? (stdoutIsTerminal ? .table : .json) {
        case .json: emit(try RecordWriter.json(report))
        case .yaml: emit(try RecordWriter.yaml([report]))
        case .table, .csv: emit(Self.table(report, history: since != nil))
        }
        if !report.isEmpty { throw CLIError.failed("") }
    }

    static func table(_ report: ChangeReport, history: Bool) -> String {
        guard !report.isEmpty else {
            if let from = report.from, let to = report.to { return "no differences between entry \(from) and entry \(to)\n" }
            return "no differences\n"
        }
        var rows: [[String]] = []
        for c in report.changes {
            let who = c.by.map { "\($0.actor) \($0.at) (#\($0.seq) \($0.action))" }
            rows.append([c.change, c.entity, c.id, c.fields.joined(separator: " ")] + (history ? [who.first ?? ""] : []))
            for more in who.dropFirst() { rows.append(["", "", "", "", more]) }
        }
        let header = ["CHANGE", "ENTITY", "ID", "FIELDS"] + (history ? ["BY"] : [])
        var text = TextTable.render(header: header, rows: rows, maxWidth: 120)
        if let from = report.from, let to = report.to { text += "entries \(from + 1)–\(to) of the audit log\n" }
        text += "\(report.changes.count) difference\(report.changes.count == 1 ? "" : "s")\n"
        return text
    }
}
