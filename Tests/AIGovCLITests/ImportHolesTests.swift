import Foundation
import Testing

/// Import holes the red team found (#27): each refused with its path named, nothing written.
@Suite struct ImportHolesTests {
    static let register = CLI.fixtures.appendingPathComponent("import/algoritmeregister/entry-older-keys.json").path

    @Test func twoRegisterEntriesWithOneSourceIdAreRefusedNamingBoth() throws {
        let t = TempDir()
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.register))
        let root = try JSONSerialization.jsonObject(with: data)
        var entry = try #require(((root as? [Any])?.first ?? root) as? [String: Any])
        entry["source_id"] = "dup-1"
        let file = t.file("dup.json")
        try JSONSerialization.data(withJSONObject: [entry, entry]).write(to: URL(fileURLWithPath: file))
        let db = t.file("r.db")
        let r = try CLI.run(["import", "algoritmeregister", file], db: db)
        #expect(r.code == 2, "\(r.out)\(r.err)")
        #expect(r.err.contains("dup.json:[1].source_id: source_id \"dup-1\" is also the source_id of \(file):[0]"), "\(r.err)")
        if FileManager.default.fileExists(atPath: db) {
            let listed = try CLI.run(["get", "-o", "json"], db: db).out
            #expect(!listed.contains("dup-1"))
        }
    }

    @Test(arguments: [("supplier", "\"BigLab AI\"", "expected an object"), ("licenses", "\"MIT\"", "expected an array"),
                      ("version", "[1, 2]", "expected a string")])
    func aCycloneDXFieldOfTheWrongTypeIsRefused(_ key: String, _ value: String, _ expected: String) throws {
        let t = TempDir()
        let bom = """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
             "components": [{"type": "machine-learning-model", "name": "m", "\(key)": \(value)}]}
            """
        let file = t.write("bom.json", bom)
        let db = t.file("r.db")
        let r = try CLI.run(["import", "cyclonedx", file, "--system", "x-1"], db: db)
        #expect(r.code == 2, "\(r.out)\(r.err)")
        #expect(r.err.contains("bom.json:components[0].\(key): \(expected)"), "\(r.err)")
    }
}
