import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The rules-engine issue's "must show" list, through the real binary.
@Suite struct CheckCLITests {
    static func findings(_ json: String) throws -> [[String: Any]] {
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return obj?["findings"] as? [[String: Any]] ?? []
    }

    static func find(_ list: [[String: Any]], _ system: String, _ rule: String) -> [String: Any]? {
        list.first { $0["system"] as? String == system && $0["rule"] as? String == rule }
    }

    static func expectMustShow(_ json: String) throws {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(obj["today"] as? String == "2026-11-24")
        #expect(obj["timeline"] as? String == "amended")
        let summary = try #require(obj["summary"] as? [String: Any])
        #expect(summary["systems"] as? Int == 6)
        let list = try findings(json)
        let fbk2 = find(list, "support-chatbot", "FBK-002")
        #expect(fbk2?["status"] as? String == "waived")
        #expect((fbk2?["waiver"] as? [String: Any])?["approved_by"] as? String == "head-of-risk")
        #expect((fbk2?["waiver"] as? [String: Any])?["expires"] as? String == "2027-03-31")
        #expect(find(list, "support-chatbot", "FBK-008")?["severity"] as? String == "high")
        #expect(find(list, "support-chatbot", "FBK-008")?["status"] as? String == "open")
        #expect(find(list, "support-chatbot", "TRN-001")?["severity"] as? String == "high")
        #expect(find(list, "support-chatbot", "TRN-001")?["status"] as? String == "open")
        #expect(find(list, "support-chatbot", "MOD-006")?["severity"] as? String == "info")
        #expect(find(list, "support-chatbot", "MOD-006")?["status"] as? String == "open")
        #expect(find(list, "cv-screening", "HRP-001")?["status"] as? String == "upcoming")
        #expect(find(list, "cv-screening", "HRP-001")?["due"] as? String == "2027-12-02")
        #expect(find(list, "cv-screening", "FBK-003")?["severity"] as? String == "high")
        #expect(find(list, "cv-screening", "FBK-003")?["status"] as? String == "open")
        #expect(find(list, "workplace-mood", "INV-004")?["severity"] as? String == "high")
        #expect(find(list, "workplace-mood", "INV-004")?["status"] as? String == "open")
        // loan-scoring's one finding is CLS-003 (low): its tier rests on no classification answers.
        #expect(list.filter { $0["system"] as? String == "loan-scoring" }.map { $0["rule"] as? String } == ["CLS-003"])
        for f in list {
            for key in ["rule", "system", "severity", "status", "path", "message", "reference", "remediation"] {
                #expect(f[key] is String, "finding lacks \(key): \(f)")
            }
            #expect(f.keys.contains("due") && f.keys.contains("waiver"))
        }
    }

    @Test func checkOnFilesShowsTheExpectedFindings() throws {
        let r = try CLI.run(["check", "-f", CLI.examples, "--today", "2026-11-24", "-o", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        try Self.expectMustShow(r.out)
    }

    @Test func checkOnTheDatabaseGivesTheSameFindings() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let fromDB = try CLI.run(["check", "--today", "2026-11-24", "-o", "json", "--fail-on", "never"], db: db)
        #expect(fromDB.code == 0, "\(fromDB.err)")
        try Self.expectMustShow(fromDB.out)
        let fromFiles = try CLI.run(["check", "-f", CLI.examples, "--today", "2026-11-24", "-o", "json", "--fail-on", "never"])
        #expect(fromDB.out == fromFiles.out)
    }

    @Test func originalTimelineMakesHighRiskDutiesOpen() throws {
        let r = try CLI.run(["check", "-f", CLI.examples, "--today", "2026-11-24", "--timeline", "original", "-o", "json", "--fail-on", "never"])
        let list = try Self.findings(r.out)
        #expect(Self.find(list, "cv-screening", "HRP-001")?["status"] as? String == "open")
        #expect(r.out.contains("\"timeline\": \"original\""))
    }

    @Test func failOnSetsTheExitCode() throws {
        let base = ["check", "-f", CLI.examples, "--today", "2026-11-24", "-o", "json"]
        #expect(try CLI.run(base).code == 1, "default high: there are open high findings")
        #expect(try CLI.run(base + ["--fail-on", "critical"]).code == 0, "no open critical findings in the examples")
        #expect(try CLI.run(base + ["--fail-on", "never"]).code == 0)
        let loan = ["check", "-f", CLI.examples + "/loan-scoring.yaml", "--today", "2026-11-24", "-o", "json", "--fail-on", "info"]
        #expect(try CLI.run(loan).code == 1, "CLS-003 (low): loan-scoring carries no classification answers")
        #expect(try CLI.run(base + ["--fail-on", "severe"]).code == 2)
    }

    @Test func malformedFileExitsTwo() throws {
        let t = TempDir()
        let f = t.write("bad.yaml", "id: x1\nname: [oops\n")
        let r = try CLI.run(["check", "-f", f, "-o", "json"])
        #expect(r.code == 2)
        #expect(r.err.contains("bad.yaml: malformed YAML/JSON"))
        #expect(r.out.isEmpty)
    }

    @Test func sarifHasRulesLevelsAndLocations() throws {
        let r = try CLI.run(["check", "-f", CLI.examples, "--today", "2026-11-24", "-o", "sarif", "--fail-on", "never"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(obj["version"] as? String == "2.1.0")
        let run = try #require((obj["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count >= 69)
        #expect(rules.allSatisfy { $0["id"] is String && $0["shortDescription"] != nil && $0["help"] != nil })
        let results = try #require(run["results"] as? [[String: Any]])
        let fbk8 = try #require(results.first { $0["ruleId"] as? String == "FBK-008" })
        #expect(fbk8["level"] as? String == "error")
        let loc = try #require((fbk8["locations"] as? [[String: Any]])?.first)
        let phys = try #require(loc["physicalLocation"] as? [String: Any])
        #expect(((phys["artifactLocation"] as? [String: Any])?["uri"] as? String)?.hasSuffix("support-chatbot.yaml") == true)
        // fallbacks[0].model is on line 43 of support-chatbot.yaml.
        #expect((phys["region"] as? [String: Any])?["startLine"] as? Int == 43)
        let mod6 = try #require(results.first { $0["ruleId"] as? String == "MOD-006" })
        #expect(mod6["level"] as? String == "note")
        let waived = try #require(results.first { $0["ruleId"] as? String == "FBK-002" })
        #expect(waived["level"] as? String == "warning")
        #expect((waived["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "external")
        // From the database: a logical location with the system id, no file.
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let fromDB = try CLI.run(["check", "--today", "2026-11-24", "-o", "sarif", "--fail-on", "never"], db: db)
        #expect(!fromDB.out.contains("physicalLocation"))
        #expect(fromDB.out.contains("\"logicalLocations\": [{\"name\": \"support-chatbot\""))
    }

    // The SARIF schema is not shipped with aigov; set SARIF_SCHEMA to a copy of
    // sarif-schema-2.1.0.json (python3 with jsonschema installed) to validate here.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SARIF_SCHEMA"] != nil, "SARIF_SCHEMA is not set"))
    func sarifValidatesAgainstTheSchemaWhenAvailable() throws {
        let schema = try #require(ProcessInfo.processInfo.environment["SARIF_SCHEMA"])
        let t = TempDir()
        let out = try CLI.run(["check", "-f", CLI.examples, "--today", "2026-11-24", "-o", "sarif", "--fail-on", "never"]).out
        let file = t.write("c.sarif", out)
        let py = "import json,jsonschema,sys; jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))"
        let r = try CLI.exec("/usr/bin/env", ["python3", "-c", py, schema, file])
        #expect(r.code == 0, "\(r.err)")
    }

    @Test func junitParsesAndCountsFailures() throws {
        let r = try CLI.run(["check", "-f", CLI.examples, "--today", "2026-11-24", "-o", "junit", "--fail-on", "never"])
        let doc = try XMLDocument(data: Data(r.out.utf8))
        let root = try #require(doc.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 6)
        let chatbot = try #require(suites.first { $0.attribute(forName: "name")?.stringValue == "support-chatbot" })
        let cases = chatbot.elements(forName: "testcase")
        #expect(Int(chatbot.attribute(forName: "tests")?.stringValue ?? "") == cases.count)
        let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }
        #expect(Int(chatbot.attribute(forName: "failures")?.stringValue ?? "") == failed.count)
        #expect(failed.contains { $0.attribute(forName: "name")?.stringValue?.hasPrefix("FBK-008") == true })
        let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }
        #expect(skipped.contains { $0.attribute(forName: "name")?.stringValue?.hasPrefix("FBK-002") == true })
        let loan = try #require(suites.first { $0.attribute(forName: "name")?.stringValue == "loan-scoring" })
        #expect(loan.attribute(forName: "failures")?.stringValue == "1")  // CLS-003: no classification answers
        #expect((Int(loan.attribute(forName: "tests")?.stringValue ?? "") ?? 0) > 30)
    }

    @Test func waiversThroughTheCLIAreAuditedAndExpire() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let w = try CLI.run(["waive", "cv-screening", "fbk-003", "--reason", "manual path being built", "--expires", "2026-12-31",
                             "--approved-by", "cro", "--today", "2026-11-24"], db: db)
        #expect(w.code == 0, "\(w.err)")
        func status(_ today: String) throws -> String? {
            let out = try CLI.run(["check", "cv-screening", "--today", today, "-o", "json", "--fail-on", "never"], db: db).out
            return Self.find(try Self.findings(out), "cv-screening", "FBK-003")?["status"] as? String
        }
        #expect(try status("2026-12-31") == "waived", "a waiver holds through its expiry day")
        #expect(try status("2027-01-01") == "open")
        let list = try CLI.run(["waivers", "--today", "2026-11-24", "-o", "json"], db: db).out
        #expect(list.contains("\"days_left\" : 37"))
        let h = try CLI.run(["history", "cv-screening/FBK-003", "-o", "json"], db: db).out
        #expect(h.contains("\"action\" : \"waive\""))
        #expect(try CLI.run(["waive", "nope", "FBK-003", "--reason", "r", "--expires", "2027-01-01", "--approved-by", "x"], db: db).code == 2)
        let badRule = try CLI.run(["waive", "cv-screening", "XYZ-999", "--reason", "r", "--expires", "2027-01-01", "--approved-by", "x"], db: db)
        #expect(badRule.code == 2)
        #expect(badRule.err.contains("unknown rule id \"XYZ-999\""))
        let badDoc = t.write("w.yaml", "kind: waiver\nsystem: cv-screening\nrule: NOPE-001\nreason: r\napproved_by: a\nexpires: 2027-01-01\n")
        let applied = try CLI.run(["apply", "-f", badDoc], db: db)
        #expect(applied.code == 2)
        #expect(applied.err.contains("w.yaml:rule: unknown rule id \"NOPE-001\""))
        #expect(try CLI.run(["unwaive", "cv-screening", "FBK-003"], db: db).code == 0)
        #expect(try status("2026-12-01") == "open")
    }

    @Test func rulesAndExplain() throws {
        let r = try CLI.run(["rules", "-o", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
        #expect(list.count == 85)  // 71 (INV-013, INV-014 of rules v3) + CLS-001…007 (CLASSIFY.md) + FRI-001…003 and INC-001…004 (OPERATIONS.md)
        let e = try CLI.run(["explain", "HRP-001"])
        #expect(e.out.contains("Art. 9"))
        #expect(e.out.contains("2026-08-02 (Annex III)"))
        #expect(e.out.contains("2027-12-02 (Annex III)"))
        #expect(try CLI.run(["explain", "NOPE-1"]).code == 2)
    }

    @Test func tableOutputHonoursNoColorAndSanitises() throws {
        let t = TempDir()
        let f = t.write("evil.yaml", "id: evil\nname: \"Evil \\e[31m\"\nowner: o\nstatus: production\npurpose: \"\\e]0;pwned\\a\"\n")
        // Control characters are refused at input, and the refusal itself is sanitised.
        let r = try CLI.run(["check", "-f", f, "-o", "table", "--fail-on", "never"], env: ["NO_COLOR": "1"])
        #expect(r.code == 2, "\(r.err)")
        #expect(!r.out.contains("\u{1B}") && !r.err.contains("\u{1B}"))
        #expect(r.err.contains("evil.yaml:name: contains the control character U+001B"))
        // A record holding one anyway (written by an older aigov or by hand) is printed sanitised.
        let t2 = TempDir()
        let db = t2.file("r.db")
        #expect(try CLI.run(["apply", "-f", t.write("ok.yaml", "id: evil\nname: Evil\nowner: o\nstatus: production\n")], db: db).code == 0)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "UPDATE systems SET name = 'Evil' || char(27) || '[31m' WHERE id = 'evil'"])
        let table = try CLI.run(["check", "-o", "table", "--fail-on", "never"], db: db, env: ["NO_COLOR": "1"])
        #expect(table.code == 0, "\(table.err)")
        #expect(!table.out.contains("\u{1B}"))
        #expect(table.out.contains("evil  score"))
    }

    /// On a terminal the byte writer sanitises every piece it is given and keeps only whole
    /// colour sequences: the table writer's pieces must keep each sequence whole (issue #25).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) gives the run a terminal"))
    func tableOnATerminalKeepsItsColours() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["demo", "--db", db]).code == 0)
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "\(q(CLI.binary)) check -o table --fail-on never --today 2026-11-30 --db \(q(db))"
        let r = try CLI.exec("/usr/bin/env", ["-u", "NO_COLOR", "TERM=xterm", "/usr/bin/script", "-qec", command, "/dev/null"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("\u{1B}[1mloan-scoring\u{1B}[0m  score"), "\(r.out.prefix(400))")
        #expect(r.out.contains("\u{1B}[31mhigh    \u{1B}[0m open "), "\(r.out.prefix(400))")
        #expect(!r.out.contains("\u{241B}"), "no colour sequence was made visible")
    }
}
