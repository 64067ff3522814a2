import AIGovConsole
import AIGovCore
import Testing

/// Rule set v3 in the console: the dashboard counts legacy high-risk systems and those the
/// 2030 public-authority backstop reaches; the system view says what ends the grace.
@Suite struct LegacyConsoleTests {
    static func legacy(_ id: String, authority: Bool) -> AISystem {
        var s = AISystem(id: id, name: id, owner: "o", status: .production)
        var e = EUAIAct()
        e.role = .provider
        e.tier = .high
        e.annexIII = .education
        e.onMarketSince = Day("2025-03-01")
        e.publicAuthority = authority
        s.euAiAct = e
        return s
    }

    @Test func theDashboardCountsLegacySystemsAndTheSystemViewExplainsThem() throws {
        let f = try Fixture(systems: [Self.legacy("old-grader", authority: false), Self.legacy("old-allocator", authority: true)])
        let c = f.console()
        let dashboard = c.render().text
        #expect(dashboard.contains("legacy HR"), "\(dashboard)")
        #expect(dashboard.contains("2 (1 by 2030)"), "\(dashboard)")
        c.play(":system old-allocator<Enter>")
        let overview = c.render().text
        #expect(overview.contains("on market since      2025-03-01"), "\(overview)")
        #expect(overview.contains("legacy system (Art. 111(2))"), "\(overview)")
    }
}
