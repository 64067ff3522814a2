import Foundation
import Testing

/// #26 "the evidence hash covers the part of the source each system came from": a register
/// file of seven real entries (Centric's templates) re-imported with one entry changed changes
/// that system's register-entry evidence hash only.
@Suite struct RegisterEvidencePartTests {
    static let file = CLI.fixtures.appendingPathComponent("import/algoritmeregister/real/centric.json").path

    static func hashes(_ db: String) throws -> [String: String] {
        let out = try CLI.run(["get", "-o", "json"], db: db).out
        let systems = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        var result: [String: String] = [:]
        for s in systems {
            let evidence = s["evidence"] as? [[String: Any]] ?? []
            result[s["id"] as? String ?? ""] = evidence.first { $0["kind"] as? String == "register-entry" }?["sha256"] as? String
        }
        return result
    }

    @Test func changingOneEntryChangesOnlyItsSystemsEvidence() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let first = try CLI.run(["import", "algoritmeregister", Self.file, "--owner", "Gemeente"], db: db)
        #expect(first.code == 0, "\(first.err)")
        let before = try Self.hashes(db)
        #expect(before.count == 7)
        #expect(Set(before.values).count == 7, "each entry has a hash of its own")
        // The WOZ entry's short description changes; the other six entries are the same bytes.
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "Taxatiemodellen voor de bereke", with: "Taxatiemodellen (herzien) voor de bereke")
        #expect(changed != text)
        let second = try CLI.run(["import", "algoritmeregister", t.write("centric.json", changed), "--owner", "Gemeente"], db: db)
        #expect(second.code == 0, "\(second.err)")
        let after = try Self.hashes(db)
        let moved = before.keys.filter { before[$0] != after[$0] }
        #expect(moved == ["centric-belastingen-woz"], "\(moved)")
    }
}
