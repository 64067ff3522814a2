import Foundation
import Testing

/// Issue #13's must-shows for stored evaluations, through the real binary: a stored result
/// goes stale with the day and with the rules, and every read shows the current one.
///
/// Evaluations are stored for the clock's day only (a pinned `--today` or `AIGOV_TODAY` reads in
/// memory), so these tests move the binary's clock with `faketime` instead of pinning the day.
@Suite(.enabled(if: CLI.faketime != nil, "faketime is not installed (Debian package faketime)"))
struct StoredEvaluationCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func findings(_ r: CLI.Result) throws -> [[String: Any]] {
        try #require(try json(r.out)["findings"] as? [[String: Any]])
    }

    static func key(_ f: [String: Any]) -> String {
        "\(f["rule"] ?? "")|\(f["system"] ?? "")|\(f["path"] ?? "")"
    }

    /// The stored results computed on the clock's day 2026-11-30 say the hr3 obligations are
    /// upcoming (due 2027-12-02); read with the clock on 2027-12-03 the same findings are open
    /// (or waived), not upcoming. A pinned day reads the same answers and writes nothing.
    @Test func aLaterDayShowsHr3FindingsOpenNotUpcoming() throws {
        let t = TempDir()
        let db = t.file("demo.db")
        #expect(try CLI.runAt("2026-11-30", ["demo", "--db", db, "-o", "json"]).code == 0)
        let first = try CLI.runAt("2026-11-30", ["check", "--db", db, "-o", "json", "--fail-on", "never"])
        #expect(first.code == 0, "\(first.err)")
        // Every system's evaluation is stored for 2026-11-30 (the write's, or the read's refresh).
        #expect(try HardeningTests.sql(db, "SELECT DISTINCT evaluated_on FROM evaluations WHERE timeline = 'amended'") == "2026-11-30")
        #expect(try HardeningTests.sql(db, "SELECT count(*) FROM evaluations") == HardeningTests.sql(db, "SELECT count(*) FROM systems"))
        // (Incident findings aside: their countdowns end before 2027-12-03, when INC-003 gives
        // way to INC-001.)
        let upcoming = try Self.findings(first).filter {
            $0["status"] as? String == "upcoming" && $0["due"] as? String == "2027-12-02" && ($0["rule"] as? String)?.hasPrefix("INC-") == false
        }
        #expect(upcoming.count > 10)

        // A pinned day evaluates in memory: the same answer as the clock's, and nothing written.
        let dump = try CLI.dump(db)
        let pinned = try CLI.run(["check", "--db", db, "-o", "json", "--fail-on", "never", "--today", "2027-12-03"])
        #expect(pinned.code == 0, "\(pinned.err)")
        let pinnedByEnv = try CLI.run(["check", "--db", db, "-o", "json", "--fail-on", "never"], env: ["AIGOV_TODAY": "2027-12-03"])
        #expect(pinnedByEnv.out == pinned.out)
        #expect(try CLI.dump(db) == dump)

        // A check of one system refreshes that system's row alone.
        let one = try CLI.runAt("2027-12-03", ["check", "--db", db, "-o", "json", "--fail-on", "never", "loan-scoring"])
        #expect(one.code == 0, "\(one.err)")
        #expect(try HardeningTests.sql(db, "SELECT system_id FROM evaluations WHERE evaluated_on = '2027-12-03'") == "loan-scoring")

        let later = try CLI.runAt("2027-12-03", ["check", "--db", db, "-o", "json", "--fail-on", "never"])
        #expect(later.code == 0, "\(later.err)")
        #expect(later.out == pinned.out)
        let after = Dictionary(try Self.findings(later).map { (Self.key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var open = 0
        for f in upcoming {
            let now = after[Self.key(f)]
            #expect(now != nil, "\(Self.key(f)) is gone on 2027-12-03")
            #expect(now?["status"] as? String != "upcoming", "\(Self.key(f)) is still upcoming")
            if now?["status"] as? String == "open" { open += 1 }
        }
        #expect(open > 10)
        // A past day pinned reads its own answer and leaves the clock's rows alone.
        let rows = try HardeningTests.sql(db, "SELECT group_concat(system_id || evaluated_on) FROM evaluations")
        let past = try CLI.run(["check", "--db", db, "-o", "json", "--fail-on", "never", "--today", "2026-11-30"])
        #expect(past.out == first.out)
        #expect(try HardeningTests.sql(db, "SELECT group_concat(system_id || evaluated_on) FROM evaluations") == rows)
        // The same read with the clock on the first day again still gives the first answer.
        let again = try CLI.runAt("2026-11-30", ["check", "--db", db, "-o", "json", "--fail-on", "never"])
        #expect(again.out == first.out)
    }

    /// Adding a rule file to rules.d/ makes the next `check` and the console show its findings,
    /// with no other command in between.
    @Test func aNewRuleInRulesDShowsUpInCheckAndTheConsole() throws {
        let t = TempDir()
        let db = t.file("demo.db")
        #expect(try CLI.runAt("2026-11-30", ["demo", "--db", db, "-o", "json"]).code == 0)
        let before = try CLI.runAt("2026-11-30", ["check", "--db", db, "-o", "json", "--fail-on", "never"])
        #expect(try Self.findings(before).allSatisfy { $0["rule"] as? String != "ORG-777" })
        let ruleSet = try HardeningTests.sql(db, "SELECT DISTINCT rule_set FROM evaluations")

        try FileManager.default.createDirectory(atPath: t.file("rules.d"), withIntermediateDirectories: true)
        let rule = """
            rules:
              - id: ORG-777
                title: Every production system has a second owner
                severity: high
                reference: policy 12
                remediation: name the deputy as the contact
                message: "{id} does not name the deputy-owner as its contact"
                when: {field: status, eq: production}
                require: {field: contact, eq: deputy-owner@example.com}
            """
        #expect(FileManager.default.createFile(atPath: t.file("rules.d/org.yaml"), contents: Data(rule.utf8)))
        let after = try CLI.runAt("2026-11-30", ["check", "--db", db, "-o", "json", "--fail-on", "never"])
        try #require(after.code == 0, "\(after.err)")
        let org = try Self.findings(after).filter { $0["rule"] as? String == "ORG-777" }
        #expect(org.count > 3)
        #expect(org.allSatisfy { $0["status"] as? String == "open" })
        // The stored evaluations now carry the new rule set.
        let now = try HardeningTests.sql(db, "SELECT DISTINCT rule_set FROM evaluations")
        #expect(now != ruleSet && !now.contains("\n"))

        // Another rule file, and straight into the console: its findings screen lists that rule.
        let second = rule.replacingOccurrences(of: "ORG-777", with: "ORG-778").replacingOccurrences(of: "severity: high", with: "severity: critical")
        #expect(FileManager.default.createFile(atPath: t.file("rules.d/more.yaml"), contents: Data(second.utf8)))
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath(), "tmux is not installed")
        let faketime = try #require(CLI.faketime)
        let tmux = ConsoleE2ETests.Tmux(path: tmuxPath)
        defer { tmux.kill() }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // The clock's day, not a pinned one: a pinned console stores nothing.
        _ = faketime
        var words = CLI.clockAt("2026-11-30")
        words.insert("TERM=xterm-256color", at: words.count - 2)   // env's assignments come before faketime
        let command = words.map(q).joined(separator: " ") + " \(q(CLI.binary)) tui --db \(q(db))"
        try tmux.run(["new-session", "-d", "-s", "console", "-x", "140", "-y", "40", command])
        try tmux.waitFor("the dashboard") { $0.contains("Open findings") }
        try tmux.send("3")
        // The findings screen's own column header (the tab bar names "Findings" on every screen).
        try tmux.waitFor("the findings screen") { $0.contains("SEVERITY") && $0.contains("MESSAGE") }
        try tmux.send("/")
        try tmux.waitFor("the find prompt") { $0.contains("find:") }
        try tmux.send("-l", "ORG-778")
        try tmux.send("Enter")
        try tmux.waitFor("the new rule's findings") { $0.contains("ORG-778") && $0.contains("deputy-owner") }
        // The console stored what it evaluated: the second rule file is in the stored rule set.
        try tmux.send("q")
        let stored = try HardeningTests.sql(db, "SELECT count(DISTINCT system_id) FROM findings WHERE rule = 'ORG-778'")
        #expect((Int(stored) ?? 0) > 3)
    }
}
