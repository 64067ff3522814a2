import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation
import Testing

/// The registry-as-code policies of the application layer, without the binary.
struct RegistryAsCodeTests {
    static func deletions(_ n: Int) -> [ChangeOutcome] {
        (0..<n).map { ChangeOutcome(kind: .deleted, entity: "system", id: "s\($0)", fields: [], rowVersion: nil) }
    }

    @Test func pruneIsRefusedForAnEmptyInputOrMoreThanHalf() throws {
        #expect(throws: InputRejected.self) {
            try PrunePolicy.check(deletions: [], counts: PruneCounts(systems: 3), inputSystems: 0, pruneAll: true, source: "x")
        }
        #expect(throws: InputRejected.self) {
            try PrunePolicy.check(deletions: Self.deletions(3), counts: PruneCounts(systems: 5), inputSystems: 2, pruneAll: false, source: "x")
        }
        try PrunePolicy.check(deletions: Self.deletions(3), counts: PruneCounts(systems: 5), inputSystems: 2, pruneAll: true, source: "x")
        try PrunePolicy.check(deletions: Self.deletions(2), counts: PruneCounts(systems: 4), inputSystems: 2, pruneAll: false, source: "x")
        // Waiver deletions do not count towards the half.
        let waivers = (0..<9).map { ChangeOutcome(kind: .deleted, entity: "waiver", id: "a/R\($0)", fields: [], rowVersion: nil) }
        try PrunePolicy.check(deletions: waivers, counts: PruneCounts(systems: 2), inputSystems: 2, pruneAll: false, source: "x")
        // Incidents have a half of their own: a tree written before trees held incidents
        // would otherwise delete every one.
        let incidents = (0..<3).map { ChangeOutcome(kind: .deleted, entity: "incident", id: "inc-\($0)", fields: [], rowVersion: nil) }
        #expect(throws: InputRejected.self) {
            try PrunePolicy.check(deletions: incidents, counts: PruneCounts(systems: 4, incidents: 3), inputSystems: 4, pruneAll: false, source: "x")
        }
        try PrunePolicy.check(deletions: Array(incidents.prefix(1)), counts: PruneCounts(systems: 4, incidents: 3), inputSystems: 4, pruneAll: false, source: "x")
        try PrunePolicy.check(deletions: incidents, counts: PruneCounts(systems: 4, incidents: 3), inputSystems: 4, pruneAll: true, source: "x")
    }

    @Test func auditPointsAreBounded() {
        #expect(AuditPoint("12") == .seq(12))
        #expect(AuditPoint("0") == .seq(0))
        #expect(AuditPoint("2026-08-02") == .endOfDay(Day("2026-08-02") ?? Day(ordinal: 0)))
        for bad in ["", "-1", "1e3", "99999999999999999999", "1000000000001", "2026-02-30", "2026-08-02T10:00", "x"] {
            #expect(AuditPoint(bad) == nil, "\(bad)")
        }
    }

    @Test func aTreeRefusesIdsThatAreNotFileNamesAndWritesNothing() throws {
        // The reader refuses such ids already; the tree checks again, whatever a record holds.
        let w = Waiver(system: "a", rule: "../../etc", reason: "r", approvedBy: "b", expires: Day(ordinal: 0))
        #expect(throws: TreeError.self) { try RegistryTree.files(systems: [], waivers: [w]) }
        let dir = NSTemporaryDirectory() + "aigov-tree-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RegistryTree.write(try RegistryTree.files(systems: [], waivers: []), to: dir)
        #expect(RegistryTree.isTree(dir))
        #expect(FileManager.default.fileExists(atPath: dir + "/README.md"))
    }

    @Test func historyShowsEachChangedFieldOldAndNew() throws {
        let json = #"{"seq":3,"at":"2026-08-02T10:00:00.000Z","actor":"alice","action":"update","entity":"system","entity_id":"a","row_version":2,"changes":"[\"owner\",\"eu_ai_act.tier\",\"tags\"]","before":"{\"eu_ai_act\":{\"tier\":\"limited\"},\"id\":\"a\",\"owner\":\"x\",\"tags\":[\"a\"]}","after":"{\"eu_ai_act\":{\"tier\":\"high\"},\"id\":\"a\",\"owner\":\"y\"}","prev_hash":"0","hash":"0"}"#
        let e = try JSONDecoder().decode(AuditEntry.self, from: Data(json.utf8))
        #expect(FieldDiff.changes(in: e) == [
            FieldChange(field: "owner", before: "x", after: "y"),
            FieldChange(field: "eu_ai_act.tier", before: "limited", after: "high"),
            FieldChange(field: "tags", before: "[\"a\"]", after: "(none)"),
        ])
    }
}
