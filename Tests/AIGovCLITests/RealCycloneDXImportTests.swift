import Foundation
import Testing

/// `aigov import cyclonedx` over real BOMs (Fixtures/import/cyclonedx/real, sources in its
/// README) and over aigov's own export: what arrives in the record, what is noted, and that
/// the export imports back into the same records.
@Suite(.serialized) struct RealCycloneDXImportTests {
    static let real = CLI.fixtures.appendingPathComponent("import/cyclonedx/real").path

    static func bom(_ name: String) -> String { real + "/" + name }

    typealias H = RealHFImportTests

    static func importOne(_ path: String, _ extra: [String] = [], t: TempDir) throws -> (record: [String: Any], run: CLI.Result, db: String) {
        let db = t.file("r-\(UUID().uuidString.prefix(8)).db")
        let r = try CLI.run(["import", "cyclonedx", path, "--system", "sys"] + extra, db: db)
        #expect(r.code == 0, "\(path): \(r.err)")
        return (r.code == 0 ? try H.record("sys", db: db) : [:], r, db)
    }

    // MARK: Fault 8: CycloneDX 1.7

    @Test func aCycloneDX17MachineLearningBOMImports() throws {
        let t = TempDir()
        let (s, run, _) = try Self.importOne(Self.bom("valid-machine-learning-1.7.json"), t: t)
        #expect(run.code == 0)
        let m = H.list(s, "models")
        #expect(m.count == 1)
        #expect(m.first?["name"] as? String == "stable-diffusion")
        #expect(m.first?["version"] as? String == "1.4")
        #expect(m.first?["provider"] as? String == "Acme Inc")
        #expect(m.first?["technique"] as? String == "machine-learning")
        #expect(H.list(s, "datasets").map { $0["name"] as? String } == ["Training Data"])
    }
}
