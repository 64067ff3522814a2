import Foundation
import Testing

/// Rule set v3 through the real binary: the demo shows it at work, every check format names
/// it, the new keys round-trip and are checked, and a registry written before v3 opens with no
/// manual step.
@Suite struct RulesV3CLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func findings(_ db: String, _ args: [String] = []) throws -> [[String: Any]] {
        let r = try CLI.run(["check", "-o", "json", "--fail-on", "never"] + args, db: db)
        #expect(r.code == 0, "\(r.err)")
        return try #require(try json(r.out)["findings"] as? [[String: Any]])
    }

    static func demo(_ t: TempDir) throws -> String {
        let db = t.file("demo.db")
        let r = try CLI.run(["demo", "--db", db, "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        return db
    }

    @Test func theDemoShowsRuleSetV3AtWork() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let all = try Self.findings(db)
        func of(_ system: String) -> [[String: Any]] { all.filter { $0["system"] as? String == system } }
        // A legacy system: INV-013, and no HRP/HRD finding.
        let legacy = of("footfall-demographics")
        #expect(legacy.filter { $0["rule"] as? String == "INV-013" }.count == 1)
        #expect(!legacy.contains { ($0["rule"] as? String)?.hasPrefix("HR") == true })
        // A Section B product: INV-014, and no HRP finding.
        let machine = of("press-brake-guard")
        #expect(machine.filter { $0["rule"] as? String == "INV-014" }.count == 1)
        #expect(!machine.contains { ($0["rule"] as? String)?.hasPrefix("HRP-") == true })
        // A private essential-services deployer: a medium HRD-001.
        let hrd = of("health-premium-pricer").filter { $0["rule"] as? String == "HRD-001" }
        #expect(hrd.map { $0["severity"] as? String } == ["medium"])
        // explain RULE ID says what ends the grace.
        let explain = try CLI.run(["explain", "HRP-001", "footfall-demographics"], db: db)
        #expect(explain.code == 0, "\(explain.err)")
        #expect(explain.out.contains("legacy system (Art. 111(2)): on the market since 2026-02-15, before 2027-12-02"), "\(explain.out)")
        #expect(explain.out.contains("significant change"))
        // The pack's technical documentation states it too.
        let pack = t.file("pack")
        let p = try CLI.run(["export", "pack", "--out", pack, "--today", "2026-11-30"], db: db)
        #expect(p.code == 0, "\(p.err)")
        let doc = try String(contentsOfFile: pack + "/systems/footfall-demographics/technical-documentation.md", encoding: .utf8)
        #expect(doc.contains("Legacy status (Art. 111(2))"), "\(doc.prefix(400))")
        let machineDoc = try String(contentsOfFile: pack + "/systems/press-brake-guard/technical-documentation.md", encoding: .utf8)
        #expect(machineDoc.contains("Annex I section") && machineDoc.contains("| B"), "\(machineDoc.prefix(400))")
    }

    @Test func everyCheckFormatNamesTheRuleSet() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        #expect(try Self.json(CLI.run(["check", "-o", "json", "--fail-on", "never"], db: db).out)["rules"] as? String == "v3")
        let sarif = try Self.json(CLI.run(["check", "-o", "sarif", "--fail-on", "never"], db: db).out)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect((run["properties"] as? [String: Any])?["rules"] as? String == "v3")
        #expect(try CLI.run(["check", "-o", "junit", "--fail-on", "never"], db: db).out.contains("<property name=\"rules\" value=\"v3\"/>"))
        #expect(try CLI.run(["check", "-o", "table", "--fail-on", "never"], db: db).out.contains("rules v3)"))
    }

    @Test func theNewKeysRoundTripAndAreChecked() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let record = """
            id: legacy-scorer
            name: Legacy scorer
            owner: risk
            status: production
            eu_ai_act:
              role: provider
              tier: high
              annex_iii: essential-services
              on_market_since: 2025-03-01
              public_authority: true
            """
        let f = t.write("s.yaml", record)
        #expect(try CLI.run(["apply", "-f", f], db: db).code == 0)
        let yaml = try CLI.run(["get", "legacy-scorer", "-o", "yaml"], db: db).out
        #expect(yaml.contains("on_market_since: '2025-03-01'") && yaml.contains("public_authority: true"), "\(yaml)")
        // On 2027-12-03 the high-risk findings wait for the 2030 backstop.
        let hr = try Self.findings(db, ["--today", "2027-12-03"]).filter { ($0["rule"] as? String)?.hasPrefix("HRP-") == true }
        #expect(!hr.isEmpty && hr.allSatisfy { $0["status"] as? String == "upcoming" && $0["due"] as? String == "2030-08-02" })
        // set takes the keys, with their checks; a refused value writes nothing.
        let dump = try CLI.dump(db)
        let before = try CLI.run(["set", "legacy-scorer", "eu_ai_act.significant_change=2025-01-01"], db: db)
        #expect(before.code == 2)
        #expect(before.err.contains("eu_ai_act.significant_change"), "\(before.err)")
        let future = try CLI.run(["set", "legacy-scorer", "eu_ai_act.on_market_since=2026-12-01"], db: db)
        #expect(future.code == 2)
        #expect(future.err.contains("eu_ai_act.on_market_since") && future.err.contains("after today"), "\(future.err)")
        let section = try CLI.run(["set", "legacy-scorer", "eu_ai_act.annex_i_section=C"], db: db)
        #expect(section.code == 2)
        #expect(try CLI.dump(db) == dump)
        #expect(try CLI.run(["set", "legacy-scorer", "eu_ai_act.significant_change=2026-10-01"], db: db).code == 0)
        let diff = try CLI.run(["history", "legacy-scorer", "-o", "json"], db: db).out
        #expect(diff.contains("significant_change"))
    }

    /// A registry written before rule set v3 (schema 3, stored evaluations under the v2 rules):
    /// the next read upgrades it in place and recomputes every evaluation under v3.
    @Test func aRegistryWrittenUnderV2OpensUnderV3() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.runAt("2026-11-30", ["apply", "-f", CLI.examples], db: db).code == 0)
        let stored = try HardeningTests.sql(db, "SELECT count(*) FROM evaluations")
        #expect((Int(stored) ?? 0) > 0)
        // Make it as v2 left it: no v3 columns, schema version 3, evaluations under another rule set.
        let downgrade = """
            ALTER TABLE systems DROP COLUMN annex_i_section; ALTER TABLE systems DROP COLUMN on_market_since;
            ALTER TABLE systems DROP COLUMN significant_change; ALTER TABLE systems DROP COLUMN public_authority;
            UPDATE meta SET value = '3' WHERE key = 'schema_version'; PRAGMA user_version = 3;
            DELETE FROM grdb_migrations WHERE identifier = 'v4';
            UPDATE evaluations SET rule_set = 'rules-v2';
            """
        let d = try CLI.exec("/usr/bin/env", ["sqlite3", db, downgrade])
        #expect(d.code == 0, "\(d.err)")
        #expect(try HardeningTests.sql(db, "PRAGMA user_version") == "3")
        let r = try CLI.runAt("2026-11-30", ["check", "-o", "json", "--fail-on", "never"], db: db)
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.json(r.out)["rules"] as? String == "v3")
        #expect(try HardeningTests.sql(db, "PRAGMA user_version") == "4")
        #expect(try HardeningTests.sql(db, "SELECT count(*) FROM evaluations WHERE rule_set = 'rules-v2'") == "0")
        #expect(try HardeningTests.sql(db, "SELECT count(*) FROM evaluations") == stored)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }
}
