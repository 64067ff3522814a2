import Crypto
import Foundation

/// Small text helpers shared by the pack's writers.
enum Text {
    /// A JSON string literal with the escapes RFC 8259 requires (and U+2028/9 escaped too).
    static func json(_ s: String) -> String { JSONText.quote(s) }

    /// A JSON value for an optional string: the literal or `null`.
    static func json(_ s: String?) -> String { s.map { json($0) } ?? "null" }

    /// Escapes text for HTML element content and attribute values (both quote kinds).
    static func html(_ s: String) -> String {
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
    static func markdown(_ s: String) -> String {
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

/// SHA-256 as lower-case hex.
enum Digest {
    static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }
    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The current time as an RFC 3339 UTC timestamp with seconds (`2026-11-24T09:30:00Z`).
public enum PackClock {
    /// `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set, else now.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let e = environment["SOURCE_DATE_EPOCH"], let secs = Int(e), secs >= 0 { return timestamp(unixSeconds: secs) }
        return timestamp(unixSeconds: Int(time(nil)))
    }

    /// RFC 3339 UTC for a Unix time.
    public static func timestamp(unixSeconds secs: Int) -> String {
        let day = Day(unixSeconds: secs)
        let rem = secs - day.ordinal * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day)T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60))Z"
    }
}

import AIGovCore
