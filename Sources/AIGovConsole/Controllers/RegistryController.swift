import AIGovApp
import AIGovStore
import Foundation

/// The Registry table: a window onto the query's rows, paged from SQL, scored a page at a time.
public final class RegistryController: ScreenController {
    public internal(set) var state = RegistryState()

    public let screen = ScreenID.registry
    public let title = "Registry"
    public let bindings = [
        Binding([.char("/")], .search, "filter: tier:high status:production owner:x tag:y and free text"),
        Binding([.char("s")], .sort, "sort by: id name owner status tier score worst open"),
        Binding([.char("S")], .reverseSort, "reverse the sort order"),
        Binding([.char("e")], .edit, "edit the selected system", writes: true),
        Binding([.char("c")], .classify, "classify the selected system: the guided questionnaire", writes: true),
    ]
    public let hints = [
        Hint(.open, text: "open"), Hint(.search, text: "filter"), Hint(.sort, text: "sort"), Hint(.edit, text: "edit"),
        Hint(.command, text: "command"), Hint(.help, text: "help"), Hint(.back, text: "back", key: .char("q")),
    ]

    /// Rows of the table that fit: title, filter line, header and status bar take four.
    func visibleRows(_ c: Console) -> Int { max(1, c.height - 4) }

    /// Makes sure the rows on screen are loaded; `force` re-reads count and page.
    func loadPage(_ c: Console, force: Bool = false) throws {
        var r = state
        if force { r.total = try c.registry.count(r.query) }
        r.cursor = max(0, min(r.cursor, r.total - 1))
        let visible = visibleRows(c)
        ListCursor.keepVisible(cursor: r.cursor, top: &r.top, rows: visible)
        r.top = max(0, min(r.top, max(0, r.total - visible)))
        let needEnd = min(r.total, r.top + visible)
        let loaded = r.pageOffset..<(r.pageOffset + r.page.count)
        if let order = r.scoredOrder {
            // The scored orders need every selected row's score: all of them, sorted by the application layer.
            if force || r.page.count != r.total {
                r.pageOffset = 0
                r.page = try c.workspace.scoredRows(r.query, order: order, reversed: r.query.descending).map {
                    RegistryRow(stored: $0.stored, score: $0.score, worst: $0.worstOpen, open: $0.open)
                }
                r.total = r.page.count
                r.cursor = max(0, min(r.cursor, r.total - 1))
            }
        } else if force || r.top < loaded.lowerBound || needEnd > loaded.upperBound {
            // Load a window of three screens around the visible one so scrolling rarely queries.
            let offset = max(0, r.top - visible)
            let stored = try c.registry.page(r.query, offset: offset, limit: visible * 3)
            r.pageOffset = offset
            r.page = ((try? c.workspace.scored(stored)) ?? []).map {
                RegistryRow(stored: $0.stored, score: $0.score, worst: $0.worstOpen, open: $0.open)
            }
        }
        state = r
    }

    public func resized(_ c: Console) {
        state.top = min(state.top, state.cursor)
        do { try loadPage(c) } catch { c.show(error) }
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        if ListCursor.move(action, cursor: &state.cursor, count: state.total, page: visibleRows(c)) {
            do { try loadPage(c) } catch { c.show(error) }
            return .redraw
        }
        switch action {
        case .open:
            guard let row = state.selected else { return Effect.none }
            c.systemController.open(row.stored.system.id, in: c)
        case .search:
            c.prompt(Prompt(kind: .registryFilter, label: "filter: ", editor: LineEditor(state.filterText)))
        case .sort, .reverseSort:
            var q = state.query
            var order = state.scoredOrder
            if action == .sort {
                // The columns of SQL, then the scored orders, then round again.
                let keys = RegistrySort.allCases.map(\.rawValue) + ScoredOrder.allCases.map(\.rawValue)
                let next = keys[((keys.firstIndex(of: order?.rawValue ?? q.sort.rawValue) ?? 0) + 1) % keys.count]
                order = ScoredOrder(rawValue: next)
                q.sort = RegistrySort(rawValue: next) ?? .id
                q.descending = false
            } else {
                q.descending.toggle()
            }
            state.scoredOrder = order
            apply(q, filterText: state.filterText, in: c)
            c.info("sorted by \(RegistryController.sortLabel(state))")
        case .edit:
            guard let row = state.selected else { return Effect.none }
            c.formController.open(row.stored.system.id, in: c)
        case .classify:
            guard let row = state.selected else { return Effect.none }
            c.classify(row.stored.system.id)
        default: return nil
        }
        return .redraw
    }

    /// The filter prompt's answer: a new query, or the parser's message with the old one kept.
    func submitFilter(_ text: String, in c: Console) {
        switch FilterParser.parse(text, base: state.query) {
        case let .success(q):
            apply(q, filterText: text.trimmingCharacters(in: .whitespaces), in: c)
            c.info("\(state.total) system\(state.total == 1 ? "" : "s") match")
        case let .failure(e):
            c.fail(e.message)
        }
    }

    /// What the header and the status line say about the order: "id ↑", "score, worst first".
    static func sortLabel(_ r: RegistryState) -> String {
        guard let order = r.scoredOrder else { return "\(r.query.sort.rawValue) \(r.query.descending ? "↓" : "↑")" }
        return "\(order.rawValue), \(r.query.descending ? "best" : "worst") first"
    }

    /// Shows the rows of a new query, keeping the selected system selected when it still matches.
    func apply(_ q: RegistryQuery, filterText: String, in c: Console) {
        let keep = state.selected?.stored.system.id
        state.query = q
        state.filterText = filterText
        do {
            state.total = try c.registry.count(q)
            if state.scoredOrder != nil {
                state.cursor = 0
                try loadPage(c, force: true)
                state.cursor = keep.flatMap { id in state.page.firstIndex { $0.stored.system.id == id } } ?? 0
            } else {
                state.cursor = try keep.flatMap { try c.registry.position(of: $0, in: q) } ?? 0
            }
            state.top = max(0, state.cursor - visibleRows(c) / 2)
            // The scored orders loaded every row above; the columns' page is loaded around the cursor.
            try loadPage(c, force: state.scoredOrder == nil)
        } catch {
            c.show(error)
        }
    }
}
