/// Everything a key can ask the console to do.
public enum Action: String, Sendable, CaseIterable {
    case down, up, top, bottom, pageDown, pageUp, open, back, quit
    case search, command, nextTab, prevTab, refresh, help
    case sort, reverseSort, edit, waive, toggleGroup
    case showDashboard, showRegistry, showFindings
    case save, clearField, addEntry, removeEntry, reload
}

/// Where a binding applies. `global` bindings apply everywhere a more specific one does not.
public enum KeyContext: String, Sendable, CaseIterable {
    case global = "Everywhere"
    case dashboard = "Dashboard"
    case registry = "Registry"
    case system = "System"
    case findings = "Findings"
    case form = "Edit form"
}

/// One user request: its keys, what it does, and the text help shows (tig's request table).
public struct Binding: Sendable {
    public var context: KeyContext
    public var keys: [Key]
    public var action: Action
    public var text: String
}

/// The one table of key bindings; it feeds both key dispatch and the help screen.
public enum KeyMap {
    public static let bindings: [Binding] = [
        Binding(context: .global, keys: [.char("j"), .down], action: .down, text: "move down"),
        Binding(context: .global, keys: [.char("k"), .up], action: .up, text: "move up"),
        Binding(context: .global, keys: [.char("g"), .home], action: .top, text: "go to the top"),
        Binding(context: .global, keys: [.char("G"), .end], action: .bottom, text: "go to the bottom"),
        Binding(context: .global, keys: [.pageDown, .ctrl("f"), .ctrl("d")], action: .pageDown, text: "page down"),
        Binding(context: .global, keys: [.pageUp, .ctrl("b"), .ctrl("u")], action: .pageUp, text: "page up"),
        Binding(context: .global, keys: [.enter], action: .open, text: "open the selected item"),
        Binding(context: .global, keys: [.escape, .char("q")], action: .back, text: "go back (quit on the first screen)"),
        Binding(context: .global, keys: [.char("Q")], action: .quit, text: "quit"),
        Binding(context: .global, keys: [.char(":")], action: .command, text: "command line (:q :check :system ID :findings :dashboard :registry)"),
        Binding(context: .global, keys: [.char("r"), .ctrl("l")], action: .refresh, text: "refresh from the database"),
        Binding(context: .global, keys: [.char("?")], action: .help, text: "this help"),
        Binding(context: .global, keys: [.char("1")], action: .showDashboard, text: "dashboard"),
        Binding(context: .global, keys: [.char("2")], action: .showRegistry, text: "registry"),
        Binding(context: .global, keys: [.char("3")], action: .showFindings, text: "findings"),

        Binding(context: .registry, keys: [.char("/")], action: .search, text: "filter: tier:high status:production owner:x tag:y and free text"),
        Binding(context: .registry, keys: [.char("s")], action: .sort, text: "sort by the next column (id, name, owner, status, tier)"),
        Binding(context: .registry, keys: [.char("S")], action: .reverseSort, text: "reverse the sort order"),
        Binding(context: .registry, keys: [.char("e")], action: .edit, text: "edit the selected system"),

        Binding(context: .system, keys: [.tab, .char("l"), .right], action: .nextTab, text: "next tab"),
        Binding(context: .system, keys: [.backTab, .char("h"), .left], action: .prevTab, text: "previous tab"),
        Binding(context: .system, keys: [.char("e")], action: .edit, text: "edit this system"),

        Binding(context: .findings, keys: [.tab], action: .toggleGroup, text: "group by rule / by system"),
        Binding(context: .findings, keys: [.char("w")], action: .waive, text: "waive the selected finding's rule for its system"),
        Binding(context: .findings, keys: [.char("/")], action: .search, text: "filter findings by text"),

        Binding(context: .form, keys: [.enter], action: .open, text: "change the selected field (Tab completes allowed values)"),
        Binding(context: .form, keys: [.char("x"), .delete], action: .clearField, text: "remove the selected field's value"),
        Binding(context: .form, keys: [.char("a")], action: .addEntry, text: "add an entry to the selected list"),
        Binding(context: .form, keys: [.char("d")], action: .removeEntry, text: "remove the selected list entry"),
        Binding(context: .form, keys: [.char("s"), .ctrl("s")], action: .save, text: "save (refused if someone changed the system meanwhile)"),
        Binding(context: .form, keys: [.char("R")], action: .reload, text: "after a conflict: reload the system and re-apply your edits"),
    ]

    /// The action of a key in a context: the context's own binding first, then a global one.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.action }
        return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
    }

    /// Help text, one line per binding grouped by context: generated, so it cannot go stale.
    public static func helpLines() -> [(key: String, text: String, isHeading: Bool)] {
        var out: [(String, String, Bool)] = []
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            out.append((context.rawValue, "", true))
            for b in group { out.append((b.keys.map(\.label).joined(separator: " "), b.text, false)) }
        }
        out.append(("Prompts", "", true))
        out.append(("Enter", "accept", false))
        out.append(("Esc", "cancel (what you typed in a form is kept until you leave it)", false))
        out.append(("Ctrl-U", "clear the line", false))
        return out
    }
}
