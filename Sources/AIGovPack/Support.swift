import Crypto
import Foundation

/// Small text helpers shared by the pack's writers.
enum Text {
    /// A JSON string literal with the escapes RFC 8259 requires (and U+2028/9 escaped too).
    static func json(_ s: String) -> String { JSONText.quote(s) }

    /// A JSON value for an optional string: the literal or `null`.
    static func json(_ s: String?) -> String { s.map { json($0) } ?? "null" }

    /// Escapes text for HTML element content and attribute values (AIGovCore's `MarkupText`).
    static func html(_ s: String) -> String { MarkupText.html(s) }

    /// Escapes text for a Markdown paragraph or table cell (AIGovCore's `MarkupText`).
    static func markdown(_ s: String) -> String { MarkupText.markdown(s) }
}

/// SHA-256 as lower-case hex.
enum Digest {
    static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }
    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 { Hex.lower(bytes) }
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
