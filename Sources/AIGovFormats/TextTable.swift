import AIGovCore

/// Plain text tables for terminals: aligned columns, and every cell sanitised so that text
/// from the registry can never send escape sequences to the terminal.
public enum TextTable {
    public static func render(header: [String], rows: [[String]], maxWidth: Int = 48) -> String {
        let all = [header] + rows.map { $0.map { truncate(sanitize($0), maxWidth) } }
        var widths = Array(repeating: 0, count: header.count)
        for r in all { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in all {
            var line = ""
            for (i, c) in r.enumerated() {
                line += i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count + 2)
            }
            out += line + "\n"
        }
        return out
    }

    /// Replaces control characters (C0, DEL, C1 — which include ESC and CSI) with visible
    /// placeholders (`␛`, `�`) and line breaks with spaces.
    public static func sanitize(_ s: String) -> String {
        // Printable ASCII, nearly every id, path and message, is already safe.
        if PrintableASCII.check(s) { return s }
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A, 0x0D, 0x09: out.unicodeScalars.append(" ")
            default: out.unicodeScalars.append(visible(u))
            }
        }
        return out
    }

    /// Like `sanitize`, keeping line breaks and tabs: for data printed on a terminal (CSV),
    /// where no escape sequence of the data, not even a colour, may reach the terminal.
    public static func sanitizeKeepingLines(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            out.append(u.value == 0x0A || u.value == 0x0D || u.value == 0x09 ? u : visible(u))
        }
        return String(out)
    }

    /// The scalar itself, or a visible placeholder for a control or bidi-override character.
    @inline(__always)
    static func visible(_ u: Unicode.Scalar) -> Unicode.Scalar {
        switch u.value {
        case 0x1B: "\u{241B}"
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: "\u{FFFD}"
        default: u
        }
    }

    /// Like `sanitize`, for whole blocks of output on a terminal: line breaks and tabs stay,
    /// and so do SGR colour sequences (`ESC [ digits;… m`), which only set colours; every other
    /// escape sequence (titles, hyperlinks, cursor moves, clipboard) is made visible.
    public static func sanitizeKeepingStyle(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            switch u.value {
            case 0x0A, 0x09:
                out.append(u)
            case 0x1B:
                // ESC [ (digits | ;)* m
                var j = i + 1
                if j < scalars.count, scalars[j] == "[" {
                    j += 1
                    while j < scalars.count, scalars[j].value >= 0x30, scalars[j].value <= 0x3B, scalars[j] != ":" { j += 1 }
                    if j < scalars.count, scalars[j] == "m" {
                        out.append(contentsOf: scalars[i...j])
                        i = j + 1
                        continue
                    }
                }
                out.append("\u{241B}")
            default:
                out.append(visible(u))
            }
            i += 1
        }
        return String(out)
    }

    static func truncate(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
