import Foundation
#if canImport(zlib)
import zlib
#elseif canImport(CZlib)
import CZlib
#endif

/// Streaming entries out of a zip (stored or deflated) in bounded memory, and the
/// little-endian field readers the parser uses.
extension ZipReader {
    // MARK: - Streaming

    /// Streams the content of `e` (a `.file` entry) to `body` in chunks of at most 64 KiB,
    /// never holding more. Stops with `.tooLong` as soon as the content exceeds `limit`
    /// bytes, whatever the headers declare, so a lying header cannot make it inflate more.
    func stream(_ e: Entry, limit: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) -> StreamOutcome {
        guard e.kind == .file, let start = e.dataOffset else { return .failed("it is not a readable file entry") }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.chunk, alignment: 16)
        defer { buffer.deallocate() }
        var crc = crc32(0, nil, 0)
        var produced: UInt64 = 0
        var position = start
        var remaining = e.compressedSize
        let outcome: StreamOutcome
        if e.method == 0 {
            guard e.compressedSize <= limit else { return .tooLong }
            while remaining > 0 {
                let n = Int(min(UInt64(Self.chunk), remaining))
                guard readFully(into: buffer, count: n, at: position) else { return .failed("its data cannot be read") }
                crc = crc32(crc, buffer.assumingMemoryBound(to: Bytef.self), uInt(n))
                body(UnsafeRawBufferPointer(start: buffer, count: n))
                position += UInt64(n)
                remaining -= UInt64(n)
            }
            produced = e.compressedSize
            outcome = .complete(produced)
        } else {
            outcome = inflateEntry(from: position, compressed: remaining, limit: limit, crc: &crc, produced: &produced, body)
        }
        guard case .complete = outcome else { return outcome }
        if produced != e.uncompressedSize {
            return .failed("it inflates to \(produced) bytes, its zip header declares \(e.uncompressedSize)")
        }
        if UInt32(truncatingIfNeeded: crc) != e.crc32 { return .failed("its CRC-32 does not match its zip header") }
        return outcome
    }

    /// Raw deflate, 64 KiB in and out at a time; every zlib result is handled, and each round
    /// either consumes input, produces output or ends, so the loop always terminates.
    private func inflateEntry(from start: UInt64, compressed: UInt64, limit: UInt64, crc: inout uLong, produced: inout UInt64,
                         _ body: (UnsafeRawBufferPointer) -> Void) -> StreamOutcome {
        let input = UnsafeMutablePointer<Bytef>.allocate(capacity: Self.chunk)
        let output = UnsafeMutablePointer<Bytef>.allocate(capacity: Self.chunk)
        defer { input.deallocate(); output.deallocate() }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failed("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var position = start
        var remaining = compressed
        while true {
            if stream.avail_in == 0, remaining > 0 {
                let n = Int(min(UInt64(Self.chunk), remaining))
                guard readFully(into: input, count: n, at: position) else { return .failed("its data cannot be read") }
                position += UInt64(n)
                remaining -= UInt64(n)
                stream.next_in = input
                stream.avail_in = uInt(n)
            }
            stream.next_out = output
            stream.avail_out = uInt(Self.chunk)
            let result = inflate(&stream, Z_NO_FLUSH)
            let got = Self.chunk - Int(stream.avail_out)
            if got > 0 {
                produced += UInt64(got)
                if produced > limit { return .tooLong }
                crc = crc32(crc, output, uInt(got))
                body(UnsafeRawBufferPointer(start: output, count: got))
            }
            switch result {
            case Z_STREAM_END:
                if stream.avail_in > 0 || remaining > 0 { return .failed("its compressed data continues after the end of its deflate stream") }
                return .complete(produced)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                if stream.avail_in == 0, remaining > 0 { continue }
                return .failed("its compressed data ends early")
            default:
                return .failed("its compressed data is corrupt")
            }
        }
    }

    // MARK: - Little-endian fields, nil when out of bounds

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16? {
        guard i >= 0, i <= b.count - 2 else { return nil }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ i: Int) -> UInt32? {
        guard i >= 0, i <= b.count - 4 else { return nil }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    static func u64(_ b: [UInt8], _ i: Int) -> UInt64? {
        guard let lo = u32(b, i), let hi = u32(b, i + 4) else { return nil }
        return UInt64(lo) | UInt64(hi) << 32
    }
    /// An Info-ZIP Unicode-path field (0x7075) that names anything but the header name: tools
    /// that honour it (`unzip`, 7-Zip) would show this entry under that other name, so two
    /// such fields can swap two files while every hash still matches.
    static func unicodePathProblem(_ fields: [(id: UInt16, data: [UInt8])], nameBytes: [UInt8]) -> String? {
        for f in fields where f.id == 0x7075 {
            guard f.data.count >= 5, f.data[0] == 1 else { return "has a malformed Unicode path field (0x7075)" }
            let unicode = Array(f.data[5...])
            if unicode != nameBytes {
                let shown = PackVerifier.shown(String(decoding: unicode, as: UTF8.self))
                return "has a Unicode path field (0x7075) naming it \(shown), which tools such as unzip show instead"
            }
        }
        return nil
    }

    /// The extra fields of a header: id and data each; nil when a length runs past the end.
    static func extraFields(_ extra: [UInt8]) -> [(id: UInt16, data: [UInt8])]? {
        var out: [(id: UInt16, data: [UInt8])] = []
        var p = 0
        while p < extra.count {
            guard let id = u16(extra, p), let size = u16(extra, p + 2), p + 4 + Int(size) <= extra.count else { return nil }
            out.append((id, Array(extra[(p + 4)..<(p + 4 + Int(size))])))
            p += 4 + Int(size)
        }
        return out
    }
}
