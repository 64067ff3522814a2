/// Everything a key can ask the console to do.
public enum Action: String, Sendable, CaseIterable {
    case down, up, top, bottom, pageDown, pageUp, open, back, quit
    case search, command, nextTab, prevTab, refresh, help
    case sort, reverseSort, edit, waive, unwaive, toggleGroup
    case showDashboard, showRegistry, showFindings, showIncidents, showFrameworks
    case save, clearField, addEntry, removeEntry, reload
    case accept, complete, clearLine
    case classify
    case recordReport, recordNotice, closeIncident
}

/// One user request: its keys, what it does, the text help shows, and whether it writes
/// (tig's request table, lazygit's bindings).
///
/// `writes` is what read-only mode looks at: the console refuses a writing binding before any
/// handler sees it, so no handler has to remember to check.
public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var text: String
    /// True when the binding writes to the registry, or opens what would (the edit form, the waiver dialog).
    public var writes: Bool

    public init(_ keys: [Key], _ action: Action, _ text: String, writes: Bool = false) {
        self.keys = keys
        self.action = action
        self.text = text
        self.writes = writes
    }

    /// The keys as help writes them.
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// One status-bar item: the actions whose keys it shows (looked up in the bindings, so a rebound
/// key shows its new key) and a word or two saying what they do.
public struct Hint: Sendable {
    public var actions: [Action]
    public var text: String
    /// The key to show when the binding has several (`q` rather than `Esc` for back).
    public var key: Key?

    public init(_ actions: Action..., text: String, key: Key? = nil) {
        self.actions = actions
        self.text = text
        self.key = key
    }
}

/// One line of the help screen.
public struct HelpLine: Equatable, Sendable {
    public var key: String
    public var text: String
    public var isHeading = false
    public var writes = false
}

/// The bindings that hold on every screen, and the lookups that dispatch, help and the status bar share.
public enum KeyMap {
    /// Bindings every screen has unless its controller binds the key itself.
    public static let global: [Binding] = [
        Binding([.char("j"), .down], .down, "move down"),
        Binding([.char("k"), .up], .up, "move up"),
        Binding([.char("g"), .home], .top, "go to the top"),
        Binding([.char("G"), .end], .bottom, "go to the bottom"),
        Binding([.pageDown, .ctrl("f"), .ctrl("d")], .pageDown, "page down"),
        Binding([.pageUp, .ctrl("b"), .ctrl("u")], .pageUp, "page up"),
        Binding([.enter], .open, "open the selected item"),
        Binding([.escape, .char("q")], .back, "go back (quit on the first screen)"),
        Binding([.char("Q")], .quit, "quit"),
        Binding([.char(":")], .command, "command line (the commands are listed under Commands)"),
        Binding([.char("r"), .ctrl("l")], .refresh, "refresh from the database"),
        Binding([.char("?")], .help, "this help"),
        Binding([.char("1")], .showDashboard, "dashboard"),
        Binding([.char("2")], .showRegistry, "registry"),
        Binding([.char("3")], .showFindings, "findings"),
        Binding([.char("4")], .showIncidents, "serious incidents and their deadlines"),
        Binding([.char("5")], .showFrameworks, "frameworks: ISO/IEC 42001 SoA, NIST AI RMF, AI Act"),
    ]

    /// The binding a key selects: the first group that binds it wins (a screen's own bindings
    /// come before the global ones).
    public static func binding(for key: Key, in groups: [[Binding]]) -> Binding? {
        for group in groups {
            if let b = group.first(where: { $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// Status-bar items for `hints`, with keys taken from the same lookup dispatch uses, so a
    /// hint never names a key that does something else. Hints whose key is not bound here are
    /// left out, and so are writing ones when writes are off.
    public static func resolve(_ hints: [Hint], in groups: [[Binding]], readOnly: Bool) -> [(key: String, text: String)] {
        hints.compactMap { hint in
            var labels: [String] = []
            for action in hint.actions {
                guard let b = groups.lazy.compactMap({ group in group.first { $0.action == action } }).first,
                      !(readOnly && b.writes) else { return nil }
                let key = hint.key.flatMap { b.keys.contains($0) ? $0 : nil } ?? b.keys.first
                guard let key, binding(for: key, in: groups)?.action == action else { return nil }
                labels.append(key.label)
            }
            return (labels.joined(separator: "/"), hint.text)
        }
    }

    /// Help text, one line per binding under its group's heading, then the `:` commands:
    /// generated from the tables dispatch reads, so it cannot go stale.
    public static func helpLines(groups: [(title: String, bindings: [Binding])], commands: [CommandSpec]) -> [HelpLine] {
        var out: [HelpLine] = []
        for (title, bindings) in groups where !bindings.isEmpty {
            out.append(HelpLine(key: title, text: "", isHeading: true))
            out += bindings.map { HelpLine(key: $0.keyLabel, text: $0.text, writes: $0.writes) }
        }
        out.append(HelpLine(key: "Commands (after :)", text: "", isHeading: true))
        out += commands.map { HelpLine(key: $0.usage, text: $0.text) }
        return out
    }
}
