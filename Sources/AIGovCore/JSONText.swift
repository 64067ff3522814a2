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
        let hex = Array("0123456789abcdef".utf8)
        let u = Array(s.utf8)
        var out: [UInt8] = [0x22]
        out.reserveCapacity(u.count + 8)
        var i = 0
        while i < u.count {
            let b = u[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            case 0xE2 where escapeLineSeparators && i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                out += Array((u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
