import Foundation
import Testing

/// One policy per use case (#27), through the real binary: each face adapts one application-
/// layer use case. Every test here failed before its fix.
@Suite struct PolicyOnceTests {
    @Test func whatIfNamesTheNearMissOfAnUnknownVendor() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["demo", "--db", db, "-o", "json"]).code == 0)
        let r = try CLI.run(["what-if", "--vendor", "BigLabb AI", "-o", "json"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("no model has the provider \"BigLabb AI\" (did you mean \"BigLab AI\"?)"), "\(r.err)")
        #expect(r.out.isEmpty)
        // Spelled as the registry does, in another case, it runs.
        let ok = try CLI.run(["what-if", "--vendor", "biglab ai", "-o", "json"], db: db)
        #expect(ok.code == 0 || ok.code == 1, "\(ok.err)")
        #expect(ok.out.contains("\"systems\""))
        // A name far from every provider gets no suggestion, and still exit 2.
        let far = try CLI.run(["what-if", "--vendor", "Nobody At All"], db: db)
        #expect(far.code == 2 && !far.err.contains("did you mean"), "\(far.err)")
    }

    @Test(.enabled(if: CLI.faketime != nil, "faketime is not installed (Debian package faketime)"))
    func anEvaluationThatRanOutOfTimeIsNeverStored() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let x = String(repeating: "x", count: 5_000)
        let systems = t.write("s.yaml", """
            id: calm
            name: Calm
            owner: team
            status: production
            ---
            id: hostile
            name: Hostile
            purpose: \(x)
            owner: team
            status: production

            """)
        #expect(try CLI.run(["apply", "-f", systems], db: db).code == 0)
        _ = t.write("rules.d/org.yaml", """
            rules:
              - id: ORG-009
                title: Purpose ends with y
                severity: high
                remediation: Fix the purpose.
                require: {field: purpose, matches: '(x|xx)+y'}

            """)
        let r = try CLI.runAt("2026-11-30", ["check", "--db", db, "-o", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("rule ORG-009 could not be evaluated"))
        func rows(_ id: String) throws -> String {
            try CLI.exec("/usr/bin/env", ["sqlite3", db, "SELECT count(*) FROM evaluations WHERE system_id = '\(id)'"]).out
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try rows("calm") == "1", "the decided evaluation is stored")
        #expect(try rows("hostile") == "0", "the one that ran out of time is not")
    }
}

extension PolicyOnceTests {
    /// `classify -f --dry-run` writes through the application layer's use case, which, like
    /// `apply --dry-run`, reports records as created when there is no registry yet (before, the
    /// CLI opened the registry itself and failed), and creates nothing.
    @Test func classifyDryRunWithoutARegistryCreatesNothing() throws {
        let t = TempDir()
        let db = t.file("none.db")
        let dir = CLI.fixtures.appendingPathComponent("classification").path
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        let file = dir + "/" + (try #require(files.first))
        let r = try CLI.run(["classify", "-f", file, "--dry-run", "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("would create"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// `aigov waivers` and the pack's waivers.csv read one standing: active through the expiry day.
    @Test func aWaiverIsActiveThroughItsExpiryDayEverywhere() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let w = try CLI.run(["waive", "loan-scoring", "FBK-001", "--reason", "vendor fix", "--approved-by", "risk",
                             "--expires", "2026-12-10"], db: db)
        #expect(w.code == 0, "\(w.err)")
        for (day, state) in [("2026-12-10", "active"), ("2026-12-11", "expired")] {
            let list = try CLI.run(["waivers", "loan-scoring", "--today", day, "-o", "csv"], db: db)
            #expect(list.out.contains("FBK-001,2026-12-10,\(day == "2026-12-10" ? "0" : "'-1"),\(state)"), "\(list.out)")
            let pack = t.file("pack-\(day)")
            #expect(try CLI.run(["export", "pack", "--out", pack, "--today", day], db: db).code == 0)
            let csv = try String(contentsOfFile: pack + "/waivers.csv", encoding: .utf8)
            #expect(csv.contains("2026-12-10,\(state == "active" ? "yes" : "no")"), "\(csv)")
        }
    }
}
