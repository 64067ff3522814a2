import Foundation
import Testing

/// Custom rules through the real binary, with the README's example file.
@Suite struct CustomRulesCLITests {
    static let orgRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples/org-rules.yaml").path

    @Test func readmeExampleRulesProduceFindings() throws {
        let r = try CLI.run(["check", "-f", CLI.examples, "--rules", Self.orgRules, "--today", "2026-11-24", "-o", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        let list = try CheckCLITests.findings(r.out)
        #expect(CheckCLITests.find(list, "support-chatbot", "ORG-001")?["status"] as? String == "open")
        #expect(CheckCLITests.find(list, "cv-screening", "ORG-002")?["status"] as? String == "open")
        #expect(CheckCLITests.find(list, "loan-scoring", "ORG-001") == nil, "self-hosted, with a manual fallback")
        let sarif = try CLI.run(["check", "-f", CLI.examples, "--rules", Self.orgRules, "--today", "2026-11-24", "-o", "sarif", "--fail-on", "never"])
        #expect(sarif.out.contains("\"id\": \"ORG-001\""))
    }

    @Test func rulesFolderBesideTheDatabaseIsLoadedAndWaivable() throws {
        let t = TempDir()
        let db = t.file("reg/r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let text = try String(contentsOfFile: Self.orgRules, encoding: .utf8)
        _ = t.write("reg/rules.d/org.yaml", text)
        let rules = try CLI.run(["rules", "-o", "json"], db: db)
        #expect(rules.out.contains("\"id\" : \"ORG-002\""))
        #expect(rules.out.contains("\"origin\" : \"custom\""))
        #expect(try CLI.run(["explain", "ORG-001"], db: db).out.contains("Applies when:"))
        let w = try CLI.run(["waive", "cv-screening", "ORG-002", "--reason", "DPIA in progress", "--expires", "2027-01-31",
                             "--approved-by", "dpo", "--today", "2026-11-24"], db: db)
        #expect(w.code == 0, "\(w.err)")
        let c = try CLI.run(["check", "--today", "2026-11-24", "-o", "json", "--fail-on", "never"], db: db)
        #expect(CheckCLITests.find(try CheckCLITests.findings(c.out), "cv-screening", "ORG-002")?["status"] as? String == "waived")
    }

    @Test func badRuleFileIsRejectedWithPaths() throws {
        let t = TempDir()
        let f = t.write("bad.yaml", "rules:\n  - id: ORG-009\n    title: T\n    severity: severe\n    remediation: r\n    require: {field: hostng, eq: api}\n")
        let r = try CLI.run(["check", "-f", CLI.examples, "--rules", f, "-o", "json"])
        #expect(r.code == 2)
        #expect(r.err.contains("bad.yaml:rules[0].severity"))
        #expect(r.err.contains("bad.yaml:rules[0].require.field"))
        #expect(r.out.isEmpty)
    }
}
