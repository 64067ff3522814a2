import AIGovApp
@testable import AIGovConsole
import Foundation
import Testing

/// The faces agree because they share one application layer: the rule set (with `rules.d/`),
/// scores, waiver validation.
@Suite(.serialized) struct ApplicationLayerTests {
    /// An organisation rule that fires on loan-scoring alone (its contact is not on the
    /// organisation's domain), installed in `rules.d/` beside the registry.
    static let orgRule = """
        rules:
          - id: ORG-777
            title: Contacts use the organisation's domain
            severity: high
            reference: Internal policy §1
            remediation: Use a contact address on example.org.
            path: contact
            message: "{id}'s contact is not on example.org"
            when: {field: id, eq: loan-scoring}
            require: {field: contact, matches: '@example\\.org$'}
        """

    static func demoWithOrgRule(_ t: TempDir) throws -> String {
        let db = t.file("reg/r.db")
        try FileManager.default.createDirectory(atPath: t.file("reg/rules.d"), withIntermediateDirectories: true)
        let r = try CLI.run(["demo", "--db", db, "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        _ = t.write("reg/rules.d/org.yaml", orgRule)
        return db
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test(.enabled(if: Tools.tmux, "tmux is not installed (the console part runs in a real terminal)"))
    func everyFaceGivesTheSameScoreWithAnOrganisationRule() throws {
        let t = TempDir()
        let db = try Self.demoWithOrgRule(t)
        let today = "2026-11-30"

        // check -o json: the finding is there, and its score.
        let check = try CLI.run(["check", "-o", "json", "--fail-on", "never", "--today", today], db: db)
        #expect(check.code == 0, "\(check.err)")
        let report = try #require(try Self.json(check.out) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let org = findings.filter { $0["rule"] as? String == "ORG-777" }
        #expect(org.count == 1 && org.first?["system"] as? String == "loan-scoring", "\(org)")
        let scores = try #require(report["scores"] as? [String: [String: Any]])
        let checkScore = try #require(scores["loan-scoring"]?["score"] as? Int)
        let summary = try #require(report["summary"] as? [String: Any])
        let bySeverity = try #require(summary["by_severity"] as? [String: Int])

        // Without the rule the score is higher: the rule really counts.
        let plain = t.file("plain/r.db")
        #expect(try CLI.run(["demo", "--db", plain, "-o", "json"]).code == 0)
        let plainCheck = try #require(try Self.json(try CLI.run(["check", "-o", "json", "--fail-on", "never", "--today", today], db: plain).out) as? [String: Any])
        let plainScore = try #require((plainCheck["scores"] as? [String: [String: Any]])?["loan-scoring"]?["score"] as? Int)
        #expect(plainScore > checkScore, "ORG-777 lowers loan-scoring's score")

        // get -o csv: the score column.
        let csv = try CLI.run(["get", "loan-scoring", "-o", "csv", "--today", today], db: db)
        #expect(csv.code == 0, "\(csv.err)")
        let row = try #require(csv.out.split(separator: "\r\n").first { $0.hasPrefix("loan-scoring,") })
        let header = try #require(csv.out.split(separator: "\r\n").first).split(separator: ",")
        let scoreColumn = try #require(header.firstIndex(of: "score"))
        #expect(Int(row.split(separator: ",", omittingEmptySubsequences: false)[scoreColumn]) == checkScore, "\(row)")

        // The pack's inventory.
        let pack = t.file("pack")
        let p = try CLI.run(["export", "pack", "--out", pack, "--today", today], db: db)
        #expect(p.code == 0, "\(p.err)")
        let inventory = try #require(try Self.json(String(contentsOfFile: pack + "/inventory.json", encoding: .utf8)) as? [[String: Any]])
        let entry = try #require(inventory.first { $0["id"] as? String == "loan-scoring" })
        #expect(entry["score"] as? Int == checkScore)

        // The console, in a real terminal: the registry's score column and the dashboard's counts.
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath())
        let tmux = ConsoleE2ETests.Tmux(path: tmuxPath)
        defer { tmux.kill() }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "env AIGOV_TODAY=\(today) TERM=xterm-256color \(q(CLI.binary)) tui --read-only --db \(q(db))"
        try tmux.run(["new-session", "-d", "-s", "console", "-x", "120", "-y", "30", command])
        let counts = Dictionary(uniqueKeysWithValues: ["critical", "high", "medium", "low", "info"].map { ($0, bySeverity[$0] ?? -1) })
        try tmux.waitFor("the dashboard's open findings, as check counts them") { screen in
            counts.allSatisfy { sev, n in
                screen.split(separator: "\n").contains { line in
                    line.range(of: "\(sev) +\(n)( |$)", options: .regularExpression) != nil
                }
            }
        }
        try tmux.send("2")
        try tmux.waitFor("the registry") { $0.contains("loan-scoring") }
        try tmux.waitFor("loan-scoring's score \(checkScore)") { screen in
            screen.split(separator: "\n").contains { $0.contains("loan-scoring") && $0.range(of: " \(checkScore) ", options: .literal) != nil }
        }
    }

    @Test func waiversAreValidatedOnceForEveryFace() throws {
        let t = TempDir()
        let db = try Self.demoWithOrgRule(t)
        let before = try CLI.dump(db)
        // The CLI refuses an unknown rule …
        let cli = try CLI.run(["waive", "loan-scoring", "NOPE-1", "--reason", "r", "--expires", "2099-01-01", "--approved-by", "me"], db: db)
        #expect(cli.code == 2)
        #expect(cli.err.contains("waive:rule: unknown rule id \"NOPE-1\" (see `aigov rules`)"), "\(cli.err)")
        #expect(try CLI.dump(db) == before, "a refused waiver writes nothing")

        // The console's waiver dialog, on the same registry, meets the same policy with the same words.
        let console = try Console.open(path: db, readOnly: false, actor: "tester", title: nil, today: "2026-11-30")
        console.overlay = .waive(WaiveState(system: "loan-scoring", rule: "NOPE-1", reason: "r", approvedBy: "me", expires: "2099-01-01"))
        _ = console.handle(.char("s"))
        #expect(console.overlay?.waive?.problem?.contains("unknown rule id \"NOPE-1\" (see `aigov rules`)") == true,
                "\(String(describing: console.overlay?.waive?.problem))")
        #expect(try CLI.dump(db) == before)
        console.overlay = .waive(WaiveState(system: "loan-scoring", rule: "org-777", reason: "migrating", approvedBy: "me", expires: "2027-01-31"))
        _ = console.handle(.char("s"))
        #expect(console.overlay == nil, "\(String(describing: console.overlay?.waive?.problem))")
        #expect(try CLI.run(["waivers", "loan-scoring", "-o", "csv"], db: db).out.contains("loan-scoring,ORG-777,2027-01-31"))
        #expect(try CLI.run(["unwaive", "loan-scoring", "ORG-777"], db: db).code == 0)
        // … and accepts the organisation rule from rules.d/ (case-insensitively).
        let ok = try CLI.run(["waive", "loan-scoring", "org-777", "--reason", "migrating", "--expires", "2027-05-29", "--approved-by", "me"], db: db)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("loan-scoring/ORG-777"))
        #expect(try CLI.run(["unwaive", "loan-scoring", "org-777"], db: db).code == 0)

        // A waiver typed with an expiry already past is refused …
        let typed = try CLI.run(["waive", "loan-scoring", "ORG-777", "--reason", "r", "--expires", "2020-01-01", "--approved-by", "me"], db: db)
        #expect(typed.code == 2)
        #expect(typed.err.contains("waive:expires: 2020-01-01 is already past"), "\(typed.err)")
        // … one in a file is history: stored with one warning, and it covers nothing.
        let file = t.write("w.yaml", "kind: waiver\nsystem: loan-scoring\nrule: ORG-777\nreason: r\napproved_by: me\nexpires: 2020-01-01\n")
        let apply = try CLI.run(["apply", "-f", file], db: db)
        #expect(apply.code == 0, "\(apply.err)")
        #expect(apply.err.contains("w.yaml:6: warning: waiver loan-scoring/ORG-777 expired on 2020-01-01"), "\(apply.err)")
        let checkFile = try CLI.run(["check", "-f", CLI.examples, "-f", file, "-o", "json", "--fail-on", "never", "--db", db])
        #expect(checkFile.code == 0, "\(checkFile.err)")
        #expect(checkFile.err.split(separator: "\n").filter { $0.contains("warning: waiver") }.count == 1)
        // A waiver naming an unknown rule is still refused, and nothing is written.
        let dump = try CLI.dump(db)
        let unknown = t.write("u.yaml", "kind: waiver\nsystem: loan-scoring\nrule: NOPE-9\nreason: r\napproved_by: me\nexpires: 2099-01-01\n")
        let refused = try CLI.run(["apply", "-f", unknown], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("u.yaml"), "\(refused.err)")
        #expect(try CLI.dump(db) == dump)
    }
}
