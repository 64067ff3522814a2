import AIGovCore
import Testing
@testable import AIGovRules

/// Rule set v3 (RULES.md, "Legacy high-risk systems" and "Annex I Section B products"): each
/// change firing and quiet, and on the days around each cut-off.
@Suite struct RulesV3Tests {
    static let engine = RuleEngine()

    static func findings(_ s: AISystem, on date: String, timeline: TimelineKind = .amended,
                         incidents: [Incident] = []) -> [Finding] {
        var ctx = RuleContext(today: day(date), timeline: Timeline(timeline))
        ctx.incidents = Dictionary(grouping: incidents, by: \.system)
        return engine.evaluate(s, context: ctx, waivers: [])
    }

    static func highRisk(_ f: [Finding]) -> [Finding] { f.filter { $0.rule.hasPrefix("HRP-") || $0.rule.hasPrefix("HRD-") } }

    /// An Annex III provider on the market since 2025-03-01, before the hr3 date 2027-12-02.
    static var legacy: AISystem {
        var s = Clean.provider
        s.euAiAct?.onMarketSince = day("2025-03-01")
        s.evidence = []           // every HRP duty would fire if the rules reached it
        s.euAiAct?.conformity = nil
        return s
    }

    @Test func theBaselineFiresHighRiskFindingsWithoutLegacyStatus() {
        var s = Self.legacy
        s.euAiAct?.onMarketSince = nil
        #expect(Self.highRisk(Self.findings(s, on: "2027-12-03")).count > 3)
        #expect(Self.highRisk(Self.findings(s, on: "2027-12-03")).allSatisfy { $0.status == .open })
    }

    @Test func aLegacySystemOutsidePublicAuthoritiesHasNoHighRiskFindingsAndOneINV013() {
        let found = Self.findings(Self.legacy, on: "2027-12-03")
        #expect(Self.highRisk(found).isEmpty)
        let inv = found.filter { $0.rule == "INV-013" }
        #expect(inv.count == 1)
        #expect(inv.first?.severity == .info)
        #expect(inv.first?.path == "eu_ai_act.on_market_since")
        #expect(inv.first?.message.contains("on the market since 2025-03-01, before 2027-12-02") == true)
        #expect(inv.first?.message.contains("2030-08-02") == false)
        // Nor are those rules checks of its score.
        let applicable = Self.engine.evaluation(Self.legacy, context: RuleContext(today: day("2027-12-03")), waivers: []).applicable
        #expect(!applicable.contains { $0.hasPrefix("HRP-") })
    }

    @Test func aLegacySystemOfAPublicAuthorityOwesItsDutiesBy2030() {
        var s = Self.legacy
        s.euAiAct?.publicAuthority = true
        let hr = Self.highRisk(Self.findings(s, on: "2027-12-03"))
        #expect(hr.count > 3)
        #expect(hr.allSatisfy { $0.status == .upcoming && $0.due == day("2030-08-02") })
        #expect(Self.findings(s, on: "2027-12-03").first { $0.rule == "INV-013" }?.message.contains("in any case by 2030-08-02") == true)
        // From the backstop on they are open; the day before, still upcoming.
        #expect(Self.highRisk(Self.findings(s, on: "2030-08-01")).allSatisfy { $0.status == .upcoming })
        #expect(Self.highRisk(Self.findings(s, on: "2030-08-02")).allSatisfy { $0.status == .open })
        // `public_body` stands in when `public_authority` is absent; `public_authority` wins.
        var body = Self.legacy
        body.euAiAct?.publicBody = true
        #expect(Self.highRisk(Self.findings(body, on: "2027-12-03")).count == hr.count)
        body.euAiAct?.publicAuthority = false
        #expect(Self.highRisk(Self.findings(body, on: "2027-12-03")).isEmpty)
    }

    @Test func aSignificantChangeOnOrAfterTheCutOffEndsTheGrace() {
        var s = Self.legacy
        s.euAiAct?.significantChange = day("2028-01-10")
        let found = Self.findings(s, on: "2028-01-15")
        #expect(Self.highRisk(found).count > 3)
        #expect(Self.highRisk(found).allSatisfy { $0.status == .open })
        #expect(!found.contains { $0.rule == "INV-013" })
        // A change the day before the cut-off keeps the grace; on the cut-off it ends it.
        s.euAiAct?.significantChange = day("2027-12-01")
        #expect(Self.highRisk(Self.findings(s, on: "2028-01-15")).isEmpty)
        s.euAiAct?.significantChange = day("2027-12-02")
        #expect(!Self.highRisk(Self.findings(s, on: "2028-01-15")).isEmpty)
    }

    @Test func theCutOffIsTheGroupsDateOnTheTimelineInUse() {
        var s = Self.legacy
        // On the market the day before the amended hr3 date: legacy; on that day: not.
        s.euAiAct?.onMarketSince = day("2027-12-01")
        #expect(s.isLegacy(timeline: Timeline(.amended)))
        s.euAiAct?.onMarketSince = day("2027-12-02")
        #expect(!s.isLegacy(timeline: Timeline(.amended)))
        // The original text named 2026-08-02 for both groups.
        s.euAiAct?.onMarketSince = day("2026-08-01")
        #expect(s.isLegacy(timeline: Timeline(.original)))
        s.euAiAct?.onMarketSince = day("2026-08-02")
        #expect(!s.isLegacy(timeline: Timeline(.original)))
        #expect(s.isLegacy(timeline: Timeline(.amended)))
        // An Annex I Section A product's cut-off is hr1's, 2028-08-02.
        s.euAiAct?.annexIII = nil
        s.euAiAct?.annexIProduct = true
        s.euAiAct?.onMarketSince = day("2028-08-01")
        #expect(s.legacyCutoff(timeline: Timeline(.amended)) == day("2028-08-02"))
        #expect(s.isLegacy(timeline: Timeline(.amended)))
    }

    @Test func aSectionBProductGetsINV014AndNoChapterIIIFindings() {
        var s = Self.legacy
        s.euAiAct?.onMarketSince = nil
        s.euAiAct?.annexIII = nil
        s.euAiAct?.annexIProduct = true
        s.euAiAct?.annexISection = .b
        let incident = Incident(id: "inc-1", system: s.id, title: "t", harm: .health, aware: day("2028-09-01"))
        let found = Self.findings(s, on: "2028-09-20", incidents: [incident])
        #expect(Self.highRisk(found).isEmpty)
        #expect(!found.contains { $0.rule.hasPrefix("INC-00") && $0.rule != "INC-004" })
        #expect(found.filter { $0.rule == "INV-014" }.map(\.path) == ["eu_ai_act.annex_i_section"])
        // The same product in Section A: the Chapter III findings, due on hr1's date.
        s.euAiAct?.annexISection = .a
        let a = Self.findings(s, on: "2028-09-20", incidents: [incident])
        #expect(!Self.highRisk(a).isEmpty)
        #expect(a.contains { $0.rule == "INC-001" })
        #expect(!a.contains { $0.rule == "INV-014" })
    }

    @Test func incidentDutiesFollowTheHighRiskDate() {
        let s = Clean.provider
        let incident = Incident(id: "inc-1", system: s.id, title: "t", harm: .health, aware: day("2026-11-01"))
        let before = Self.findings(s, on: "2026-12-01", incidents: [incident]).filter { $0.rule == "INC-001" }
        #expect(before.map(\.status) == [.upcoming])
        #expect(before.first?.due == day("2027-12-02"))
        let later = Incident(id: "inc-2", system: s.id, title: "t", harm: .health, aware: day("2027-12-02"))
        #expect(Self.findings(s, on: "2028-01-01", incidents: [later]).filter { $0.rule == "INC-001" }.map(\.status) == [.open])
        // A legacy system outside public authorities: no INC-001…003 at all.
        #expect(!Self.findings(Self.legacy, on: "2028-01-01", incidents: [later]).contains { $0.rule == "INC-001" })
    }

    @Test func hrd001IsMediumWhenItOnlyInfersForAPrivateEssentialServicesDeployer() {
        var s = Clean.deployer
        s.evidence.removeAll { $0.kind == .fria }
        s.euAiAct?.annexIII = .essentialServices
        s.euAiAct?.publicBody = nil
        let f = Self.findings(s, on: "2027-12-03").filter { $0.rule == "HRD-001" }
        #expect(f.map(\.severity) == [.medium])
        #expect(f.first?.message.contains("creditworthiness (Annex III 5(b))") == true)
        s.euAiAct?.publicBody = true
        #expect(Self.findings(s, on: "2027-12-03").filter { $0.rule == "HRD-001" }.map(\.severity) == [.high])
        s.euAiAct?.annexIII = .criticalInfrastructure
        #expect(Self.findings(s, on: "2027-12-03").filter { $0.rule == "HRD-001" }.isEmpty)
    }

    @Test func hrd005AsksPublicAuthoritiesOutsidePointTwo() {
        var s = Clean.deployer
        s.euAiAct?.euDatabaseId = nil
        s.euAiAct?.publicBody = nil
        s.euAiAct?.annexIII = .employment
        func hrd005() -> [Finding] { Self.findings(s, on: "2027-12-03").filter { $0.rule == "HRD-005" } }
        #expect(hrd005().isEmpty)
        s.euAiAct?.publicBody = true
        #expect(hrd005().first?.message.contains("(if the deployer is a public authority)") == true)
        s.euAiAct?.publicAuthority = false       // a private provider of a public service
        #expect(hrd005().isEmpty)
        s.euAiAct?.publicAuthority = true
        #expect(hrd005().count == 1)
        #expect(hrd005().first?.message.contains("if the deployer") == false)
        s.euAiAct?.annexIII = .criticalInfrastructure
        #expect(hrd005().isEmpty)
    }

    @Test func hrp007LeavesPointTwoToNationalRegistration() {
        var s = Clean.provider
        s.euAiAct?.euDatabaseId = nil
        #expect(Self.findings(s, on: "2027-12-03").filter { $0.rule == "HRP-007" }.count == 1)
        s.euAiAct?.annexIII = .criticalInfrastructure
        #expect(Self.findings(s, on: "2027-12-03").filter { $0.rule == "HRP-007" }.isEmpty)
    }

    @Test func trn002ReadsOnMarketSince() throws {
        let rule = try #require(RuleCatalog.builtInRules.first { $0.id == "TRN-002" })
        var s = Clean.provider
        s.euAiAct?.syntheticContent = true
        s.statusSince = day("2027-01-01")
        #expect(rule.recordGroup(for: s) == nil)
        s.euAiAct?.onMarketSince = day("2026-08-01")
        #expect(rule.recordGroup(for: s) == .art50Legacy)
        s.euAiAct?.onMarketSince = day("2026-08-02")
        #expect(rule.recordGroup(for: s) == nil)
        // Recorded, it wins over the production date.
        s.statusSince = day("2025-01-01")
        #expect(rule.recordGroup(for: s) == nil)
    }

    @Test func cls007IsInHr3() throws {
        let rule = try #require(RuleCatalog.rule(id: "CLS-007"))
        #expect(rule.obligation.text == "hr3")
        #expect(rule.inForce(for: Clean.provider, timeline: Timeline(.amended)) == day("2027-12-02"))
    }

    @Test func correctedReferences() throws {
        for (id, ref) in [("DAT-006", "Art. 10(2)(h)"), ("TRN-006", "NIST AI RMF Govern 5.1"), ("MOD-004", "ISO/IEC 42001 A.10.3")] {
            #expect(try #require(RuleCatalog.rule(id: id)).reference == ref)
        }
        #expect(RuleCatalog.version == "3")
    }
}
