import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovPack
import AIGovRules
import ArgumentParser
import Foundation

enum SoAFormat: String, ArgumentEnum {
    case table, json, md, csv
}

/// `aigov soa`: the ISO/IEC 42001 Statement of Applicability drafted from the registry.
struct SoACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soa",
        abstract: "Draft the ISO/IEC 42001 Statement of Applicability from the registry.",
        discussion: """
            For each of the 38 Annex A controls: whether a mapped rule applies to an active system, \
            how many active systems the mapped rules cover and how many pass them, the open and waived \
            findings, the evidence of the kinds the rules look for, and a status (implemented, partially \
            implemented, not implemented, not applicable). Controls no rule maps to come last, "outside the \
            registry: record elsewhere". A status and justification written in soa.yaml beside the \
            database (or --soa FILE) win. The mapping is alignment, not legal equivalence (docs/frameworks.md).
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var ruleOptions: RuleOptions
    @Option(name: .shortAndLong, help: "Output: table, json, md or csv (default: table on a terminal, else json).")
    var output: SoAFormat?
    @Option(help: ArgumentHelp("Hand-written control statuses (default: soa.yaml beside the database, when it exists).", valueName: "file"))
    var soa: String?

    func run() throws {
        let workspace = try ruleOptions.workspace(store)
        let (overrides, file) = try workspace.soaOverrides(file: soa)
        let statement = try workspace.statementOfApplicability(overrides: overrides, file: file)
        switch output ?? (stdoutIsTerminal ? .table : .json) {
        case .json: emit(try RecordWriter.json(SoAJSON(statement)))
        case .md: emit(FrameworkPages.soaMarkdown(statement))
        case .csv:
            emitPlain(CSV.table(header: ["control", "title", "applicable", "systems_covered", "systems_passing", "not_passing",
                                         "open_critical", "open_high", "open_medium", "open_low", "open_info", "waived", "upcoming",
                                         "evidence", "status", "source", "justification"],
                                rows: statement.rows.map { r in
                                    let s = r.tally.summary
                                    return [r.control.id, r.control.title, r.applicability, String(r.tally.covered.count),
                                            String(r.tally.passing), r.tally.failing.joined(separator: " ")]
                                        + Severity.allCases.map { String(s.openBySeverity[$0] ?? 0) }
                                        + [String(s.waived), String(s.upcoming), String(r.tally.evidence.count), r.status.rawValue,
                                           r.source, r.override?.justification ?? ""]
                                }))
        case .table:
            func row(_ r: SoARow) -> [String] {
                [r.control.id, r.control.title, r.applicability, FrameworkPages.coverage(r.tally), FrameworkPages.openText(r.tally.summary),
                 String(r.tally.summary.waived), String(r.tally.evidence.count), r.status.rawValue + (r.override == nil ? "" : " *")]
            }
            var text = TextTable.render(header: ["CONTROL", "TITLE", "APPLICABLE", "PASS/COVERED", "OPEN", "WAIVED", "EVIDENCE", "STATUS"],
                                        rows: statement.registryRows.map(row), maxWidth: 40)
            text += "\nOutside the registry: record elsewhere\n"
            text += TextTable.render(header: ["CONTROL", "TITLE", "STATUS"],
                                     rows: statement.outsideRows.map { [$0.control.id, $0.control.title,
                                                                        $0.override.map { $0.status.rawValue + " *" } ?? "record elsewhere"] },
                                     maxWidth: 60)
            for r in statement.rows {
                if let o = r.override { text += "* \(r.control.id): \(o.status.rawValue), written in \(o.source): \(o.justification)\n" }
            }
            let counts = statement.statusCounts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
            text += "38 controls over \(statement.activeSystems) active system\(statement.activeSystems == 1 ? "" : "s") on \(statement.today): \(counts)\n"
            emit(text)
        }
    }
}

/// The JSON form of the SoA.
struct SoAJSON: Encodable {
    struct Evidence: Encodable { var system, kind, title: String; var uri: String? }
    struct Control: Encodable {
        var id, title, objective, applicable, status, draftedStatus, source: String
        var inRegistry: Bool
        var rules: [String]
        var systemsCovered, systemsPassing, waived, upcoming: Int
        var notPassing: [String]
        var open: [String: Int]
        var evidence: [Evidence]
        var justification: String?

        enum CodingKeys: String, CodingKey {
            case id, title, objective, applicable, status, draftedStatus = "drafted_status", source, inRegistry = "in_registry", rules
            case systemsCovered = "systems_covered", systemsPassing = "systems_passing", waived, upcoming, notPassing = "not_passing"
            case open, evidence, justification
        }
    }
    var today: String
    var activeSystems: Int
    var overridesFile: String?
    var statuses: [String: Int]
    var controls: [Control]

    enum CodingKeys: String, CodingKey {
        case today, activeSystems = "active_systems", overridesFile = "overrides_file", statuses, controls
    }

    init(_ s: StatementOfApplicability) {
        today = s.today.description
        activeSystems = s.activeSystems
        overridesFile = s.overridesFile
        statuses = Dictionary(uniqueKeysWithValues: s.statusCounts.map { ($0.0.rawValue, $0.1) })
        controls = s.rows.map { r in
            let objective = ISO42001.objectives.first { $0.id == r.control.group }
            return Control(
                id: r.control.id, title: r.control.title, objective: "\(r.control.group) \(objective?.title ?? "")",
                applicable: r.applicability, status: r.status.rawValue, draftedStatus: r.drafted.rawValue, source: r.source,
                inRegistry: r.inRegistry, rules: r.tally.rules, systemsCovered: r.tally.covered.count, systemsPassing: r.tally.passing,
                waived: r.tally.summary.waived, upcoming: r.tally.summary.upcoming, notPassing: r.tally.failing,
                open: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, r.tally.summary.openBySeverity[$0] ?? 0) }),
                evidence: r.tally.evidence.map { Evidence(system: $0.system, kind: $0.kind.rawValue, title: $0.title, uri: $0.uri) },
                justification: r.override?.justification)
        }
    }
}
