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
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A, 0x0D, 0x09: out.unicodeScalars.append(" ")
            case 0x1B: out.unicodeScalars.append("\u{241B}")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func truncate(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
