import AIGovCore
import Testing
@testable import AIGovRules

/// RULES.md's two groups a record selects (`art5-2026`, `art50-legacy`) on both timelines.
@Suite struct RecordGroupTimelineTests {
    let engine = RuleEngine()

    func findings(_ rule: String, _ s: AISystem, on date: String, _ kind: TimelineKind = .amended) -> [Finding] {
        engine.evaluate(s, context: RuleContext(today: day(date), timeline: Timeline(kind)), waivers: []).filter { $0.rule == rule }
    }

    @Test(arguments: [
        (RecordGroup.art5of2026, TimelineKind.original, "2026-12-02"), (.art5of2026, .amended, "2026-12-02"),
        (.art50Legacy, .original, "2026-08-02"), (.art50Legacy, .amended, "2026-12-02"),
    ])
    func inForce(_ group: RecordGroup, _ kind: TimelineKind, _ date: String) {
        let t = Timeline(kind)
        #expect(t.inForce(group) == day(date))
        #expect(t.isInForce(group, on: day(date)))
        #expect(!t.isInForce(group, on: day(date).adding(days: -1)))
        #expect(t.due(group, on: day(date).adding(days: -1)) == day(date))
        #expect(t.due(group, on: day(date)) == nil)
    }

    @Test func groupNamesAndBases() {
        #expect(RecordGroup.allCases.map(\.rawValue) == ["art5-2026", "art50-legacy", "hr-legacy"])
        #expect(RecordGroup.hrLegacy.base == .hr3)
        #expect(RecordGroup.art5of2026.base == .art5)
        #expect(RecordGroup.art50Legacy.base == .art50)
    }

    @Test(arguments: TimelineKind.allCases)
    func rowsListEveryGroupWithItsDate(_ kind: TimelineKind) {
        let t = Timeline(kind)
        let rows = t.rows
        #expect(rows.map(\.group) == ["art5", "lit", "art5-2026", "art50", "art50-legacy", "hr3", "hr1", "hr-legacy", "ops", "gdpr"])
        #expect(t.inForce(RecordGroup.hrLegacy) == Day("2030-08-02"))
        for g in ObligationGroup.allCases {
            #expect(rows.first { $0.group == g.rawValue }?.inForce == t.inForce(g))
        }
        for g in RecordGroup.allCases {
            #expect(rows.first { $0.group == g.rawValue }?.inForce == t.inForce(g))
        }
        #expect(rows.allSatisfy { !$0.title.isBlank })
    }

    /// A provider's generator in production since 2026-05-01, without content-marking evidence.
    static let legacyGenerator: AISystem = {
        var s = Clean.minimal
        s.euAiAct?.role = .provider
        s.euAiAct?.syntheticContent = true
        s.statusSince = day("2026-05-01")
        return s
    }()

    @Test func trn002ForASystemOnTheMarketBeforeAugust() throws {
        let s = Self.legacyGenerator
        let rule = try #require(RuleCatalog.rule(id: "TRN-002") as? BuiltInRule)
        #expect(rule.recordGroup(for: s) == .art50Legacy)
        #expect(rule.recordGroups == [.art50Legacy])
        #expect(rule.obligation == .fixed(.art50), "the group column stays art50")

        let before = findings("TRN-002", s, on: "2026-11-30")
        #expect(before.map(\.status) == [.upcoming])
        #expect(before.first?.due == day("2026-12-02"))
        #expect(findings("TRN-002", s, on: "2026-12-02").map(\.status) == [.open])
        let after = findings("TRN-002", s, on: "2026-12-03")
        #expect(after.map(\.status) == [.open])
        #expect(after.first?.due == nil)
        // The original text has no transition: open on both days.
        #expect(findings("TRN-002", s, on: "2026-11-30", .original).map(\.status) == [.open])
        #expect(findings("TRN-002", s, on: "2026-12-03", .original).map(\.status) == [.open])
    }

    @Test(arguments: [
        ("on the market since 2026-08-02", SystemStatus.production, String?.some("2026-08-02")),
        ("on the market since 2026-09-01", .production, "2026-09-01"),
        ("no status_since", .production, nil),
        ("pilot since 2026-05-01", .pilot, "2026-05-01"),
    ])
    func trn002OtherwiseFollowsArt50(_ label: String, _ status: SystemStatus, _ since: String?) throws {
        var s = Self.legacyGenerator
        s.status = status
        s.statusSince = since.map(day)
        let rule = try #require(RuleCatalog.rule(id: "TRN-002") as? BuiltInRule)
        #expect(rule.recordGroup(for: s) == nil, "\(label)")
        #expect(findings("TRN-002", s, on: "2026-11-30").map(\.status) == [.open], "\(label)")
        #expect(findings("TRN-002", s, on: "2026-08-01").map(\.status) == [.upcoming], "\(label)")
    }

    static func prohibited(_ practices: [Art5Practice]?) -> AISystem {
        var s = Clean.minimal
        s.euAiAct?.tier = .prohibited
        if let practices { classify(&s) { $0.prohibited = practices } }
        return s
    }

    @Test(arguments: TimelineKind.allCases)
    func inv004ForTheIntimateImageryProhibitionAlone(_ kind: TimelineKind) throws {
        let s = Self.prohibited([.intimate])
        let rule = try #require(RuleCatalog.rule(id: "INV-004") as? BuiltInRule)
        #expect(rule.recordGroup(for: s) == .art5of2026)
        #expect(rule.obligation == .fixed(.art5))
        let before = findings("INV-004", s, on: "2026-11-30", kind)
        #expect(before.map(\.status) == [.upcoming])
        #expect(before.first?.due == day("2026-12-02"))
        #expect(before.first?.severity == .critical)
        #expect(findings("INV-004", s, on: "2026-12-02", kind).map(\.status) == [.open])
    }

    @Test(arguments: [
        ("with another practice", [Art5Practice.intimate, .a] as [Art5Practice]?),
        ("another practice alone", [.c]),
        ("no practice named", []),
        ("no classification", nil),
    ])
    func inv004OtherwiseArt5(_ label: String, _ practices: [Art5Practice]?) throws {
        let s = Self.prohibited(practices)
        let rule = try #require(RuleCatalog.rule(id: "INV-004") as? BuiltInRule)
        #expect(rule.recordGroup(for: s) == nil, "\(label)")
        #expect(findings("INV-004", s, on: "2026-11-30").map(\.status) == [.open], "\(label)")
    }

    @Test func anUpcomingRecordGroupCostsNoScore() {
        let s = Self.legacyGenerator
        let before = RuleContext(today: day("2026-11-30"))
        let fs = engine.evaluate(s, context: before, waivers: [])
        let score = engine.score(s, context: before, findings: fs)
        #expect(!score.failed.contains { $0.rule == "TRN-002" })
        #expect(RuleCatalog.rule(id: "TRN-002")!.isInForce(for: s, context: before) == false)

        let after = RuleContext(today: day("2026-12-03"))
        let fsAfter = engine.evaluate(s, context: after, waivers: [])
        #expect(engine.score(s, context: after, findings: fsAfter).failed.contains { $0.rule == "TRN-002" })
    }

    @Test func otherRulesKeepTheirGroupsDate() {
        let rule = RuleCatalog.rule(id: "HRD-001")!
        #expect(rule.inForce(for: Clean.deployer, timeline: Timeline(.amended)) == day("2027-12-02"))
        #expect(rule.inForce(for: Clean.deployer, timeline: Timeline(.original)) == day("2026-08-02"))
        #expect(RuleCatalog.rule(id: "CLS-001")!.inForce(for: Clean.deployer, timeline: Timeline(.amended)) == nil)
    }
}

/// The three records of examples-classification/ on 2026-11-30, amended timeline.
@Suite struct ClassificationExampleFindingTests {
    let engine = RuleEngine()
    let on = RuleContext(today: day("2026-11-30"))

    func cls(_ s: AISystem) -> [String] {
        engine.evaluate(s, context: on, waivers: []).filter { $0.rule.hasPrefix("CLS-") }
            .map { "\($0.rule) \($0.path) \($0.severity.rawValue) \($0.status.rawValue)" }
    }

    @Test func hiringRanker() {
        #expect(cls(ClassificationExamples.hiringRanker) == [
            "CLS-001 eu_ai_act.tier critical open",
            "CLS-002 eu_ai_act.art6_3_exemption medium open",
        ])
    }

    @Test func claimsRouter() {
        // Rules v3: CLS-007 is in `hr3`, upcoming until 2027-12-02 on the amended timeline.
        #expect(cls(ClassificationExamples.claimsRouter) == ["CLS-007 eu_ai_act.eu_database_id high upcoming"])
    }

    @Test func benefitEligibility() {
        // Rules v3 derives `public_authority` from its answer; the record does not carry it yet.
        #expect(cls(ClassificationExamples.benefitEligibility) == ["CLS-002 eu_ai_act.public_authority medium open"])
        // Its obligations drive HRD-001 and HRD-005 (hr3, upcoming on the amended timeline).
        let hr = engine.evaluate(ClassificationExamples.benefitEligibility, context: on, waivers: [])
            .filter { $0.rule == "HRD-001" || $0.rule == "HRD-005" }
        #expect(hr.map(\.rule) == ["HRD-001", "HRD-005"])
        #expect(hr.allSatisfy { $0.status == .upcoming && $0.due == day("2027-12-02") })
    }

    @Test func messages() throws {
        let fs = engine.evaluate(ClassificationExamples.hiringRanker, context: on, waivers: [])
        let tier = try #require(fs.first { $0.rule == "CLS-001" })
        #expect(tier.message == "hiring-ranker: the classification answers give tier high, the record says limited")
        let flag = try #require(fs.first { $0.rule == "CLS-002" })
        #expect(flag.message == "hiring-ranker: the classification answers give art6_3_exemption false, the record says true")
        #expect(flag.reference == "Art. 6(4)")
    }

    @Test func writingTheOutcomeSettlesClsFindings() throws {
        for s in ClassificationExamples.all {
            let written = try #require(ClassificationOutcome.of(s)).applied(to: s)
            let left = engine.evaluate(written, context: on, waivers: []).filter { $0.rule == "CLS-001" || $0.rule == "CLS-002" }
            #expect(left.isEmpty, "\(s.id)")
        }
    }
}
