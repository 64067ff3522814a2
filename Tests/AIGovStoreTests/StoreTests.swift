import AIGovCore
import AIGovFormats
@testable import AIGovStore
import Foundation
import GRDB
import Testing

private func tempPath(_ name: String = "r.db") -> String {
    let dir = NSTemporaryDirectory() + "aigov-store-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}

private func sample(_ id: String = "sys-a") -> AISystem {
    var s = AISystem(id: id, name: "Sample", owner: "team", status: .pilot)
    var e = EUAIAct()
    e.tier = .high
    e.annexIII = .employment
    e.profiling = true
    s.euAiAct = e
    var m = Model(name: "m1", provider: "BigLab AI")
    m.version = "5.10"
    m.alternatives = ["a", "b"]
    m.endOfLife = Day("2027-01-31")
    s.models = [m]
    var d = Dataset(name: "d1")
    d.purpose = [.training, .testing]
    d.personalData = false
    s.datasets = [d]
    s.tags = ["x", "y"]
    return s
}

@Suite struct SchemaTests {
    /// The binary carries schema.sql; this proves the copy is the file (run scripts/embed-schema after editing it).
    @Test func embeddedSchemaEqualsTheFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("schema.sql"), encoding: .utf8)
        #expect(Schema.parts.joined(separator: "\n\n") + "\n" == file)
    }

    @Test func checkConstraintsRejectBadEnumerations() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        #expect(throws: DatabaseError.self) {
            try r.writer.write { db in
                try db.execute(sql: "INSERT INTO systems (id, name, owner, status, updated_at, updated_by) VALUES ('ab', 'n', 'o', 'live', 'x', 'y')")
            }
        }
        #expect(throws: DatabaseError.self) {
            try r.writer.write { db in
                try db.execute(sql: "INSERT INTO systems (id, name, owner, status, updated_at, updated_by) VALUES ('Bad Id', 'n', 'o', 'pilot', 'x', 'y')")
            }
        }
    }

    @Test func newerSchemaIsRefusedUntouched() throws {
        let path = tempPath()
        _ = try Registry.open(path: path, create: true)
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: RegistryError.newerSchema(path: path, found: 99, supported: Schema.version)) {
            _ = try Registry.open(path: path, create: false)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

@Suite struct RegistryTests {
    @Test func systemsRoundTripThroughTheTables() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        let s = sample()
        _ = try r.apply(systems: [s], actor: "t")
        #expect(try r.system(id: s.id)?.system == s)
        #expect(try r.system(id: s.id)?.rowVersion == 1)
    }

    @Test func updateBumpsVersionAndRecordsChangedFields() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        _ = try r.apply(systems: [sample()], actor: "t")
        let out = try r.update(id: "sys-a", actor: "t") { s in
            var s = s
            s.euAiAct?.tier = .limited
            s.models[0].version = "6"
            return s
        }
        #expect(out.kind == .changed)
        #expect(out.fields == ["eu_ai_act.tier", "models"])
        #expect(out.rowVersion == 2)
        let h = try r.history(entityId: "sys-a")
        #expect(h.map(\.action) == ["update", "create"])
        #expect(h[0].changes == "[\"eu_ai_act.tier\",\"models\"]")
        #expect(try r.verifyAudit().ok)
    }

    @Test func ifVersionRefusesAStaleWriter() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        _ = try r.apply(systems: [sample()], actor: "t")
        _ = try r.update(id: "sys-a", actor: "t") { var s = $0; s.contact = "a"; return s }
        #expect(throws: RegistryError.versionConflict(id: "sys-a", expected: 1, actual: 2)) {
            _ = try r.update(id: "sys-a", actor: "t", ifVersion: 1) { var s = $0; s.contact = "b"; return s }
        }
        #expect(try r.system(id: "sys-a")?.system.contact == "a")
    }

    @Test func waiverForUnknownSystemIsRefusedAndNothingWritten() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        let w = Waiver(system: "nope", rule: "FBK-001", reason: "r", approvedBy: "a", expires: Day("2027-01-01")!)
        #expect(throws: RegistryError.unknownSystemForWaiver(system: "nope", rule: "FBK-001")) {
            _ = try r.apply(systems: [sample()], waivers: [w], actor: "t")
        }
        #expect(try r.count() == 0)
        #expect(try r.history().isEmpty)
    }

    @Test func auditHashCoversContentAndChain() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        _ = try r.apply(systems: [sample("sys-a"), sample("sys-b")], actor: "t")
        let entries = try r.history().reversed()
        #expect(entries.first?.prevHash == AuditEntry.genesis)
        for (a, b) in zip(entries, entries.dropFirst()) { #expect(b.prevHash == a.hash) }
        for e in entries { #expect(e.computedHash == e.hash) }
        try r.writer.write { db in try db.execute(sql: "UPDATE audit_log SET after = replace(after, 'BigLab', 'SmallLab') WHERE seq = 2") }
        let v = try r.verifyAudit()
        #expect(v.firstBad?.seq == 2)
    }

    @Test func truncatingTheLogIsDetected() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        _ = try r.apply(systems: [sample("sys-a"), sample("sys-b")], actor: "t")
        try r.writer.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq = 2") }
        #expect(try r.verifyAudit().ok == false)
    }

    @Test func filtersCombine() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        var b = sample("sys-b")
        b.euAiAct = nil
        b.owner = "other"
        _ = try r.apply(systems: [sample("sys-a"), b], actor: "t")
        #expect(try r.systems(filter: SystemFilter(tiers: [.unassessed])).map(\.system.id) == ["sys-b"])
        #expect(try r.systems(filter: SystemFilter(tiers: [.high], owners: ["team"])).map(\.system.id) == ["sys-a"])
        #expect(try r.systems(filter: SystemFilter(tags: ["y"])).count == 2)
        #expect(try r.systems(ids: ["sys-b"]).count == 1)
    }
}

@Suite struct ListColumnTests {
    @Test(arguments: [[], ["a"], ["a", "b c", ""], ["quote \" x", "back\\slash", "comma, inside", "é漢"], ["[", "]", ","]])
    func listsRoundTrip(_ list: [String]) {
        #expect(SystemRows.parseList(SystemRows.jsonList(list)) == list)
    }
}

/// A read–merge–write over several systems (an import) refuses the whole write when any one
/// of them changed, or appeared, since it was read.
@Suite struct ExpectedVersionsTests {
    @Test func aStaleOrNewlyCreatedSystemRefusesTheWholeBatch() throws {
        let r = try Registry.open(path: tempPath(), create: true)
        _ = try r.apply(systems: [sample("sys-a"), sample("sys-b")], actor: "t")
        var a = sample("sys-a"), b = sample("sys-b")
        a.purpose = "merged a"
        b.purpose = "merged b"
        // Someone edits sys-b after the importer read it at version 1.
        _ = try r.update(id: "sys-b", actor: "someone") { s in
            var s = s
            s.contact = "x@example.com"
            return s
        }
        let entries = try r.history().count
        #expect(throws: RegistryError.self) {
            try r.apply(systems: [a, b], actor: "import", expectedVersions: ["sys-a": 1, "sys-b": 1])
        }
        #expect(try r.history().count == entries)
        #expect(try r.system(id: "sys-a")?.system.purpose == nil)
        // A system the importer thought new was created meanwhile.
        var c = sample("sys-c")
        c.purpose = "new"
        _ = try r.apply(systems: [sample("sys-c")], actor: "someone")
        #expect(throws: RegistryError.self) { try r.apply(systems: [c], actor: "import", expectedVersions: ["sys-c": Int?.none]) }
        // With the versions as they are, the batch goes through.
        let ok = try r.apply(systems: [a, b], actor: "import", expectedVersions: ["sys-a": 1, "sys-b": 2])
        #expect(ok.map(\.kind) == [.changed, .changed])
    }
}
