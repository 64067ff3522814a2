/// Escaping for the documents aigov writes (the audit pack's pages, the drafted impact
/// assessment and registration entry): one definition, so no writer can forget a character.
public enum MarkupText {
    /// Escapes text for HTML element content and attribute values (both quote kinds).
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters (other than line breaks and tabs) cannot appear in HTML text.
            case _ where (u.value < 0x20 && u.value != 0x0A && u.value != 0x09) || u.value == 0x7F:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Escapes text for a Markdown paragraph or table cell: characters with Markdown meaning
    /// are backslash-escaped, `<` and `&` become entities (no raw HTML), and line breaks become spaces.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~": out += "\\"; out.unicodeScalars.append(u)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            case _ where u.value < 0x20 || u.value == 0x7F: out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
