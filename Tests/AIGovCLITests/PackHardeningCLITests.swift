import Foundation
import Testing

/// `aigov pack verify` against hostile packs: each case is a real process of the real binary
/// on a pack that `aigov export pack` wrote and a test then tampered with, and must end with
/// exit 1 and a line naming the problem — never a crash, a hang or memory without bound.
@Suite struct PackHardeningCLITests {
    static let today = ["--today", "2026-11-24"]

    /// The examples' pack as a folder.
    static func folderPack(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let pack = t.file("pack")
        let w = try CLI.run(["export", "pack", "--out", pack] + today, db: db)
        #expect(w.code == 0, "\(w.err)")
        return pack
    }

    /// Every file of a folder pack as a stored zip entry, sorted by path: a zip every field of
    /// which the test controls.
    static func entries(of folder: String) throws -> [HandZip.Entry] {
        var out: [HandZip.Entry] = []
        let e = FileManager.default.enumerator(atPath: folder)
        while let p = e?.nextObject() as? String {
            var d: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &d), !d.boolValue else { continue }
            out.append(HandZip.Entry(name: p, data: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + p)))))
        }
        return out.sorted { $0.name < $1.name }
    }

    /// `aigov pack verify PATH` under a virtual-memory limit (`ulimit -v`, KiB), and how long it took.
    static func verifyLimited(_ path: String, kilobytes: Int = 1_000_000) throws -> (CLI.Result, TimeInterval) {
        let start = Date()
        let r = try CLI.exec("/bin/bash", ["-c", "ulimit -v \(kilobytes) && exec \"$0\" pack verify \"$1\"", CLI.binary, path])
        return (r, Date().timeIntervalSince(start))
    }

    /// A hand-built zip of an untouched pack verifies: the cases below differ from it only in
    /// what each tampers with.
    @Test func aHandBuiltZipOfAnIntactPackVerifies() throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        let zip = t.file("plain.zip")
        try HandZip(entries: try Self.entries(of: pack)).write(to: zip)
        let r = try CLI.run(["pack", "verify", zip])
        #expect(r.code == 0, "\(r.out)\(r.err)")

        // The Unicode-path field itself is fine when it names the entry it belongs to.
        var entries = try Self.entries(of: pack)
        for i in entries.indices {
            entries[i].centralExtra = HandZip.unicodePath(entries[i].name, header: entries[i].name)
            entries[i].localExtra = entries[i].centralExtra
        }
        try HandZip(entries: entries).write(to: zip)
        let u = try CLI.run(["pack", "verify", zip])
        #expect(u.code == 0, "\(u.out)\(u.err)")
    }

    /// The stricter reader still accepts what a common tool writes from an intact pack folder:
    /// Info-ZIP `zip -r` (folder entries, Unix extra fields), and the same streamed through a
    /// pipe (data descriptors after each entry's data).
    @Test(.enabled(if: Tools.has("zip"), "zip is not installed")) func zipsThatInfoZIPWritesOfAnIntactPackVerify() throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        let plain = t.file("r.zip"), streamed = t.file("s.zip")
        #expect(try CLI.exec("/usr/bin/env", ["sh", "-c", "cd '\(pack)' && zip -qr '\(plain)' ."]).code == 0)
        #expect(try CLI.exec("/usr/bin/env", ["sh", "-c", "cd '\(pack)' && zip -qr - . | cat > '\(streamed)'"]).code == 0)
        for zip in [plain, streamed] {
            let r = try CLI.run(["pack", "verify", zip])
            #expect(r.code == 0, "\(zip): \(r.out)\(r.err)")
        }
    }

    /// Issue: a 3.3 MB zip holding a 3 GiB entry made `pack verify` take 3.1 GB and 18 s, and
    /// die under a memory limit. Now an entry is never inflated past the size the manifest
    /// records: an extra entry is not read at all, a listed one whose header declares another
    /// size is not read, and one whose header lies about its size is cut off at the recorded
    /// size. Each run gets a 1 GB address-space limit: the old verifier died under it (it
    /// needed 3.2 GB), the streaming one needs under 150 MB.
    @Test func aZipBombIsRefusedWithoutInflatingIt() throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        let base = try Self.entries(of: pack)
        let bomb = HandDeflate.zeros(matches: HandDeflate.bombMatches)
        #expect(bomb.count < 4_000_000)
        let index = try #require(base.first { $0.name == "index.html" })

        var extra = base
        extra.append(HandZip.Entry(name: "bomb.bin", data: bomb, method: 8, size: HandDeflate.bombSize, crc: HandDeflate.bombCRC))
        var listed = base
        var lying = base
        for i in base.indices where base[i].name == "index.html" {
            listed[i] = HandZip.Entry(name: "index.html", data: bomb, method: 8, size: HandDeflate.bombSize, crc: HandDeflate.bombCRC)
            // The header declares the real index.html's size and CRC; the data inflates to 3 GiB.
            lying[i] = HandZip.Entry(name: "index.html", data: bomb, method: 8, size: UInt32(index.data.count),
                                     crc: HandZip.crc32(index.data))
        }
        let cases: [(String, [HandZip.Entry], String)] = [
            ("extra", extra, "extra: bomb.bin (not in the manifest)"),
            ("listed", listed, "changed: index.html (size \(HandDeflate.bombSize), manifest says \(index.data.count); not read)"),
            ("lying", lying, "changed: index.html (holds more than the \(index.data.count) bytes its size says; stopped reading)"),
        ]
        for (label, entries, line) in cases {
            let zip = t.file("bomb-\(label).zip")
            try HandZip(entries: entries).write(to: zip)
            let size = (try FileManager.default.attributesOfItem(atPath: zip)[.size] as? Int) ?? 0
            #expect(size < 5_000_000, "the test zip should stay small")
            let (r, seconds) = try Self.verifyLimited(zip)
            #expect(r.code == 1, "\(label): \(r.code) \(r.out)\(r.err)")
            #expect(r.out.split(separator: "\n").contains { $0 == line }, "\(label): \(r.out)")
            #expect(seconds < 10, "\(label): took \(seconds) s")
            try FileManager.default.removeItem(atPath: zip)
        }
    }

    /// Issue: keys the manifest does not define, or another layout, went unnoticed (the digest
    /// covers the decoded fields only). The file must be exactly the writer's bytes.
    @Test func extraKeysOrReindentationInTheManifestAreNamed() throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        let path = pack + "/manifest.json"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        #expect(original.hasPrefix("{\n  \"audit_entries\" : "))
        let tampered = [
            "extra key": original.replacingOccurrences(of: "{\n", with: "{\n  \"approved_by\" : \"the board\",\n", options: .anchored),
            "re-indented": original.replacingOccurrences(of: "\n  ", with: "\n    "),
            "compact": original.replacingOccurrences(of: "\" : ", with: "\":"),
            "no final newline": String(original.dropLast()),
            "key in a file entry": original.replacingOccurrences(of: "\"size\" : ", with: "\"note\" : \"x\",\n      \"size\" : "),
        ]
        for (label, text) in tampered.sorted(by: { $0.key < $1.key }) {
            #expect(text != original, "\(label): the test did not change anything")
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            let r = try CLI.run(["pack", "verify", pack])
            #expect(r.code == 1, "\(label): \(r.out)")
            #expect(r.out.contains("changed: manifest.json (not in canonical form / unknown keys)"), "\(label): \(r.out)")
            // The manifest's own digest still matches: only the canonical form caught it.
            #expect(!r.out.contains("does not match its digest"), "\(label): \(r.out)")
        }
        try original.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)

        // The same in a zip.
        var entries = try Self.entries(of: pack)
        for i in entries.indices where entries[i].name == "manifest.json" {
            entries[i].data = Array(original.replacingOccurrences(of: "{\n", with: "{\n  \"x\" : 1,\n", options: .anchored).utf8)
        }
        let zip = t.file("m.zip")
        try HandZip(entries: entries).write(to: zip)
        let z = try CLI.run(["pack", "verify", zip])
        #expect(z.code == 1 && z.out.contains("changed: manifest.json (not in canonical form / unknown keys)"), "\(z.out)")
    }

    /// Issue: Info-ZIP Unicode-path fields (0x7075) that swap two names made `unzip` show each
    /// file under the other's name while every hash matched the header names.
    @Test func unicodePathFieldsThatSwapTwoNamesAreRefused() throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        var entries = try Self.entries(of: pack)
        let swap = ["inventory.csv": "findings.csv", "findings.csv": "inventory.csv"]
        for i in entries.indices {
            guard let other = swap[entries[i].name] else { continue }
            entries[i].centralExtra = HandZip.unicodePath(other, header: entries[i].name)
            entries[i].localExtra = entries[i].centralExtra
        }
        let zip = t.file("swapped.zip")
        try HandZip(entries: entries).write(to: zip)
        let r = try CLI.run(["pack", "verify", zip])
        #expect(r.code == 1, "\(r.out)")
        for (header, shown) in swap {
            #expect(r.out.contains("rejected: zip entry \(header) has a Unicode path field (0x7075) naming it \(shown)"), "\(r.out)")
        }
        // A field only in the local header (what streaming unzippers read) is caught too.
        entries = try Self.entries(of: pack)
        for i in entries.indices where entries[i].name == "waivers.csv" {
            entries[i].localExtra = HandZip.unicodePath("inventory.csv", header: "waivers.csv")
        }
        try HandZip(entries: entries).write(to: zip)
        let l = try CLI.run(["pack", "verify", zip])
        #expect(l.code == 1 && l.out.contains("rejected: zip entry waivers.csv has a Unicode path field (0x7075) naming it inventory.csv"), "\(l.out)")
    }

    /// Issue: an entry whose Unix mode says character device (or fifo, block device, socket)
    /// was read as a plain file; a tool that honours the mode would create a device node.
    @Test(arguments: [(0o020644, "a character device"), (0o060644, "a block device"), (0o010644, "a fifo"),
                      (0o140644, "a socket")])
    func nonRegularEntriesAreRefused(_ mode: Int, _ what: String) throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        var entries = try Self.entries(of: pack)
        // A listed file with the right content: only the mode differs.
        for i in entries.indices where entries[i].name == "waivers.csv" { entries[i].mode = UInt32(mode) }
        // And an extra, empty one.
        entries.append(HandZip.Entry(name: "dev/node", data: [], mode: UInt32(mode)))
        let zip = t.file("special.zip")
        try HandZip(entries: entries).write(to: zip)
        let r = try CLI.run(["pack", "verify", zip])
        #expect(r.code == 1, "\(r.out)")
        #expect(r.out.contains("rejected: zip entry waivers.csv is \(what) (a pack holds only plain files)"), "\(r.out)")
        #expect(r.out.contains("rejected: zip entry dev/node is \(what) (a pack holds only plain files)"), "\(r.out)")
    }

    /// Bytes after the end record, or between entries, hold data no listing shows.
    @Test func bytesOutsideTheZipsEntriesAreNamed() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let zip = t.file("p.zip")
        #expect(try CLI.run(["export", "pack", "--out", zip] + Self.today, db: db).code == 0)
        #expect(try CLI.run(["pack", "verify", zip]).code == 0)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: zip))
        try h.seekToEnd()
        try h.write(contentsOf: Data("appended after the end record".utf8))
        try h.close()
        let r = try CLI.run(["pack", "verify", zip])
        #expect(r.code == 1, "\(r.out)")
        #expect(r.out.contains("rejected: 29 bytes follow the zip's end-of-central-directory record"), "\(r.out)")

        // A stub in front (as self-extracting archives have) and a zip comment.
        let pack = try Self.folderPack(t)
        var z = HandZip(entries: try Self.entries(of: pack))
        z.prefix = Array(repeating: 0x90, count: 100)
        z.comment = Array("approved".utf8)
        let other = t.file("stub.zip")
        try z.write(to: other)
        let s = try CLI.run(["pack", "verify", other])
        #expect(s.code == 1, "\(s.out)")
        #expect(s.out.contains("rejected: 100 bytes at offset 0 of the zip belong to no entry (hidden data)"), "\(s.out)")
        #expect(s.out.contains("extra: the zip's comment (8 bytes; aigov writes none)"), "\(s.out)")
    }

    /// A folder inside a folder pack that holds no listed file is named (the topmost one).
    @Test func emptyExtraFoldersInAFolderPackAreNamed() throws {
        let t = TempDir()
        let pack = try Self.folderPack(t)
        let fm = FileManager.default
        try fm.createDirectory(atPath: pack + "/systems/ghost", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: pack + "/drafts/2026/q4", withIntermediateDirectories: true)
        let r = try CLI.run(["pack", "verify", pack])
        #expect(r.code == 1, "\(r.out)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines == [
            "extra: drafts/ (a folder that holds no file the manifest lists)",
            "extra: systems/ghost/ (a folder that holds no file the manifest lists)",
        ], "\(r.out)")
        try fm.removeItem(atPath: pack + "/systems/ghost")
        try fm.removeItem(atPath: pack + "/drafts")
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)
    }

    /// Hostile structure, field by field: whatever the numbers say, the verifier answers with
    /// exit 1 (or 2 for no zip at all) and never traps (a trap is a signal, not an exit code).
    @Test func hostileZipStructuresNeverCrashTheVerifier() throws {
        let t = TempDir()
        let small = HandZip(entries: [
            HandZip.Entry(name: "manifest.json", data: Array("{}\n".utf8)),
            HandZip.Entry(name: "a.txt", data: Array("hello".utf8)),
        ])
        let good = small.bytes()
        let cdOffset = good.count - 22 - (46 * 2 + "manifest.json".utf8.count + "a.txt".utf8.count)
        func patched(_ at: Int, _ values: [UInt8]) -> [UInt8] {
            var b = good
            for (i, v) in values.enumerated() where at + i < b.count { b[at + i] = v }
            return b
        }
        let ones4: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        let eocd = good.count - 22
        var zip64Huge = small
        // ZIP64 sizes and offset of UInt64.max in the central directory.
        zip64Huge.entries[1].centralExtra = [0x01, 0x00, 24, 0x00] + Array(repeating: 0xFF, count: 24)
        zip64Huge.entries[1].sizeField = 0xFFFF_FFFF
        zip64Huge.entries[1].compressedSizeField = 0xFFFF_FFFF
        zip64Huge.entries[1].offsetField = 0xFFFF_FFFF
        var overrun = small
        overrun.entries[1].centralExtra = [0x75, 0x70, 0xF0, 0xFF, 1]
        var descriptor = small
        descriptor.entries[1].flags = 0x0808
        var twoAtOnce = small
        twoAtOnce.duplicateOffsetOfLast = true
        let cases: [(String, [UInt8])] = [
            ("empty file", []),
            ("end record only", Array(good.suffix(22))),
            ("central directory past the end", patched(eocd + 16, [0xFF, 0xFF, 0xFF, 0x7F])),
            ("central directory size huge", patched(eocd + 12, [0xFF, 0xFF, 0xFF, 0x7F])),
            ("entry count 0xFFFF without ZIP64", patched(eocd + 8, [0xFF, 0xFF, 0xFF, 0xFF])),
            ("entry count larger than the directory", patched(eocd + 8, [0x40, 0x00, 0x40, 0x00])),
            ("name length past the directory", patched(cdOffset + 28, [0xFF, 0xFF])),
            ("extra length past the directory", patched(cdOffset + 30, [0xFF, 0xFF])),
            ("local header offset past the end", patched(cdOffset + 42, [0xFE, 0xFF, 0xFF, 0x7F])),
            ("local header offset 0xFFFFFFFF without ZIP64", patched(cdOffset + 42, ones4)),
            ("sizes 0xFFFFFFFF without ZIP64", patched(cdOffset + 20, ones4 + ones4)),
            ("ZIP64 values of UInt64.max", zip64Huge.bytes()),
            ("an extra field that overruns", overrun.bytes()),
            ("a data descriptor that is not there", descriptor.bytes()),
            ("two entries at one offset", twoAtOnce.bytes()),
            ("truncated in the directory", Array(good.prefix(good.count - 30))),
            ("truncated in the data", Array(good.prefix(40)) + Array(good.suffix(from: cdOffset))),
        ]
        for (label, bytes) in cases {
            let path = t.file("hostile.zip")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = try CLI.run(["pack", "verify", path])
            #expect(r.code == 1 || r.code == 2, "\(label): exit \(r.code) \(r.out)\(r.err)")
            #expect(!r.err.contains("Fatal error"), "\(label): \(r.err)")
        }

        // And random damage to the headers of a real pack's zip.
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let real = t.file("real.zip")
        #expect(try CLI.run(["export", "pack", "--out", real, "--system", "loan-scoring"] + Self.today, db: db).code == 0)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: real)))
        var rng = HandRNG(seed: 2026)
        let tail = min(original.count, 1500)   // the central directory and end record
        for round in 0..<40 {
            var b = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = original.count - 1 - Int(rng.next() % UInt64(tail))
                b[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            let path = t.file("damaged.zip")
            try Data(b).write(to: URL(fileURLWithPath: path))
            let r = try CLI.run(["pack", "verify", path])
            #expect(r.code == 0 || r.code == 1 || r.code == 2, "round \(round): exit \(r.code) \(r.err)")
            #expect(!r.err.contains("Fatal error"), "round \(round): \(r.err)")
        }
    }
}

/// A deterministic random number generator (SplitMix64), so a failing round can be replayed.
struct HandRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Hand-made raw deflate streams.
enum HandDeflate {
    /// 12,484,000 matches: 3,220,872,001 zero bytes (3.0 GiB) in a stream of about 3.1 MB.
    static let bombMatches = 12_484_000
    static let bombSize = UInt32(1 + 258 * bombMatches)
    /// CRC-32 of `bombSize` zero bytes (python3: zlib.crc32(bytes(3220872001))).
    static let bombCRC: UInt32 = 0x19DB_35CE

    /// Raw deflate of `1 + 258 * matches` zero bytes: one dynamic-Huffman block holding a
    /// literal 0 and then `matches` copies of length 258 at distance 1, each a 1-bit length
    /// code plus a 1-bit distance code, i.e. deflate's maximum ratio of about 1032:1. Built
    /// bit by bit, so the test needs no zlib and takes no time.
    static func zeros(matches: Int) -> [UInt8] {
        var w = BitWriter()
        w.bits(1, 1)                          // last block
        w.bits(2, 2)                          // dynamic Huffman codes
        w.bits(29, 5)                         // 286 literal/length codes
        w.bits(1, 5)                          // 2 distance codes
        w.bits(14, 4)                         // 18 code-length codes
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
        let codeLengthCode: [Int: UInt32] = [18: 1, 1: 2, 2: 2]   // codes: 18 = 0, 1 = 10, 2 = 11
        for s in order { w.bits(codeLengthCode[s] ?? 0, 3) }
        w.code(0b11, 2)                       // literal 0 has length 2
        w.code(0, 1); w.bits(127, 7)          // 138 zeros
        w.code(0, 1); w.bits(106, 7)          // 117 zeros: literals 1…255 unused
        w.code(0b11, 2)                       // 256 (end of block) has length 2
        w.code(0, 1); w.bits(17, 7)           // 28 zeros: lengths 257…284 unused
        w.code(0b10, 2)                       // 285 (length 258) has length 1
        w.code(0b10, 2); w.code(0b10, 2)      // distance codes 0 and 1 have length 1
        // Literal/length codes: 285 = 0, literal 0 = 10, end of block = 11; distance 1 = 0.
        w.code(0b10, 2)                       // literal 0
        w.zeros(2 * matches)                  // each copy: length code 0, distance code 0
        w.code(0b11, 2)                       // end of block
        return w.finish()
    }

    struct BitWriter {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var count = 0
        /// `n` bits of `v`, least significant first (deflate's order for numbers).
        mutating func bits(_ v: UInt32, _ n: Int) {
            for i in 0..<n {
                acc |= ((v >> UInt32(i)) & 1) << UInt32(count)
                count += 1
                if count == 8 {
                    out.append(UInt8(acc))
                    acc = 0
                    count = 0
                }
            }
        }
        /// A Huffman code of `n` bits, most significant first.
        mutating func code(_ c: UInt32, _ n: Int) {
            for i in stride(from: n - 1, through: 0, by: -1) { bits((c >> UInt32(i)) & 1, 1) }
        }
        /// `n` zero bits, whole bytes at once.
        mutating func zeros(_ n: Int) {
            var n = n
            while n > 0, count != 0 {
                bits(0, 1)
                n -= 1
            }
            out.append(contentsOf: repeatElement(0, count: n / 8))
            bits(0, n % 8)
        }
        mutating func finish() -> [UInt8] {
            if count > 0 { out.append(UInt8(acc)) }
            return out
        }
    }
}

/// A minimal zip writer in which every header field is the test's to choose.
struct HandZip {
    struct Entry {
        var name: String
        /// The bytes as stored (compressed for method 8).
        var data: [UInt8]
        var method: UInt16 = 0
        /// The declared uncompressed size; the data's count when nil.
        var size: UInt32?
        /// The declared CRC-32; the data's when nil.
        var crc: UInt32?
        /// Unix mode for the external attributes (host Unix).
        var mode: UInt32 = 0o100644
        var flags: UInt16 = 0x0800
        var centralExtra: [UInt8] = []
        var localExtra: [UInt8] = []
        /// Raw overrides of central-directory fields (for ZIP64 markers).
        var sizeField: UInt32?
        var compressedSizeField: UInt32?
        var offsetField: UInt32?

        init(name: String, data: [UInt8], method: UInt16 = 0, size: UInt32? = nil, crc: UInt32? = nil, mode: UInt32 = 0o100644) {
            self.name = name
            self.data = data
            self.method = method
            self.size = size
            self.crc = crc
            self.mode = mode
        }
    }

    var entries: [Entry]
    /// Bytes before the first entry.
    var prefix: [UInt8] = []
    var comment: [UInt8] = []
    /// Makes the last central-directory entry point at the first entry's local header.
    var duplicateOffsetOfLast = false

    init(entries: [Entry]) { self.entries = entries }

    func write(to path: String) throws {
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
    }

    func bytes() -> [UInt8] {
        var f = prefix
        var cd: [UInt8] = []
        for (i, e) in entries.enumerated() {
            let name = Array(e.name.utf8)
            let offset = duplicateOffsetOfLast && i == entries.count - 1 && i > 0 ? UInt32(prefix.count) : UInt32(f.count)
            let crc = e.crc ?? Self.crc32(e.data)
            let size = e.size ?? UInt32(e.data.count)
            Self.put32(&f, 0x0403_4B50); Self.put16(&f, 20); Self.put16(&f, e.flags); Self.put16(&f, e.method)
            Self.put16(&f, 0); Self.put16(&f, 0x5B21); Self.put32(&f, crc); Self.put32(&f, UInt32(e.data.count))
            Self.put32(&f, size); Self.put16(&f, UInt16(name.count)); Self.put16(&f, UInt16(e.localExtra.count))
            f += name
            f += e.localExtra
            f += e.data
            Self.put32(&cd, 0x0201_4B50); Self.put16(&cd, 0x031E); Self.put16(&cd, 20); Self.put16(&cd, e.flags)
            Self.put16(&cd, e.method); Self.put16(&cd, 0); Self.put16(&cd, 0x5B21); Self.put32(&cd, crc)
            Self.put32(&cd, e.compressedSizeField ?? UInt32(e.data.count)); Self.put32(&cd, e.sizeField ?? size)
            Self.put16(&cd, UInt16(name.count)); Self.put16(&cd, UInt16(e.centralExtra.count)); Self.put16(&cd, 0)
            Self.put16(&cd, 0); Self.put16(&cd, 0); Self.put32(&cd, e.mode << 16); Self.put32(&cd, e.offsetField ?? offset)
            cd += name
            cd += e.centralExtra
        }
        let cdOffset = UInt32(f.count)
        f += cd
        Self.put32(&f, 0x0605_4B50); Self.put16(&f, 0); Self.put16(&f, 0)
        Self.put16(&f, UInt16(entries.count)); Self.put16(&f, UInt16(entries.count))
        Self.put32(&f, UInt32(cd.count)); Self.put32(&f, cdOffset); Self.put16(&f, UInt16(comment.count))
        f += comment
        return f
    }

    /// An Info-ZIP Unicode-path extra field (0x7075) naming `unicode`, for a header named
    /// `header` (its CRC-32 is what `unzip` checks before honouring the field).
    static func unicodePath(_ unicode: String, header: String) -> [UInt8] {
        let u = Array(unicode.utf8)
        var out: [UInt8] = []
        put16(&out, 0x7075)
        put16(&out, UInt16(5 + u.count))
        out.append(1)
        put32(&out, crc32(Array(header.utf8)))
        return out + u
    }

    static func put16(_ b: inout [UInt8], _ v: UInt16) { b += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func put32(_ b: inout [UInt8], _ v: UInt32) {
        b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }

    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
