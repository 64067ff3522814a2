/// One cell of the screen: a grapheme cluster and its style.
public struct Cell: Equatable, Sendable {
    /// The character drawn here; empty in the right half of a double-width character.
    public var text: String
    public var style: Style
    /// 1, or 2 for a double-width character (0 in its right half).
    public var width: Int

    public static let blank = Cell(text: " ", style: .normal, width: 1)
}

/// A grid of cells that views draw into; a `Terminal` copies it to the screen.
///
/// Every string is sanitised on its way in (control and escape characters become visible
/// placeholders), so nothing a record holds can reach the terminal as a control sequence.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, col: Int) -> Cell {
        cells[row * width + col]
    }

    /// Writes `text` at (row, col), clipped to `maxWidth` columns (to the right edge by
    /// default); returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height, col < width else { return col }
        let limit = min(width, col + (maxWidth ?? width))
        var x = max(0, col)
        for ch in text.safe {
            let w = TextWidth.of(ch)
            if w == 0 {
                // A lone combining mark joins the previous cell's cluster.
                if x > 0 {
                    let i = row * width + x - 1
                    let target = cells[i].width == 0 && x > 1 ? i - 1 : i
                    cells[target].text.append(ch)
                }
                continue
            }
            if x + w > limit {
                // A wide character that does not fit leaves a blank rather than half a glyph.
                if w == 2, x < limit { cells[row * width + x] = Cell(text: " ", style: style, width: 1) }
                break
            }
            clearWide(row: row, col: x)
            cells[row * width + x] = Cell(text: String(ch), style: style, width: w)
            if w == 2 {
                clearWide(row: row, col: x + 1)
                cells[row * width + x + 1] = Cell(text: "", style: style, width: 0)
            }
            x += w
        }
        return x
    }

    /// Fills `count` columns from (row, col) with spaces in `style`.
    public mutating func fill(row: Int, col: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, col + (count ?? width))
        var x = max(0, col)
        while x < end {
            clearWide(row: row, col: x)
            cells[row * width + x] = Cell(text: " ", style: style, width: 1)
            x += 1
        }
    }

    /// Overwriting half of a double-width character blanks its other half.
    private mutating func clearWide(row: Int, col: Int) {
        let i = row * width + col
        if cells[i].width == 2, col + 1 < width {
            cells[i + 1] = Cell(text: " ", style: cells[i + 1].style, width: 1)
        } else if cells[i].width == 0, col > 0 {
            cells[i - 1] = Cell(text: " ", style: cells[i - 1].style, width: 1)
        }
    }

    /// The text of one row (trailing spaces trimmed).
    public func line(_ row: Int) -> String {
        var s = ""
        for col in 0..<width { s += self[row, col].text }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// The whole screen as text, one line per row: what snapshot tests compare.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n") + "\n"
    }
}
