import AIGovApp
import AIGovCore
import AIGovPack
import AIGovCurses
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the registry database (mode 0600).")
    @OptionGroup var store: StoreOptions
    @Flag(help: "Create it readable by the file's group too (mode 0640; default 0600).") var groupReadable = false

    func run() throws {
        let existed = FileManager.default.fileExists(atPath: store.path)
        let registry = try store.open(create: true, groupReadable: groupReadable)
        emit(existed ? "registry already exists at \(registry.path) (\(try registry.count()) systems)\n"
                     : "created registry at \(registry.path)\n")
    }
}

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create or update systems, waivers and incidents from YAML/JSON files.",
        discussion: """
            Every input is read and validated before anything is written; a rejected input lists \
            each problem as file:path: message and writes nothing. All records are applied in one \
            transaction. Records that did not change write nothing, so applying the same input \
            twice is a no-op.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("File, folder (read recursively) or - for standard input; repeatable.", valueName: "path"))
    var file: [String] = []
    @Flag(help: "Show what would change without writing.")
    var dryRun = false
    @Option(help: ArgumentHelp("Refuse unless the (single) system in the input is at this row version.", valueName: "n"))
    var ifVersion: Int?
    @Option(name: .shortAndLong, help: "Output format: table or json.")
    var output: OutputFormat?
    @Option(name: .customLong("rules"), help: ArgumentHelp("A custom rule file whose ids waivers may name; repeatable (rules.d/ beside the database is read too).", valueName: "file"))
    var rules: [String] = []
    @Flag(help: "Also delete the systems, waivers and incidents the registry has and the input lacks (same transaction; refused for an input without systems or when more than half of the systems or of the incidents would go).")
    var prune = false
    @Flag(help: "Like --prune, and allow deleting more than half of the registry's systems.")
    var pruneAll = false

    func validate() throws {
        if file.isEmpty { throw ValidationError("give at least one -f PATH (or -f - for standard input)") }
        if ifVersion != nil, prune || pruneAll { throw ValidationError("--if-version does not go with --prune") }
    }

    func run() throws {
        var request = ApplyRequest(input: InputLoader.load(file), source: file.joined(separator: ","), actor: actor.resolved,
                                   today: try resolveToday(nil).day)
        request.ifVersion = ifVersion
        request.dryRun = dryRun
        request.prune = prune
        request.pruneAll = pruneAll
        request.ruleFiles = rules
        let result = try Applying.run(request, databasePath: store.path, exists: FileManager.default.fileExists(atPath: store.path)) {
            create, readOnly in try store.open(create: create, readOnly: readOnly)
        }
        result.notes.forEach(printErr)
        try report(result.outcomes)
    }

    func report(_ outcomes: [ChangeOutcome]) throws {
        if (output ?? .table) == .json {
            emit(try RecordWriter.json(outcomes))
            return
        }
        var text = ""
        for o in outcomes {
            let what = o.entity == "waiver" || o.entity == "incident" ? "\(o.entity) \(o.id)" : o.id
            switch o.kind {
            case .created: text += "created   \(what)\n"
            case .changed: text += "changed   \(what) (\(o.fields.joined(separator: ", ")))\n"
            case .unchanged: text += "unchanged \(what)\n"
            case .deleted: text += "deleted   \(what)\n"
            }
        }
        let n = outcomes.filter { $0.kind != .unchanged }.count
        text += dryRun ? "dry run: \(n) would change, nothing written\n" : "\(n) changed, \(outcomes.count - n) unchanged\n"
        emit(text)
    }
}

struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", _superCommandName: AIGov.directSuperCommand,
        abstract: "List systems, or print them in the interchange format.",
        discussion: """
            `get -o yaml` writes exactly the format `apply -f` reads, so export → edit → apply round-trips. \
            `get --incidents` prints the serious incidents instead (ids then select incidents by incident or \
            system id): -o yaml and -o json the documents, table and csv the listing of `aigov incidents`.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var out: OutputOptions
    @Argument(help: "System ids (default: all).") var ids: [String] = []
    @Flag(help: "Print serious incidents (kind: incident) instead of systems.") var incidents = false
    @Option(help: "Only this tier; repeatable.") var tier: [RiskTier] = []
    @Option(help: "Only this status; repeatable.") var status: [SystemStatus] = []
    @Option(help: "Only this owner; repeatable.") var owner: [String] = []
    @Option(help: "Only systems with this tag; repeatable.") var tag: [String] = []
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var asOf: AsOfOptions

    func run() throws {
        let filter = SystemFilter(tiers: tier, statuses: status, owners: owner, tags: tag)
        let workspace = try asOf.resolve(try ruleOptions.workspace(store))
        if incidents {
            let clocks = try IncidentOutput.select(workspace, ids: ids, openOnly: false)
            switch out.format {
            case .yaml: emit(try RecordWriter.yaml(clocks.map(\.incident)))
            case .json: emit(try RecordWriter.json(clocks.map(\.incident)))
            case .csv: emitPlain(CSV.table(header: IncidentListing.header, rows: clocks.map(IncidentListing.cells)))
            case .table: emit(IncidentOutput.table(clocks))
            }
            return
        }
        try workspace.requireSystems(ids)
        let registry = workspace.registry
        // Stream the registry a batch at a time so a large one is never all in memory; the
        // output is the same as encoding the whole list at once.
        let format = out.format
        var buffer = BufferedOutput()
        buffer.plain = format == .csv
        var tableRows: [[String]] = []
        var first = true
        if format == .json { buffer.write("[") }
        if format == .csv { buffer.write(CSV.row(SystemSummary.header)) }
        switch format {
        case .csv, .table:
            // The listing's columns and the stored scores, from one query (#25).
            try workspace.forEachListed(ids: ids, filter: filter) { batch in
                if format == .csv {
                    for row in SystemSummary.rows(batch) { buffer.write(CSV.row(row)) }
                } else {
                    tableRows += SystemSummary.rows(batch)
                }
            }
        case .yaml, .json:
            try registry.forEachBatch(ids: ids, filter: filter) { batch in
                for s in batch {
                    if format == .yaml {
                        if !first { buffer.write("---\n") }
                        buffer.write(try RecordWriter.yaml([s.system]))
                    } else {
                        let object = try RecordWriter.json(s.system).dropLast().split(separator: "\n", omittingEmptySubsequences: false)
                            .map { "  " + $0 }.joined(separator: "\n")
                        buffer.write((first ? "\n" : ",\n") + object)
                    }
                    first = false
                }
            }
        }
        switch format {
        case .json: buffer.write(first ? "\n\n]\n" : "\n]\n")
        case .table: buffer.write(TextTable.render(header: SystemSummary.header.map { $0.uppercased() }, rows: tableRows))
        default: break
        }
        buffer.flush()
    }
}

/// The columns of the registry listing (table and CSV), with each system's score and worst
/// open finding from the workspace's rule set (the same figures as `check` and the console).
enum SystemSummary {
    static let header = ["id", "name", "owner", "status", "tier", "score", "worst", "open", "version"]

    static func rows(_ list: [ListedSystem]) -> [[String]] {
        list.map { r in
            let s = r.header, e = r.summary
            return [s.id, s.name, s.owner, s.status.rawValue, s.tier.rawValue, String(e.score), e.worstOpen?.rawValue ?? "-",
                    String(e.open), String(s.rowVersion)]
        }
    }

    static func rows(_ list: [ScoredSystem]) -> [[String]] { rows(list.map(ListedSystem.init)) }
}

struct SetFields: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", _superCommandName: AIGov.directSuperCommand,
        abstract: "Change fields of one system: aigov set ID key=value…",
        discussion: """
            Keys are dotted paths of the interchange format: eu_ai_act.tier=high, \
            review.last_reviewed=2026-11-01, models[0].version=2.1. An empty value or null removes \
            the key; a value starting with [ or { is a YAML list or mapping (tags=[credit, retail]); \
            an index one past the end appends an entry. The result is validated like a file.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "The system id.") var id: String
    @Argument(help: "key=value assignments.") var assignments: [String] = []
    @Option(help: ArgumentHelp("Refuse unless the system is at this row version.", valueName: "n"))
    var ifVersion: Int?

    func validate() throws {
        if assignments.isEmpty { throw ValidationError("give at least one key=value") }
    }

    func run() throws {
        let problems = Editing.parseProblems(assignments)
        if !problems.isEmpty { throw InputRejected(problems) }
        let today = try resolveToday(nil)
        let workspace = Workspace(registry: try store.open(create: false), today: today)
        let outcome = try workspace.edit(id: id, assignments: assignments, actor: actor.resolved, ifVersion: ifVersion)
        switch outcome.kind {
        case .unchanged: emit("unchanged \(id) (version \(outcome.rowVersion ?? 0))\n")
        default: emit("changed \(id) (\(outcome.fields.joined(separator: ", "))), now version \(outcome.rowVersion ?? 0)\n")
        }
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a system (and its waivers), or with --incident an incident; its history stays in the audit log.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "The system id (the incident id with --incident).") var id: String
    @Option(help: ArgumentHelp("Refuse unless the system is at this row version.", valueName: "n"))
    var ifVersion: Int?
    @Flag(help: "Delete the serious incident ID rather than a system (a system's deletion keeps its incidents).")
    var incident = false

    func run() throws {
        let registry = try store.open(create: false)
        if incident {
            guard try registry.deleteIncident(id: id, actor: actor.resolved, ifVersion: ifVersion) != nil else {
                throw CLIError.usage("no incident with id \"\(id)\"")
            }
            emit("deleted incident \(id)\n")
            return
        }
        _ = try registry.delete(id: id, actor: actor.resolved, ifVersion: ifVersion)
        emit("deleted \(id)\n")
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show audit log entries, newest first.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var out: OutputOptions
    @Argument(help: "A system or incident id (default: the whole registry).") var id: String?
    @Option(help: "At most this many entries.") var limit: Int?

    func run() throws {
        let registry = try store.open(create: false, readOnly: true)
        let entries = try registry.history(entityId: id, limit: limit)
        let header = ["seq", "at", "actor", "action", "entity", "id", "version", "changes"]
        func row(_ e: AuditEntry) -> [String] {
            let changes = (try? JSONDecoder().decode([String].self, from: Data(e.changes.utf8))) ?? []
            return [String(e.seq), e.at, e.actor, e.action, e.entity, e.entityId, e.rowVersion.map(String.init) ?? "",
                    changes.joined(separator: " ")]
        }
        switch out.format {
        case .table: emit(TextTable.render(header: header.map { $0.uppercased() }, rows: entries.map(row)))
        case .csv: emitPlain(CSV.table(header: header, rows: entries.map(row)))
        case .json: emit(try RecordWriter.json(entries))
        case .yaml: emit(try RecordWriter.yaml(entries))
        }
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log.", subcommands: [Verify.self, Head.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Walk the hash chain; name the first entry that does not match (exit 1).",
            discussion: """
                With --witness, also prove that the log extends a head recorded earlier: COUNT:HASH as \
                printed by `aigov audit head`, a file holding it, or an audit pack (folder or zip), whose \
                manifest records the head and whose audit-log.jsonl lets the first changed entry be named. \
                The chain alone proves that nothing changed since a rewrite; only a witness kept elsewhere \
                proves that nothing before it was rewritten.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("A head recorded earlier: COUNT:HASH, a file holding it, or an audit pack.", valueName: "head|pack"))
        var witness: String?

        func run() throws {
            let w = try witness.map(Self.readWitness)
            let registry = try store.open(create: false, readOnly: true)
            let v: AuditVerification
            var check: WitnessCheck?
            if let w { (v, check) = try registry.verifyAudit(witness: w) } else { v = try registry.verifyAudit() }
            if let diff = check?.firstDifference {
                throw CLIError.failed("audit log does not extend the witness (\(w?.description ?? "")): first difference at entry \(diff.seq): \(diff.reason)")
            }
            if let bad = v.firstBad {
                throw CLIError.failed("audit log broken at entry \(bad.seq): \(bad.reason)")
            }
            if !v.drift.isEmpty {
                throw CLIError.failed(v.drift.map { "drift: \($0)" }.joined(separator: "\n")
                    + "\naudit chain intact (\(v.entries) entries) but \(v.drift.count) record(s) do not match their history")
            }
            if let w {
                emit("audit log ok: \(v.entries) entries, head \(v.head); extends the witness \(w)\n")
            } else {
                emit("audit log ok: \(v.entries) entries, head \(v.head)\n")
            }
        }

        /// `COUNT:HASH`, a small file holding it, or an audit pack.
        static func readWitness(_ text: String) throws -> AuditWitness {
            if let w = AuditWitness(text) { return w }
            var st = stat()
            guard stat(text, &st) == 0 else {
                throw CLIError.usage("--witness: expected COUNT:HASH (as `aigov audit head` prints), a file holding it, or an audit pack; \"\(text)\" is none")
            }
            if st.st_mode & S_IFMT == S_IFREG, st.st_size <= 1024, let data = FileManager.default.contents(atPath: text),
               let w = AuditWitness(String(decoding: data, as: UTF8.self)) {
                return w
            }
            do {
                return try PackWitness.read(path: text)
            } catch let e as PackError {
                throw CLIError.usage("--witness: \(e)")
            }
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "head",
            abstract: "Print the audit chain's head as COUNT:HASH, to keep as a witness.",
            discussion: """
                Keep the line somewhere the registry's writers cannot change (a ticket, a signed commit, \
                an e-mail); later, `aigov audit verify --witness COUNT:HASH` proves the log still extends it.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var out: OutputOptions

        func run() throws {
            let registry = try store.open(create: false, readOnly: true)
            let w = try registry.auditHead()
            // COUNT:HASH unless asked otherwise, piped or not: the line is what --witness reads.
            switch out.output ?? .table {
            case .json: emit("{\"entries\": \(w.entries), \"head\": \"\(w.head)\"}\n")
            case .yaml: emit("entries: \(w.entries)\nhead: \(w.head)\n")
            case .table, .csv: emit("\(w)\n")
            }
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the built-in demo registry into a database of its own and open the console on it.",
        discussion: """
            The demo database is recreated on every run: $XDG_DATA_HOME/aigov/demo.db unless --db is given. \
            On a terminal the console opens; otherwise (or with -o) the registry is printed.
            """)
    @Option(name: .long, help: ArgumentHelp("Demo database file.", valueName: "path")) var db: String?
    @Flag(help: "Open the console read-only.") var readOnly = false
    /// The most systems `--generate` makes (memory stays bounded).
    static let maxGenerate = 1_000_000
    @Option(help: ArgumentHelp("Instead of the demo systems, generate this many (for benchmarks) and print a summary.", valueName: "n"))
    var generate: Int?
    @Option(help: "Seed for --generate.") var seed: UInt64 = 42
    @Option(help: ArgumentHelp("With --generate: write the systems as YAML files (1,000 per file) into this folder instead of a database.", valueName: "dir"))
    var yamlOut: String?
    @Flag(help: "With --generate: leave out the classification blocks the demo systems carry (to compare check times).")
    var withoutClassifications = false

    func validate() throws {
        if let generate, !(1...Demo.maxGenerate).contains(generate) {
            throw ValidationError("--generate: expected a number from 1 to \(Demo.maxGenerate)")
        }
        if yamlOut != nil, generate == nil { throw ValidationError("--yaml-out goes with --generate") }
    }
    @OptionGroup var out: OutputOptions

    func run() throws {
        let path = db ?? StoreOptions.dataDirectory(ProcessInfo.processInfo.environment) + "/demo.db"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        let input = DemoRegistry.input()
        if !input.problems.isEmpty { throw InputRejected(input.problems) }
        if let generate {
            let templates = input.systems.map(\.system).map { s in
                var t = s
                if withoutClassifications { t.classification = nil }
                return t
            }
            var g = RegistryGenerator(seed: seed, templates: templates)
            let systems = (1...generate).map { g.system($0) }
            // Generated records are validated like a file, so a generator bug cannot store
            // records that `apply -f` would refuse.
            let problems = systems.flatMap { RecordValidation.problems($0, file: "generated/\($0.id)") }
            if !problems.isEmpty { throw InputRejected(Array(problems.prefix(50))) }
            if let yamlOut {
                // A folder of files of 1,000 systems each, which keeps every file well under
                // the 16 MiB input limit.
                try FileManager.default.createDirectory(atPath: yamlOut, withIntermediateDirectories: true)
                for (n, start) in stride(from: 0, to: systems.count, by: 1000).enumerated() {
                    let file = (yamlOut as NSString).appendingPathComponent(String(format: "systems-%04d.yaml", n + 1))
                    let text = try RecordWriter.yaml(Array(systems[start..<min(start + 1000, systems.count)]))
                    guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                        throw CLIError.usage("cannot write \(file)")
                    }
                }
                emit("wrote \(generate) generated systems to \(yamlOut)/\n")
                return
            }
            let registry = Workspace.evaluatingWrites(try Registry.open(path: path, create: true), today: try resolveToday(nil))
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try registry.apply(systems: systems, actor: "aigov-generate")
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            emit("generated \(generate) systems (seed \(seed)) into \(path) in \(String(format: "%.0f", ms)) ms\n")
            return
        }
        let registry = Workspace.evaluatingWrites(try Registry.open(path: path, create: true), today: try resolveToday(nil))
        // The demo's waivers go in as recorded history (one of them expired in June), not
        // through the waiver policy for new input, which refuses a past expiry.
        _ = try registry.apply(systems: input.systems.map(\.system), waivers: input.waivers.map(\.waiver),
                               incidents: input.incidents.map(\.incident), actor: "aigov-demo")
        let workspace = Workspace(registry: registry, today: try resolveToday(nil), ruleSet: try RuleSet.load(files: [], besideDatabase: path))
            .storingEvaluationsOnWrite()
        if out.output == nil, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            let actor = ActorOptions.fromEnvironment()
            if let problem = ActorPolicy.problem(actor) { throw CLIError.usage("AIGOV_ACTOR: \(problem)") }
            try ConsoleApp.run(path: path, readOnly: readOnly, actor: actor, title: "demo")
            return
        }
        let rows = try registry.systems()
        switch out.format {
        case .table:
            emit("demo registry at \(path): \(rows.count) systems\n\n")
            emit(TextTable.render(header: SystemSummary.header.map { $0.uppercased() }, rows: SystemSummary.rows(try workspace.scored(rows))))
            emit("\nnext: aigov check --db \(path)   (findings, with reasons and fixes)\n")
        case .csv: emitPlain(CSV.table(header: SystemSummary.header, rows: SystemSummary.rows(try workspace.scored(rows))))
        case .json: emit(try RecordWriter.json(rows.map(\.system)))
        case .yaml: emit(try RecordWriter.yaml(rows.map(\.system)))
        }
    }
}

