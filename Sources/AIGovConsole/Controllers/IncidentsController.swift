import AIGovApp
import AIGovCore
import AIGovRules

/// The Incidents screen: every serious incident with a countdown to its open deadlines.
public struct IncidentsState: Equatable, Sendable {
    /// Where each incident stands today, open ones with a pending deadline first (earliest first).
    public var clocks: [IncidentClock] = []
    public var openOnly = false
    public var cursor = 0
    public var top = 0

    /// The incident under the cursor.
    public var selected: IncidentClock? { clocks.indices.contains(cursor) ? clocks[cursor] : nil }

    /// The open incident whose deadline comes first (overdue ones first of all): the dashboard's line.
    public var nearest: IncidentClock? { clocks.first { $0.next != nil } }
}

/// The Incidents screen (key `4`): the workspace's incident clocks, the same days left that
/// `aigov incidents` prints and the INC rules hold against today.
public final class IncidentsController: ScreenController {
    public internal(set) var state = IncidentsState()

    public let screen = ScreenID.incidents
    public let title = "Incidents"
    public let bindings = [
        Binding([.tab], .toggleGroup, "all incidents / open incidents only"),
    ]
    public let hints = [
        Hint(.open, text: "open system"), Hint(.toggleGroup, text: "open only"), Hint(.help, text: "help"),
        Hint(.back, text: "back", key: .char("q")),
    ]

    /// The lines under each list: the selected incident's details.
    static let detailRows = 8

    /// Rows of incidents that fit between the column titles and the details (a blank line between).
    func visibleRows(_ c: Console) -> Int { max(1, c.height - 4 - IncidentsController.detailRows) }

    /// Reads every incident with today's deadlines (after a write, `r`, or a new day).
    func load(_ c: Console) {
        do {
            state.clocks = try c.workspace.incidentClocks(openOnly: state.openOnly)
        } catch {
            state.clocks = []
            c.show(error)
        }
        state.cursor = min(state.cursor, max(0, state.clocks.count - 1))
        ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
    }

    public func resized(_ c: Console) {
        ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        if ListCursor.move(action, cursor: &state.cursor, count: state.clocks.count, page: visibleRows(c)) {
            ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
            return .redraw
        }
        switch action {
        case .toggleGroup:
            state.openOnly.toggle()
            state.cursor = 0
            state.top = 0
            load(c)
        case .open:
            guard let x = state.selected else { return Effect.none }
            c.systemController.open(x.incident.system, tab: .findings, in: c)
        default: return nil
        }
        return .redraw
    }
}
