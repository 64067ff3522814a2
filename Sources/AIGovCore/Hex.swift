/// Lower-case hex of bytes (digests), without Foundation's locale-aware `String(format:)`,
/// whose variadic arguments cost dynamic casts at start-up (issue #25: every command hashes
/// its rule set). The one hex encoder of the project.
public enum Hex {
    public static func lower<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
