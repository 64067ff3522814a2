import AIGovApp

/// The Dashboard: counts from SQL at once, findings, vendor exposure and what falls due when
/// the background check is done.
public final class DashboardController: ScreenController {
    public internal(set) var state = DashboardState()

    public let screen = ScreenID.dashboard
    public let title = "Dashboard"
    /// The dashboard has no keys of its own: it is moved through and opened with the global ones.
    public let bindings: [Binding] = []
    public let hints = [
        Hint(.open, text: "open"), Hint(.showRegistry, text: "registry"), Hint(.showFindings, text: "findings"),
        Hint(.command, text: "command"), Hint(.refresh, text: "refresh"), Hint(.help, text: "help"),
        Hint(.back, text: "quit", key: .char("q")),
    ]

    /// Rows of the agenda that fit under the counts (one more line says how many are below).
    func listRows(_ c: Console) -> Int { max(1, c.height - 16) }

    /// Reads the counts and the waivers; the agenda keeps what the last finished check found.
    func load(_ c: Console) {
        do {
            state.counts = try c.registry.counts()
            waivers = try c.workspace.waiverStandings()
            // Reviews, tests and ends of life come from the background check (`DueSchedule`, as
            // the rules measure them); until it finishes the agenda keeps what the last check found.
            if let s = c.scan, s.finished { showDue(s.overview, c) }
        } catch {
            c.show(error)
        }
    }

    /// The waivers as of the last load, for the agenda's expiries.
    var waivers: [WaiverStanding] = []

    /// Shows the agenda: the finished check's due items, the open incidents' deadlines and the
    /// waivers' expiries, ordered by the application layer (`Agenda`), overdue first.
    func showDue(_ o: RegistryOverview, _ c: Console) {
        let agenda = Agenda.items(due: o.dueSorted, incidents: c.incidentsController.state.clocks, waivers: waivers, today: c.today,
                                  days: DueWindows.dashboardDays)
        state.due = Array(agenda.prefix(200))
        state.dueTotal = agenda.count
        state.cursor = min(state.cursor, max(0, state.due.count - 1))
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        if ListCursor.move(action, cursor: &state.cursor, count: state.due.count, page: listRows(c)) {
            ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: listRows(c))
            return .redraw
        }
        guard action == .open else { return nil }
        guard state.due.indices.contains(state.cursor) else { return Effect.none }
        c.systemController.open(state.due[state.cursor].system, tab: .overview, in: c)
        return .redraw
    }
}
