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
}

/// The Incidents screen (key `4`): the workspace's incident clocks, the same days left that
/// `aigov incidents` prints and the INC rules hold against today.
public final class IncidentsController: ScreenController {
    public internal(set) var state = IncidentsState()

    public let screen = ScreenID.incidents
    public let title = "Incidents"
    public let bindings = [
        Binding([.tab], .toggleGroup, "all incidents / open incidents only"),
        Binding([.char("R")], .recordReport, "record a report to the authority: KIND DATE [AUTHORITY] (kind initial, follow-up or final)", writes: true),
        Binding([.char("p")], .recordNotice, "record the day the provider was told (empty: today)", writes: true),
        Binding([.char("c")], .closeIncident, "close the incident on a day (empty: today)", writes: true),
    ]
    public let hints = [
        Hint(.open, text: "open system"), Hint(.toggleGroup, text: "open only"), Hint(.recordReport, text: "report"),
        Hint(.closeIncident, text: "close"), Hint(.help, text: "help"), Hint(.back, text: "back", key: .char("q")),
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
        case .recordReport, .recordNotice, .closeIncident:
            guard let x = state.selected else {
                c.info("no incident selected")
                return .redraw
            }
            let (what, label) = switch action {
            case .recordReport: ("report", "report for \(x.incident.id) (KIND DATE [AUTHORITY]): ")
            case .recordNotice: ("provider_informed", "provider of \(x.incident.id) told on (YYYY-MM-DD, empty: today): ")
            default: ("closed", "close \(x.incident.id) on (YYYY-MM-DD, empty: today): ")
            }
            var prompt = Prompt(kind: .incidentAction(what: what, id: x.incident.id), label: label, editor: LineEditor(""))
            if action == .recordReport {
                prompt.editor = LineEditor((x.incident.reports.isEmpty ? "initial " : "follow-up ") + c.today.description + " ")
            }
            c.prompt(prompt)
        default: return nil
        }
        return .redraw
    }

    /// A step typed in the prompt: recorded through the workspace, with the validation of
    /// `apply -f` for an incident document; a refusal is shown with the document's paths.
    func submitAction(_ what: String, _ text: String, id: String, in c: Console) {
        switch IncidentAction.parse(what, text: text, today: c.today, incident: id) {
        case let .failure(e): c.fail(e.problems.map(\.description).joined(separator: "; "))
        case let .success(step):
            do {
                let outcome = try c.workspace.record(step, incident: id, actor: c.actor)
                c.didWrite()
                load(c)
                // The list re-sorts (a reported incident is no longer overdue): stay on this one.
                if let i = state.clocks.firstIndex(where: { $0.incident.id == id }) {
                    state.cursor = i
                    ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
                }
                c.info(outcome.kind == .unchanged ? "\(id) unchanged" : "recorded for \(id): \(outcome.fields.joined(separator: ", "))")
            } catch {
                c.show(error)
            }
        }
    }
}
