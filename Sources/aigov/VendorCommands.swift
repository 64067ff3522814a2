import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

/// Feeds every system to `body`: from files with -f, else streamed from the registry.
private func eachSystem(store: StoreOptions, files: [String], _ body: (AISystem) -> Void) throws {
    if files.isEmpty {
        try store.open(create: false, readOnly: true).forEachSystem { body($0.system) }
        return
    }
    let input = InputLoader.load(files)
    if !input.problems.isEmpty { throw InputRejected(input.problems) }
    for s in input.systems { body(s.system) }
}

private func parseDay(_ text: String?) throws -> Day {
    guard let text else { return Day(unixSeconds: Int(time(nil))) }
    guard let d = Day(text) else { throw CLIError.usage("--today: expected a date YYYY-MM-DD, got \"\(text)\"") }
    return d
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
        var acc = VendorExposure.Accumulator(today: day)
        try eachSystem(store: store, files: file) { acc.add($0) }
        let rows = acc.result
        let dups = VendorExposure.nearDuplicates(rows)
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
        case .csv: emit(CSV.table(header: header, rows: table))
        case .json, .yaml:
            struct Row: Encodable {
                var provider: String, spellings: [String], systems, primary, critical, covered, uncovered, prod_down: Int
                var worst_rto_minutes: Int?, next_eol: String?
            }
            struct Report: Encodable { var today: String; var vendors: [Row]; var near_duplicates: [[String]] }
            let report = Report(today: day.description, vendors: rows.map {
                Row(provider: $0.provider, spellings: $0.spellings, systems: $0.systems, primary: $0.primary, critical: $0.critical,
                    covered: $0.covered, uncovered: $0.uncovered, prod_down: $0.productionDown,
                    worst_rto_minutes: $0.worstRTOMinutes, next_eol: $0.nextEndOfLife?.description)
            }, near_duplicates: dups.map { [$0.0, $0.1] })
            emit(out.format == .json ? try RecordWriter.json(report) : try RecordWriter.yaml([report]))
        }
    }

    static func parseToday(_ t: String?) throws -> Day { try parseDay(t) }
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
        var outcomes: [ExitOutcome] = []
        try eachSystem(store: store, files: file) { s in
            if let o = scenario.outcome(for: s) { outcomes.append(o) }
        }
        let byKind = Dictionary(grouping: outcomes, by: \.kind)
        let down = byKind[.down] ?? []
        let format = output ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
        if format == .json {
            emit(try RecordWriter.json(Report(scenario: scenario, outcomes: outcomes)))
        } else {
            var text = "what if \(describe(scenario)) (on \(scenario.today)):\n"
            for kind in [ExitOutcome.Kind.down, .degraded, .continues] {
                let list = byKind[kind] ?? []
                text += "\n\(kind.rawValue.uppercased()) (\(list.count))\n"
                for o in list {
                    text += "  \(o.system.id)  \(o.system.status.rawValue), \(o.system.tier.rawValue)"
                    if let f = o.fallback {
                        text += "  RTO \(f.rtoMinutes.map { "\($0) min" } ?? "not set"), last tested \(f.lastTested?.description ?? "never")"
                    }
                    text += "\n    \(TextTable.sanitize(o.explanation))\n"
                }
            }
            text += "\n\(outcomes.count) affected: \(byKind[.continues]?.count ?? 0) continue, \(byKind[.degraded]?.count ?? 0) degraded, \(down.count) down\n"
            let people = down.filter(\.decidesAboutPeople).map(\.system.id)
            let high = down.filter(\.isHighRisk).map(\.system.id)
            if !people.isEmpty { text += "down and deciding about people: \(people.joined(separator: ", "))\n" }
            if !high.isEmpty { text += "down and high-risk: \(high.joined(separator: ", "))\n" }
            emit(text)
        }
        if down.contains(where: { $0.system.status == .production }) { throw CLIError.failed("") }
    }

    func describe(_ s: ExitScenario) -> String {
        var parts: [String] = []
        if !s.providers.isEmpty { parts.append(s.providers.map { "\"\($0)\"" }.joined(separator: " and ")) }
        if !s.models.isEmpty { parts.append("model " + s.models.map { "\"\($0)\"" }.joined(separator: " and ")) }
        if let d = s.endOfLifeBy { parts.append("every model at end of life by \(d)") }
        return parts.joined(separator: " and ") + " disappeared"
    }

    struct Report: Encodable {
        struct FallbackInfo: Encodable {
            var index: Int, strategy: String?, target: String?, model: String?, uses_ai: Bool?, rto_minutes: Int?, last_tested: String?
        }
        struct SystemOutcome: Encodable {
            var id, name, status, tier, outcome, explanation: String
            var decides_about_people, high_risk: Bool
            var lost_models: [String]
            var fallback: FallbackInfo?
        }
        var today: String
        var vendors: [String]
        var models: [String]
        var end_of_life_by: String?
        var systems: [SystemOutcome]
        var totals: [String: Int]
        var down_deciding_about_people: [String]
        var down_high_risk: [String]
        var production_down: [String]

        init(scenario: ExitScenario, outcomes: [ExitOutcome]) {
            today = scenario.today.description
            vendors = scenario.providers
            models = scenario.models
            end_of_life_by = scenario.endOfLifeBy?.description
            systems = outcomes.map { o in
                SystemOutcome(id: o.system.id, name: o.system.name, status: o.system.status.rawValue, tier: o.system.tier.rawValue,
                              outcome: o.kind.rawValue, explanation: o.explanation, decides_about_people: o.decidesAboutPeople,
                              high_risk: o.isHighRisk, lost_models: o.lostModels,
                              fallback: o.fallbackIndex.map { i in
                                  let f = o.system.fallbacks[i]
                                  return FallbackInfo(index: i, strategy: f.strategy?.rawValue, target: f.target, model: f.model,
                                                      uses_ai: f.usesAI, rto_minutes: f.rtoMinutes, last_tested: f.lastTested?.description)
                              })
            }
            var t = ["affected": outcomes.count]
            for k in ExitOutcome.Kind.allCases { t[k.rawValue] = outcomes.filter { $0.kind == k }.count }
            totals = t
            let down = outcomes.filter { $0.kind == .down }
            down_deciding_about_people = down.filter(\.decidesAboutPeople).map(\.system.id)
            down_high_risk = down.filter(\.isHighRisk).map(\.system.id)
            production_down = down.filter { $0.system.status == .production }.map(\.system.id)
        }
    }
}
