/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    /// The terminal changed size.
    case resize
    /// Control plus a letter (`ctrl("u")`).
    case ctrl(Character)

    /// How the key is written in help and in key scripts.
    public var label: String {
        switch self {
        case let .char(c): c == " " ? "Space" : String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .resize: "resize"
        case let .ctrl(c): "Ctrl-" + String(c).uppercased()
        }
    }
}

/// The seam between the console and a real terminal (swift-nio's channel/embedded split):
/// `CursesTerminal` talks to ncurses, `TestTerminal` keeps frames and plays scripted keys.
public protocol Terminal: AnyObject {
    /// Columns and rows right now.
    var size: (width: Int, height: Int) { get }
    /// Shows a finished frame.
    func draw(_ buffer: ScreenBuffer)
    /// The next key, or nil when none arrives within `timeoutMilliseconds` (0 polls).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// True once the terminal is gone (its input hung up or closed): the loop then ends, so a
    /// console whose terminal closed never spins on, orphaned.
    var isGone: Bool { get }
}

extension Terminal {
    public var isGone: Bool { false }
}

/// A terminal for tests: a fixed (changeable) size, a queue of keys, and the last frame.
public final class TestTerminal: Terminal {
    public var size: (width: Int, height: Int)
    /// Keys still to be delivered, first first.
    public var keys: [Key]
    /// Every frame drawn, last last.
    public private(set) var frames: [ScreenBuffer] = []

    public init(width: Int = 80, height: Int = 24, keys: [Key] = []) {
        size = (width, height)
        self.keys = keys
    }

    public func draw(_ buffer: ScreenBuffer) { frames.append(buffer) }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        keys.isEmpty ? nil : keys.removeFirst()
    }

    /// The text of the last frame.
    public var screen: String { frames.last?.text ?? "" }
}
