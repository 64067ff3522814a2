import AIGovApp
import AIGovCore
import AIGovCurses
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Guided EU AI Act classification: the questionnaire, its outcome, and the flags it derives.",
        discussion: """
            `aigov classify ID` on a terminal asks the questions, one screen per step (the console's wizard). \
            `aigov classify ID --answers FILE` takes the answers from a file (- for standard input), a \
            classification block whose questionnaire, assessed and assessor default to 2026-07, the day and the \
            actor. Not on a terminal, `aigov classify ID` prints the outcome of the answers the record carries, and \
            `aigov classify -f FILE` that of each record in FILE with a classification block. --write stores the \
            block and the derived tier and flags (one transaction, one audit entry per system); --dry-run shows \
            the field diff instead; without either nothing is written. Bad answers exit 2 with every problem as \
            file:path: message. The outcome follows CLASSIFY.md (questionnaire 2026-07; Regulation (EU) \
            2024/1689 as amended by Regulation (EU) 2026/1744). Not legal advice.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "The system id (omit with -f).") var id: String?
    @Option(help: ArgumentHelp("Answers: a classification block in YAML or JSON, or - for standard input.", valueName: "file"))
    var answers: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Records with classification blocks: file, folder or -; repeatable.", valueName: "path"))
    var file: [String] = []
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml (default: table on a terminal, else json).")
    var output: OutputFormat?
    @Flag(help: "Store the answers and the derived flags.") var write = false
    @Flag(help: "Show what would change in the record without writing.") var dryRun = false
    @Option(help: ArgumentHelp("The day of the write (YYYY-MM-DD; default: today, UTC). Answers may not be dated after it.", valueName: "date"))
    var today: String?

    func validate() throws {
        if write, dryRun { throw ValidationError("--write and --dry-run do not go together") }
        if id == nil, file.isEmpty { throw ValidationError("give a system id, or -f FILE") }
        if id != nil, !file.isEmpty { throw ValidationError("give a system id or -f FILE, not both") }
        if !file.isEmpty, answers != nil { throw ValidationError("--answers goes with a system id, not with -f") }
        if output == .csv { throw ValidationError("classify prints table, json or yaml") }
        do { _ = try Today.resolve(option: today) } catch let e as TodayError { throw ValidationError(e.description) }
    }

    /// `--today`, then `AIGOV_TODAY`, then the clock (checked by `validate`).
    var resolvedToday: Today { (try? Today.resolve(option: today)) ?? .clock() }
    var day: Day { resolvedToday.day }
    var format: OutputFormat { output ?? (stdoutIsTerminal ? .table : .json) }

    func run() throws {
        if !file.isEmpty { return try fromFiles() }
        guard let id else { return }
        if answers == nil, output == nil, !write, !dryRun, isatty(STDIN_FILENO) == 1, stdoutIsTerminal {
            // The questionnaire: the console's wizard on this one system, closing the console with it.
            guard try store.open(create: false).system(id: id) != nil else { throw RegistryError.notFound(id: id) }
            try ConsoleApp.run(path: store.path, readOnly: false, actor: actor.resolved, title: "classify", classify: id)
            return
        }
        let workspace = try Workspace.open(path: store.path, readOnly: !write, today: resolvedToday)
        guard let stored = try workspace.registry.system(id: id) else { throw RegistryError.notFound(id: id) }
        let classification: Classification
        if let answers {
            classification = try readAnswers(answers)
        } else if let recorded = stored.system.classification {
            classification = recorded
        } else {
            throw CLIError.usage("\(id) has no classification answers: give --answers FILE (or run `aigov classify \(id)` on a terminal)")
        }
        if write || dryRun {
            let (outcome, result) = try workspace.classify(id: id, classification, actor: actor.resolved, dryRun: dryRun,
                                                           file: answers ?? id)
            try print([ClassificationReport(system: stored.system, classification: classification, result: result)])
            report(outcome, result: result)
        } else {
            let result = ClassificationResult(system: stored.system, classification: classification)
            let problems = ClassificationPolicy.problems(result.after, file: answers ?? id, today: day)
            if !problems.isEmpty { throw InputRejected(problems) }
            try print([ClassificationReport(system: stored.system, classification: classification, result: result)])
        }
    }

    /// `-f`: records that carry their answers. With --write, each record is applied with its
    /// derived tier and flags, all in one transaction (one audit entry per system that changes).
    func fromFiles() throws {
        let input = InputLoader.load(file)
        if !input.problems.isEmpty { throw InputRejected(input.problems) }
        let results = try ClassificationPolicy.results(for: input.systems, today: day)
        if results.isEmpty {
            throw InputRejected([InputProblem(file: file.joined(separator: ","), path: "", message: "no record carries a classification block")])
        }
        let reports = results.compactMap { r in
            r.after.classification.map { ClassificationReport(system: r.before, classification: $0, result: r) }
        }
        try print(reports)
        guard write || dryRun else { return }
        let outcomes = try ClassificationPolicy.write(results, actor: actor.resolved, dryRun: dryRun,
                                                      exists: FileManager.default.fileExists(atPath: store.path)) { create in
            try store.open(create: create)
        }
        for (o, r) in zip(outcomes, results) { report(o, result: r) }
    }

    func readAnswers(_ path: String) throws -> Classification {
        let data: Data
        if path == "-" {
            data = try BoundedInput.standardInput().mapError { InputRejected([$0]) }.get()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw InputRejected([InputProblem(file: path, path: "", message: "cannot read the file")])
            }
            data = d
        }
        let name = path == "-" ? "<stdin>" : path
        return try AnswersReader.read(data, file: name, json: path.lowercased().hasSuffix(".json"), questionnaire: Questionnaire.version,
                                      assessed: day, assessor: actor.resolved).get()
    }

    func print(_ reports: [ClassificationReport]) throws {
        switch format {
        case .json: emit(reports.count == 1 ? try RecordWriter.json(reports[0]) : try RecordWriter.json(reports))
        case .yaml: emit(try RecordWriter.yaml(reports))
        default: emit(reports.map(\.text).joined(separator: "\n"))
        }
    }

    /// What was written (or would be), on stderr so that stdout stays the report.
    func report(_ o: ChangeOutcome, result: ClassificationResult) {
        let verb = dryRun ? "would change" : "changed"
        switch o.kind {
        case .unchanged: printErr("unchanged \(o.id)")
        case .created: printErr(dryRun ? "would create \(o.id)" : "created \(o.id)")
        default:
            printErr("\(verb) \(o.id): " + result.recordChanges.map { "\($0.field): \($0.before) → \($0.after)" }.joined(separator: "; "))
        }
    }
}
