/// The help overlay: every binding of every controller and overlay, and every `:` command,
/// generated from the tables that dispatch reads.
enum HelpOverlay {
    static let title = "Help"
    static let bindings = [
        Binding([.char("j"), .down], .down, "scroll down"),
        Binding([.char("k"), .up], .up, "scroll up"),
        Binding([.pageDown, .ctrl("f"), .ctrl("d")], .pageDown, "page down"),
        Binding([.pageUp, .ctrl("b"), .ctrl("u")], .pageUp, "page up"),
        Binding([.char("g"), .home], .top, "go to the top"),
        Binding([.char("G"), .end], .bottom, "go to the end"),
        Binding([.escape, .char("q"), .char("?")], .back, "close the help"),
        Binding([.char("Q")], .quit, "quit"),
    ]
    static let hints = [Hint(.down, .up, text: "scroll"), Hint(.back, text: "close", key: .char("q"))]

    /// Every group of bindings, in the order help lists them.
    static func groups(_ c: Console) -> [(title: String, bindings: [Binding])] {
        [("Everywhere", KeyMap.global)] + c.controllers.map { ($0.title, $0.bindings) }
            + [(WaiveDialog.title, WaiveDialog.bindings), (ClassifyWizard.title, ClassifyWizard.bindings),
               (ImportPreview.title, ImportPreview.bindings), (WhatIfView.title, WhatIfView.bindings), (title, bindings),
               (PromptController.title, PromptController.bindings)]
    }

    /// The lines of the help screen.
    static func lines(_ c: Console) -> [HelpLine] {
        KeyMap.helpLines(groups: groups(c), commands: ConsoleCommand.table)
    }

    /// Lines of help that fit under the title bar and heading.
    static func rows(_ c: Console) -> Int { max(1, c.height - 3) }

    /// Scrolls (kept within the lines), closes, or quits.
    static func perform(_ action: Action, scroll: Int, in c: Console) -> Effect {
        let page = max(1, c.height - 4)
        var scroll = scroll
        switch action {
        case .back:
            c.overlay = nil
            return .redraw
        case .quit: return .quit
        case .down: scroll += 1
        case .up: scroll -= 1
        case .pageDown: scroll += page
        case .pageUp: scroll -= page
        case .top: scroll = 0
        case .bottom: scroll = .max
        default: break
        }
        c.overlay = .help(scroll: max(0, min(scroll, lines(c).count - rows(c))))
        return .redraw
    }
}
