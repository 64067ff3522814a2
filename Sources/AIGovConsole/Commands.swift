/// A `:` command, parsed from the text typed after the colon (k9s's command mode).
public enum ConsoleCommand: Equatable, Sendable {
    case quit
    case check
    case system(String)
    case findings
    case dashboard
    case registry
    case help
    case refresh
    /// Simulate providers disappearing (`:whatif BigLab AI`).
    case whatIf(String)
    /// A command that exists but is not built yet (`:export`).
    case unavailable(String)
    /// Anything else, with the message to show.
    case invalid(String)

    /// Parses a command line such as `system loan-scoring` or `q`.
    public static func parse(_ line: String) -> ConsoleCommand {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let head = words.first?.lowercased() else { return .invalid("type a command, e.g. :registry or :q") }
        let rest = Array(words.dropFirst())
        switch head {
        case "q", "q!", "quit", "exit", "wq": return rest.isEmpty ? .quit : .invalid(":\(head) takes no arguments")
        case "check": return .check
        case "system", "sys", "s", "open":
            guard rest.count == 1 else { return .invalid("usage: :system ID") }
            return .system(rest[0])
        case "findings", "f": return .findings
        case "dashboard", "dash", "d": return .dashboard
        case "registry", "reg", "systems", "r": return .registry
        case "help", "h": return .help
        case "refresh", "reload": return .refresh
        case "whatif", "what-if":
            guard !rest.isEmpty else { return .invalid("usage: :whatif VENDOR NAME") }
            return .whatIf(rest.joined(separator: " "))
        case "export", "pack": return .unavailable("export runs from the shell: aigov export pack --out pack.zip")
        default: return .invalid("unknown command :\(head) (try :q, :check, :system ID, :findings, :dashboard, :registry)")
        }
    }
}

/// A one-line text editor for prompts: the command line, the filter, a form value.
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false for keys that are not editing keys.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .char(c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeAll()
            cursor = 0
        case .ctrl("w"):
            var i = cursor
            while i > 0, characters[i - 1] == " " { i -= 1 }
            while i > 0, characters[i - 1] != " " { i -= 1 }
            characters.removeSubrange(i..<cursor)
            cursor = i
        default:
            return false
        }
        return true
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }
}
