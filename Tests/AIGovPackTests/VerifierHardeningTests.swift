import AIGovCore
import AIGovPack
import AIGovStore
import Foundation
import Testing
import ZIPFoundation

/// `PackVerifier` on hostile input, in process: a trap anywhere here would kill the test
/// runner, so these tests also prove that no input reaches one.
@Suite struct VerifierHardeningTests {
    /// The examples' pack as a zip, and its bytes.
    static func zipPack(_ t: Scratch) throws -> (String, [UInt8]) {
        let (_, source) = try Fixture.registry(t)
        let path = t.file("p.zip")
        try PackWriter.write(source, settings: Fixture.settings, to: path)
        return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The manifest is now written by hand, and the verifier accepts only those bytes; they
    /// must be exactly what `JSONEncoder` wrote before, or earlier packs would stop verifying.
    @Test func theManifestIsByteForByteWhatJSONEncoderWrote() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        let manifest = try PackWriter.write(source, settings: Fixture.settings, to: t.file("p"))
        let written = try Data(contentsOf: URL(fileURLWithPath: t.file("p/manifest.json")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(written == (try encoder.encode(manifest)) + Data("\n".utf8))
        #expect(try PackVerifier.verify(path: t.file("p")).ok)
    }

    /// Strings that need escaping round-trip through the canonical form.
    @Test func aManifestWithStringsThatNeedEscapingVerifies() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        var settings = Fixture.settings
        settings.toolVersion = "1.0 \"beta\" \\ / é \u{1}\t\u{7F}\u{2028}"
        try PackWriter.write(source, settings: settings, to: t.file("p"))
        try PackWriter.write(source, settings: settings, to: t.file("p.zip"))
        #expect(try PackVerifier.verify(path: t.file("p")).problems == [])
        #expect(try PackVerifier.verify(path: t.file("p.zip")).problems == [])
    }

    /// A manifest that lists one file twice (with a recomputed digest, in canonical form) is named.
    @Test func aManifestListingAFileTwiceIsNamed() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        try PackWriter.write(source, settings: Fixture.settings, to: t.file("p"))
        let url = URL(fileURLWithPath: t.file("p/manifest.json"))
        var manifest = try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: url))
        manifest.files.insert(manifest.files[0], at: 1)
        manifest.digest = manifest.computedDigest
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(manifest) + Data("\n".utf8)).write(to: url)
        let report = try PackVerifier.verify(path: t.file("p"))
        #expect(report.problems == ["changed: manifest.json (lists \(manifest.files[0].path) twice)"])
    }

    /// Streaming the log in chunks of any size finds exactly what checking it whole finds.
    @Test(arguments: [1, 7, 4096, 1 << 20])
    func theChainCheckerStreamsLikeTheWholeFileCheck(_ chunk: Int) throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        var text = AuditLogFile.write(source.audit)
        let whole = AuditLogFile.verify(Data(text.utf8))
        #expect(whole.problems.isEmpty && whole.entries == source.audit.count)
        for variant in 0..<3 {
            if variant == 1 { text = text.replacingOccurrences(of: "\"actor\": \"tester\"", with: "\"actor\": \"mallory\"") }
            if variant == 2 { text = String(text.dropLast()) + "\n\nnot json\n" }
            let bytes = [UInt8](text.utf8)
            var checker = AuditLogFile.ChainChecker()
            var at = 0
            while at < bytes.count {
                let end = min(at + chunk, bytes.count)
                bytes[at..<end].withUnsafeBytes { checker.feed($0) }
                at = end
            }
            #expect(checker.finish() == AuditLogFile.verify(Data(bytes)), "variant \(variant), chunk \(chunk)")
        }
    }

    /// A line longer than the limit stops the check instead of growing a buffer without end.
    @Test func anOverlongAuditLineStopsTheCheck() {
        var checker = AuditLogFile.ChainChecker()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0...(AuditLogFile.ChainChecker.maxLineBytes >> 20) { piece.withUnsafeBytes { checker.feed($0) } }
        let result = checker.finish()
        #expect(result.entries == 0)
        #expect(result.problems == ["line 1 is longer than \(AuditLogFile.ChainChecker.maxLineBytes >> 20) MiB"])
    }

    /// `seq` at Int64.max used to overflow computing the next expected number.
    @Test func anAuditEntryWithTheLargestSeqDoesNotTrap() {
        func line(_ seq: Int64) -> String {
            "{\"seq\": \(seq), \"at\": \"2026-01-01T00:00:00Z\", \"actor\": \"a\", \"action\": \"create\", "
                + "\"entity\": \"system\", \"entity_id\": \"x\", \"row_version\": null, \"changes\": \"[]\", "
                + "\"before\": null, \"after\": null, \"prev_hash\": \"\(AuditEntry.genesis)\", \"hash\": \"h\"}\n"
        }
        let result = AuditLogFile.verify(Data((line(Int64.max) + line(Int64.min)).utf8))
        #expect(result.entries == 2)
        #expect(result.problems.contains("entry 1 is missing (found \(Int64.max) next)"), "\(result.problems)")
    }

    /// ZIPFoundation's listing stops silently at an entry it cannot read (an encrypted one),
    /// hiding everything after it; this reader names that entry and still sees the rest.
    @Test func anEncryptedEntryIsNamedAndHidesNothingAfterIt() throws {
        let t = Scratch()
        let (path, _) = try Self.zipPack(t)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
        let secret = Data("secret".utf8)
        try archive.addEntry(with: "aaa-secret.txt", type: .file, uncompressedSize: Int64(secret.count)) { _, _ in secret }
        try archive.addEntry(with: "zzz-after.txt", type: .file, uncompressedSize: Int64(secret.count)) { _, _ in secret }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Set the encryption bit of the first added entry in its central-directory record and local header.
        let name = Array("aaa-secret.txt".utf8)
        for sig: [UInt8] in [[0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x03, 0x04]] {
            let (flagsAt, nameAt) = sig[2] == 0x01 ? (8, 46) : (6, 30)
            for i in 0..<(bytes.count - nameAt - name.count) where Array(bytes[i..<(i + 4)]) == sig
                && Array(bytes[(i + nameAt)..<(i + nameAt + name.count)]) == name {
                bytes[i + flagsAt] |= 1
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: t.file("enc.zip")))
        let report = try PackVerifier.verify(path: t.file("enc.zip"))
        #expect(report.problems == [
            "rejected: zip entry aaa-secret.txt is encrypted",
            "extra: zzz-after.txt (not in the manifest)",
        ])
    }

    /// A name cannot forge a report line: control and bidirectional characters are escaped.
    @Test func aNameCannotForgeAReportLine() throws {
        let t = Scratch()
        let (path, _) = try Self.zipPack(t)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
        let data = Data("x".utf8)
        try archive.addEntry(with: "x\nok: all good\u{202E}", type: .file, uncompressedSize: Int64(data.count)) { _, _ in data }
        let report = try PackVerifier.verify(path: path)
        #expect(report.problems == ["extra: x\\u{a}ok: all good\\u{202e} (not in the manifest)"])
    }

    /// Zip folder entries: those on the way to listed files are fine (`zip -r` writes them),
    /// one that holds no listed file is named like an empty folder in a folder pack.
    @Test func aZipFolderEntryHoldingNoListedFileIsNamed() throws {
        let t = Scratch()
        let (path, _) = try Self.zipPack(t)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
        for folder in ["systems/", "systems/loan-scoring/", "ghost/", "ghost/inner/"] {
            try archive.addEntry(with: folder, type: .directory, uncompressedSize: Int64(0)) { _, _ in Data() }
        }
        let report = try PackVerifier.verify(path: path)
        #expect(report.problems == ["extra: ghost/ (a folder that holds no file the manifest lists)"])
    }

    /// Folder packs: a fifo is refused without being opened (it would block), and a folder
    /// tree deeper than any pack's is cut off instead of exhausting the stack.
    @Test func aFifoAndADeepTreeInAFolderPackAreRefused() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        try PackWriter.write(source, settings: Fixture.settings, to: t.file("p"))
        #expect(mkfifo(t.file("p/systems/loan-scoring/pipe"), 0o600) == 0)
        var deep = t.file("p/deep")
        for _ in 0..<40 { deep += "/d" }
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: deep + "/bottom.txt", contents: Data("x".utf8))
        let report = try PackVerifier.verify(path: t.file("p"))
        #expect(report.problems.contains("rejected: systems/loan-scoring/pipe is not a plain file"), "\(report.problems)")
        #expect(report.problems.contains { $0.hasPrefix("rejected: deep/") && $0.hasSuffix("is nested more than 32 folders deep (not read)") },
                "\(report.problems)")
        #expect(report.problems.contains("extra: deep/ (a folder that holds no file the manifest lists)"), "\(report.problems)")
    }

    /// Random damage to every header of a real pack's zip (central directory, end record,
    /// local headers) and truncation at random points: verify reports or throws
    /// `PackError`, and never traps.
    @Test func randomlyDamagedZipsNeverTrap() throws {
        let t = Scratch()
        let (_, original) = try Self.zipPack(t)
        // Header bytes: each local header (30 bytes and its name) and everything from the central directory on.
        var positions: [Int] = []
        var cdStart = original.count
        for i in 0..<(original.count - 4) {
            let sig = (original[i], original[i + 1], original[i + 2], original[i + 3])
            if sig == (0x50, 0x4B, 0x03, 0x04) { positions += Array(i..<min(i + 40, original.count)) }
            if sig == (0x50, 0x4B, 0x01, 0x02) { cdStart = min(cdStart, i) }
        }
        positions += Array(cdStart..<original.count)
        // A fixed seed: a failure can be replayed.
        let seed: UInt64 = 0x5EED_2026
        var state = seed
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        let path = t.file("damaged.zip")
        for round in 0..<150 {
            var b = original
            if round % 10 == 9 {
                b = Array(b.prefix(next() % b.count))
            } else {
                for _ in 0..<(1 + next() % 3) {
                    let at = positions[next() % positions.count]
                    b[at] = [0x00, 0xFF, 0x7F, 0x80, UInt8(truncatingIfNeeded: next())][next() % 5]
                }
            }
            try Data(b).write(to: URL(fileURLWithPath: path))
            do {
                _ = try PackVerifier.verify(path: path)
            } catch let e as PackError {
                _ = e
            } catch {
                Issue.record("seed \(seed) round \(round): unexpected error \(error)")
            }
        }
    }
}
