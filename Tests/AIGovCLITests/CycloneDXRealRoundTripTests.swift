import Foundation
import Testing

/// #26 "round trips are exact": each real BOM of the fixture folder imported into a system,
/// exported again with `export -o cyclonedx`, and that export imported into a fresh registry
/// gives the same record (`get -o yaml`), and a second import of it writes nothing.
@Suite struct CycloneDXRealRoundTripTests {
    static let folder = CLI.fixtures.appendingPathComponent("import/cyclonedx/real").path
    /// The real BOMs that hold a model or a dataset (the two data-only examples are refused
    /// on import, which RealCycloneDXImportTests checks).
    static let boms = ["owasp-aibom-generator-expected_aibom", "valid-component-types-1.6", "valid-component-types-1.7",
                       "valid-machine-learning-1.5", "valid-machine-learning-1.6", "valid-machine-learning-1.7",
                       "valid-machine-learning-considerations-env-1.6", "valid-machine-learning-considerations-env-1.7"]

    @Test(arguments: boms) func exportThenImportGivesTheSameRecord(_ name: String) throws {
        let t = TempDir()
        let first = t.file("first.db"), second = t.file("second.db")
        let imported = try CLI.run(["import", "cyclonedx", "\(Self.folder)/\(name).json", "--system", "bom-system"], db: first)
        #expect(imported.code == 0, "\(imported.err)")
        let bom = try CLI.run(["export", "-o", "cyclonedx"], db: first)
        #expect(bom.code == 0, "\(bom.err)")
        let file = t.write("export.json", bom.out)
        let again = try CLI.run(["import", "cyclonedx", file], db: second)
        #expect(again.code == 0, "\(again.err)")
        let a = try CLI.run(["get", "-o", "yaml"], db: first).out
        let b = try CLI.run(["get", "-o", "yaml"], db: second).out
        #expect(!a.isEmpty)
        #expect(a == b)
        let before = try CLI.run(["history", "--limit", "1000", "-o", "json"], db: second).out
        #expect(try CLI.run(["import", "cyclonedx", file], db: second).code == 0)
        #expect(try CLI.run(["history", "--limit", "1000", "-o", "json"], db: second).out == before)
    }
}
