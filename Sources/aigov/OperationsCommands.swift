import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import ArgumentParser
import Foundation

/// `-o md|json` of the operations documents.
enum DocumentFormat: String, ArgumentEnum {
    case md, json
}

/// What `fria` and `register` share: one system, from the registry or from files.
struct OneSystemOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: "The system id.") var id: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Read the system from files instead of the registry; repeatable.", valueName: "path"))
    var file: [String] = []
    @Option(help: ArgumentHelp("The day review dates are measured from (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?
    @Option(name: .shortAndLong, help: "Output: md or json (default: md on a terminal, else json).")
    var output: DocumentFormat?

    func validate() throws {
        do { _ = try Today.resolve(option: today) } catch let e as TodayError { throw ValidationError(e.description) }
    }

    var day: Day { ((try? Today.resolve(option: today)) ?? .clock()).day }
    var format: DocumentFormat { output ?? (stdoutIsTerminal ? .md : .json) }

    /// The system: from the files with -f (bad files: exit 2), else read from the registry.
    func system() throws -> AISystem {
        if !file.isEmpty {
            let input = InputLoader.load(file)
            if !input.problems.isEmpty { throw InputRejected(input.problems) }
            guard let s = input.systems.first(where: { $0.system.id == id }) else { throw WorkspaceError.unknownSystems([id]) }
            return s.system
        }
        guard let stored = try store.open(create: false, readOnly: true).system(id: id) else {
            throw WorkspaceError.unknownSystems([id])
        }
        return stored.system
    }
}

struct Fria: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fria",
        abstract: "Draft a system's fundamental rights impact assessment (Art. 27) from its record.",
        discussion: """
            Prints the six sections of Art. 27(1): (a) fria.process, (b) fria.period_and_frequency, \
            (c) impact.affected_groups, (d) risks, (e) oversight, (f) fallbacks with impact.appeal and \
            review; and the assessment's facts (performed, notified, authority, dpia_reference, \
            next_review). Each empty section is named by its letter and the path to fill. \
            JSON: {"system", "name", "required", "basis" (classification | recorded-flags), \
            "performed", "notified", "authority", "dpia_reference", "next_review", "review_overdue", \
            "evidence": [text], "sections": [{"letter", "title", "article", "paths", "filled", \
            "items": [text]}], "missing": [{"section", "path"}], "complete"}. \
            Exit 0 whether or not sections are missing (the draft is the point; `aigov check` \
            reports FRI-002 for an assessment that was performed with empty sections); 2 for an \
            unknown system or bad input. See docs/operations.md.
            """)
    @OptionGroup var options: OneSystemOptions

    func run() throws {
        let draft = FRIADraft(try options.system(), today: options.day)
        emit(options.format == .json ? try RecordWriter.json(draft) : draft.markdown())
    }
}

struct Register: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Print a system's EU database entry (Art. 49, Annex VIII), filled from its record.",
        discussion: """
            The Annex VIII section follows the registration duty (CLASSIFY.md's `registration` from \
            the classification, else the recorded eu_ai_act flags): A, B or C; A-restricted, \
            B-restricted or C-restricted go to the secure non-public section and carry only the \
            items of Art. 49(4); national (Annex III point 2) and none have no EU entry. Facts the \
            record keeps nowhere else come from the `registration` block. \
            JSON: {"system", "name", "registration", "basis", "section", "restricted", "reference", \
            "note", "eu_database_id", "items": [{"point", "label", "paths", "value", "status" \
            (filled | missing | not-applicable | not-entered), "missing": [path]}], \
            "missing": [{"point", "path"}], "complete"}. \
            Exit 1 when an item is missing, 0 when the entry is complete or nothing is due, 2 for \
            an unknown system or bad input. See docs/operations.md.
            """)
    @OptionGroup var options: OneSystemOptions

    func run() throws {
        let entry = RegistrationEntry(try options.system(), today: options.day)
        emit(options.format == .json ? try RecordWriter.json(entry) : entry.markdown())
        if !entry.complete {
            let n = entry.items.filter { $0.status == .missing }.count
            throw CLIError.failed("aigov: \(n) item\(n == 1 ? "" : "s") of the Annex VIII entry missing; fill "
                + entry.missing.map { "\(entry.section ?? "").\($0.point) \($0.path)" }.joined(separator: ", "))
        }
    }
}
