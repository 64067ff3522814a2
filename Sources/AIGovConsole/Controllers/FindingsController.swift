import AIGovApp
import AIGovCore
import AIGovRules

/// The Findings screen: every open finding the background check collected, grouped by rule, by
/// severity (critical first) or by system, with the waiver dialog one key away.
public final class FindingsController: ScreenController {
    public internal(set) var state = FindingsState()

    public let screen = ScreenID.findings
    public let title = "Findings"
    public let bindings = [
        Binding([.tab], .toggleGroup, "group by rule / by severity / by system"),
        Binding([.char("w")], .waive, "waive the selected finding's rule for its system", writes: true),
        Binding([.char("u")], .unwaive, "remove the waiver of the selected finding's rule for its system", writes: true),
        Binding([.char("/")], .search, "filter findings by text"),
    ]
    public let hints = [
        Hint(.open, text: "open"), Hint(.waive, text: "waive"), Hint(.toggleGroup, text: "group"), Hint(.search, text: "find"),
        Hint(.help, text: "help"), Hint(.back, text: "back", key: .char("q")),
    ]

    /// Rows of findings that fit under the heading and column titles.
    func visibleRows(_ c: Console) -> Int { max(1, c.height - 4) }

    /// The finding under the cursor, if the cursor is on one.
    var selected: Finding? {
        guard state.rows.indices.contains(state.cursor), case let .finding(x) = state.rows[state.cursor] else { return nil }
        return x
    }

    /// Rebuilds the rows from the check's open findings, under the filter and grouping.
    func rebuild(_ c: Console) {
        guard let s = c.scan, s.collect else { return }
        var f = state
        let words = f.filterText.lowercased().split(separator: " ").map(String.init)
        let list = s.findings.filter { finding in
            words.allSatisfy { w in
                finding.system.lowercased().contains(w) || finding.rule.lowercased().contains(w)
                    || finding.message.lowercased().contains(w) || finding.severity.rawValue == w
            }
        }
        var rows: [FindingsRow] = []
        switch f.grouping {
        case .rule:
            let groups = Dictionary(grouping: list, by: \.rule)
            for rule in groups.keys.sorted() {
                let items = (groups[rule] ?? []).sorted { ($0.severity, $1.system) > ($1.severity, $0.system) }
                let title = c.workspace.ruleSet.rule(id: rule).map { "\(rule)  \($0.title)" } ?? rule
                rows.append(.group(title, count: items.count))
                rows += items.map(FindingsRow.finding)
            }
        case .severity:
            // Critical first; a severity with no open finding has no heading.
            let groups = Dictionary(grouping: list, by: \.severity)
            for severity in Severity.allCases.sorted(by: >) {
                guard let items = groups[severity], !items.isEmpty else { continue }
                rows.append(.group(severity.rawValue, count: items.count))
                rows += items.sorted { ($0.rule, $0.system, $0.path) < ($1.rule, $1.system, $1.path) }.map(FindingsRow.finding)
            }
        case .system:
            let groups = Dictionary(grouping: list, by: \.system)
            for system in groups.keys.sorted() {
                let items = (groups[system] ?? []).sorted(by: Finding.precedes)
                rows.append(.group(system, count: items.count))
                rows += items.map(FindingsRow.finding)
            }
        }
        f.rows = rows
        f.cursor = min(f.cursor, max(0, rows.count - 1))
        if case .group? = rows.indices.contains(f.cursor) ? rows[f.cursor] : nil, rows.count > f.cursor + 1 { f.cursor += 1 }
        state = f
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        var f = state
        if ListCursor.move(action, cursor: &f.cursor, count: f.rows.count, page: visibleRows(c)) {
            if f.rows.indices.contains(f.cursor), case .group = f.rows[f.cursor] {
                ListCursor.skipHeading(action, cursor: &f.cursor, count: f.rows.count)
            }
            ListCursor.keepVisible(cursor: f.cursor, top: &f.top, rows: visibleRows(c))
            state = f
            return .redraw
        }
        switch action {
        case .toggleGroup:
            state.grouping = state.grouping.next
            state.cursor = 0
            state.top = 0
            rebuild(c)
        case .search:
            c.prompt(Prompt(kind: .findingsFilter, label: "find: ", editor: LineEditor(f.filterText)))
        case .open:
            guard let x = selected else { return Effect.none }
            c.systemController.open(x.system, tab: .findings, in: c)
        case .waive:
            guard let x = selected else { return Effect.none }
            WaiveDialog.open(system: x.system, rule: x.rule, in: c)
        case .unwaive:
            guard let x = selected else { return Effect.none }
            WaiveDialog.unwaive(system: x.system, rule: x.rule, in: c)
        default: return nil
        }
        return .redraw
    }

    /// The find prompt's answer.
    func submitFilter(_ text: String, in c: Console) {
        state.filterText = text
        state.cursor = 0
        state.top = 0
        rebuild(c)
    }
}
