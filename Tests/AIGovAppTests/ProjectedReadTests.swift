import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// Issue #25: the listing, `check`, `vendors` and `what-if` ask SQL for what they print. On a
/// registry of 1,000 systems whose evaluations are stored, SQLite's statement trace shows the
/// tables each read names: the listing reads `systems` and `evaluations` only, `check` adds
/// `findings`, and the vendor analyses read `systems`, `models` and `fallbacks` only, never the
/// other record tables (datasets, oversight, evidence, tags, …); the framework tallies
/// (`check --framework`, the SoA) add `evidence` alone. Their results equal those computed
/// from whole records.
@Suite struct ProjectedReadTests {
    static let day = Day("2026-11-30")!

    final class Tables: @unchecked Sendable {
        private let lock = NSLock()
        private var names: Set<String> = []
        private var statements = 0

        func add(_ sql: String) {
            let found = sql.matches(of: /(?i)\b(?:FROM|JOIN)\s+([a-z_0-9]+)/).map { String($0.output.1).lowercased() }
            lock.withLock {
                names.formUnion(found)
                statements += 1
            }
        }

        func take() -> (tables: Set<String>, statements: Int) {
            lock.withLock {
                defer { names = []; statements = 0 }
                return (names, statements)
            }
        }
    }

    /// The record tables of schema.sql besides `systems`.
    static let recordTables: Set<String> = [
        "tags", "models", "datasets", "oversight", "fallbacks", "evidence", "risks", "metrics", "suppliers",
        "classifications", "classification_codes", "fria", "registration",
    ]

    /// A registry of exactly 1,000 systems (the demo's and generated ones) written on `day`, so
    /// every evaluation is stored.
    static func registry(_ dir: String) throws -> Workspace {
        let input = DemoRegistry.input()
        try #require(input.problems.isEmpty)
        let demo = input.systems.map(\.system)
        var g = RegistryGenerator(seed: 25, templates: demo)
        let systems = demo + (1...(1000 - demo.count)).map { g.system($0) }
        let ws = try Workspace.open(path: dir + "/r.db", create: true, today: Today(day: day, pinned: false))
        _ = try ws.registry.apply(systems: systems, waivers: input.waivers.map(\.waiver), incidents: input.incidents.map(\.incident),
                                  actor: "t")
        #expect(try ws.registry.count() == 1000)
        #expect(try ws.registry.staleEvaluations(ws.evaluationKey).isEmpty)
        return ws
    }

    /// What `what-if` prints of a fallback.
    static func printed(_ f: Fallback?) -> String {
        guard let f else { return "-" }
        return "\(f.strategy?.rawValue ?? "") \(f.target ?? "") \(f.model ?? "") \(String(describing: f.usesAI)) \(String(describing: f.rtoMinutes)) \(f.lastTested?.description ?? "")"
    }

    @Test func listingCheckAndVendorsReadOnlyWhatTheyPrint() throws {
        let dir = NSTemporaryDirectory() + "aigov-projected-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = try Self.registry(dir)
        let whole = try ws.registry.systems()
        let tables = Tables()
        try ws.registry.traceStatements { tables.add($0) }

        // get -o csv|table
        var listed: [ListedSystem] = []
        try ws.forEachListed { listed += $0 }
        let listing = tables.take()
        #expect(listed.count == 1000)
        #expect(listing.statements > 0)
        #expect(listing.tables == ["systems", "evaluations"], "the listing read \(listing.tables.sorted())")
        let expected = try ws.scored(whole)
        #expect(listed.map(\.header) == expected.map { SystemHeader($0.stored) })
        #expect(listed.map(\.summary) == expected.map { EvaluationSummary(score: $0.score, open: $0.open, worstOpen: $0.worstOpen) })
        _ = tables.take()

        // Every filter selects in the joined query what it selects over whole records.
        let tag = try #require(whole.first { !$0.system.tags.isEmpty }?.system.tags.first)
        for filter in [SystemFilter(tiers: [.high, .unassessed]), SystemFilter(statuses: [.production], owners: ["credit-risk"]),
                       SystemFilter(tags: [tag])] {
            var some: [ListedSystem] = []
            try ws.forEachListed(filter: filter) { some += $0 }
            let want = try ws.registry.systems(filter: filter)
            #expect(!want.isEmpty)
            #expect(some.map(\.header.id) == want.map(\.system.id), "\(filter)")
            var checkedIds: [String] = []
            try ws.check(filter: filter) { checkedIds += $0.map(\.system.id) }
            #expect(checkedIds == want.map(\.system.id), "\(filter)")
        }
        _ = tables.take()

        // check -o json|sarif|junit|table
        var checked = 0
        try ws.check { checked += $0.count }
        let check = tables.take()
        #expect(checked == 1000)
        #expect(check.tables.isDisjoint(with: Self.recordTables), "check read \(check.tables.sorted())")
        #expect(check.tables.isSubset(of: ["systems", "evaluations", "findings"]), "check read \(check.tables.sorted())")

        // vendors and what-if
        let exposure = try VendorExit.exposure(.registry(ws.registry), today: Self.day)
        let vendors = tables.take()
        #expect(vendors.tables == ["systems", "models", "fallbacks"], "vendors read \(vendors.tables.sorted())")
        #expect(exposure.rows == VendorExposure.analyse(whole.map(\.system), today: Self.day))
        #expect(exposure.rows.contains { $0.primary > 0 && $0.productionDown > 0 })

        let scenario = ExitScenario(providers: ["BigLab AI"], endOfLifeBy: Day("2027-06-30"), today: Self.day)
        let whatIf = try ws.whatIf(scenario)
        let whatIfRead = tables.take()
        #expect(whatIfRead.tables == ["systems", "models", "fallbacks"], "what-if read \(whatIfRead.tables.sorted())")
        let fromRecords = try VendorExit.whatIf(scenario, .systems(whole.map(\.system)))
        #expect(whatIf.outcomes.count == fromRecords.outcomes.count)
        #expect(zip(whatIf.outcomes, fromRecords.outcomes).allSatisfy {
            $0.system.id == $1.system.id && $0.kind == $1.kind && $0.explanation == $1.explanation && $0.lostModels == $1.lostModels
                && $0.fallbackIndex == $1.fallbackIndex && Self.printed($0.fallback) == Self.printed($1.fallback) && $0.decidesAboutPeople == $1.decidesAboutPeople
                && $0.isHighRisk == $1.isHighRisk && $0.system.name == $1.system.name
        })
        #expect(whatIf.count(.down) > 0 && whatIf.count(.continues) > 0)

        // check --framework and the SoA: the check's tables plus `evidence`, and the same
        // tally as one counted from whole records.
        for (framework, activeOnly) in [(Framework.iso42001, true), (.nistAIRMF, false), (.euAIAct, false)] {
            let tally = try ws.frameworkTally(framework, activeOnly: activeOnly)
            let read = tables.take()
            #expect(read.tables.isSubset(of: ["systems", "evaluations", "findings", "evidence"]), "\(framework) read \(read.tables.sorted())")
            #expect(read.tables.contains("evidence"))
            var fromRecords = FrameworkTally(framework, rules: ws.ruleSet.rules)
            for r in try ws.results(for: whole) where !activeOnly || r.system.isActive {
                fromRecords.add(r.system, findings: r.findings, applicable: r.applicable)
            }
            _ = tables.take()
            func rows(_ t: FrameworkTally) -> [String] {
                t.ordered.map { item, row in
                    "\(item.id) \(row.rules) \(row.covered) \(row.failing) \(row.summary) \(row.evidence.map { "\($0)" })"
                } + ["unmapped \(t.unmapped.rules) \(t.unmapped.summary) \(t.systems)"]
            }
            #expect(tally.systems > 0 && tally.ordered.contains { !$0.1.evidence.isEmpty })
            #expect(rows(tally) == rows(fromRecords), "\(framework)")
        }

        // The trace sees record tables when a read needs records: on a later day, pinned, no
        // stored evaluation holds for the systems the day changes, so the listing loads and
        // evaluates them.
        let later = Workspace(registry: ws.registry, today: Day("2031-01-01")!, pinned: true)
        var n = 0
        try later.forEachListed { n += $0.count }
        let stale = tables.take()
        #expect(n == 1000)
        #expect(stale.tables.contains("models") && stale.tables.contains("datasets"), "a stale listing read \(stale.tables.sorted())")
        try ws.registry.stopTracing()
    }
}
