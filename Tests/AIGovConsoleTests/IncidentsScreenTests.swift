import AIGovApp
import AIGovConsole
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// The Incidents screen (key 4) and the dashboard's incident line, on the fixture registry with
/// three incidents: one past its report deadline, one within it, one closed.
@Suite struct IncidentsScreenTests {
    /// loan-scoring (a high-risk deployer) from the fixture, plus a high-risk provider.
    static func fixture() throws -> Fixture {
        var provider = AISystem(id: "cv-ranker", name: "CV ranking", owner: "people", status: .pilot)
        var act = EUAIAct()
        act.role = .provider
        act.tier = .high
        provider.euAiAct = act
        let f = try Fixture(systems: [provider])
        var late = Incident(id: "inc-late", system: "cv-ranker", title: "Older applicants ranked lower", harm: .fundamentalRights,
                            aware: Day("2026-11-02")!)
        late.memberStates = ["NL"]
        let soon = Incident(id: "inc-soon", system: "loan-scoring", title: "Declines from one postcode", harm: .criticalInfrastructure,
                            aware: Day("2026-11-23")!)
        var done = Incident(id: "inc-done", system: "loan-scoring", title: "Closed one", harm: .health, aware: Day("2026-09-01")!,
                            status: .closed)
        done.closed = Day("2026-10-01")
        done.reports = [IncidentReport(kind: .initial, date: Day("2026-09-05")!, authority: "AP", reference: "AP-1")]
        _ = try f.registry.apply(systems: [], incidents: [late, soon, done], actor: "fixture")
        return f
    }

    @Test func keyFourShowsEveryIncidentWithItsCountdown() throws {
        let f = try Self.fixture()
        let c = f.console()
        c.play("4")
        #expect(c.screen == .incidents)
        let b = c.render()
        let text = b.text
        #expect(b.line(0).contains("4 Incidents"))
        #expect(b.line(1).contains("Incidents  2 open  1 overdue"))
        // Overdue first, then the pending one, then the closed one.
        let rows = (3..<6).map { b.line($0) }
        #expect(rows[0].contains("inc-late") && rows[0].contains("2026-11-17") && rows[0].contains("7d overdue"), "\(text)")
        #expect(rows[1].contains("inc-soon") && rows[1].contains("1d left") && rows[1].contains("due today"), "\(text)")
        #expect(rows[2].contains("inc-done") && rows[2].contains("closed"), "\(text)")
        // The details of the selected incident.
        #expect(text.contains("inc-late — Older applicants ranked lower"))
        #expect(text.contains("report due 2026-11-17 (15 days after awareness): 7d overdue"))
    }

    @Test func overdueRowsAreRed() throws {
        let f = try Self.fixture()
        let c = f.console()
        c.play("4j")  // the cursor leaves the overdue row, which is then drawn in its own colour
        let b = c.render()
        let row = try #require((0..<b.height).first { b.line($0).contains("inc-late") })
        let col = try #require(b.line(row).range(of: "inc-late").map { b.line(row).distance(from: b.line(row).startIndex, to: $0.lowerBound) })
        #expect(b[row, col].style == .high)
        #expect(Theme.color(.high).foreground == .red)
        let closed = try #require((0..<b.height).first { b.line($0).contains("inc-done") })
        #expect(b[closed, 1].style == .dim)
    }

    /// The dashboard's agenda holds every incident deadline, not only the nearest: the overdue
    /// report first (red), and the one due within days, among the reviews and tests (#27).
    @Test func dashboardAgendaHoldsEveryIncidentDeadlineOverdueFirst() throws {
        let f = try Self.fixture()
        let c = f.console()
        let b = c.render()
        #expect(b.line(10).hasPrefix(" Agenda to 2027-02-22 (next 90 days):") && b.line(10).contains("overdue"), "\(b.text)")
        #expect(b.line(11).contains("2026-11-17") && b.line(11).contains("7d overdue") && b.line(11).contains("incident report")
                && b.line(11).contains("cv-ranker"), "\(b.text)")
        // The first row is the selected one; the second, a test overdue or not, shows its colour.
        #expect(b[11, 3].style == .selected)
        // inc-soon (aware 2026-11-23, loan-scoring's deployer): the provider notice is due today
        // and the report (critical infrastructure: 2 days) tomorrow; both are listed.
        let lines = (12..<b.height).map { b.line($0) }
        #expect(lines.contains { $0.contains("today") && $0.contains("provider notice") && $0.contains("inc-soon") }, "\(b.text)")
        #expect(lines.contains { $0.contains("2026-11-25") && $0.contains("in 1d") && $0.contains("incident report") && $0.contains("inc-soon") },
                "\(b.text)")
        // The same list as `aigov agenda`: one definition.
        let agenda = try c.workspace.agenda(days: DueWindows.dashboardDays)
        #expect(c.dashboardController.state.due == Array(agenda.prefix(200)))
    }

    @Test func withoutOpenIncidentsTheDashboardShowsTheAgenda() throws {
        let f = try Fixture()
        let c = f.console()
        #expect(c.render().line(10).hasPrefix(" Agenda to"))
        c.play("4")
        #expect(c.render().text.contains("no serious incidents recorded"))
    }

    @Test func tabShowsOpenOnlyAndEnterOpensTheSystem() throws {
        let f = try Self.fixture()
        let c = f.console()
        c.play("4<Tab>")
        #expect(c.incidentsController.state.clocks.map(\.incident.id) == ["inc-late", "inc-soon"])
        c.play("<Enter>")
        #expect(c.screen == .system)
        #expect(c.render().text.contains("INC-001"))
        c.play("q")
        #expect(c.screen == .incidents)
    }

    /// The console's findings for a system are the same INC findings `check` reports: the
    /// workspace's runner feeds each system its incidents.
    @Test func theBackgroundCheckCountsIncidentFindings() throws {
        let f = try Self.fixture()
        let c = f.console()
        var incs: [Finding] = []
        try c.workspace.check { results in incs += results.flatMap(\.findings).filter { $0.rule.hasPrefix("INC-") } }
        #expect(incs.map(\.rule) == ["INC-001"], "\(incs.map(\.rule))")
        // Rules v3: INC-001 is in the system's high-risk group, upcoming until 2027-12-02 on the
        // amended timeline; the background check counts it as check does.
        #expect(incs.first?.status == .upcoming)
        #expect((c.scan?.summary.upcoming ?? 0) >= 1)
    }
}
