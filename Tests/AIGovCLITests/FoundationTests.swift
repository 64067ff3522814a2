import Foundation
import Testing

/// The foundation issue's "must show" list, through the real binary and real SQLite files.
@Suite struct RegistryCLITests {
    @Test func applyGetYamlRoundTripsToAnotherDatabase() throws {
        let t = TempDir()
        let a = t.file("a.db"), b = t.file("b.db")
        let applied = try CLI.run(["apply", "-f", CLI.examples], db: a)
        #expect(applied.code == 0, "\(applied.err)")
        #expect(applied.out.contains("created   loan-scoring"))
        let yaml = try CLI.run(["get", "-o", "yaml"], db: a)
        #expect(yaml.code == 0)
        #expect(yaml.out.contains("version: '4.1'"), "a version like 4.1 stays text")
        let file = t.write("export.yaml", yaml.out)
        #expect(try CLI.run(["apply", "-f", file], db: b).code == 0)
        let ja = try CLI.run(["get", "-o", "json"], db: a).out
        let jb = try CLI.run(["get", "-o", "json"], db: b).out
        #expect(ja == jb)
        #expect(ja.contains("\"id\" : \"support-chatbot\""))
        // The JSON output reads back too.
        let jfile = t.write("export.json", ja)
        let c = t.file("c.db")
        #expect(try CLI.run(["apply", "-f", jfile], db: c).code == 0)
        #expect(try CLI.run(["get", "-o", "json"], db: c).out == ja)
    }

    @Test func applyingTwiceWritesNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let before = try CLI.dump(db)
        let second = try CLI.run(["apply", "-f", CLI.examples], db: db)
        #expect(second.code == 0)
        #expect(second.out.contains("unchanged loan-scoring"))
        #expect(second.out.contains("0 changed, 7 unchanged"))
        #expect(try CLI.dump(db) == before)
        let history = try CLI.run(["history", "-o", "json"], db: db).out
        let entries = try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]]
        #expect(entries?.count == 7)
    }

    @Test func dryRunReportsChangedFieldsAndWritesNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let before = try CLI.dump(db)
        let edited = try String(contentsOfFile: CLI.examples + "/invoice-ocr.yaml", encoding: .utf8)
            .replacingOccurrences(of: "status: proposed", with: "status: development\ncontact: ap@example.com")
        let file = t.write("invoice.yaml", edited)
        let dry = try CLI.run(["apply", "--dry-run", "-f", file], db: db)
        #expect(dry.code == 0)
        #expect(dry.out.contains("changed   invoice-ocr (contact, status)"))
        #expect(dry.out.contains("nothing written"))
        #expect(try CLI.dump(db) == before)
        let real = try CLI.run(["apply", "-f", file], db: db)
        #expect(real.out.contains("changed   invoice-ocr (contact, status)"))
    }

    static let badInputs: [(name: String, text: String, expected: [String])] = [
        ("unknown-key.yaml", "id: a1\nname: A\nowner: o\nstatus: pilot\ncolour: red\nmodels:\n  - name: m\n    provider: p\n    hostin: api\n",
         ["unknown-key.yaml:colour: unknown key \"colour\"", "unknown-key.yaml:models[0].hostin: unknown key \"hostin\""]),
        ("bad-enum.yaml", "id: a2\nname: A\nowner: o\nstatus: pilot\nmodels:\n  - name: m\n    provider: p\n  - name: n\n    provider: p\n    hosting: cloud\n",
         ["bad-enum.yaml:models[1].hosting: expected one of api, self-hosted, on-device, got \"cloud\""]),
        ("bad-date.yaml", "id: a3\nname: A\nowner: o\nstatus: live\nreview:\n  last_reviewed: 2026-13-01\n",
         ["bad-date.yaml:review.last_reviewed: expected a date YYYY-MM-DD, got \"2026-13-01\"", "bad-date.yaml:status: expected one of proposed"]),
        ("dup-name.yaml", "id: a4\nname: A\nowner: o\nstatus: pilot\ndatasets:\n  - name: d\n  - name: d\n",
         ["dup-name.yaml:datasets[1].name: duplicate dataset name \"d\" (also at datasets[0].name)"]),
        ("malformed.yaml", "id: a5\nname: [unclosed\nowner: o\n", ["malformed.yaml: malformed YAML/JSON at line"]),
        ("missing.json", "{\"id\": \"Bad Id\", \"name\": \"A\", \"status\": \"pilot\"}",
         ["missing.json:id: expected a slug", "missing.json:owner: missing required key \"owner\""]),
    ]

    @Test(arguments: badInputs.indices)
    func badInputIsRejectedWholeAndChangesNothing(_ i: Int) throws {
        let (name, text, expected) = Self.badInputs[i]
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let before = try CLI.dump(db)
        let file = t.write(name, text)
        let r = try CLI.run(["apply", "-f", file], db: db)
        #expect(r.code == 2)
        for e in expected {
            #expect(r.err.contains(file.replacingOccurrences(of: name, with: "") + e) || r.err.contains(e), "missing \(e) in \(r.err)")
        }
        #expect(r.err.contains("nothing was written"))
        #expect(try CLI.dump(db) == before)
    }

    @Test func aFolderWithOneBadFileOfFiveWritesNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["init"], db: db).code == 0)
        let before = try CLI.dump(db)
        for name in ["code-assistant", "cv-screening", "invoice-ocr", "loan-scoring"] {
            let text = try String(contentsOfFile: CLI.examples + "/\(name).yaml", encoding: .utf8)
            _ = t.write("in/\(name).yaml", text)
        }
        _ = t.write("in/sub/broken.yml", "id: broken\nname: B\nowner: o\nstatus: pilot\nmodels:\n  - name: m\n    provider: p\n    role: main\n  - name: m\n    provider: q\neu_ai_act:\n  tier: hihg\n")
        let r = try CLI.run(["apply", "-f", t.file("in")], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("broken.yml:models[0].role: expected one of primary, fallback, component, got \"main\""))
        #expect(r.err.contains("broken.yml:models[1].name: duplicate model name \"m\""))
        #expect(r.err.contains("broken.yml:eu_ai_act.tier: expected one of"))
        #expect(r.err.contains("3 problems"))
        #expect(try CLI.dump(db) == before)
    }

    @Test func stdinIsAnInput() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let text = try String(contentsOfFile: CLI.examples + "/invoice-ocr.yaml", encoding: .utf8)
        let r = try CLI.run(["apply", "-f", "-"], db: db, stdin: text)
        #expect(r.code == 0, "\(r.err)")
        #expect(try CLI.run(["get", "invoice-ocr", "-o", "json"], db: db).out.contains("CloudVision Inc"))
    }

    @Test func editingAnAuditRowIsDetectedAndNamed() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"])
        let r = try CLI.run(["audit", "verify"], db: db)
        #expect(r.code == 1)
        #expect(r.err.contains("entry 3"))
    }

    @Test func deletingAnAuditRowIsDetected() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "DELETE FROM audit_log WHERE seq = 2"])
        let r = try CLI.run(["audit", "verify"], db: db)
        #expect(r.code == 1)
        #expect(r.err.contains("entry 2"))
    }

    @Test func setValidatesLikeAFileAndRecordsHistory() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let ok = try CLI.run(["set", "invoice-ocr", "eu_ai_act.tier=minimal", "review.last_reviewed=2026-11-01", "models[0].version=5.10"], db: db)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("eu_ai_act.tier"))
        #expect(ok.out.contains("now version 2"))
        let yaml = try CLI.run(["get", "invoice-ocr", "-o", "yaml"], db: db).out
        #expect(yaml.contains("tier: minimal"))
        #expect(yaml.contains("version: '5.10'"))
        #expect(yaml.contains("last_reviewed: '2026-11-01'"))

        let before = try CLI.dump(db)
        let bad = try CLI.run(["set", "invoice-ocr", "eu_ai_act.tier=severe", "review.last_reviewed=yesterday"], db: db)
        #expect(bad.code == 2)
        #expect(bad.err.contains("set:eu_ai_act.tier: expected one of"))
        #expect(bad.err.contains("set:review.last_reviewed: expected a date YYYY-MM-DD, got \"yesterday\""))
        #expect(try CLI.dump(db) == before)

        let stale = try CLI.run(["set", "invoice-ocr", "contact=x@example.com", "--if-version", "1"], db: db)
        #expect(stale.code == 2)
        #expect(stale.err.contains("version 2, not 1"))
        #expect(try CLI.dump(db) == before)

        let history = try CLI.run(["history", "invoice-ocr", "-o", "json"], db: db).out
        let entries = try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]]
        #expect(entries?.first?["action"] as? String == "update")
        #expect(entries?.first?["actor"] as? String == "tester")
    }

    @Test func deleteKeepsHistory() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        #expect(try CLI.run(["delete", "support-chatbot"], db: db).code == 0)
        #expect(try CLI.run(["get", "support-chatbot"], db: db).code == 2)
        let h = try CLI.run(["history", "support-chatbot", "-o", "json"], db: db).out
        let entries = try JSONSerialization.jsonObject(with: Data(h.utf8)) as? [[String: Any]]
        #expect(entries?.map { $0["action"] as? String } == ["delete", "unwaive", "waive", "create"])
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }

    @Test func filtersSelectSystems() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let r = try CLI.run(["get", "--tier", "high", "--status", "production", "-o", "csv"], db: db)
        #expect(r.out.split(separator: "\r\n").count == 2, "header and loan-scoring: \(r.out)")
        #expect(r.out.contains("loan-scoring"))
        let tagged = try CLI.run(["get", "--tag", "genai", "-o", "json"], db: db).out
        #expect(tagged.contains("support-chatbot") && tagged.contains("code-assistant") && !tagged.contains("loan-scoring"))
        #expect(try CLI.run(["get", "--tier", "severe"], db: db).code == 2)
    }

    @Test func newDatabaseIsOwnerOnly() throws {
        let t = TempDir()
        let db = t.file("nested/dir/r.db")
        #expect(try CLI.run(["init"], db: db).code == 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aFileThatIsNotARegistryIsRefused() throws {
        let t = TempDir()
        let db = t.write("notes.db", "this is not sqlite, just text that is long enough to look like a header ....................................")
        let r = try CLI.run(["get"], db: db)
        #expect(r.code == 3)
        #expect(r.err.contains("not an aigov registry"))
        #expect(!r.err.contains("Fatal"))
        #expect(try String(contentsOfFile: db, encoding: .utf8).hasPrefix("this is not sqlite"))
    }

    /// Eight processes each run 200 `aigov set` on one system: every change lands, none fails.
    @Test func concurrentWritersLoseNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples + "/invoice-ocr.yaml"], db: db).code == 0)
        let script = """
            fail=0
            for p in 1 2 3 4 5 6 7 8; do
              ( for i in $(seq 1 200); do "$AIGOV" set invoice-ocr "contact=p$p-$i@example.com" >/dev/null || echo "FAIL $p $i"; done ) &
            done
            wait
            """
        let r = try CLI.exec("/bin/bash", ["-c", script], db: db, env: ["AIGOV": CLI.binary])
        #expect(!r.out.contains("FAIL"), "\(r.out) \(r.err)")
        let h = try CLI.run(["history", "invoice-ocr", "-o", "json"], db: db).out
        let entries = try JSONSerialization.jsonObject(with: Data(h.utf8)) as? [[String: Any]] ?? []
        #expect(entries.filter { $0["action"] as? String == "update" }.count == 1600)
        #expect(entries.first?["row_version"] as? Int == 1601)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }

    @Test func demoLoadsItsOwnRegistry() throws {
        let t = TempDir()
        let r = try CLI.run(["demo", "--db", t.file("demo.db"), "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        let list = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
        #expect(list.count >= 12)
        let statuses = Set(list.compactMap { $0["status"] as? String })
        #expect(statuses == ["proposed", "development", "pilot", "production", "retired"])
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["apply"]).code == 2)
        #expect(try CLI.run(["frobnicate"]).code == 2)
        #expect(try CLI.run(["--help"]).code == 0)
        let t = TempDir()
        let r = try CLI.run(["get"], db: t.file("missing.db"))
        #expect(r.code == 2)
        #expect(r.err.contains("no registry at"))
    }
}
