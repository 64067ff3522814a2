import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovPack
import AIGovStore
import ArgumentParser
import Foundation

/// What `aigov export -o` writes to stdout.
enum ExportFormat: String, ArgumentEnum {
    case csv, json, yaml, cyclonedx, algoritmeregister
}

/// `aigov export`: the registry for scripts on stdout (`export -o …`, the default subcommand
/// `registry`), or `aigov export pack` for auditors.
///
/// The stdout export is a default subcommand rather than options of `export` itself, so that
/// `--system`, `--today` and the like after `pack` are always the pack's own.
struct Export: ParsableCommand {
    // Every command names itself: ArgumentParser otherwise derives the name from the type
    // with `String(describing:)`, whose protocol-conformance scans cost each start-up (#25).
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the registry: an inventory, records or a CycloneDX ML-BOM on stdout, or an audit pack.",
        subcommands: [ExportRegistry.self, ExportPack.self],
        defaultSubcommand: ExportRegistry.self)
}

/// `aigov export [registry] -o csv|json|yaml|cyclonedx`.
struct ExportRegistry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Write the registry to stdout (the default of `aigov export`).",
        discussion: """
            -o csv and -o json write the inventory (one row per system: tier, status, owner, score, open \
            findings by severity); -o yaml writes the records in the interchange format (re-appliable with \
            `aigov apply -f`); -o cyclonedx writes one CycloneDX 1.6 ML-BOM for the selected systems, or the \
            system's own BOM when one --system is given; -o algoritmeregister writes the Dutch Algorithm Register's \
            AlgorithmIn JSON (public-body systems, or the --system ones). `aigov export pack --out DIR|FILE.zip` writes an audit pack.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var ruleOptions: RuleOptions
    @Option(name: .shortAndLong, help: "Output: csv, json, yaml, cyclonedx or algoritmeregister.")
    var output: ExportFormat = .json
    @Option(name: .customLong("system"), help: ArgumentHelp("Only this system; repeatable (default: all).", valueName: "id"))
    var systems: [String] = []
    @Option(help: ArgumentHelp("Write the registry as a tree of files instead: systems/ID.yaml, waivers/SYSTEM--RULE.yaml, incidents/ID.yaml and a README.md (for git; `apply -f DIR` reads it back).", valueName: "dir"))
    var tree: String?
    @OptionGroup var asOf: AsOfOptions

    func validate() throws {
        if let tree, tree.isEmpty { throw ValidationError("--tree: expected a folder") }
    }

    func run() throws {
        if let tree {
            let workspace = try asOf.resolve(try ruleOptions.workspace(store))
            try workspace.requireSystems(systems)
            let records = try workspace.registry.systems(ids: systems).map(\.system)
            let ids = Set(records.map(\.id))
            let waivers = try workspace.registry.waivers().map(\.waiver).filter { ids.contains($0.system) }
            let incidents = try workspace.registry.incidents(systems: systems).map(\.incident)
            do {
                try RegistryTree.write(try RegistryTree.files(systems: records, waivers: waivers, incidents: incidents), to: tree)
            } catch let e as TreeError {
                throw CLIError.usage(e.description)
            }
            emit("wrote \(tree): \(records.count) system\(records.count == 1 ? "" : "s"), \(waivers.count) waiver\(waivers.count == 1 ? "" : "s"), \(incidents.count) incident\(incidents.count == 1 ? "" : "s")\n")
            return
        }
        let (source, settings) = try PackInput.read(store: store, rules: ruleOptions, ids: systems, asOf: asOf)
        switch output {
        case .yaml:
            emit(try RecordWriter.yaml(source.systems))
        case .algoritmeregister:
            emit(try AlgorithmRegisterOutput.render(source.systems, ids: systems))
        case .csv, .json, .cyclonedx:
            let analysis = PackAnalysis(source: source, settings: settings)
            switch output {
            case .csv: emitPlain(PackTables.inventoryCSV(analysis))
            case .cyclonedx:
                if systems.count == 1, let only = analysis.results.first {
                    emit(CycloneDX.bom(for: only, settings: settings))
                } else {
                    emit(CycloneDX.registryBOM(analysis.results, settings: settings))
                }
            default: emit(PackTables.inventoryJSON(analysis))
            }
        }
    }
}

/// `aigov export pack`: the audit pack.
struct ExportPack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write an audit pack: index.html, inventory, findings, per-system documentation and ML-BOMs, manifest.",
        discussion: """
            The pack is built beside the target and moved into place only when complete. Files are \
            owner-only (0600, folders 0700) unless --group-readable. Pass --today (and --timeline) to make \
            a pack reproducible; the generation time is now, or SOURCE_DATE_EPOCH when set. \
            Check a pack with `aigov pack verify PATH`.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var ruleOptions: RuleOptions
    @Option(help: ArgumentHelp("Target folder, or a file ending in .zip.", valueName: "path"))
    var out: String
    @Option(name: .customLong("system"), help: ArgumentHelp("Only this system; repeatable (default: all).", valueName: "id"))
    var systems: [String] = []
    @Flag(help: "Replace an existing target.")
    var force = false
    @Flag(help: "Make files and folders readable by the group (0640 / 0750).")
    var groupReadable = false
    @OptionGroup var asOf: AsOfOptions
    @Option(help: ArgumentHelp("Add a \"changes since\" section: every system and waiver changed since the end of this UTC day (or this audit entry), with the fields, who and when.", valueName: "YYYY-MM-DD|seq"))
    var since: AuditPoint?

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out: expected a folder or a .zip file") }
    }

    func run() throws {
        let (source, settings) = try PackInput.read(store: store, rules: ruleOptions, ids: systems, asOf: asOf, since: since)
        let manifest: PackManifest
        do {
            manifest = try PackWriter.write(source, settings: settings, to: out,
                                            options: .init(force: force, groupReadable: groupReadable))
        } catch let e as PackError {
            throw CLIError.usage(e.description)
        }
        emit("wrote \(out): \(manifest.systems) system\(manifest.systems == 1 ? "" : "s"), \(manifest.files.count + 1) files, audit head \(manifest.auditHead)\n")
    }
}

/// `aigov pack`: tools for audit packs.
struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Audit pack tools.",
        subcommands: [PackVerify.self])
}

/// `aigov pack verify PATH`.
struct PackVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an audit pack (folder or zip): every file against the manifest, and the audit hash chain.",
        discussion: "Exit 0 when everything matches, 1 when a file is missing, extra or changed or the chain is broken, 2 for usage errors.")

    @Argument(help: ArgumentHelp("The pack: a folder or a .zip.", valueName: "path"))
    var path: String

    func run() throws {
        let report: PackVerifier.Report
        do { report = try PackVerifier.verify(path: path) } catch let e as PackError {
            throw CLIError.usage(e.description)
        }
        if report.ok {
            emit("ok: \(path): \(report.files + 1) files and \(report.auditEntries) audit entries match (audit head \(report.auditHead))\n")
            return
        }
        emit(report.problems.map { $0 + "\n" }.joined())
        throw CLIError.failed("aigov: pack verification failed: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")")
    }
}

/// Reading the registry and the rules settings the same way for every export.
enum PackInput {
    static func read(store: StoreOptions, rules: RuleOptions, ids: [String], asOf: AsOfOptions,
                     since: AuditPoint? = nil) throws -> (PackSource, PackSettings) {
        let live = try rules.workspace(store)
        // soa.yaml beside the live database (also for a pack of an earlier point), checked
        // before anything is read.
        let soa = try live.soaOverrides()
        let workspace = try asOf.resolve(live)
        try workspace.requireSystems(ids)
        var source = try PackSource.read(workspace, ids: ids)
        if let since {
            do {
                var report = try live.changes(since: since, until: asOf.point)
                for w in report.warnings { printErr("aigov: " + w) }
                if !ids.isEmpty {
                    report.changes = report.changes.filter { ids.contains($0.systemId) }
                }
                source.changes = (report, since.argumentText)
            } catch let e as TimeTravelError {
                throw e.isIntegrityFailure ? CLIError.failed("aigov: \(e)") : CLIError.usage("\(e)")
            }
        }
        var settings = PackSettings(workspace, generatedAt: PackClock.now())
        (settings.soaOverrides, settings.soaFile) = soa
        return (source, settings)
    }
}
