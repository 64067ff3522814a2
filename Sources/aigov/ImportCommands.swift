import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import ArgumentParser
import Foundation

extension ImportKind: ArgumentEnum {}

enum ImportOutput: String, ArgumentEnum {
    case table, json
}

/// `aigov import KIND SOURCE…`: models, datasets, metrics and whole records from where the
/// facts already live. The mapping is the application layer's (`Importer`); this command reads
/// the sources, opens the registry and prints the report.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import from Hugging Face model cards, MLflow, CycloneDX BOMs or the Dutch Algorithm Register.",
        discussion: """
            KIND is hf (a model card README.md or its folder), mlflow (the JSON of MLflow's REST \
            registered-models/search and model-versions/search responses, e.g. `curl …/api/2.0/mlflow/\
            registered-models/search | aigov import mlflow -`), cyclonedx (a CycloneDX 1.5, 1.6 or 1.7 JSON BOM) or \
            algoritmeregister (the Algorithm Register's v1.0 JSON, one algorithm or a list). Imported facts \
            update the records that already hold them (a model by name and provider, an algorithm by its \
            source_id); --system names the system to import into and creates it when new. Nothing a person \
            recorded is removed. The write is validated and audited like `apply` (the audit entry names the \
            importer and the source's SHA-256), and importing the same source again writes nothing. Bad or \
            foreign input exits 2 with file:path: message and writes nothing. See docs/import-export.md.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "What the sources are.") var kind: ImportKind
    @Argument(help: ArgumentHelp("Files (hf: a README.md or its folder), or - for standard input.", valueName: "source"))
    var sources: [String] = []
    @Option(help: ArgumentHelp("Import into this system (created when no system has this id).", valueName: "id"))
    var system: String?
    @Flag(help: "Show what would change, field by field, without writing.")
    var dryRun = false
    @Option(name: .shortAndLong, help: "Output format: table or json (default: table).")
    var output: ImportOutput?
    @Option(help: ArgumentHelp("hf: the model on the Hub, when the card does not name it.", valueName: "owner/name"))
    var model: String?
    @Option(help: ArgumentHelp("hf: the revision the card was read at; recorded as the model's version.", valueName: "rev"))
    var revision: String?
    @Option(help: ArgumentHelp("mlflow: the provider of the registered models (default: internal; a `provider` tag wins).", valueName: "name"))
    var provider: String?
    @Option(help: ArgumentHelp("The owner of a system the import creates (default: unassigned).", valueName: "team"))
    var owner: String?

    func validate() throws {
        if sources.isEmpty { throw ValidationError("give at least one source file (or - for standard input)") }
        if sources.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once") }
        if kind != .hf, model != nil || revision != nil { throw ValidationError("--model and --revision go with hf") }
        if kind != .mlflow, provider != nil { throw ValidationError("--provider goes with mlflow") }
    }

    func run() throws {
        var inputs: [ImportSource] = []
        var problems: [InputProblem] = []
        for path in sources {
            if path == "-" {
                switch BoundedInput.standardInput() {
                case let .success(data): inputs.append(ImportSource(name: "-", data: data))
                case let .failure(problem): problems.append(problem)
                }
                continue
            }
            switch ImportSource.read(path: path, readmeInFolder: kind == .hf, revision: revision) {
            case let .success(s): inputs.append(s)
            case let .failure(p): problems.append(p)
            }
        }
        if !problems.isEmpty { throw InputRejected(problems) }
        let options = ImportOptions(system: system, model: model, revision: revision, provider: provider, owner: owner)
        let report: ImportReport
        do {
            // The sources are read and checked before the registry is opened: bad input never
            // creates or touches a database.
            let plan = try Importer.prepare(kind, sources: inputs, options: options)
            let registry: Registry
            if dryRun, !FileManager.default.fileExists(atPath: store.path) {
                registry = try Registry.replica(systems: [], waivers: [], log: [])
            } else {
                registry = try store.open(create: !dryRun)
            }
            report = try plan.run(registry: registry, actor: actor.resolved, dryRun: dryRun)
        } catch let e as ImportError {
            throw CLIError.usage(e.description)
        }
        for w in report.warnings { printErr("aigov: warning: " + w) }
        for n in report.notes { printErr("aigov: note: " + n) }
        switch output ?? .table {
        case .json: emit(try RecordWriter.json(ImportReportJSON(report)))
        case .table: emit(Self.table(report))
        }
    }

    static func table(_ r: ImportReport) -> String {
        var text = ""
        for s in r.systems {
            switch s.outcome {
            case .created: text += "created   \(s.id)\n"
            case .changed: text += "changed   \(s.id) (\(s.fields.joined(separator: ", ")))\n"
            case .unchanged: text += "unchanged \(s.id)\n"
            case .deleted: text += "deleted   \(s.id)\n"
            }
            if r.dryRun, s.outcome == .changed {
                for c in s.changes { text += "    \(c.field): \(c.before) → \(c.after)\n" }
            }
        }
        let n = r.changedCount
        text += r.dryRun ? "dry run: \(n) would change, nothing written (import \(r.kind.rawValue) sha256:\(r.sha256))\n"
            : "\(n) changed, \(r.systems.count - n) unchanged (import \(r.kind.rawValue) sha256:\(r.sha256))\n"
        return text
    }
}

/// `aigov import -o json`.
struct ImportReportJSON: Encodable {
    struct System: Encodable {
        var id: String
        var outcome: String
        var fields: [FieldJSON]
    }

    struct FieldJSON: Encodable {
        var field: String
        var before: String
        var after: String
    }

    var kind: String
    var sha256: String
    var dryRun: Bool
    var systems: [System]
    var notes: [String]
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case kind, sha256, dryRun = "dry_run", systems, notes, warnings
    }

    init(_ r: ImportReport) {
        kind = r.kind.rawValue
        sha256 = r.sha256
        dryRun = r.dryRun
        systems = r.systems.map { s in
            System(id: s.id, outcome: s.outcome.rawValue, fields: s.changes.map { FieldJSON(field: $0.field, before: $0.before, after: $0.after) })
        }
        notes = r.notes
        warnings = r.warnings
    }
}

/// `aigov export -o algoritmeregister`: the register's JSON for the selected systems (all
/// public-body systems when none is named); one object for one `--system`, else a list. A
/// required field the record cannot fill or a text over the register's limit is exit 1 with
/// the system and field, and nothing on standard output.
enum AlgorithmRegisterOutput {
    static func render(_ systems: [AISystem], ids: [String]) throws -> String {
        let selected = ids.isEmpty ? systems.filter { $0.euAiAct?.publicBody == true } : systems
        switch AlgorithmRegister.export(selected, single: ids.count == 1) {
        case let .success(json): return json
        case let .failure(failure):
            let problems = failure.problems
            throw CLIError.failed(problems.map { "aigov: \($0)" }.joined(separator: "\n")
                + "\naigov: export refused (\(problems.count) problem\(problems.count == 1 ? "" : "s")); nothing was written")
        }
    }
}
