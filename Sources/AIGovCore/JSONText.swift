/// JSON string literals, written byte by byte: reports and audit entries quote millions of
/// strings, and most need no escaping at all.
public enum JSONText {
    /// `s` as a JSON string literal with the escapes RFC 8259 requires; with
    /// `escapeLineSeparators` (the default) U+2028 and U+2029 are escaped too, so the text is
    /// also a valid JavaScript literal. The audit log's canonical form leaves them as they are.
    public static func quote(_ s: String, escapeLineSeparators: Bool = true) -> String {
        var needs = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || (escapeLineSeparators && b == 0xE2) {
            needs = true
            break
        }
        if !needs { return "\"" + s + "\"" }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        appendQuoted(s, to: &out, escapeLineSeparators: escapeLineSeparators)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal (`quote`'s bytes) to `out`, without making a
    /// `String` (the reports' byte writer, issue #25).
    public static func appendQuoted(_ s: String, to out: inout [UInt8], escapeLineSeparators: Bool = true) {
        out.append(0x22)
        appendEscaped(s, to: &out, escapeLineSeparators: escapeLineSeparators)
        out.append(0x22)
    }

    /// Appends `a`, `separator` and `b` as one JSON string literal, without making the joined
    /// `String` (SARIF's `system.path` names).
    public static func appendQuoted(_ a: String, _ separator: UInt8, _ b: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(a, to: &out, escapeLineSeparators: true)
        out.append(separator)
        appendEscaped(b, to: &out, escapeLineSeparators: true)
        out.append(0x22)
    }

    /// The inside of `appendQuoted`: the escaped bytes without the quotes.
    static func appendEscaped(_ s: String, to out: inout [UInt8], escapeLineSeparators: Bool) {
        // A native string's bytes are read in place; only another kind is copied first.
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0, to: &out, escapeLineSeparators: escapeLineSeparators) }) == nil {
            var s = s
            s.withUTF8 { appendEscaped(utf8: $0, to: &out, escapeLineSeparators: escapeLineSeparators) }
        }
    }

    static func appendEscaped(utf8 u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], escapeLineSeparators: Bool) {
        var i = 0
        var run = 0  // start of the bytes not yet copied
        while i < u.count {
            // Eight bytes at a time while none of them may need an escape (reports quote
            // long texts, and nearly all of their bytes are plain).
            if let base = u.baseAddress, u.count &- i >= 8,
               !mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), escapeLineSeparators) {
                i &+= 8
                continue
            }
            let b = u[i]
            if b >= 0x20, b != 0x22, b != 0x5C, b != 0xE2 || !escapeLineSeparators {
                i += 1
                continue
            }
            var escape: [UInt8]?
            var width = 1
            switch b {
            case 0x22: escape = [0x5C, 0x22]
            case 0x5C: escape = [0x5C, 0x5C]
            case 0x0A: escape = [0x5C, 0x6E]
            case 0x0D: escape = [0x5C, 0x72]
            case 0x09: escape = [0x5C, 0x74]
            case 0..<0x20: escape = [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                escape = Array((u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                width = 3
            default: break
            }
            if let escape {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i]))
                out.append(contentsOf: escape)
                i += width
                run = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count]))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Whether any of the eight bytes of `word` is below 0x20, `"`, `\` or (with
    /// `lineSeparators`) 0xE2, the lead byte of U+2028 and U+2029. Never false when one is;
    /// it may be true when none is (the byte loop then decides).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64, _ lineSeparators: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below n (n ≤ 0x80) sets its high bit in (x - n·ones) & ~x & highs.
        func below(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- n &* ones) & ~x & highs }
        func equal(_ c: UInt64) -> UInt64 { below(word ^ (c &* ones), 1) }
        var hits = below(word, 0x20) | equal(0x22) | equal(0x5C)
        if lineSeparators { hits |= equal(0xE2) }
        return hits != 0
    }
}
