import Foundation
#if canImport(zlib)
import zlib
#elseif canImport(CZlib)
import CZlib
#endif

/// How streaming one file of a pack (zip entry or file in a folder) ended.
enum StreamOutcome: Equatable {
    /// All of it was read: this many bytes (and for a zip entry, the CRC-32 matched).
    case complete(UInt64)
    /// It holds more than the limit; reading stopped there.
    case tooLong
    /// It cannot be read; the text says why.
    case failed(String)
}

/// A zip read straight from its bytes, for `aigov pack verify`.
///
/// Why not ZIPFoundation's `Archive` (which writes the packs)? Verification has to see what
/// other tools will see, and `Archive` hides exactly the things an attacker would use: it
/// stops listing silently at the first entry it cannot parse (so later entries vanish), maps
/// character devices, fifos and sockets to plain files, does not expose the Info-ZIP
/// Unicode-path field that `unzip` shows instead of the header name, ignores bytes after the
/// end record, and converts hostile 64-bit offsets unchecked (a 200-byte zip whose ZIP64
/// field says 2^64-1 makes it trap, killing the process). This reader parses the
/// central directory and local headers itself, bounds every offset and length it reads
/// against the file (no input can trap it), and inflates one entry at a time into a fixed
/// buffer, stopping as soon as an entry yields more than the caller allows — so a zip bomb
/// costs neither memory nor time.
final class ZipReader {
    /// One central-directory entry, with what checking it found.
    struct Entry {
        /// What an entry is, by its name and the Unix mode in its external attributes.
        enum Kind: Equatable {
            case file
            case directory
            /// Refused; the text completes "zip entry NAME …".
            case rejected(String)

            var isAccepted: Bool {
                if case .rejected = self { return false }
                return true
            }
        }

        /// The name as aigov reads it (UTF-8, or ASCII without the UTF-8 flag).
        var name: String
        var nameBytes: [UInt8]
        var kind: Kind
        var flags: UInt16 = 0
        var method: UInt16 = 0
        var crc32: UInt32 = 0
        var compressedSize: UInt64 = 0
        /// The size the central directory declares; never trusted while inflating.
        var uncompressedSize: UInt64 = 0
        var localHeaderOffset: UInt64 = 0
        /// Where the entry's data starts; set once its local header has been checked.
        var dataOffset: UInt64?
        /// Bytes of its comment in the central directory (aigov writes none).
        var commentLength = 0
    }

    /// The largest central directory read into memory (about 700,000 entries): a pack's is a
    /// few hundred kilobytes, and a bigger one can only be an attack on the verifier.
    static let maxCentralDirectory = 64 << 20
    /// Bytes read or inflated at a time.
    static let chunk = 64 << 10

    private let fd: Int32
    private let fileSize: UInt64
    /// Every central-directory entry, in directory order (none when `fatal`).
    private(set) var entries: [Entry] = []
    /// Problems with the zip as a whole (gaps, trailing bytes, comment), one report line each.
    private(set) var problems: [String] = []
    /// True when the central directory itself is unusable; `entries` is then empty.
    private(set) var fatal = false

    /// Opens and parses `path`. Throws `PackError.notAPack` when it is no zip at all (no end
    /// record that points at a central directory).
    init(path: String) throws {
        // O_NONBLOCK: a fifo given as the pack must not hang the verifier before fstat refuses it.
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw PackError.notAPack("cannot open \(path): \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= 0 else {
            close(fd)
            throw PackError.notAPack("\(path) is neither a folder nor a regular file")
        }
        fileSize = UInt64(st.st_size)
        // From here `self` is complete, so `deinit` closes the file if this throws.
        do { try parse() } catch {
            throw PackError.notAPack("\(path) is neither a folder nor a readable zip (\(error))")
        }
    }

    deinit { close(fd) }

    // MARK: - Bounded reads

    /// Why the structure cannot be used at all.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// `count` bytes at `offset`, or nil when they are not all inside the file.
    func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, let end = Self.add(offset, UInt64(count)), end <= fileSize else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        let ok = out.withUnsafeMutableBytes { raw in readFully(into: raw.baseAddress, count: count, at: offset) }
        return ok ? out : nil
    }

    /// Reads exactly `count` bytes at `offset` into `buffer`; false on a short read or error.
    func readFully(into buffer: UnsafeMutableRawPointer?, count: Int, at offset: UInt64) -> Bool {
        guard count > 0 else { return true }
        guard let buffer else { return false }
        var done = 0
        while done < count {
            guard let pos = Self.add(offset, UInt64(done)), let off = off_t(exactly: pos) else { return false }
            let n = pread(fd, buffer + done, count - done, off)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// `a + b`, or nil when it overflows: hostile 64-bit sizes must not trap.
    static func add(_ a: UInt64, _ b: UInt64) -> UInt64? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }

    // MARK: - Structure

    /// The end of the central directory, as found.
    private struct End {
        var offset: UInt64          // of the (32-bit) end record
        var commentLength: Int
        var entries: UInt64
        var cdOffset: UInt64
        var cdSize: UInt64
        /// Where the central directory must end: the ZIP64 end record, or the end record.
        var cdLimit: UInt64
        /// The ZIP64 end record and locator, when present: [start, end) of each.
        var zip64: (record: Range<UInt64>, locator: Range<UInt64>)?
    }

    private func parse() throws {
        guard let end = findEnd() else { throw Malformed(description: "no end-of-central-directory record") }
        let recordEnd = end.offset + 22 + UInt64(end.commentLength)   // bounded by findEnd
        if recordEnd < fileSize {
            problems.append("rejected: \(fileSize - recordEnd) bytes follow the zip's end-of-central-directory record (a pack's zip ends there)")
        }
        if end.commentLength > 0 {
            problems.append("extra: the zip's comment (\(end.commentLength) bytes; aigov writes none)")
        }
        guard end.cdSize <= UInt64(Self.maxCentralDirectory) else {
            fail("its central directory is \(end.cdSize) bytes, more than the \(Self.maxCentralDirectory >> 20) MiB aigov reads")
            return
        }
        // Every entry takes at least 46 bytes, so the count is bounded by the directory's size.
        guard end.entries <= end.cdSize / 46 else {
            fail("its end record counts \(end.entries) entries, more than its central directory can hold")
            return
        }
        guard let cd = bytes(at: end.cdOffset, count: Int(end.cdSize)) else {
            fail("its central directory lies outside the file")
            return
        }
        var pos = 0
        var parsed: [Entry] = []
        for i in 0..<Int(end.entries) {
            guard let (entry, next) = parseCentral(cd, at: pos) else {
                fail("central directory entry \(i + 1) is malformed")
                return
            }
            parsed.append(entry)
            pos = next
        }
        if pos != cd.count {
            fail("its central directory holds \(cd.count - pos) bytes after the \(end.entries) entries its end record counts")
            return
        }
        entries = parsed
        for i in entries.indices {
            // Every entry's local header is read, refused or not, so that the layout check
            // below knows the bytes it occupies.
            if let why = checkLocal(&entries[i], before: end.cdOffset), entries[i].kind.isAccepted {
                entries[i].kind = .rejected(why)
            }
        }
        markDuplicates()
        checkLayout(end)
    }

    /// Refuses the whole zip: its central directory cannot be trusted to list what it holds.
    private func fail(_ why: String) {
        problems.append("rejected: the zip cannot be checked: \(why)")
        fatal = true
        entries = []
    }

    /// Finds the last end record that points at a central directory, as `unzip` does.
    private func findEnd() -> End? {
        guard fileSize >= 22 else { return nil }
        let tailCount = Int(min(fileSize, 22 + 0xFFFF))
        let tailStart = fileSize - UInt64(tailCount)
        guard let tail = bytes(at: tailStart, count: tailCount) else { return nil }
        var i = tailCount - 22
        while i >= 0 {
            if Self.u32(tail, i) == 0x0605_4B50, let end = endRecord(tail, at: i, tailStart: tailStart) { return end }
            i -= 1
        }
        return nil
    }

    /// The end record at `i` of `tail`, if it is complete and consistent.
    private func endRecord(_ tail: [UInt8], at i: Int, tailStart: UInt64) -> End? {
        guard let disk = Self.u16(tail, i + 4), let cdDisk = Self.u16(tail, i + 6),
              let onDisk = Self.u16(tail, i + 8), let total = Self.u16(tail, i + 10),
              let size = Self.u32(tail, i + 12), let offset = Self.u32(tail, i + 16),
              let commentLength = Self.u16(tail, i + 20), i + 22 + Int(commentLength) <= tail.count else { return nil }
        let at = tailStart + UInt64(i)
        var end = End(offset: at, commentLength: Int(commentLength), entries: UInt64(total), cdOffset: UInt64(offset),
                      cdSize: UInt64(size), cdLimit: at, zip64: nil)
        let needs64 = disk == 0xFFFF || cdDisk == 0xFFFF || onDisk == 0xFFFF || total == 0xFFFF
            || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF
        let z = zip64End(before: at)
        if needs64 {
            guard let z else { return nil }
            end.entries = z.entries
            end.cdSize = z.cdSize
            end.cdOffset = z.cdOffset
            end.cdLimit = z.record.lowerBound
            end.zip64 = (z.record, z.locator)
        } else {
            guard disk == 0, cdDisk == 0, onDisk == total else { return nil }
            // Some writers add the ZIP64 records even when nothing needs them; they belong to
            // the structure (not hidden data) when they say the same as the end record.
            if let z, z.entries == UInt64(total), z.cdSize == UInt64(size), z.cdOffset == UInt64(offset) {
                end.cdLimit = z.record.lowerBound
                end.zip64 = (z.record, z.locator)
            }
        }
        guard let cdEnd = Self.add(end.cdOffset, end.cdSize), cdEnd <= end.cdLimit else { return nil }
        if end.entries > 0 {
            guard let sig = bytes(at: end.cdOffset, count: 4), Self.u32(sig, 0) == 0x0201_4B50 else { return nil }
        }
        return end
    }

    /// The ZIP64 end record that the locator right before the end record at `at` points at.
    private func zip64End(before at: UInt64) -> (record: Range<UInt64>, locator: Range<UInt64>, entries: UInt64,
                                                cdSize: UInt64, cdOffset: UInt64)? {
        guard at >= 20, let loc = bytes(at: at - 20, count: 20), Self.u32(loc, 0) == 0x0706_4B50,
              Self.u32(loc, 4) == 0, let recordAt = Self.u64(loc, 8), Self.u32(loc, 16) == 1,
              let record = bytes(at: recordAt, count: 56), Self.u32(record, 0) == 0x0606_4B50,
              let recordSize = Self.u64(record, 4), recordSize >= 44,
              let recordStart = Self.add(recordAt, 12), let recordEnd = Self.add(recordStart, recordSize),
              recordEnd <= at - 20,
              Self.u32(record, 16) == 0, Self.u32(record, 20) == 0,
              let onDisk = Self.u64(record, 24), let total = Self.u64(record, 32), onDisk == total,
              let size = Self.u64(record, 40), let offset = Self.u64(record, 48) else { return nil }
        return (recordAt..<recordEnd, (at - 20)..<at, total, size, offset)
    }

    /// One central-directory entry at `p`, and where the next starts; nil when it does not fit.
    private func parseCentral(_ cd: [UInt8], at p: Int) -> (Entry, Int)? {
        guard Self.u32(cd, p) == 0x0201_4B50,
              let madeBy = Self.u16(cd, p + 4), let flags = Self.u16(cd, p + 8), let method = Self.u16(cd, p + 10),
              let crc = Self.u32(cd, p + 16), let csize = Self.u32(cd, p + 20), let usize = Self.u32(cd, p + 24),
              let nameLength = Self.u16(cd, p + 28), let extraLength = Self.u16(cd, p + 30),
              let commentLength = Self.u16(cd, p + 32), let disk = Self.u16(cd, p + 34),
              let attributes = Self.u32(cd, p + 38), let offset = Self.u32(cd, p + 42) else { return nil }
        let nameAt = p + 46, extraAt = nameAt + Int(nameLength), commentAt = extraAt + Int(extraLength)
        let next = commentAt + Int(commentLength)
        guard next <= cd.count else { return nil }
        let nameBytes = Array(cd[nameAt..<extraAt])
        let extra = Array(cd[extraAt..<commentAt])
        var e = Entry(name: String(decoding: nameBytes, as: UTF8.self), nameBytes: nameBytes, kind: .file)
        e.flags = flags
        e.method = method
        e.crc32 = crc
        e.compressedSize = UInt64(csize)
        e.uncompressedSize = UInt64(usize)
        e.localHeaderOffset = UInt64(offset)
        e.commentLength = Int(commentLength)
        e.kind = classify(&e, madeBy: madeBy, disk: disk, attributes: attributes, extra: extra)
        return (e, next)
    }

    /// Decides whether an entry is a plain file, a folder, or refused, and why.
    private func classify(_ e: inout Entry, madeBy: UInt16, disk: UInt16, attributes: UInt32, extra: [UInt8]) -> Entry.Kind {
        // Bit 0: traditional encryption; bit 6: strong encryption; bit 13: masked local headers.
        if e.flags & 0x2041 != 0 { return .rejected("is encrypted") }
        if e.flags & 0x0800 != 0 {
            guard let s = String(validating: e.nameBytes, as: UTF8.self) else { return .rejected("has a name that is not valid UTF-8") }
            e.name = s
        } else if e.nameBytes.contains(where: { $0 >= 0x80 }) {
            // Code page 437, which other tools would show; a pack's names are ASCII.
            return .rejected("has a name that is neither ASCII nor flagged as UTF-8")
        }
        guard let fields = Self.extraFields(extra) else { return .rejected("has a malformed extra field") }
        // ZIP64: the 32-bit fields set to all ones are in the ZIP64 field, in this order.
        if e.uncompressedSize == 0xFFFF_FFFF || e.compressedSize == 0xFFFF_FFFF || e.localHeaderOffset == 0xFFFF_FFFF
            || disk == 0xFFFF {
            guard let z = fields.first(where: { $0.id == 0x0001 })?.data else { return .rejected("lacks its ZIP64 field") }
            var at = 0
            func next() -> UInt64? {
                defer { at += 8 }
                return Self.u64(z, at)
            }
            if e.uncompressedSize == 0xFFFF_FFFF { guard let v = next() else { return .rejected("has a short ZIP64 field") }; e.uncompressedSize = v }
            if e.compressedSize == 0xFFFF_FFFF { guard let v = next() else { return .rejected("has a short ZIP64 field") }; e.compressedSize = v }
            if e.localHeaderOffset == 0xFFFF_FFFF { guard let v = next() else { return .rejected("has a short ZIP64 field") }; e.localHeaderOffset = v }
            if disk == 0xFFFF {
                guard at + 4 <= z.count, Self.u32(z, at) == 0 else { return .rejected("lies on another disk") }
            }
        } else if disk != 0 {
            return .rejected("lies on another disk")
        }
        if let why = Self.unicodePathProblem(fields, nameBytes: e.nameBytes) { return .rejected(why) }

        // The file type: the Unix mode in the high half of the external attributes (made by
        // Unix or macOS), else the MS-DOS folder bit and the trailing slash.
        let host = madeBy >> 8
        let slash = e.nameBytes.last == UInt8(ascii: "/")
        var isDirectory = slash
        if host == 3 || host == 19 {
            let type = (attributes >> 16) & 0o170000
            switch type {
            case 0o100000: isDirectory = false
            case 0o040000: isDirectory = true
            case 0: break
            case 0o120000: return .rejected("is a symbolic link (a pack holds only plain files)")
            case 0o020000: return .rejected("is a character device (a pack holds only plain files)")
            case 0o060000: return .rejected("is a block device (a pack holds only plain files)")
            case 0o010000: return .rejected("is a fifo (a pack holds only plain files)")
            case 0o140000: return .rejected("is a socket (a pack holds only plain files)")
            default: return .rejected("has file type \(String(type >> 12, radix: 8)) in its Unix mode (a pack holds only plain files)")
            }
        } else if attributes & 0x10 != 0 {
            isDirectory = true
        }
        if isDirectory != slash {
            return .rejected(slash ? "is named like a folder but its attributes say file" : "is a folder whose name lacks the trailing /")
        }
        if isDirectory {
            guard e.uncompressedSize == 0, e.compressedSize == 0 || (e.method == 8 && e.compressedSize <= 2) else {
                return .rejected("is a folder that holds data")
            }
            return .directory
        }
        switch e.method {
        case 0:
            guard e.compressedSize == e.uncompressedSize else { return .rejected("is stored with two different sizes") }
        case 8: break
        default: return .rejected("uses compression method \(e.method) (aigov reads stored and deflate entries)")
        }
        return .file
    }

    /// Checks an entry's local header against its central-directory entry and finds its data.
    /// Tools that read local headers (streaming unzippers) must see the same name, method,
    /// sizes and CRC as tools that read the central directory.
    private func checkLocal(_ e: inout Entry, before cdOffset: UInt64) -> String? {
        guard let fixedEnd = Self.add(e.localHeaderOffset, 30), fixedEnd <= cdOffset,
              let h = bytes(at: e.localHeaderOffset, count: 30), Self.u32(h, 0) == 0x0403_4B50,
              let flags = Self.u16(h, 6), let method = Self.u16(h, 8), let crc = Self.u32(h, 14),
              let csize = Self.u32(h, 18), let usize = Self.u32(h, 22),
              let nameLength = Self.u16(h, 26), let extraLength = Self.u16(h, 28) else {
            return "has no local header where the central directory says"
        }
        let variable = Int(nameLength) + Int(extraLength)
        guard let dataStart = Self.add(fixedEnd, UInt64(variable)), dataStart <= cdOffset,
              let v = bytes(at: fixedEnd, count: variable) else {
            return "has a local header that runs into the central directory"
        }
        guard let dataEnd = Self.add(dataStart, e.compressedSize), dataEnd <= cdOffset else {
            return "has data that runs past the end of the zip's data"
        }
        e.dataOffset = dataStart
        let localName = Array(v[0..<Int(nameLength)])
        guard localName == e.nameBytes else {
            return "has a local header naming it \(PackVerifier.shown(String(decoding: localName, as: UTF8.self)))"
        }
        guard method == e.method, (flags ^ e.flags) & 0x0809 == 0 else {
            return "has a local header whose method or flags differ from the central directory"
        }
        guard let fields = Self.extraFields(Array(v[Int(nameLength)...])) else { return "has a malformed extra field in its local header" }
        if let why = Self.unicodePathProblem(fields, nameBytes: e.nameBytes) { return why + " (local header)" }
        if flags & 0x0008 == 0 {
            var lc = UInt64(csize), lu = UInt64(usize)
            if csize == 0xFFFF_FFFF || usize == 0xFFFF_FFFF {
                // In a local header the ZIP64 field holds both sizes, uncompressed first.
                guard let z = fields.first(where: { $0.id == 0x0001 })?.data, let u = Self.u64(z, 0), let c = Self.u64(z, 8) else {
                    return "has a local header that lacks its ZIP64 field"
                }
                lu = u
                lc = c
            }
            guard crc == e.crc32, lc == e.compressedSize, lu == e.uncompressedSize else {
                return "has a local header whose sizes or CRC differ from the central directory"
            }
        }
        return nil
    }

    /// The bytes an entry occupies: local header, data and data descriptor.
    private func span(_ e: Entry, before cdOffset: UInt64) -> Range<UInt64>? {
        guard let start = e.dataOffset, let dataEnd = Self.add(start, e.compressedSize) else { return nil }
        guard e.flags & 0x0008 != 0 else { return e.localHeaderOffset..<dataEnd }
        // A data descriptor: optional signature, CRC, then 32- or 64-bit sizes. Take the form
        // whose values match the central directory.
        for (signed, wide) in [(true, false), (true, true), (false, false), (false, true)] {
            let count = (signed ? 4 : 0) + 4 + (wide ? 16 : 8)
            guard let end = Self.add(dataEnd, UInt64(count)), end <= cdOffset, let d = bytes(at: dataEnd, count: count) else { continue }
            var p = 0
            if signed {
                guard Self.u32(d, 0) == 0x0807_4B50 else { continue }
                p = 4
            }
            let c: UInt64?, u: UInt64?
            if wide { c = Self.u64(d, p + 4); u = Self.u64(d, p + 12) } else { c = Self.u32(d, p + 4).map(UInt64.init); u = Self.u32(d, p + 8).map(UInt64.init) }
            if Self.u32(d, p) == e.crc32, c == e.compressedSize, u == e.uncompressedSize { return e.localHeaderOffset..<end }
        }
        return nil
    }

    /// Refuses every entry whose name appears more than once: which copy a tool keeps differs.
    private func markDuplicates() {
        var seen: [String: Int] = [:]
        for e in entries { seen[e.name, default: 0] += 1 }
        for i in entries.indices where (seen[entries[i].name] ?? 0) > 1 {
            if case .rejected = entries[i].kind { continue }
            entries[i].kind = .rejected("appears twice")
        }
    }

    /// Every byte of the zip must belong to exactly one entry or to the directory and end
    /// records: bytes in between hide data, and overlapping entries are how the largest zip
    /// bombs reuse one compressed stream for many files.
    private func checkLayout(_ end: End) {
        var spans: [(range: Range<UInt64>, index: Int)] = []
        for i in entries.indices {
            if entries[i].dataOffset == nil { continue }
            guard let s = span(entries[i], before: end.cdOffset) else {
                if case .rejected = entries[i].kind {} else {
                    entries[i].kind = .rejected("has a data descriptor that does not match the central directory")
                }
                continue
            }
            spans.append((s, i))
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        var cursor: UInt64 = 0
        var previous: Int?
        var gaps: [(UInt64, UInt64)] = []
        for s in spans {
            if s.range.lowerBound < cursor, let p = previous {
                entries[s.index].kind = .rejected("overlaps zip entry \(PackVerifier.shown(entries[p].name))")
            } else if s.range.lowerBound > cursor {
                gaps.append((cursor, s.range.lowerBound - cursor))
            }
            if s.range.upperBound > cursor {
                cursor = s.range.upperBound
                previous = s.index
            }
        }
        if end.cdOffset > cursor { gaps.append((cursor, end.cdOffset - cursor)) }
        let cdEnd = end.cdOffset + end.cdSize   // bounded by endRecord
        if let z = end.zip64 {
            if z.record.lowerBound > cdEnd { gaps.append((cdEnd, z.record.lowerBound - cdEnd)) }
            if z.locator.lowerBound > z.record.upperBound { gaps.append((z.record.upperBound, z.locator.lowerBound - z.record.upperBound)) }
        } else if end.offset > cdEnd {
            gaps.append((cdEnd, end.offset - cdEnd))
        }
        for (at, count) in gaps {
            problems.append("rejected: \(count) bytes at offset \(at) of the zip belong to no entry (hidden data)")
        }
    }

}
