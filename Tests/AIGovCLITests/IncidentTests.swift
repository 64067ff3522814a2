import Foundation
import Testing

/// Serious incidents (OPERATIONS.md) through the real binary: strict reading, apply/get/delete,
/// history and the audit chain, the deadlines, the INC rules in `check`, the pack's register,
/// and the console's Incidents screen in a real terminal.
@Suite struct IncidentTests {
    static let systems = """
        id: cv-ranker
        name: CV ranking
        owner: people
        status: pilot
        eu_ai_act: {role: provider, tier: high}
        ---
        id: loan-desk
        name: Loan desk
        owner: credit
        status: production
        eu_ai_act: {role: deployer, tier: high}

        """

    /// Aware on 1 November, class fundamental-rights: the first report is due on the 16th.
    static let incident = """
        kind: incident
        id: inc-1
        system: cv-ranker
        title: Older applicants ranked lower
        class: fundamental-rights
        widespread: false
        occurred: 2026-10-30
        aware: 2026-11-01
        member_states: [NL, DE]
        description: An audit of three vacancies found it.
        status: open

        """

    /// A registry with the two systems and `inc-1`.
    static func registry(_ t: TempDir, incident: String = IncidentTests.incident) throws -> String {
        let db = t.file("r.db")
        let s = try CLI.run(["apply", "-f", t.write("systems.yaml", systems)], db: db)
        #expect(s.code == 0, "\(s.err)")
        let i = try CLI.run(["apply", "-f", t.write("incident.yaml", incident)], db: db)
        #expect(i.code == 0, "\(i.err)")
        #expect(i.out.contains("created   incident "), "\(i.out)")
        return db
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    // MARK: strict reading: exit 2, every problem as file:path: message, nothing written

    @Test(arguments: [
        ("aware before occurred", "occurred: 2026-10-30", "occurred: 2026-11-05",
         "bad.yaml:aware: aware (2026-11-01) is before occurred (2026-11-05)"),
        ("unknown system", "system: cv-ranker", "system: nope", "bad.yaml:system: unknown system \"nope\""),
        ("report before aware", "status: open", "reports:\n  - {kind: initial, date: 2026-10-31}\nstatus: open",
         "bad.yaml:reports[0].date: report dated 2026-10-31, before aware (2026-11-01)"),
        ("status closed without closed", "status: open", "status: closed", "bad.yaml:closed: missing: status is closed"),
        ("closed while open", "status: open", "status: open\nclosed: 2026-11-20", "bad.yaml:closed: set, but status is open"),
        ("unknown class", "class: fundamental-rights", "class: reputational",
         "bad.yaml:class: expected one of death, health, critical-infrastructure, fundamental-rights, property-environment, got \"reputational\""),
        ("lower-case member state", "[NL, DE]", "[nl, DE]",
         "bad.yaml:member_states[0]: expected an ISO 3166-1 alpha-2 code in upper case (NL, DE, …), got \"nl\""),
        ("unknown key", "status: open", "status: open\nseverity: high", "bad.yaml:severity: unknown key \"severity\""),
        ("bad date", "aware: 2026-11-01", "aware: 2026-11-31", "bad.yaml:aware: expected a date YYYY-MM-DD, got \"2026-11-31\""),
        ("bad report kind", "status: open", "reports:\n  - {kind: interim, date: 2026-11-03}\nstatus: open",
         "bad.yaml:reports[0].kind: expected one of initial, follow-up, final, got \"interim\""),
        ("control character", "title: Older applicants ranked lower", "title: \"Older\\a applicants\"",
         "bad.yaml:title: contains the control character U+0007"),
        ("missing aware", "aware: 2026-11-01\n", "", "bad.yaml:aware: missing required key \"aware\""),
    ])
    func badIncidentFilesExitTwoAndWriteNothing(_ label: String, _ find: String, _ replace: String, _ expected: String) throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let before = try CLI.dump(db)
        let bad = Self.incident.replacingOccurrences(of: find, with: replace)
        #expect(bad != Self.incident, "\(label): the fixture did not change")
        let file = t.write("bad.yaml", bad)
        let r = try CLI.run(["apply", "-f", file], db: db)
        #expect(r.code == 2, "\(label): \(r.err)")
        #expect(r.err.contains(expected), "\(label): \(r.err)")
        #expect(r.err.contains("nothing was written"), "\(label): \(r.err)")
        #expect(try CLI.dump(db) == before, "\(label)")
        // The same file beside a good system document is refused as a whole.
        let both = try CLI.run(["apply", "-f", t.write("s2.yaml", "id: another\nname: A\nowner: o\nstatus: pilot\n"), "-f", file], db: db)
        #expect(both.code == 2)
        #expect(try CLI.dump(db) == before, "\(label)")
    }

    @Test func anIncidentMayNameASystemOfTheSameInput() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let r = try CLI.run(["apply", "-f", t.write("all.yaml", Self.systems + "---\n" + Self.incident)], db: db)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("created   incident inc-1"))
        let dup = try CLI.run(["apply", "-f", t.write("dup.yaml", Self.incident + "---\n" + Self.incident)], db: db)
        #expect(dup.code == 2)
        #expect(dup.err.contains("duplicate incident id \"inc-1\""), "\(dup.err)")
    }

    // MARK: apply, history, audit

    @Test func applyFollowUpAndCloseLeaveThreeAuditEntriesAndTheChainVerifies() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        // Applying the same document again writes nothing.
        let again = try CLI.run(["apply", "-f", t.file("incident.yaml")], db: db)
        #expect(again.out.contains("unchanged incident inc-1"), "\(again.out)")
        let reported = Self.incident.replacingOccurrences(
            of: "status: open",
            with: "reports:\n  - {kind: initial, date: 2026-11-10, authority: AP, reference: AP-1}\n  - {kind: follow-up, date: 2026-11-20, authority: AP}\nstatus: open")
        let r1 = try CLI.run(["apply", "-f", t.write("reported.yaml", reported)], db: db)
        #expect(r1.code == 0, "\(r1.err)")
        #expect(r1.out.contains("changed   incident inc-1 (reports)"), "\(r1.out)")
        let closed = reported.replacingOccurrences(of: "status: open", with: "status: closed\nclosed: 2026-11-28")
        let r2 = try CLI.run(["apply", "-f", t.write("closed.yaml", closed)], db: db)
        #expect(r2.out.contains("changed   incident inc-1 (status, closed)"), "\(r2.out)")

        let h = try CLI.run(["history", "inc-1", "-o", "json"], db: db)
        #expect(h.code == 0, "\(h.err)")
        let entries = try #require(try Self.json(h.out) as? [[String: Any]])
        #expect(entries.count == 3)
        #expect(entries.map { $0["action"] as? String } == ["update", "update", "create"])
        #expect(entries.allSatisfy { $0["entity"] as? String == "incident" && $0["entity_id"] as? String == "inc-1" })
        #expect(entries.map { $0["row_version"] as? Int } == [3, 2, 1])
        let table = try CLI.run(["history", "inc-1", "-o", "table"], db: db)
        #expect(table.out.contains("incident"))

        let v = try CLI.run(["audit", "verify"], db: db)
        #expect(v.code == 0, "\(v.err)")
        #expect(v.out.hasPrefix("audit log ok: 5 entries"), "\(v.out)")
    }

    @Test func theYAMLOfGetAndIncidentsIsWhatApplyReads() throws {
        let t = TempDir()
        let full = """
            kind: incident
            id: inc-1
            system: loan-desk
            title: "=Declines: one postcode, 5.10 % of applicants"
            class: death
            widespread: true
            occurred: 2026-10-30
            aware: 2026-11-01
            member_states: [NL, DE, FR]
            description: |-
              Two lines
              of description.
            corrective_action: Flags older than 30 days are ignored.
            provider_informed: 2026-11-01
            reports:
              - {kind: initial, date: 2026-11-02, authority: Autoriteit Persoonsgegevens, reference: AP-2026-7781}
              - {kind: final, date: 2026-11-20}
            status: closed
            closed: 2026-11-25

            """
        let db = try Self.registry(t, incident: full)
        let yaml = try CLI.run(["incidents", "-o", "yaml"], db: db)
        #expect(yaml.code == 0, "\(yaml.err)")
        let get = try CLI.run(["get", "--incidents", "-o", "yaml"], db: db)
        #expect(get.out == yaml.out)
        for key in ["kind: incident", "widespread: true", "provider_informed:", "reports:", "closed:", "corrective_action:", "member_states:"] {
            #expect(yaml.out.contains(key), "\(key)\n\(yaml.out)")
        }
        let before = try CLI.dump(db)
        let back = try CLI.run(["apply", "-f", t.write("back.yaml", yaml.out)], db: db)
        #expect(back.code == 0, "\(back.err)")
        #expect(back.out.contains("unchanged incident inc-1") && back.out.contains("0 changed"), "\(back.out)")
        let json = try CLI.run(["get", "--incidents", "-o", "json"], db: db)
        let backJSON = try CLI.run(["apply", "-f", t.write("back.json", json.out)], db: db)
        #expect(backJSON.out.contains("unchanged incident inc-1"), "\(backJSON.out) \(backJSON.err)")
        #expect(try CLI.dump(db) == before)
    }

    // MARK: deadlines on the command line

    @Test func incidentsListsDeadlinesAndDaysLeft() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let second = """
            kind: incident
            id: inc-2
            system: loan-desk
            title: "=HYPERLINK(\\"http://x\\")"
            class: critical-infrastructure
            aware: 2026-11-16
            status: open
            ---
            kind: incident
            id: inc-3
            system: loan-desk
            title: Old and closed
            class: health
            aware: 2026-09-01
            provider_informed: 2026-09-01
            status: closed
            closed: 2026-10-01

            """
        #expect(try CLI.run(["apply", "-f", t.write("more.yaml", second)], db: db).code == 0)
        let r = try CLI.run(["incidents", "--today", "2026-11-17", "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        let rows = try #require(try Self.json(r.out) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["inc-1", "inc-2", "inc-3"])
        #expect(rows[0]["report_due"] as? String == "2026-11-16")
        #expect(rows[0]["days_left"] as? Int == -1)
        #expect(rows[0]["overdue"] as? Bool == true)
        #expect(rows[0]["provider_due"] is NSNull)
        // A deployer: the provider is told by the day after awareness.
        #expect(rows[1]["report_due"] as? String == "2026-11-18")
        #expect(rows[1]["days_left"] as? Int == 1)
        #expect(rows[1]["provider_due"] as? String == "2026-11-17")
        #expect(rows[1]["provider_days_left"] as? Int == 0)
        #expect(rows[2]["days_left"] is NSNull)

        let open = try CLI.run(["incidents", "--open", "--today", "2026-11-17", "-o", "json"], db: db)
        #expect((try Self.json(open.out) as? [[String: Any]])?.count == 2)
        let table = try CLI.run(["incidents", "--today", "2026-11-17", "-o", "table"], db: db)
        #expect(table.out.contains("1d overdue") && table.out.contains("1d left") && table.out.contains("due today"), "\(table.out)")
        // CSV cells are neutralised against formula injection.
        let csv = try CLI.run(["incidents", "--today", "2026-11-17", "-o", "csv"], db: db)
        #expect(csv.out.contains("'=HYPERLINK"), "\(csv.out)")
        #expect(csv.out.contains(",'-1,"), "\(csv.out)")
        #expect(!csv.out.contains(",=HYPERLINK"))
        let one = try CLI.run(["incidents", "loan-desk", "--today", "2026-11-17", "-o", "json"], db: db)
        #expect((try Self.json(one.out) as? [[String: Any]])?.count == 2)
        let none = try CLI.run(["incidents", "nothing-here"], db: db)
        #expect(none.code == 2)
    }

    // MARK: the rules in check, with waivers and --fail-on

    @Test func checkReportsINC001FromTheDayAfterTheDeadline() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        func inc(_ day: String) throws -> [[String: Any]] {
            let r = try CLI.run(["check", "cv-ranker", "--today", day, "-o", "json", "--fail-on", "never"], db: db)
            #expect(r.code == 0, "\(r.err)")
            let report = try #require(try Self.json(r.out) as? [String: Any])
            return (report["findings"] as? [[String: Any]] ?? []).filter { ($0["rule"] as? String)?.hasPrefix("INC-") == true }
        }
        #expect(try inc("2026-11-16").map { $0["rule"] as? String } == ["INC-003"])
        let late = try inc("2026-11-17")
        #expect(late.count == 1)
        #expect(late.first?["rule"] as? String == "INC-001")
        #expect(late.first?["severity"] as? String == "critical")
        #expect(late.first?["path"] as? String == "incidents[inc-1]")
        #expect(late.first?["system"] as? String == "cv-ranker")

        // --fail-on critical fails on INC-001 and passes once it is waived.
        // On the original timeline, where INC-001's high-risk group applies since 2026-08-02 (rules
        // v3); the other critical finding there, OVR-001, is waived so that INC-001 alone decides.
        for system in ["cv-ranker", "loan-desk"] {
            #expect(try CLI.run(["waive", system, "OVR-001", "--reason", "oversight being set up", "--expires", "2027-02-28",
                                 "--approved-by", "cro"], db: db).code == 0)
        }
        let quiet = try CLI.run(["check", "--today", "2026-11-16", "--timeline", "original", "--fail-on", "critical", "-o", "json"], db: db)
        #expect(quiet.code == 0, "\(quiet.out)")
        #expect(try CLI.run(["check", "--today", "2026-11-17", "--timeline", "original", "--fail-on", "critical", "-o", "json"], db: db).code == 1)
        let w = try CLI.run(["waive", "cv-ranker", "inc-001", "--reason", "reported by phone; the form follows",
                             "--expires", "2027-02-28", "--approved-by", "cro"], db: db)
        #expect(w.code == 0, "\(w.err)")
        #expect(try CLI.run(["check", "--today", "2026-11-17", "--timeline", "original", "--fail-on", "critical", "-o", "json"], db: db).code == 0)

        // check -f sees incidents in the files too.
        let files = try CLI.run(["check", "-f", t.file("systems.yaml"), "-f", t.file("incident.yaml"), "--today", "2026-11-17",
                                 "-o", "json", "--fail-on", "never"])
        #expect(files.code == 0, "\(files.err)")
        #expect(files.out.contains("\"INC-001\""))

        let e = try CLI.run(["explain", "INC-001"], db: db)
        #expect(e.code == 0, "\(e.err)")
        #expect(e.out.contains("INC-001") && e.out.contains("Art. 73") && e.out.contains("report_due"), "\(e.out)")
        let rules = try CLI.run(["rules", "-o", "json"], db: db)
        let list = try #require(try Self.json(rules.out) as? [[String: Any]])
        #expect(list.first { $0["id"] as? String == "INC-002" }?["origin"] as? String == "built-in")
    }

    @Test func aRetiredSystemsOpenIncidentStillCounts() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        #expect(try CLI.run(["set", "cv-ranker", "status=retired"], db: db).code == 0)
        let r = try CLI.run(["check", "--today", "2026-11-17", "-o", "json", "--fail-on", "never"], db: db)
        #expect(r.out.contains("\"INC-001\""), "\(r.out)")
    }

    // MARK: delete

    @Test func deleteIncidentKeepsItsHistory() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let before = try CLI.dump(db)
        let missing = try CLI.run(["delete", "--incident", "inc-404"], db: db)
        #expect(missing.code == 2)
        #expect(missing.err.contains("no incident with id \"inc-404\""))
        #expect(try CLI.dump(db) == before)
        // Deleting the system keeps its incident (it outlives the system).
        #expect(try CLI.run(["delete", "loan-desk"], db: db).code == 0)
        let d = try CLI.run(["delete", "--incident", "inc-1"], db: db)
        #expect(d.code == 0, "\(d.err)")
        #expect(d.out == "deleted incident inc-1\n")
        #expect((try Self.json(CLI.run(["incidents", "-o", "json"], db: db).out) as? [Any])?.isEmpty == true)
        let h = try #require(try Self.json(CLI.run(["history", "inc-1", "-o", "json"], db: db).out) as? [[String: Any]])
        #expect(h.map { $0["action"] as? String } == ["delete", "create"])
        let v = try CLI.run(["audit", "verify"], db: db)
        #expect(v.code == 0, "\(v.out)\(v.err)")
    }

    @Test func changingTheIncidentTableBehindAigovsBackIsDrift() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "UPDATE incidents SET title = 'edited' WHERE id = 'inc-1'"])
        let v = try CLI.run(["audit", "verify"], db: db)
        #expect(v.code == 1)
        #expect(v.err.contains("incident inc-1 differs from its last audit entry"), "\(v.err)")
        // Nothing traps on a row that no longer reads as an incident.
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "PRAGMA ignore_check_constraints = 1; UPDATE incidents SET aware = 'soon' WHERE id = 'inc-1'"])
        for args in [["incidents", "-o", "table"], ["check", "--fail-on", "never"], ["audit", "verify"]] {
            let r = try CLI.run(args, db: db)
            #expect([0, 1].contains(r.code), "\(args): \(r.code) \(r.err)")
        }
    }

    // MARK: the pack

    @Test func thePackCarriesTheIncidentRegister() throws {
        let t = TempDir()
        let told = Self.incident.replacingOccurrences(
            of: "status: open", with: "reports:\n  - {kind: initial, date: 2026-11-20, authority: AP}\nstatus: open")
        let db = try Self.registry(t, incident: told)
        let pack = t.file("pack")
        let p = try CLI.run(["export", "pack", "--out", pack, "--today", "2026-11-24"], db: db)
        #expect(p.code == 0, "\(p.err)")
        let register = try String(contentsOfFile: pack + "/incidents.html", encoding: .utf8)
        #expect(register.contains("inc-1"))
        #expect(register.contains("Days taken") && register.contains("Days allowed"))
        // The initial report came 19 days after awareness, against 15 allowed.
        #expect(register.contains("<td>2026-11-20</td><td>initial report to AP</td><td class=\"num\">19</td><td class=\"num\">15</td><td><b>no</b></td>"), "\(register)")
        let index = try String(contentsOfFile: pack + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"incidents.html\""))
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)
    }

    // MARK: the demo

    @Test func theDemoHasAnOverdueAPendingAndAClosedIncident() throws {
        let t = TempDir()
        let db = t.file("demo.db")
        #expect(try CLI.run(["demo", "--db", db, "-o", "json"]).code == 0)
        let rows = try #require(try Self.json(CLI.run(["incidents", "--today", "2026-11-24", "-o", "json"], db: db).out) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.filter { $0["status"] as? String == "open" && $0["overdue"] as? Bool == true }.count == 1)
        #expect(rows.filter { $0["status"] as? String == "open" && $0["overdue"] as? Bool == false }.count == 1)
        #expect(rows.filter { $0["status"] as? String == "closed" }.count == 1)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }

    // MARK: the console in a real terminal

    @Test(.enabled(if: Tools.tmux, "tmux is not installed"))
    func consoleShowsTheOverdueIncidentInRedAndTheDashboardsAgenda() throws {
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath())
        let t = TempDir()
        let db = try Self.registry(t, incident: Self.incident.replacingOccurrences(of: "id: inc-1", with: "id: inc-late"))
        let soon = """
            kind: incident
            id: inc-soon
            system: loan-desk
            title: Declines from one postcode
            class: health
            aware: 2026-11-20
            provider_informed: 2026-11-20
            status: open

            """
        #expect(try CLI.run(["apply", "-f", t.write("soon.yaml", soon)], db: db).code == 0)
        let tmux = ConsoleE2ETests.Tmux(path: tmuxPath)
        defer { tmux.kill() }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // Colour on (the test runner may set NO_COLOR, which the console honours).
        let command = "env -u NO_COLOR AIGOV_TODAY=2026-11-24 TERM=xterm-256color \(q(CLI.binary)) tui --read-only --db \(q(db))"
        try tmux.run(["new-session", "-d", "-s", "console", "-x", "100", "-y", "30", command])
        // The dashboard's agenda: the overdue report first, and inc-soon's report deadline.
        try tmux.waitFor("the dashboard's agenda") { screen in
            let lines = screen.split(separator: "\n")
            guard let first = lines.firstIndex(where: { $0.contains("Agenda to 2027-02-22") }), first + 1 < lines.count else { return false }
            let next = lines[first + 1]
            return next.contains("2026-11-16") && next.contains("8d overdue") && next.contains("incident report") && next.contains("cv-ranker")
                && screen.contains("inc-soon")
        }
        try tmux.send("4")
        try tmux.waitFor("the incidents screen") { $0.contains("Incidents  2 open  1 overdue") && $0.contains("inc-soon") }
        // Move the cursor off the overdue row so that it shows its own colour.
        try tmux.send("j")
        try tmux.waitFor("the cursor on the second row") { $0.contains("2/2") }
        let coloured = try tmux.run(["capture-pane", "-e", "-p", "-t", "console"], capture: true)
        let line = try #require(coloured.split(separator: "\n").first { $0.contains("inc-late") }.map(String.init))
        let red = ["\u{1B}[31m", "\u{1B}[38;5;1m", ";31m"]
        let before = String(line[..<(line.range(of: "inc-late")?.lowerBound ?? line.endIndex)])
        #expect(red.contains { before.contains($0) }, "the overdue row is not red: \(line.debugDescription)")
        let pending = try #require(coloured.split(separator: "\n").first { $0.contains("inc-soon") }.map(String.init))
        #expect(!red.contains { pending.contains($0) }, "\(pending.debugDescription)")
    }
}
