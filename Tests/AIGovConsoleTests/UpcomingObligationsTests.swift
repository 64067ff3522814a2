@testable import AIGovConsole
import Testing

/// The dashboard's upcoming obligations list the groups Regulation (EU) 2026/1744 added.
@Suite struct UpcomingObligationsTests {
    @Test func dashboardListsTheNewGroups() throws {
        let f = try Fixture()
        let c = f.console(width: 200, height: 30)
        let text = c.screenText
        #expect(text.contains("2026-12-02"), "\(text)")
        #expect(text.contains("art5-2026: new Art. 5 prohibition"), "\(text)")
        #expect(text.contains("art50-legacy: Art. 50(2) marking"), "\(text)")
        #expect(text.contains("hr3: high-risk requirements"), "\(text)")
    }
}
