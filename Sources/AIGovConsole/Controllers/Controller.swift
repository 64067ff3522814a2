/// A screen's controller (lazygit's controllers): the screen's key bindings, its state, and
/// the handlers that change that state.
///
/// The console looks a key up in `bindings`, then in `KeyMap.global`; it refuses a writing
/// binding when read-only, and otherwise hands the action to `perform`. Handlers change state
/// and return an `Effect`; they never draw.
public protocol ScreenController: AnyObject {
    /// The screen it drives.
    var screen: ScreenID { get }
    /// The heading of its group in help.
    var title: String { get }
    /// Its own bindings; they win over the global ones for the same key.
    var bindings: [Binding] { get }
    /// What the status bar offers on this screen, in order.
    var hints: [Hint] { get }
    /// Handles an action; nil leaves it to the console (navigation, quit, help, refresh).
    func perform(_ action: Action, in console: Console) -> Effect?
    /// Asked before the console navigates away; false keeps the screen (the form's unsaved edits).
    func leave(_ console: Console) -> Bool
    /// The terminal changed size: keep the cursor on screen.
    func resized(_ console: Console)
    /// The status bar's items for the screen as it is now.
    func statusHints(in console: Console) -> [(key: String, text: String)]
}

extension ScreenController {
    public func leave(_ console: Console) -> Bool { true }
    public func resized(_ console: Console) {}
    public func statusHints(in console: Console) -> [(key: String, text: String)] {
        KeyMap.resolve(hints, in: [bindings, KeyMap.global], readOnly: console.readOnly)
    }
}

/// Cursor arithmetic shared by the list screens.
enum ListCursor {
    /// Moves `cursor` for a movement action within `count` rows; false when the action is not a movement.
    static func move(_ action: Action, cursor: inout Int, count: Int, page: Int) -> Bool {
        switch action {
        case .down: cursor += 1
        case .up: cursor -= 1
        case .top: cursor = 0
        case .bottom: cursor = count - 1
        case .pageDown: cursor += page
        case .pageUp: cursor -= page
        default: return false
        }
        cursor = max(0, min(cursor, count - 1))
        return true
    }

    /// Scrolls `top` so that `cursor` is among the `rows` lines shown.
    static func keepVisible(cursor: Int, top: inout Int, rows: Int) {
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
        top = max(0, top)
    }

    /// After a move lands on a heading row, steps past it in the direction of travel, so the
    /// cursor always rests on an item.
    static func skipHeading(_ action: Action, cursor: inout Int, count: Int) {
        if action == .up || action == .pageUp, cursor > 0 { cursor -= 1 } else if cursor + 1 < count { cursor += 1 }
    }
}
