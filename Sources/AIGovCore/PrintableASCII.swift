/// Whether a text is printable ASCII (0x20–0x7E) only, read on its contiguous UTF-8 bytes: the
/// fast path of sanitising and escaping, which reports run over every id, message and
/// reference they print (#25: iterating `String.UTF8View` byte by byte through a closure was
/// a tenth of `check -o table`).
public enum PrintableASCII {
    /// Every byte of `s` is printable ASCII.
    public static func check(_ s: String) -> Bool {
        check(s) { _ in false }
    }

    /// Every byte of `s` is printable ASCII and none is `special`.
    @inline(__always)
    public static func check(_ s: String, special: (UInt8) -> Bool) -> Bool {
        if let result = s.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for b in bytes where b &- 0x20 >= 0x5F || special(b) { return false }
            return true
        }) {
            return result
        }
        return s.utf8.allSatisfy { $0 &- 0x20 < 0x5F && !special($0) }
    }
}
