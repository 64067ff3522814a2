@testable import AIGovConsole
import AIGovApp
import AIGovCore
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

    /// The list follows the workspace's timeline (it was always the amended one): on the
    /// original text, Annex III obligations applied from 2026-08-02, so they are not upcoming
    /// on 2026-11-24, and Annex I products start on 2027-08-02.
    @Test func theListFollowsTheWorkspacesTimeline() throws {
        let f = try Fixture()
        let ws = Workspace(registry: f.registry, today: testToday, pinned: true, timeline: .original)
        let c = Console(workspace: ws, actor: "tester", readOnly: true, title: "test", width: 200, height: 30)
        c.start()
        c.finishBackgroundWork()
        let text = c.screenText
        #expect(text.contains("Upcoming obligations (EU AI Act, original timeline)"), "\(text)")
        #expect(!text.contains("hr3: high-risk requirements"), "\(text)")
        #expect(ws.upcomingObligations().contains { $0.day == Day("2027-08-02") && $0.groups.contains { $0.group == "hr1" } })
    }
}
