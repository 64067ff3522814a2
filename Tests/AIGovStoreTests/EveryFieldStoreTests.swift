import AIGovCore
import AIGovFormats
@testable import AIGovStore
import Foundation
import GRDB
import Testing

/// The every-field fixture through the database: what is read back is compared with what was
/// written, field by field, so a column that SystemRows stops writing or reading (or that
/// schema.sql drops) fails here by name — comparing one database with another would not see
/// a column both sides lose.
@Suite struct EveryFieldStoreTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AIGovCLITests/Fixtures/every-field.yaml")

    static func record() throws -> AISystem {
        var parsed = ParsedInput()
        InputLoader.parse(data: try Data(contentsOf: fixture), file: "every-field.yaml", into: &parsed)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        return try #require(parsed.systems.first?.system)
    }

    static func open() throws -> Registry {
        let dir = NSTemporaryDirectory() + "aigov-every-field-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try Registry.open(path: dir + "/r.db", create: true)
    }

    /// Each path (`models[1].version`) whose value read back differs from the value written.
    static func mismatches(wrote a: AISystem, read b: AISystem) -> [String] {
        var out: [String] = []
        for f in RecordCatalog.recordFields {
            let va = f.value(a), vb = f.value(b)
            if va != vb { out.append("\(f.info.path): wrote \(va), read \(vb)") }
            guard case let .entries(n) = va, case let .entries(m) = vb else { continue }
            for i in 0..<min(n, m) {
                for e in f.entryFields where e.value(a, i) != e.value(b, i) {
                    out.append("\(f.info.key)[\(i)].\(e.info.key): wrote \(e.value(a, i)), read \(e.value(b, i))")
                }
            }
        }
        return out
    }

    /// Insert, then read back one system and the whole registry: every field survives.
    @Test func everyFieldSurvivesTheDatabase() throws {
        let s = try Self.record()
        let r = try Self.open()
        _ = try r.apply(systems: [s], actor: "tester")
        let back = try #require(try r.system(id: s.id)).system
        #expect(Self.mismatches(wrote: s, read: back) == [])
        #expect(back == s)
        let listed = try #require(try r.systems().first).system
        #expect(Self.mismatches(wrote: s, read: listed) == [])
        // Re-applying what was read must be a no-op: a lost column would show as a change.
        let again = try r.apply(systems: [s], actor: "tester")
        #expect(again.map(\.kind) == [.unchanged])
    }

    /// An update rewrites every row: the fields survive it too, and the audit entry names
    /// every field that changed, by its catalog path.
    @Test func everyFieldSurvivesAnUpdate() throws {
        let s = try Self.record()
        let r = try Self.open()
        let bare = AISystem(id: s.id, name: s.name, owner: s.owner, status: s.status)
        _ = try r.apply(systems: [bare], actor: "tester")
        let out = try r.apply(systems: [s], actor: "tester")
        let back = try #require(try r.system(id: s.id))
        #expect(back.rowVersion == 2)
        #expect(Self.mismatches(wrote: s, read: back.system) == [])
        // Blocks that appear with fields set are named by those fields, not by their own key.
        let expected = RecordCatalog.recordFields.filter { f in
            if case .block = f.info.kind { return false }
            return f.value(bare) != f.value(s)
        }.map(\.info.path)
        #expect(out.first?.fields == expected)
    }

    /// An update rewrites the `systems` row and only the tables of the parts that changed
    /// (#25). Each top-level part in turn is removed and put back: what is read back is what
    /// was written every time; emptied, the system leaves no row behind in any table that
    /// holds its parts.
    @Test func eachPartSurvivesBeingRemovedAndRestored() throws {
        let s = try Self.record()
        let r = try Self.open()
        _ = try r.apply(systems: [s], actor: "tester")
        var parts: [String] = []
        for f in RecordCatalog.recordFields where !f.info.path.contains(".") {
            let (assignments, problems) = FieldSetter.parse(["\(f.info.key)="])
            guard problems.isEmpty, let without = try? FieldSetter.apply(assignments, to: s), without != s else { continue }
            parts.append(f.info.key)
            for next in [without, s] {
                let out = try r.apply(systems: [next], actor: "tester")
                #expect(out.map(\.kind) == [.changed], "\(f.info.key)")
                let back = try #require(try r.system(id: s.id)).system
                #expect(Self.mismatches(wrote: next, read: back) == [], "\(f.info.key)")
                #expect(back == next, "\(f.info.key)")
            }
        }
        // Every list and block of the fixture was among them.
        for key in ["tags", "models", "datasets", "oversight", "fallbacks", "evidence", "risks", "metrics", "suppliers",
                    "classification", "fria", "registration", "eu_ai_act", "impact", "review"] {
            #expect(parts.contains(key), "\(key) was not exercised")
        }
        let bare = AISystem(id: s.id, name: s.name, owner: s.owner, status: s.status)
        _ = try r.apply(systems: [bare], actor: "tester")
        #expect(try #require(try r.system(id: s.id)).system == bare)
        let left = try r.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('evaluations', 'findings')").filter { table in
                try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).contains { ($0[0] as String) == "system_id" }
                    && (try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE system_id = ?", arguments: [s.id]) ?? 0) > 0
            }
        }
        #expect(left == [], "rows left behind by the emptied system")
    }
}
