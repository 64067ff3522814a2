import AIGovCore

/// iCalendar (RFC 5545) text: one all-day event per item, for importing an agenda into a
/// calendar. Lines end in CRLF and are folded at 75 octets; text values are escaped.
public enum ICalendar {
    public struct Event: Sendable {
        public var uid: String
        public var date: Day
        public var summary: String
        public var description: String
        public init(uid: String, date: Day, summary: String, description: String) {
            self.uid = uid
            self.date = date
            self.summary = summary
            self.description = description
        }
    }

    /// A VCALENDAR holding `events`; `stamp` (the day the agenda is for, never the wall clock)
    /// is every event's DTSTAMP, so the same registry on the same day gives the same file.
    public static func calendar(_ events: [Event], stamp: Day, name: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//aigov//agenda//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + text(name)]
        let stampText = compact(stamp) + "T000000Z"
        for e in events {
            lines += ["BEGIN:VEVENT", "UID:" + text(e.uid), "DTSTAMP:" + stampText,
                      "DTSTART;VALUE=DATE:" + compact(e.date), "DTEND;VALUE=DATE:" + compact(e.date.adding(days: 1)),
                      "SUMMARY:" + text(e.summary), "DESCRIPTION:" + text(e.description), "TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ d: Day) -> String { d.description.filter { $0 != "-" } }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as `\n`;
    /// other control characters are dropped.
    static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case _ where u.value < 0x20 || u.value == 0x7F: continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets (never inside a UTF-8 sequence): the rest continues on
    /// lines that start with a space.
    static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        var limit = 75
        for ch in line.unicodeScalars {
            let n = String(ch).utf8.count
            if used + n > limit {
                out += "\r\n "
                used = 0
                limit = 74
            }
            out.unicodeScalars.append(ch)
            used += n
        }
        return out
    }
}
