import AIGovCore

/// What a piece of text means on screen; the terminal decides how that looks.
///
/// Views name roles, never colour numbers (k9s's skins), so the monochrome fallback and
/// `NO_COLOR` only change the theme, not a view.
public enum Style: Int, CaseIterable, Sendable {
    case normal, title, header, selected, dim, key, tabActive, tab, statusBar, error, ok, warning
    case critical, high, medium, low, info, input

    /// The style of a finding severity.
    public static func severity(_ s: Severity) -> Style {
        switch s {
        case .critical: .critical
        case .high: .high
        case .medium: .medium
        case .low: .low
        case .info: .info
        }
    }
}


/// The eight basic terminal colours; `nil` in a `Look` means the terminal's default.
public enum TermColor: Int16, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a style looks: colours for colour terminals, attributes for both.
public struct Look: Sendable, Equatable {
    public var foreground: TermColor?
    public var background: TermColor?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
}

/// The mapping from styles to looks, with and without colour.
public enum Theme {
    /// The look of a style on a colour terminal.
    public static func color(_ s: Style) -> Look {
        switch s {
        case .normal: Look()
        case .title: Look(foreground: .black, background: .cyan, bold: true)
        case .header: Look(foreground: .cyan, bold: true)
        case .selected: Look(foreground: .black, background: .white)
        case .dim: Look(dim: true)
        case .key: Look(foreground: .yellow, bold: true)
        case .tabActive: Look(foreground: .black, background: .yellow, bold: true)
        case .tab: Look(foreground: .cyan)
        case .statusBar: Look(foreground: .white, background: .blue)
        case .error: Look(foreground: .white, background: .red, bold: true)
        case .ok: Look(foreground: .green)
        case .warning: Look(foreground: .yellow)
        case .critical: Look(foreground: .red, bold: true)
        case .high: Look(foreground: .red)
        case .medium: Look(foreground: .yellow)
        case .low: Look(foreground: .blue)
        case .info: Look(dim: true)
        case .input: Look(underline: true)
        }
    }

    /// The look of a style on a monochrome terminal (or with `NO_COLOR` set): attributes only.
    public static func mono(_ s: Style) -> Look {
        switch s {
        case .normal, .info, .low, .ok: Look()
        case .title, .selected, .statusBar, .tabActive: Look(reverse: true)
        case .error: Look(bold: true, reverse: true)
        case .header, .key, .critical, .high: Look(bold: true)
        case .medium, .warning: Look(underline: true)
        case .dim: Look(dim: true)
        case .tab, .input: Look(underline: true)
        }
    }
}
