import AIGovCore
import Testing
@testable import AIGovRules

@Suite struct TimelineTests {
    @Test(arguments: [
        (ObligationGroup.art5, TimelineKind.original, "2025-02-02"), (.art5, .amended, "2025-02-02"),
        (.lit, .original, "2025-02-02"), (.lit, .amended, "2025-02-02"),
        (.art50, .original, "2026-08-02"), (.art50, .amended, "2026-08-02"),
        (.hr3, .original, "2026-08-02"), (.hr3, .amended, "2027-12-02"),
        (.hr1, .original, "2027-08-02"), (.hr1, .amended, "2028-08-02"),
    ])
    func inForce(_ group: ObligationGroup, _ kind: TimelineKind, _ date: String) {
        let t = Timeline(kind)
        #expect(t.inForce(group) == day(date))
        #expect(t.isInForce(group, on: day(date)))
        #expect(!t.isInForce(group, on: day(date).adding(days: -1)))
        #expect(t.due(group, on: day(date).adding(days: -1)) == day(date))
        #expect(t.due(group, on: day(date)) == nil)
    }

    @Test(arguments: TimelineKind.allCases)
    func opsAndGdprAlwaysApply(_ kind: TimelineKind) {
        #expect(Timeline(kind).inForce(.ops) == nil)
        #expect(Timeline(kind).inForce(.gdpr) == nil)
        #expect(Timeline(kind).isInForce(.ops, on: day("1990-01-01")))
    }

    @Test func defaultContextIsAmended() {
        #expect(RuleContext(today: today).timeline.kind == .amended)
    }
}

@Suite struct EngineTests {
    let engine = RuleEngine()

    func status(_ rule: String, _ s: AISystem, on date: Day = today, timeline: TimelineKind = .amended,
                waivers: [Waiver] = []) -> [FindingStatus] {
        engine.evaluate(s, context: RuleContext(today: date, timeline: Timeline(timeline)), waivers: waivers)
            .filter { $0.rule == rule }.map(\.status)
    }

    func waiver(_ system: String, _ rule: String, _ expires: String) -> Waiver {
        Waiver(system: system, rule: rule, reason: "r", approvedBy: "a", expires: day(expires))
    }

    @Test func hr3BoundaryOnBothTimelines() {
        var s = Clean.deployer
        s.evidence.removeAll { $0.kind == .fria }
        #expect(status("HRD-001", s, on: day("2027-12-01")) == [.upcoming])
        #expect(status("HRD-001", s, on: day("2027-12-02")) == [.open])
        #expect(status("HRD-001", s, on: day("2026-08-01"), timeline: .original) == [.upcoming])
        #expect(status("HRD-001", s, on: day("2026-08-02"), timeline: .original) == [.open])
    }

    @Test func hr1ForAnnexIProducts() throws {
        var s = Clean.deployer
        s.euAiAct?.annexIProduct = true
        s.evidence.removeAll { $0.kind == .fria }
        let f = try #require(engine.evaluate(s, context: RuleContext(today: day("2028-01-01")), waivers: []).first)
        #expect(f.rule == "HRD-001" && f.status == .upcoming && f.due == day("2028-08-02"))
        #expect(status("HRD-001", s, on: day("2027-08-02"), timeline: .original) == [.open])
        #expect(status("HRD-001", s, on: day("2027-08-01"), timeline: .original) == [.upcoming])
    }

    @Test func art50AndArt5Dates() {
        var s = Clean.minimal
        s.euAiAct?.interactsWithPeople = true
        #expect(status("TRN-001", s, on: day("2026-08-01")) == [.upcoming])
        #expect(status("TRN-001", s, on: day("2026-08-02")) == [.open])
        s.euAiAct?.tier = .prohibited
        #expect(status("INV-004", s, on: day("2025-02-01")) == [.upcoming])
        #expect(status("INV-004", s, on: day("2025-02-02")) == [.open])
    }

    @Test func waiverMatching() {
        let s = Examples.supportChatbot
        #expect(status("FBK-002", s) == [.open])
        #expect(status("FBK-002", s, waivers: [waiver("support-chatbot", "FBK-002", "2026-11-24")]) == [.waived])
        #expect(status("FBK-002", s, waivers: [waiver("support-chatbot", "FBK-002", "2026-11-23")]) == [.open])
        #expect(status("FBK-002", s, waivers: [waiver("other-system", "FBK-002", "2030-01-01")]) == [.open])
        #expect(status("FBK-002", s, waivers: [waiver("support-chatbot", "FBK-001", "2030-01-01")]) == [.open])
        // A waiver of one rule leaves the others open.
        #expect(status("FBK-008", s, waivers: [Examples.waiver]) == [.open])
    }

    @Test func longestWaiverWins() {
        let short = waiver("support-chatbot", "FBK-002", "2026-12-01")
        let long = waiver("support-chatbot", "FBK-002", "2027-06-30")
        let expired = waiver("support-chatbot", "FBK-002", "2026-01-01")
        let f = engine.evaluate(Examples.supportChatbot, context: context, waivers: [short, expired, long])
            .first { $0.rule == "FBK-002" }
        #expect(f?.waiver == long)
    }

    @Test func upcomingBeatsWaived() throws {
        let w = waiver("cv-screening", "HRP-001", "2030-01-01")
        let f = try #require(engine.evaluate(Examples.cvScreening, context: context, waivers: [w]).first { $0.rule == "HRP-001" })
        #expect(f.status == .upcoming)
        #expect(f.waiver == nil)
        let later = RuleContext(today: day("2027-12-02"))
        let g = try #require(engine.evaluate(Examples.cvScreening, context: later, waivers: [w]).first { $0.rule == "HRP-001" })
        #expect(g.status == .waived && g.due == nil && g.waiver == w)
    }

    @Test func perEntryFindingsShareTheStatus() {
        var s = Examples.supportChatbot
        s.fallbacks.append(s.fallbacks[0])
        let fs = engine.evaluate(s, context: context, waivers: []).filter { $0.rule == "FBK-004" }
        #expect(fs.map(\.path) == ["fallbacks[0].last_tested", "fallbacks[1].last_tested"])
    }

    @Test func retiredSystemsYieldNothing() {
        for var s in Examples.all {
            s.status = .retired
            #expect(engine.evaluate(s, context: context, waivers: []).isEmpty)
            #expect(engine.score(s, context: context, findings: []).applicable == 0)
        }
    }

    @Test func customRuleSet() {
        let only = RuleEngine(rules: [RuleCatalog.rule(id: "TRN-001")!])
        let fs = only.evaluate(Examples.supportChatbot, context: context, waivers: [])
        #expect(fs.map(\.rule) == ["TRN-001"])
        #expect(RuleEngine(rules: []).evaluate(Examples.cvScreening, context: context, waivers: []).isEmpty)
    }

    @Test func manySystemsMatchOneByOne() {
        let waivers = [Examples.waiver, waiver("cv-screening", "FBK-003", "2027-01-01")]
        let all = engine.evaluate(Examples.all, context: context, waivers: waivers)
        #expect(all == Examples.all.flatMap { engine.evaluate($0, context: context, waivers: waivers) })
        #expect(all.filter { $0.status == .waived }.map(\.rule) == ["FBK-002", "FBK-003"])
    }

    @Test func ordering() {
        let fs = engine.evaluate(Examples.all, context: context, waivers: []).sorted(by: Finding.precedes)
        #expect(fs.first?.system == "code-assistant")
        let cv = fs.filter { $0.system == "cv-screening" }
        #expect(cv.map(\.severity) == cv.map(\.severity).sorted(by: >))
        #expect(Finding.precedes(fs[0], fs[1]) && !Finding.precedes(fs[1], fs[0]))
    }

    @Test func summaryCounts() {
        var summary = FindingSummary()
        #expect(summary.worstOpen == nil)
        #expect(summary.openBySeverity.count == 5)
        let f = Finding(rule: "X-1", system: "s", severity: .low, path: "p", message: "m", reference: "r", remediation: "x")
        summary.add(f)
        var waived = f
        waived.status = .waived
        waived.severity = .critical
        summary.add(waived)
        #expect(summary.open == 1 && summary.waived == 1 && summary.upcoming == 0)
        #expect(summary.worstOpen == .low)
        #expect(summary.hasOpen(atLeast: .low) && !summary.hasOpen(atLeast: .medium))
    }
}

@Suite struct ScoreTests {
    let engine = RuleEngine()

    func score(_ s: AISystem, _ ctx: RuleContext = context, waivers: [Waiver] = []) -> Score {
        engine.score(s, context: ctx, findings: engine.evaluate(s, context: ctx, waivers: waivers))
    }

    @Test func cleanSystemsScore100() {
        for s in [Clean.deployer, Clean.provider, Clean.minimal].map(Clean.classified) {
            let sc = score(s)
            #expect(sc.value == 100)
            #expect(sc.passed == sc.applicable && sc.applicable > 0)
            #expect(sc.failed.isEmpty && sc.lostWeight == 0)
        }
        // Without classification answers CLS-003 (low) is the one check they fail.
        for s in [Clean.deployer, Clean.provider, Clean.minimal] {
            #expect(score(s).failed.map(\.rule) == ["CLS-003"])
            #expect(score(s).value == 99)
        }
    }

    @Test func nothingApplicableScores100() {
        let empty = RuleEngine(rules: [])
        let sc = empty.score(Examples.cvScreening, context: context, findings: [])
        #expect(sc == Score(applicable: 0, totalWeight: 0, lostWeight: 0, failed: []))
        #expect(sc.value == 100)
    }

    @Test func everyLostPointMapsToAnOpenFinding() {
        for s in Examples.all {
            let fs = engine.evaluate(s, context: context, waivers: [Examples.waiver])
            let sc = engine.score(s, context: context, findings: fs)
            #expect(sc.lostWeight == sc.failed.map(\.lost).reduce(0, +))
            #expect(Set(sc.failed.map(\.rule)) == Set(fs.filter { $0.status == .open }.map(\.rule)))
            #expect(sc.failed.allSatisfy { c in c.lost <= c.weight && fs.contains { $0.rule == c.rule && $0.status == .open } })
            #expect(sc.passed == sc.applicable - sc.failed.count)
            #expect((0...100).contains(sc.value))
        }
    }

    @Test func waivedAndUpcomingLoseNothing() {
        let waived = score(Examples.supportChatbot, waivers: [Examples.waiver])
        let unwaived = score(Examples.supportChatbot)
        #expect(!waived.failed.contains { $0.rule == "FBK-002" })
        #expect(unwaived.failed.contains { $0.rule == "FBK-002" && $0.lost == 4 })
        #expect(waived.value > unwaived.value)
        // Upcoming rules are not checks at all yet.
        let cv = score(Examples.cvScreening)
        #expect(!cv.failed.contains { $0.rule.hasPrefix("HRP") })
        let cvOriginal = score(Examples.cvScreening, RuleContext(today: today, timeline: Timeline(.original)))
        #expect(cvOriginal.failed.contains { $0.rule == "HRP-001" })
        #expect(cvOriginal.applicable > cv.applicable)
        #expect(cvOriginal.value < cv.value)
    }

    @Test func weightsAndRounding() {
        #expect(Severity.allCases.map(Score.weight(of:)) == [16, 8, 4, 2, 1])
        // One info check failing out of 1000 rounds to 100 but is capped at 99.
        let info = Score.FailedCheck(rule: "X", weight: 1, lost: 1)
        #expect(Score(applicable: 2, totalWeight: 1000, lostWeight: 1, failed: [info]).value == 99)
        #expect(Score(applicable: 2, totalWeight: 8, lostWeight: 4, failed: [info]).value == 50)
        #expect(Score(applicable: 3, totalWeight: 3, lostWeight: 1, failed: [info]).value == 67)
        #expect(Score(applicable: 1, totalWeight: 8, lostWeight: 8, failed: [info]).value == 0)
    }

    @Test func partialLossForMilderFinding() throws {
        var s = Clean.classified(Clean.deployer)
        s.models[0].endOfLife = today.adding(days: 30)
        let sc = score(s)
        let check = try #require(sc.failed.first)
        #expect(sc.failed.count == 1)
        #expect(check.rule == "MOD-003" && check.weight == 16 && check.lost == 4)
        #expect(sc.value == Int((100.0 * Double(sc.totalWeight - 4) / Double(sc.totalWeight)).rounded()))
    }

    @Test func exampleScores() {
        // Each active example without classification answers fails CLS-003 (low, weight 2):
        // loan-scoring 100 → 99, support-chatbot 70 → 69, cv-screening 51 → 50. workplace-mood
        // is in development, out of CLS-003's scope.
        #expect(score(Examples.loanScoring).value == 99)
        #expect(score(Examples.supportChatbot, waivers: [Examples.waiver]).value == 69)
        #expect(score(Examples.cvScreening).value == 50)
        #expect(score(Examples.workplaceMood).value == 91)
    }
}
