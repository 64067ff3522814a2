import Foundation
import Testing

/// `aigov classify` from scripts (CLASSIFY.md): the JSON shape, --write, --dry-run, and bad
/// answers refused with nothing written. The fixtures are the three classification examples.
@Suite struct ClassifyCLITests {
    static let cases = CLI.fixtures.appendingPathComponent("classification").path

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func outcomesOfTheExamplesAreCLASSIFYsJSON() throws {
        let r = try CLI.run(["classify", "-f", Self.cases, "-o", "json", "--today", "2026-11-30"])
        #expect(r.code == 0, "\(r.err)")
        let got = try #require(try Self.json(r.out) as? [[String: Any]])
        let expected = try #require(try Self.json(String(contentsOfFile: CLI.fixtures.appendingPathComponent("classification-expected-outcomes.json").path, encoding: .utf8)) as? [[String: Any]])
        #expect(got.count == 3)
        for e in expected {
            let id = try #require(e["system"] as? String)
            let g = try #require(got.first { $0["system"] as? String == id }, "\(id) missing")
            for key in ["system", "questionnaire", "tier", "flags", "obligations"] {
                #expect(NSDictionary(dictionary: ["v": g[key] as Any]).isEqual(to: ["v": e[key] as Any]), "\(id).\(key): \(g[key] ?? "nil") vs \(e[key] ?? "nil")")
            }
            // Every key of CLASSIFY.md's shape, and no other.
            #expect(Set(g.keys) == ["system", "questionnaire", "tier", "flags", "obligations", "trail", "changes"])
            let trail = try #require(g["trail"] as? [[String: String]])
            #expect(trail.first?["article"] == "Art. 3(1)")
            #expect(trail.allSatisfy { Set($0.keys) == ["article", "text"] })
        }
        // hiring-ranker's record says limited; the answers say high.
        let hiring = try #require(got.first { $0["system"] as? String == "hiring-ranker" })
        let changes = try #require(hiring["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["field"] as? String == "eu_ai_act.tier" && $0["from"] as? String == "limited" && $0["to"] as? String == "high" })
        // benefit-eligibility's tier and flags agree with its answers but for rules v3's
        // `public_authority`, which the record does not carry yet; and the rationale, which the
        // outcome writes as the trail (CLASSIFY.md's flags table).
        let benefit = try #require(got.first { $0["system"] as? String == "benefit-eligibility" })
        #expect((benefit["changes"] as? [[String: Any]])?.map { $0["field"] as? String } == ["eu_ai_act.public_authority", "eu_ai_act.rationale"])
    }

    @Test func writeSettlesTheContradictions() throws {
        let dir = TempDir()
        let db = dir.path + "/r.db"
        #expect(try CLI.run(["apply", "-f", Self.cases], db: db).code == 0)
        let before = try CLI.run(["check", "-o", "json", "--today", "2026-11-30"], db: db)
        #expect(before.out.contains("\"CLS-001\""), "hiring-ranker's recorded tier contradicts its answers")
        #expect(before.out.contains("\"CLS-002\""))
        let w = try CLI.run(["classify", "-f", Self.cases, "--write", "-o", "json", "--today", "2026-11-30"], db: db)
        #expect(w.code == 0, "\(w.err)")
        let after = try CLI.run(["check", "-o", "json", "--today", "2026-11-30"], db: db)
        #expect(!after.out.contains("\"CLS-001\""))
        #expect(!after.out.contains("\"CLS-002\""))
        let yaml = try CLI.run(["get", "hiring-ranker", "-o", "yaml"], db: db).out
        #expect(yaml.contains("tier: high"))
        #expect(yaml.contains("annex_i_product: false") || yaml.contains("art6_3_exemption: false"))
        // Writing again changes nothing: no further audit entry.
        let n = try CLI.run(["history", "hiring-ranker", "-o", "json"], db: db).out
        _ = try CLI.run(["classify", "-f", Self.cases, "--write", "--today", "2026-11-30"], db: db)
        #expect(try CLI.run(["history", "hiring-ranker", "-o", "json"], db: db).out == n)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }

    @Test func answersForAStoredSystemWriteOneAuditEntry() throws {
        let dir = TempDir()
        let db = dir.path + "/r.db"
        #expect(try CLI.run(["apply", "-f", CLI.examples + "/cv-screening.yaml"], db: db).code == 0)
        let answers = """
            role: deployer
            answers:
              ai_system: yes
              annex_iii: [4a]
              profiling: true
              public_authority: false
              public_service: false
            """
        let dry = try CLI.run(["classify", "cv-screening", "--answers", "-", "--dry-run", "-o", "json"], db: db, stdin: answers)
        #expect(dry.code == 0, "\(dry.err)")
        #expect(dry.err.contains("would change cv-screening"))
        #expect(dry.err.contains("eu_ai_act.role"))
        let dump = try CLI.dump(db)
        #expect(try CLI.dump(db) == dump)
        let entries = try CLI.run(["history", "cv-screening", "-o", "json"], db: db).out
        let w = try CLI.run(["classify", "cv-screening", "--answers", "-", "--write", "-o", "json"], db: db, stdin: answers)
        #expect(w.code == 0, "\(w.err)")
        let yaml = try CLI.run(["get", "cv-screening", "-o", "yaml"], db: db).out
        #expect(yaml.contains("tier: high"))
        #expect(yaml.contains("annex_iii: employment"))
        #expect(yaml.contains("assessor: tester"))
        #expect(yaml.contains("questionnaire: 2026-07") || yaml.contains("questionnaire: '2026-07'"))
        let history = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["history", "cv-screening", "-o", "json"], db: db).out.utf8)) as? [Any])
        let old = try #require(try JSONSerialization.jsonObject(with: Data(entries.utf8)) as? [Any])
        #expect(history.count == old.count + 1, "one audit entry for the answers and the flags together")
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }

    @Test(arguments: [
        ("annex_iii: [4a]", "annex_iii: [4c]", "classification.answers.annex_iii[0]", "unknown Annex III point \"4c\""),
        ("prohibited: []", "prohibited: [5-1-z]", "classification.answers.prohibited[0]", "unknown Art. 5 practice \"5-1-z\""),
        ("ai_system: yes", "ai_system: maybe", "classification.answers.ai_system", "expected yes, no or uncertain"),
        ("excluded: []", "excluded: [hobby]", "classification.answers.excluded[0]", "unknown Art. 2 exclusion \"hobby\""),
    ])
    func badAnswersExit2AndWriteNothing(_ good: String, _ bad: String, path: String, message: String) throws {
        let dir = TempDir()
        let db = dir.path + "/r.db"
        #expect(try CLI.run(["apply", "-f", Self.cases + "/hiring-ranker.yaml"], db: db).code == 0)
        let before = try CLI.dump(db)
        // Through apply -f: the record carries the bad answer.
        let original = try String(contentsOfFile: Self.cases + "/hiring-ranker.yaml", encoding: .utf8)
        #expect(original.contains("    " + good + "\n"))
        let file = dir.path + "/bad.yaml"
        try original.replacingOccurrences(of: "    " + good + "\n", with: "    " + bad + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let a = try CLI.run(["apply", "-f", file], db: db)
        #expect(a.code == 2, "\(a.err)")
        #expect(a.err.contains(path), "\(a.err)")
        #expect(a.err.contains(message), "\(a.err)")
        // Through classify --answers: the same path, inside the block given.
        let c = try CLI.run(["classify", "hiring-ranker", "--answers", "-", "--write"], db: db, stdin: "answers:\n  \(bad)\n")
        #expect(c.code == 2, "\(c.err)")
        #expect(c.err.contains(path), "\(c.err)")
        // Through classify -f.
        let f = try CLI.run(["classify", "-f", file, "--write"], db: db)
        #expect(f.code == 2, "\(f.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test func answersDatedInTheFutureAreRefused() throws {
        let dir = TempDir()
        let db = dir.path + "/r.db"
        #expect(try CLI.run(["apply", "-f", Self.cases + "/claims-router.yaml"], db: db).code == 0)
        let before = try CLI.dump(db)
        let record = try String(contentsOfFile: Self.cases + "/claims-router.yaml", encoding: .utf8)
            .replacingOccurrences(of: "assessed: 2026-09-20", with: "assessed: 2999-01-01")
        let file = dir.path + "/future.yaml"
        try record.write(toFile: file, atomically: true, encoding: .utf8)
        let a = try CLI.run(["apply", "-f", file], db: db)
        #expect(a.code == 2)
        #expect(a.err.contains("classification.assessed"), "\(a.err)")
        let c = try CLI.run(["classify", "claims-router", "--answers", "-", "--write"], db: db,
                            stdin: "assessed: 2999-01-01\nanswers: {ai_system: yes}\n")
        #expect(c.code == 2)
        #expect(c.err.contains("classification.assessed"), "\(c.err)")
        let s = try CLI.run(["set", "claims-router", "classification.assessed=2999-01-01"], db: db)
        #expect(s.code == 2, "\(s.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test func roundTripCarriesTheBlock() throws {
        let dir = TempDir()
        let db = dir.path + "/r.db"
        #expect(try CLI.run(["apply", "-f", Self.cases], db: db).code == 0)
        let yaml = try CLI.run(["get", "-o", "yaml"], db: db).out
        #expect(yaml.contains("classification:"))
        #expect(yaml.contains("annex_iii:\n    - 5a") || yaml.contains("- 5a"))
        let file = dir.path + "/out.yaml"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let again = try CLI.run(["apply", "-f", file], db: db)
        #expect(again.code == 0)
        #expect(again.out.contains("0 changed"), "\(again.out)")
    }
}

/// The audit pack carries each classification as the Art. 6(4) document.
@Suite struct ClassificationPackTests {
    @Test func packCarriesAnswersAssessorDateVersionAndTrail() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", ClassifyCLITests.cases], db: db).code == 0)
        #expect(try CLI.run(["apply", "-f", CLI.examples + "/cv-screening.yaml"], db: db).code == 0)
        let pack = t.file("pack")
        let w = try CLI.run(["export", "pack", "--out", pack, "--today", "2026-11-30"], db: db)
        #expect(w.code == 0, "\(w.err)")
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)
        let files = PackCLITests.files(under: pack)
        #expect(files.contains("systems/hiring-ranker/classification.json"))
        #expect(!files.contains("systems/cv-screening/classification.json"), "no answers, no classification document")
        let text = try String(contentsOfFile: pack + "/systems/hiring-ranker/classification.json", encoding: .utf8)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let c = try #require(doc["classification"] as? [String: Any])
        #expect(c["assessor"] as? String == "dpo@example.com")
        #expect(c["assessed"] as? String == "2026-11-12")
        #expect(c["questionnaire"] as? String == "2026-07")
        #expect((c["answers"] as? [String: Any])?["annex_iii"] as? [String] == ["4a"])
        let outcome = try #require(doc["outcome"] as? [String: Any])
        #expect(outcome["tier"] as? String == "high")
        #expect((outcome["trail"] as? [[String: String]])?.contains { $0["article"] == "Art. 6(3)" } == true)
        let md = try String(contentsOfFile: pack + "/systems/hiring-ranker/technical-documentation.md", encoding: .utf8)
        #expect(md.contains("Classification (Art. 6(4))"))
        #expect(md.contains("dpo@example.com"))
        #expect(md.contains("Where the record differs from the answers"), "the recorded tier contradicts the answers")
        let plain = try String(contentsOfFile: pack + "/systems/cv-screening/technical-documentation.md", encoding: .utf8)
        #expect(plain.contains("No guided classification is recorded"))
    }
}

/// The two timeline groups added by Regulation (EU) 2026/1744, through the real binary.
@Suite struct AmendedTimelineCLITests {
    static let marketed = """
        id: caption-writer
        name: Caption writer
        purpose: Writes image captions that editors publish
        owner: newsroom
        contact: newsroom@example.com
        status: production
        status_since: 2026-05-01
        eu_ai_act:
          role: provider
          tier: limited
          synthetic_content: true
          rationale: Generates text (Art. 50(2))
        """

    static func trn002(_ db: String, _ args: [String]) throws -> [String: Any]? {
        let r = try CLI.run(["check", "-o", "json", "--fail-on", "never"] + args, db: db)
        let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        return (doc?["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "TRN-002" }
    }

    @Test func legacyMarkingIsUpcomingUntilTheSecondOfDecember() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let file = t.file("caption.yaml")
        try Self.marketed.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let before = try #require(try Self.trn002(db, ["--today", "2026-11-30"]))
        #expect(before["status"] as? String == "upcoming")
        #expect(before["due"] as? String == "2026-12-02")
        #expect(try Self.trn002(db, ["--today", "2026-12-03"])?["status"] as? String == "open")
        #expect(try Self.trn002(db, ["--today", "2026-11-30", "--timeline", "original"])?["status"] as? String == "open")
        #expect(try Self.trn002(db, ["--today", "2026-12-03", "--timeline", "original"])?["status"] as? String == "open")
    }

    @Test func explainShowsBothNewGroupsDates() throws {
        let inv = try CLI.run(["explain", "INV-004"]).out
        #expect(inv.contains("2026-12-02 (art5-2026"), "\(inv)")
        let trn = try CLI.run(["explain", "TRN-002"]).out
        #expect(trn.contains("original timeline 2026-08-02; 2026-08-02 (art50-legacy"), "\(trn)")
        #expect(trn.contains("amended timeline  2026-08-02; 2026-12-02 (art50-legacy"), "\(trn)")
    }
}
