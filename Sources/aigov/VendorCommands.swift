import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

/// The systems of a vendor analysis: from files with -f, else streamed from the registry.
private func systemSource(store: StoreOptions, files: [String]) throws -> SystemSource {
    if files.isEmpty { return .registry(try store.open(create: false, readOnly: true)) }
    let input = InputLoader.load(files)
    if !input.problems.isEmpty { throw InputRejected(input.problems) }
    return .systems(input.systems.map(\.system))
}

struct Vendors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vendors",
        abstract: "Vendor concentration: how much of the portfolio depends on each model provider.",
        discussion: """
            One row per provider named by any model of a non-retired system. PRIMARY counts systems \
            with a primary model from it; CRITICAL those of them in production or deciding about \
            people; COVERED those with a tested fallback that does not depend on it (UNCOVERED the \
            rest); WORST_RTO the longest recovery time among the covering fallbacks; NEXT_EOL the \
            nearest model end of life; PROD_DOWN the production systems that would go down. Provider \
            names match case- and white-space-insensitively; near-duplicate spellings are listed \
            so they can be merged.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var out: OutputOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Read systems from files instead of the registry; repeatable.", valueName: "path"))
    var file: [String] = []
    @Option(help: ArgumentHelp("Day for end-of-life dates (default: today).", valueName: "YYYY-MM-DD")) var today: String?

    func run() throws {
        let day = try Self.parseToday(today)
        let report = try VendorExit.exposure(try systemSource(store: store, files: file), today: day)
        let rows = report.rows
        let dups = report.nearDuplicates
        let header = ["provider", "systems", "primary", "critical", "covered", "uncovered", "worst_rto_minutes", "next_eol", "prod_down"]
        let table = rows.map { r in
            [r.provider + (r.spellings.isEmpty ? "" : " (also \(r.spellings.joined(separator: ", ")))"), String(r.systems),
             String(r.primary), String(r.critical), String(r.covered), String(r.uncovered),
             r.worstRTOMinutes.map(String.init) ?? "", r.nextEndOfLife?.description ?? "", String(r.productionDown)]
        }
        switch out.format {
        case .table:
            emit(TextTable.render(header: header.map { $0.uppercased() }, rows: table))
            for (a, b) in dups { emit("possible duplicate provider names: \"\(TextTable.sanitize(a))\" and \"\(TextTable.sanitize(b))\"\n") }
        case .csv: emitPlain(CSV.table(header: header, rows: table))
        case .json, .yaml:
            struct Row: Encodable {
                var provider: String, spellings: [String], systems, primary, critical, covered, uncovered, prodDown: Int
                var worstRTOMinutes: Int?, nextEOL: String?
                enum CodingKeys: String, CodingKey {
                    case provider, spellings, systems, primary, critical, covered, uncovered, prodDown = "prod_down"
                    case worstRTOMinutes = "worst_rto_minutes", nextEOL = "next_eol"
                }
            }
            struct Report: Encodable {
                var today: String
                var vendors: [Row]
                var nearDuplicates: [[String]]
                enum CodingKeys: String, CodingKey { case today, vendors, nearDuplicates = "near_duplicates" }
            }
            let json = Report(today: day.description, vendors: rows.map {
                Row(provider: $0.provider, spellings: $0.spellings, systems: $0.systems, primary: $0.primary, critical: $0.critical,
                    covered: $0.covered, uncovered: $0.uncovered, prodDown: $0.productionDown,
                    worstRTOMinutes: $0.worstRTOMinutes, nextEOL: $0.nextEndOfLife?.description)
            }, nearDuplicates: dups.map { [$0.0, $0.1] })
            emit(out.format == .json ? try RecordWriter.json(json) : try RecordWriter.yaml([json]))
        }
    }

    static func parseToday(_ t: String?) throws -> Day { try resolveToday(t).day }
}

struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "Simulate vendors or models disappearing: which systems continue, degrade or go down.",
        discussion: """
            For each system whose primary or component model is lost, the fallbacks are followed: \
            one that switches to a model that is still there (or to another vendor) keeps it \
            running (continues); otherwise one without AI (manual process, rules, disable) \
            degrades it; otherwise it is down. A fallback on a lost provider or model does not \
            count. Models already past their end of life are lost in every scenario. \
            Exit 1 when a production system goes down.
            """)
    @OptionGroup var store: StoreOptions
    @Option(help: "A provider that disappears; repeatable.") var vendor: [String] = []
    @Option(help: "A model (by name) that disappears; repeatable.") var model: [String] = []
    @Option(help: ArgumentHelp("Models whose end of life is on or before this day disappear.", valueName: "YYYY-MM-DD"))
    var date: String?
    @Option(help: ArgumentHelp("The day of the simulation (default: today).", valueName: "YYYY-MM-DD")) var today: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Read systems from files instead of the registry; repeatable.", valueName: "path"))
    var file: [String] = []
    @Option(name: .shortAndLong, help: "Output: table or json (default: table on a terminal, else json).")
    var output: OutputFormat?

    func validate() throws {
        if vendor.isEmpty, model.isEmpty, date == nil {
            throw ValidationError("name what disappears: --vendor NAME, --model NAME or --date YYYY-MM-DD")
        }
        if let date, Day(date) == nil { throw ValidationError("--date: expected a date YYYY-MM-DD, got \"\(date)\"") }
        if let output, output != .table, output != .json { throw ValidationError("-o: expected table or json") }
    }

    func run() throws {
        let scenario = ExitScenario(providers: vendor, models: model, endOfLifeBy: date.flatMap(Day.init),
                                    today: try Vendors.parseToday(today))
        let report: WhatIfReport
        do {
            report = try VendorExit.whatIf(scenario, try systemSource(store: store, files: file))
        } catch let e as UnknownProvider {
            throw CLIError.usage("--vendor: \(e)")
        }
        let format = output ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
        if format == .json {
            emit(try RecordWriter.json(Report(report)))
        } else {
            var text = "what if \(scenario.summary) disappeared (on \(scenario.today)):\n"
            for kind in [ExitOutcome.Kind.down, .degraded, .continues] {
                let list = report.systems(kind)
                text += "\n\(kind.rawValue.uppercased()) (\(list.count))\n"
                for o in list {
                    text += "  \(o.system.id)  \(o.system.status.rawValue), \(o.system.tier.rawValue)"
                    if let f = o.fallback {
                        text += "  RTO \(f.rtoMinutes.map { "\($0) min" } ?? "not set"), last tested \(f.lastTested?.description ?? "never")"
                    }
                    text += "\n    \(TextTable.sanitize(o.explanation))\n"
                }
            }
            text += "\n\(report.outcomes.count) affected: \(report.count(.continues)) continue, \(report.count(.degraded)) degraded, \(report.count(.down)) down\n"
            if !report.downDecidingAboutPeople.isEmpty { text += "down and deciding about people: \(report.downDecidingAboutPeople.joined(separator: ", "))\n" }
            if !report.downHighRisk.isEmpty { text += "down and high-risk: \(report.downHighRisk.joined(separator: ", "))\n" }
            emit(text)
        }
        if !report.productionDown.isEmpty { throw CLIError.failed("") }
    }

    struct Report: Encodable {
        struct FallbackInfo: Encodable {
            var index: Int, strategy: String?, target: String?, model: String?, usesAI: Bool?, rtoMinutes: Int?, lastTested: String?
            enum CodingKeys: String, CodingKey {
                case index, strategy, target, model, usesAI = "uses_ai", rtoMinutes = "rto_minutes", lastTested = "last_tested"
            }
        }
        struct SystemOutcome: Encodable {
            var id, name, status, tier, outcome, explanation: String
            var decidesAboutPeople, highRisk: Bool
            var lostModels: [String]
            var fallback: FallbackInfo?
            enum CodingKeys: String, CodingKey {
                case id, name, status, tier, outcome, explanation, decidesAboutPeople = "decides_about_people"
                case highRisk = "high_risk", lostModels = "lost_models", fallback
            }
        }
        var today: String
        var vendors: [String]
        var models: [String]
        var endOfLifeBy: String?
        var systems: [SystemOutcome]
        var totals: [String: Int]
        var downDecidingAboutPeople: [String]
        var downHighRisk: [String]
        var productionDown: [String]

        enum CodingKeys: String, CodingKey {
            case today, vendors, models, endOfLifeBy = "end_of_life_by", systems, totals
            case downDecidingAboutPeople = "down_deciding_about_people", downHighRisk = "down_high_risk"
            case productionDown = "production_down"
        }

        init(_ r: WhatIfReport) {
            today = r.scenario.today.description
            vendors = r.scenario.providers
            models = r.scenario.models
            endOfLifeBy = r.scenario.endOfLifeBy?.description
            systems = r.outcomes.map { o in
                SystemOutcome(id: o.system.id, name: o.system.name, status: o.system.status.rawValue, tier: o.system.tier.rawValue,
                              outcome: o.kind.rawValue, explanation: o.explanation, decidesAboutPeople: o.decidesAboutPeople,
                              highRisk: o.isHighRisk, lostModels: o.lostModels,
                              fallback: o.fallbackIndex.map { i in
                                  let f = o.system.fallbacks[i]
                                  return FallbackInfo(index: i, strategy: f.strategy?.rawValue, target: f.target, model: f.model,
                                                      usesAI: f.usesAI, rtoMinutes: f.rtoMinutes, lastTested: f.lastTested?.description)
                              })
            }
            totals = r.totals
            downDecidingAboutPeople = r.downDecidingAboutPeople
            downHighRisk = r.downHighRisk
            productionDown = r.productionDown
        }
    }
}
