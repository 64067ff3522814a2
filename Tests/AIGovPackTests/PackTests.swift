import AIGovCore
import AIGovFormats
import AIGovPack
import AIGovRules
import AIGovStore
import Foundation
import Testing
import ZIPFoundation

/// A temporary folder removed when released.
final class Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "aigov-pack-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixture {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AIGovCLITests/Fixtures/examples").path

    static let settings = PackSettings(today: Day("2026-11-24") ?? Day(ordinal: 0), timeline: .amended,
                                       toolVersion: "test", generatedAt: "2026-11-24T12:00:00Z")

    /// A registry holding the example records, and its pack source.
    static func registry(_ scratch: Scratch, extra: [AISystem] = []) throws -> (Registry, PackSource) {
        let input = InputLoader.load([examples])
        #expect(input.problems.isEmpty)
        let r = try Registry.open(path: scratch.file("r.db"), create: true)
        _ = try r.apply(systems: input.systems.map(\.system) + extra, waivers: input.waivers.map(\.waiver), actor: "tester")
        return (r, try PackSource.read(r))
    }

    /// A system whose every text field holds something hostile.
    static func hostile() -> AISystem {
        var s = AISystem(id: "hostile", name: "<script>alert(1)</script>", owner: "=HYPERLINK(\"http://evil.example\",\"x\")", status: .production)
        s.purpose = "+cmd|' /C calc'!A0 & <b>bold</b>"
        s.contact = "@SUM(A1)"
        var e = Evidence(title: "-2+3 \"><img src=https://evil.example/x.png>", kind: .dpia)
        e.uri = "https://evil.example/a\"onmouseover=\"alert(1)"
        s.evidence = [e]
        var m = Model(name: "m<1>", provider: "\tTabCo")
        m.role = .primary
        s.models = [m]
        return s
    }
}

@Suite struct AuditLogFileTests {
    @Test func recomputedHashesMatchTheStore() throws {
        let t = Scratch()
        var s = AISystem(id: "odd", name: "Quotes \" and \\ and \u{1} and é and \u{2028}", owner: "o", status: .pilot)
        s.purpose = "line\nbreak\ttab"
        let (registry, source) = try Fixture.registry(t, extra: [s])
        _ = try registry.delete(id: "odd", actor: "tester")
        let entries = Array(try registry.history().reversed())
        let text = AuditLogFile.write(entries)
        let check = AuditLogFile.verify(Data(text.utf8))
        #expect(check.problems.isEmpty)
        #expect(check.entries == entries.count)
        #expect(check.head == (try registry.verifyAudit().head))
        #expect(source.audit.count + 1 == entries.count)
        for (line, entry) in zip(text.split(separator: "\n"), entries) {
            let decoded = try JSONDecoder().decode(AuditLogFile.Line.self, from: Data(line.utf8))
            #expect(decoded == entry, "the file round-trips every column")
            #expect(decoded.computedHash == entry.hash)
        }
    }

    @Test func aChangedEntryIsNamed() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        var text = AuditLogFile.write(source.audit)
        text = text.replacingOccurrences(of: "\"actor\": \"tester\"", with: "\"actor\": \"mallory\"")
        let check = AuditLogFile.verify(Data(text.utf8))
        #expect(check.problems.first?.contains("entry 1: content does not match its hash") == true)
    }
}

@Suite struct PackBuildTests {
    @Test func aPackIsReproducible() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        let a = try PackWriter.write(source, settings: Fixture.settings, to: t.file("a"))
        let b = try PackWriter.write(source, settings: Fixture.settings, to: t.file("b"))
        #expect(a == b)
        let za = try PackWriter.write(source, settings: Fixture.settings, to: t.file("a.zip"))
        #expect(za == a)
        #expect(try PackVerifier.verify(path: t.file("a")).ok)
        #expect(try PackVerifier.verify(path: t.file("a.zip")).ok)
    }

    @Test func anUnsafeSystemIdIsRefusedAndNothingIsWritten() throws {
        let t = Scratch()
        for id in ["../evil", "/abs", "..", "a/b"] {
            let source = PackSource(systems: [AISystem(id: id, name: "x", owner: "o", status: .pilot)], waivers: [], audit: [])
            #expect(throws: PackError.unsafePath("systems/\(id)")) {
                try PackWriter.write(source, settings: Fixture.settings, to: t.file("out"))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "evil"))
    }

    @Test func registryTextIsEscapedInHTMLAndNeutralisedInCSV() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t, extra: [Fixture.hostile()])
        try PackWriter.write(source, settings: Fixture.settings, to: t.file("p"))
        let pages = [t.file("p/index.html"), t.file("p/systems/hostile/technical-documentation.html")]
        for page in pages {
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<b>bold"))
            #expect(!html.contains("\"onmouseover"))
        }
        let doc = try String(contentsOfFile: pages[1], encoding: .utf8)
        #expect(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let md = try String(contentsOfFile: t.file("p/systems/hostile/technical-documentation.md"), encoding: .utf8)
        #expect(!md.contains("<script") && !md.contains("<img"))
        let inventory = try String(contentsOfFile: t.file("p/inventory.csv"), encoding: .utf8)
        #expect(inventory.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""))
        #expect(inventory.contains(",'<script>") == false)
        for line in inventory.split(separator: "\r\n") {
            for cell in line.split(separator: ",") {
                let c = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                #expect(!(c.first.map { "=+-@\t\r".contains($0) } ?? false), "unneutralised cell \(cell)")
            }
        }
    }

    @Test func theBOMHasTheRequiredShape() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        try PackWriter.write(source, settings: Fixture.settings, to: t.file("p"))
        let data = try Data(contentsOf: URL(fileURLWithPath: t.file("p/systems/loan-scoring/cyclonedx.json")))
        let bom = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(bom["bomFormat"] as? String == "CycloneDX")
        #expect(bom["specVersion"] as? String == "1.6")
        let serial = try #require(bom["serialNumber"] as? String)
        #expect(serial.range(of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil)
        let meta = try #require(bom["metadata"] as? [String: Any])
        #expect(meta["timestamp"] as? String == "2026-11-24T12:00:00Z")
        let system = try #require(meta["component"] as? [String: Any])
        let props = try #require(system["properties"] as? [[String: String]])
        #expect(props.contains { $0["name"] == "aigov:eu_ai_act:tier" && $0["value"] == "high" })
        #expect(props.contains { $0["name"] == "aigov:eu_ai_act:role" && $0["value"] == "deployer" })
        let components = try #require(bom["components"] as? [[String: Any]])
        let models = components.filter { $0["type"] as? String == "machine-learning-model" }
        let data2 = components.filter { $0["type"] as? String == "data" }
        #expect(models.count == 2 && data2.count == 2)
        let card = try #require(models[0]["modelCard"] as? [String: Any])
        let params = try #require(card["modelParameters"] as? [String: Any])
        let refs = (params["datasets"] as? [[String: String]])?.compactMap { $0["ref"] } ?? []
        #expect(Set(refs) == Set(data2.compactMap { $0["bom-ref"] as? String }))
        let considerations = try #require(card["considerations"] as? [String: Any])
        #expect((considerations["ethicalConsiderations"] as? [[String: String]])?.count == 2)
    }
}

@Suite struct PackVerifyZipTests {
    /// Writes a copy of `zip` with `change` applied to its entries.
    static func rewrite(_ zip: String, to out: String, _ change: (inout [(String, Data)]) -> Void) throws {
        let src = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read)
        var entries: [(String, Data)] = []
        for e in src {
            var d = Data()
            _ = try src.extract(e) { d.append($0) }
            entries.append((e.path, d))
        }
        change(&entries)
        let dst = try Archive(url: URL(fileURLWithPath: out), accessMode: .create)
        for (p, d) in entries {
            try dst.addEntry(with: p, type: .file, uncompressedSize: Int64(d.count)) { pos, size in
                d.subdata(in: Int(pos)..<min(Int(pos) + size, d.count))
            }
        }
    }

    static func pack(_ t: Scratch) throws -> String {
        let (_, source) = try Fixture.registry(t)
        try PackWriter.write(source, settings: Fixture.settings, to: t.file("p.zip"))
        return t.file("p.zip")
    }

    @Test(arguments: ["index.html", "systems/loan-scoring/cyclonedx.json", "audit-log.jsonl", "inventory.csv", "manifest.json"])
    func oneChangedByteInAZipEntryIsNamed(_ name: String) throws {
        let t = Scratch()
        let zip = try Self.pack(t)
        try Self.rewrite(zip, to: t.file("bad.zip")) { entries in
            guard let i = entries.firstIndex(where: { $0.0 == name }) else { return }
            entries[i].1[entries[i].1.count / 2] ^= 0x01
        }
        let report = try PackVerifier.verify(path: t.file("bad.zip"))
        #expect(!report.ok)
        #expect(report.problems.contains { $0.contains(name) }, "\(report.problems)")
    }

    @Test func anExtraZipEntryIsNamed() throws {
        let t = Scratch()
        let zip = try Self.pack(t)
        try Self.rewrite(zip, to: t.file("bad.zip")) { $0.append(("systems/loan-scoring/notes.txt", Data("hi".utf8))) }
        let report = try PackVerifier.verify(path: t.file("bad.zip"))
        #expect(report.problems == ["extra: systems/loan-scoring/notes.txt (not in the manifest)"])
    }

    @Test(arguments: ["../evil.txt", "/etc/evil", "systems/../../evil"])
    func aZipEntryThatEscapesIsRejected(_ name: String) throws {
        let t = Scratch()
        let zip = try Self.pack(t)
        try Self.rewrite(zip, to: t.file("bad.zip")) { $0.append((name, Data("x".utf8))) }
        let report = try PackVerifier.verify(path: t.file("bad.zip"))
        #expect(report.problems.contains { $0.hasPrefix("rejected: zip entry \(name) has an unsafe path") }, "\(report.problems)")
        #expect(!FileManager.default.fileExists(atPath: t.path + "/../evil.txt"))
    }

    @Test func aSymlinkZipEntryIsRejected() throws {
        let t = Scratch()
        let zip = try Self.pack(t)
        try Self.rewrite(zip, to: t.file("bad.zip")) { _ in }
        let a = try Archive(url: URL(fileURLWithPath: t.file("bad.zip")), accessMode: .update)
        let target = Data("/etc/passwd".utf8)
        try a.addEntry(with: "link", type: .symlink, uncompressedSize: Int64(target.count)) { _, _ in target }
        let report = try PackVerifier.verify(path: t.file("bad.zip"))
        #expect(report.problems.contains { $0.contains("zip entry link is a symbolic link") }, "\(report.problems)")
    }

    @Test func aSymlinkInAFolderIsRejected() throws {
        let t = Scratch()
        let (_, source) = try Fixture.registry(t)
        try PackWriter.write(source, settings: Fixture.settings, to: t.file("p"))
        try FileManager.default.createSymbolicLink(atPath: t.file("p/link"), withDestinationPath: "/etc/passwd")
        let report = try PackVerifier.verify(path: t.file("p"))
        #expect(report.problems.contains { $0.contains("link is a symbolic link") })
    }
}
