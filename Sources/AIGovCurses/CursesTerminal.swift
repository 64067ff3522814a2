import AIGovConsole
import CNcurses
import Foundation

/// The real terminal: ncursesw in wide-character mode. The only type that touches curses.
///
/// Frames are copied cell by cell in runs of one style with `mvaddnwstr`, so double-width
/// characters and combining marks reach the screen as the buffer laid them out; curses then
/// sends only what changed since the last frame.
public final class CursesTerminal: Terminal {
    /// Colour pair number per style, or nil in monochrome (no colours, or `NO_COLOR` set).
    private var pairs: [Style: Int16]?
    private var attributes: [Style: attr_t] = [:]
    private var started = false

    /// Takes over the terminal. `useColor` false gives the monochrome theme.
    public init(useColor: Bool) {
        setlocale(LC_ALL, "")
        _ = initscr()
        started = true
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(aigov_stdscr(), true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        if useColor, has_colors() {
            _ = start_color()
            _ = use_default_colors()
            var map: [Style: Int16] = [:]
            for (i, style) in Style.allCases.enumerated() {
                let look = Theme.color(style)
                let n = Int16(i + 1)
                guard Int32(n) < aigov_color_pairs() else { break }
                _ = init_pair(n, look.foreground?.rawValue ?? -1, look.background?.rawValue ?? -1)
                map[style] = n
            }
            pairs = map
        }
        for style in Style.allCases {
            let look = pairs == nil ? Theme.mono(style) : Theme.color(style)
            var a = aigov_a_normal()
            if look.bold { a |= aigov_a_bold() }
            if look.reverse { a |= aigov_a_reverse() }
            if look.underline { a |= aigov_a_underline() }
            if look.dim { a |= aigov_a_dim() }
            attributes[style] = a
        }
    }

    /// Gives the terminal back (also on error paths; calling twice is harmless).
    public func shutdown() {
        guard started else { return }
        started = false
        _ = curs_set(1)
        _ = endwin()
    }

    deinit { shutdown() }

    public var size: (width: Int, height: Int) { (Int(aigov_cols()), Int(aigov_rows())) }

    public func draw(_ buffer: ScreenBuffer) {
        var run: [wchar_t] = []
        run.reserveCapacity(buffer.width * 2)
        for row in 0..<buffer.height {
            var col = 0
            while col < buffer.width {
                let style = buffer[row, col].style
                let start = col
                run.removeAll(keepingCapacity: true)
                while col < buffer.width, buffer[row, col].style == style {
                    let cell = buffer[row, col]
                    // The right half of a wide character is drawn by its left half.
                    if cell.width > 0 {
                        for u in cell.text.unicodeScalars { run.append(wchar_t(bitPattern: u.value)) }
                    }
                    col += 1
                }
                // The bottom-right cell makes curses scroll, which it refuses: that ERR is expected.
                _ = aigov_draw_run(Int32(row), Int32(start), run, Int32(run.count), attributes[style] ?? aigov_a_normal(),
                                   pairs?[style] ?? 0)
            }
        }
        _ = refresh()
    }

    public private(set) var isGone = false

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        timeout(Int32(timeoutMilliseconds))
        var ch: Int32 = 0
        let rc = aigov_get_wch(&ch)
        if rc == ERR {
            // No key, or no terminal: a hung-up or closed input makes every read fail at once.
            var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, 0) == 1, fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { isGone = true }
            return nil
        }
        if rc == aigov_key_code_yes() { return special(ch) }
        switch ch {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let u = Unicode.Scalar(UInt32(bitPattern: ch)) else { return nil }
            return .char(Character(u))
        }
    }

    private func special(_ ch: Int32) -> Key? {
        switch ch {
        case aigov_key_up(): .up
        case aigov_key_down(): .down
        case aigov_key_left(): .left
        case aigov_key_right(): .right
        case aigov_key_home(): .home
        case aigov_key_end(): .end
        case aigov_key_ppage(): .pageUp
        case aigov_key_npage(): .pageDown
        case aigov_key_enter(): .enter
        case aigov_key_backspace(): .backspace
        case aigov_key_dc(): .delete
        case aigov_key_btab(): .backTab
        case aigov_key_resize(): .resize
        default: nil
        }
    }
}
