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

    /// Rows of the "due" list that fit under the counts (and the incident line, when shown).
    func listRows(_ c: Console) -> Int { max(1, c.height - 15 - (incidentLine(c) == nil ? 0 : 1)) }

    /// The line with the nearest deadline of an open serious incident, when one is pending.
    func incidentLine(_ c: Console) -> Line? { IncidentsView.dashboardLine(c.incidentsController.state, today: c.today) }

    /// Reads the counts; the due list keeps what the last finished check found.
    func load(_ c: Console) {
        do {
            state.counts = try c.registry.counts()
            // What falls due comes from the background check (`DueSchedule`, as the rules
            // measure it); until it finishes the list keeps what the last check found.
            if let s = c.scan, s.finished { showDue(s.overview) }
        } catch {
            c.show(error)
        }
    }

    /// Shows what the finished check found due.
    func showDue(_ o: RegistryOverview) {
        let due = o.dueSorted
        state.due = Array(due.prefix(200))
        state.dueTotal = due.count
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
