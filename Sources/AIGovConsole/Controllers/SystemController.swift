import AIGovApp
import AIGovStore

/// The System screen: one record, its check result and its history, a tab at a time.
public final class SystemController: ScreenController {
    public internal(set) var state: SystemState?

    public let screen = ScreenID.system
    public let title = "System"
    public let bindings = [
        Binding([.tab, .char("l"), .right], .nextTab, "next tab"),
        Binding([.backTab, .char("h"), .left], .prevTab, "previous tab"),
        Binding([.char("e")], .edit, "edit this system", writes: true),
        Binding([.char("c")], .classify, "classify this system: the guided questionnaire", writes: true),
        Binding([.char("w")], .waive, "on the Findings tab: waive the selected finding's rule (j/k select)", writes: true),
        Binding([.char("u")], .unwaive, "on the Findings tab: remove the waiver of the selected finding's rule", writes: true),
    ]
    public let hints = [
        Hint(.nextTab, text: "next tab"), Hint(.edit, text: "edit"), Hint(.classify, text: "classify"), Hint(.down, .up, text: "scroll"),
        Hint(.command, text: "command"), Hint(.help, text: "help"), Hint(.back, text: "back", key: .char("q")),
    ]
    /// The Findings tab's: a finding is selected, and waived or unwaived.
    let findingHints = [
        Hint(.nextTab, text: "next tab"), Hint(.down, .up, text: "select"), Hint(.waive, text: "waive"), Hint(.unwaive, text: "unwaive"),
        Hint(.help, text: "help"), Hint(.back, text: "back", key: .char("q")),
    ]

    public func statusHints(in c: Console) -> [(key: String, text: String)] {
        KeyMap.resolve(state?.tab == .findings ? findingHints : hints, in: [bindings, KeyMap.global], readOnly: c.readOnly)
    }

    /// Opens the System screen for `id`, saying so on the status line when it cannot.
    func open(_ id: String, tab: SystemTab = .overview, in c: Console) {
        do { try show(id, tab: tab, push: true, in: c) } catch { c.show(error) }
    }

    /// Loads `id` with its findings (the workspace's runner, as `aigov check` evaluates) and
    /// history; `push` puts the screen on the stack, replacing a System screen on top.
    func show(_ id: String, tab: SystemTab = .overview, push: Bool, scroll: Int = 0, findingCursor: Int = 0, in c: Console) throws {
        guard let stored = try c.registry.system(id: id) else {
            if !push {
                // The system was deleted under an open screen: drop the screens that show it.
                state = nil
                c.stack.removeAll { $0 == .system || $0 == .edit }
                if c.stack.isEmpty { c.stack = [.registry] }
            }
            throw RegistryError.notFound(id: id)
        }
        let result = try c.workspace.results(for: [stored])[0]
        let history = try c.registry.history(entityId: id, limit: 200)
        state = SystemState(stored: stored, findings: result.findings, score: result.score.value, history: history,
                            reach: c.workspace.highRiskReach(of: stored.system),
                            tab: tab, scroll: scroll,
                            findingCursor: max(0, min(findingCursor, result.findings.count - 1)))
        if push {
            if c.screen == .system { c.stack.removeLast() }
            c.stack.append(.system)
        }
    }

    /// Re-reads the system on show (after a write, or when another process wrote).
    func reload(_ c: Console) throws {
        guard let s = state else { return }
        try show(s.stored.system.id, tab: s.tab, push: false, scroll: s.scroll, findingCursor: s.findingCursor, in: c)
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        guard var s = state else { return nil }
        let tabs = SystemTab.allCases
        switch action {
        case .nextTab, .prevTab:
            let i = tabs.firstIndex(of: s.tab) ?? 0
            s.tab = tabs[(i + (action == .nextTab ? 1 : tabs.count - 1)) % tabs.count]
            s.scroll = 0
        case .edit:
            c.formController.open(s.stored.system.id, in: c)
            return .redraw
        case .classify:
            c.classify(s.stored.system.id)
            return .redraw
        case .waive, .unwaive:
            guard s.tab == .findings else {
                c.info("\(action == .waive ? "waive" : "unwaive") works on the Findings tab (Tab to it, j/k to select a finding)")
                return .redraw
            }
            guard let f = s.selectedFinding else {
                c.info("no finding to \(action == .waive ? "waive" : "unwaive")")
                return .redraw
            }
            if action == .waive {
                guard f.status != .waived else {
                    c.info("\(f.rule) is already waived until \(f.waiver?.expires.description ?? "?"); u removes the waiver")
                    return .redraw
                }
                WaiveDialog.open(system: f.system, rule: f.rule, in: c)
            } else {
                WaiveDialog.unwaive(system: f.system, rule: f.rule, in: c)
            }
            return .redraw
        case .down, .up, .top, .bottom, .pageDown, .pageUp:
            guard s.tab == .findings else { return scroll(action, s, in: c) }
            // The Findings tab selects a finding; the lines scroll to keep it in view.
            guard ListCursor.move(action, cursor: &s.findingCursor, count: max(1, s.findings.count), page: 3) else { return nil }
            let (lines, starts) = SystemView.findingLines(s, width: c.width)
            let page = max(1, c.height - 4)
            if starts.indices.contains(s.findingCursor) {
                let first = max(0, starts[s.findingCursor] - 1)
                let end = s.findingCursor + 1 < starts.count ? starts[s.findingCursor + 1] - 1 : lines.count
                if end > s.scroll + page { s.scroll = end - page }
                if first < s.scroll { s.scroll = first }
                s.scroll = max(0, min(s.scroll, first))
            }
        default:
            return nil
        }
        state = s
        return .redraw
    }

    /// Scrolls the lines of a tab.
    private func scroll(_ action: Action, _ s: SystemState, in c: Console) -> Effect? {
        var s = s
        let lines = SystemView.lines(s, today: c.today, width: c.width)
        let page = max(1, c.height - 5)
        guard ListCursor.move(action, cursor: &s.scroll, count: max(1, lines.count - page + 1), page: page) else { return nil }
        state = s
        return .redraw
    }
}
