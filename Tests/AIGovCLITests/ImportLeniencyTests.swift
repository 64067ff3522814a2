import Foundation
import Testing

/// Foreign formats are read as their sources publish them (issue #22): keys the source's own
/// schemas define in any version are read or ignored by name; keys no version defines are named
/// in one warning line and the import goes on; input that is not that source at all is refused
/// with nothing written. aigov's own format stays strict.
@Suite struct ImportLeniencyTests {
    static let register = CLI.fixtures.appendingPathComponent("import/algoritmeregister/entry-older-keys.json").path

    static func warnings(_ r: CLI.Result) -> [Substring] { r.err.split(separator: "\n").filter { $0.hasPrefix("aigov: warning:") } }

    @Test func aRegisterEntryWithOlderAndResponseKeysImportsWhole() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let r = try CLI.run(["import", "algoritmeregister", Self.register], db: db)
        #expect(r.code == 0, "\(r.err)")
        // id, uuid, type, iama_description, source_data_link, lars, create_dt: all defined by some
        // version of the register's schemas, so no warning line.
        #expect(Self.warnings(r).isEmpty, "\(r.err)")
        let got = try CLI.run(["get", "parkeerscan-voorbeeldstad", "-o", "json"], db: db)
        #expect(got.code == 0, "\(got.err)")
        let parsed = try JSONSerialization.jsonObject(with: Data(got.out.utf8))
        let s = try #require((parsed as? [String: Any]) ?? (parsed as? [[String: Any]])?.first)
        #expect(s["name"] as? String == "Parkeerscan")
        #expect(s["owner"] as? String == "Gemeente Voorbeeldstad")
        #expect(s["contact"] as? String == "algoritmes@voorbeeldstad.example.nl")
        #expect(s["status"] as? String == "production")
        #expect(s["legal_basis"] as? String == "Gemeentewet art. 234")
        #expect((s["eu_ai_act"] as? [String: Any])?["public_body"] as? Bool == true)
        let models = try #require(s["models"] as? [[String: Any]])
        #expect(models.first?["name"] as? String == "plate-reader")
        #expect(models.first?["provider"] as? String == "ScanVendor BV")
        #expect((s["datasets"] as? [[String: Any]])?.first?["name"] as? String == "camera images of parked cars")
        #expect((s["oversight"] as? [[String: Any]])?.first?["mechanism"] as? String == "An enforcement officer reviews every detection before a fine is issued.")
        #expect((s["risks"] as? [[String: Any]])?.count == 1)
        #expect((s["tags"] as? [String])?.contains("algoritmeregister:parkeerscan-voorbeeldstad") == true)
        // A second import of the same file writes nothing.
        let entries = try HardeningTests.sql(db, "SELECT count(*) FROM audit_log")
        #expect(try CLI.run(["import", "algoritmeregister", Self.register], db: db).code == 0)
        #expect(try HardeningTests.sql(db, "SELECT count(*) FROM audit_log") == entries)
    }

    @Test func aKeyNoVersionDefinesIsOneWarningLine() throws {
        let t = TempDir()
        let text = try String(contentsOfFile: Self.register, encoding: .utf8)
            .replacingOccurrences(of: "\"id\": 4711,", with: "\"id\": 4711, \"frobnicate\": true, \"x_internal\": \"a\",")
        let file = t.write("entry.json", text)
        let r = try CLI.run(["import", "algoritmeregister", file], db: t.file("r.db"))
        #expect(r.code == 0, "\(r.err)")
        let w = Self.warnings(r)
        #expect(w.count == 1, "\(r.err)")
        #expect(w.first?.contains("[0].frobnicate") == true && w.first?.contains("[0].x_internal") == true, "\(r.err)")
        #expect(w.first?.contains("uuid") == false)
    }

    @Test func inputThatIsNotTheSourceIsRefusedAndWritesNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let bom = t.write("bom.json", #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": []}"#)
        let dump = try CLI.dump(db)
        let r = try CLI.run(["import", "algoritmeregister", bom], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("not an Algorithm Register algorithm"), "\(r.err)")
        #expect(try CLI.dump(db) == dump)
        // Wrong values are refused too, path named.
        let bad = try String(contentsOfFile: Self.register, encoding: .utf8)
            .replacingOccurrences(of: "\"category\": [\"Verkeer\"]", with: "\"category\": [\"Nonsense\"]")
        let refused = try CLI.run(["import", "algoritmeregister", t.write("bad.json", bad)], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("[0].category[0]"), "\(refused.err)")
        #expect(try CLI.dump(db) == dump)
    }

    @Test func aModelCardWithAnUnknownMetadataKeyImportsWithAWarning() throws {
        let t = TempDir()
        let card = try String(contentsOfFile: CLI.fixtures.appendingPathComponent("import/hf/roberta-base-squad2/README.md").path, encoding: .utf8)
            .replacingOccurrences(of: "language: en\n", with: "language: en\nour_team_notes: internal\n")
        let dir = t.path + "/deepset--roberta-base-squad2"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = t.write("deepset--roberta-base-squad2/README.md", card)
        let r = try CLI.run(["import", "hf", dir, "--system", "qa-bot"], db: t.file("r.db"))
        #expect(r.code == 0, "\(r.err)")
        let w = Self.warnings(r)
        #expect(w.count == 1 && w.first?.contains("our_team_notes") == true, "\(r.err)")
        #expect(w.first?.contains("license") == false)
    }

    @Test func aBOMWithAnUnknownKeyImportsWithAWarning() throws {
        let t = TempDir()
        let demo = t.file("demo.db")
        #expect(try CLI.run(["demo", "--db", demo, "-o", "json"]).code == 0)
        let bom = try CLI.run(["export", "-o", "cyclonedx", "--system", "loan-scoring"], db: demo).out
        var object = try #require(try JSONSerialization.jsonObject(with: Data(bom.utf8)) as? [String: Any])
        object["x-vendor-extension"] = ["a": 1]
        let file = t.write("bom.json", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let r = try CLI.run(["import", "cyclonedx", file, "--system", "credit-copy"], db: t.file("r.db"))
        #expect(r.code == 0, "\(r.err)")
        let w = Self.warnings(r)
        #expect(w.count == 1 && w.first?.contains("x-vendor-extension") == true, "\(r.err)")
        // The export itself carries nothing unknown.
        let clean = try CLI.run(["import", "cyclonedx", t.write("clean.json", bom), "--system", "credit-copy-2"], db: t.file("r2.db"))
        #expect(clean.code == 0, "\(clean.err)")
        #expect(Self.warnings(clean).isEmpty, "\(clean.err)")
    }
}
