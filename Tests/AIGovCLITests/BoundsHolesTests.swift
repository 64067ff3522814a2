import Foundation
import Testing

/// Bounds (#27): inputs the red team got through, each now refused with its path named and
/// nothing written, through the real binary. Every test here failed before its fix.
@Suite struct BoundsHolesTests {
    static func registry(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", t.write("s.yaml", IncidentTests.systems)], db: db).code == 0)
        return db
    }

    @Test(arguments: [
        ("status: open", "status: closed\nclosed: 2026-10-31", "closed", "before aware"),
        ("status: open", "status: open\nprovider_informed: 2026-10-20", "provider_informed", "before aware"),
        ("aware: 2026-11-01", "aware: 9999-11-01", "aware", "after today"),
        ("status: open", "status: closed\nclosed: 2027-01-05", "closed", "after today"),
    ])
    func incidentDatesOutOfOrderOrInTheFutureAreRefused(_ find: String, _ replace: String, _ path: String, _ why: String) throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let before = try CLI.dump(db)
        let bad = t.write("bad.yaml", IncidentTests.incident.replacingOccurrences(of: find, with: replace))
        let r = try CLI.run(["apply", "-f", bad], db: db)
        #expect(r.code == 2, "\(r.out)\(r.err)")
        #expect(r.err.contains("bad.yaml") && r.err.contains(path) && r.err.contains(why), "\(r.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test func aRulesFolderThatIsAFileOrAFIFOIsExitTwoAndDoctorFails() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        _ = t.write("rules.d", "rules: []\n")
        let check = try CLI.run(["check", "-o", "json"], db: db)
        #expect(check.code == 2)
        #expect(check.err.contains("rules.d: not a folder (a plain file)"), "\(check.err)")
        let doctor = try CLI.run(["doctor", "-o", "json", "--db", db])
        #expect(doctor.code == 1)
        #expect(doctor.out.contains("\"rules.d\", \"status\": \"fail\""), "\(doctor.out)")

        try FileManager.default.removeItem(atPath: t.file("rules.d"))
        #expect(mkfifo(t.file("rules.d"), 0o600) == 0)
        let fifo = try CLI.run(["check", "-o", "json"], db: db)
        #expect(fifo.code == 2)
        #expect(fifo.err.contains("rules.d: not a folder (a FIFO)"), "\(fifo.err)")

        // A rule file that is a link to nothing is named too, rather than skipped.
        try FileManager.default.removeItem(atPath: t.file("rules.d"))
        try FileManager.default.createDirectory(atPath: t.file("rules.d"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: t.file("rules.d/org.yaml"), withDestinationPath: t.file("gone.yaml"))
        let dangling = try CLI.run(["check", "-o", "json"], db: db)
        #expect(dangling.code == 2)
        #expect(dangling.err.contains("org.yaml: a link to nothing"), "\(dangling.err)")
    }

    @Test func doctorNamesALoopOfLinks() throws {
        let t = TempDir()
        try FileManager.default.createSymbolicLink(atPath: t.file("a.db"), withDestinationPath: "b.db")
        try FileManager.default.createSymbolicLink(atPath: t.file("b.db"), withDestinationPath: "a.db")
        let doctor = try CLI.run(["doctor", "-o", "json", "--db", t.file("a.db")])
        #expect(doctor.code == 1)
        #expect(doctor.out.contains("loop of symbolic links"), "\(doctor.out)")
    }

    @Test(arguments: ["ev\u{1B}[31mil", "bell\u{07}", "csi\u{9B}2J", "two\nlines"])
    func anActorWithControlCharactersIsRefused(_ actor: String) throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let before = try CLI.dump(db)
        let r = try CLI.run(["set", "loan-desk", "owner=x", "--actor", actor], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("control character"), "\(r.err)")
        let env = try CLI.run(["set", "loan-desk", "owner=x"], db: db, env: ["AIGOV_ACTOR": actor])
        #expect(env.code == 2)
        #expect(try CLI.dump(db) == before)
    }

    /// On a terminal, CSV passes no escape sequence from the database, colours included (before,
    /// CSV was sanitised like aigov's own coloured tables, which keep colour codes).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) is not installed"))
    func csvOnATerminalPassesNoColourFromTheDatabase() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "UPDATE systems SET name = 'Loan ' || char(27) || '[31mred' WHERE id = 'loan-desk'"])
        for args in ["get -o csv", "export -o csv", "vendors -o csv"] {
            let tty = try CLI.exec("/usr/bin/script", ["-qec", "AIGOV_DB='\(db)' AIGOV_TODAY=2026-11-30 '\(CLI.binary)' \(args)", "/dev/null"])
            #expect(!tty.out.contains("\u{1B}[31m"), "\(args): a colour from the database reached the terminal")
            if args != "vendors -o csv" { #expect(tty.out.contains("Loan \u{241B}[31mred"), "\(args): \(tty.out)") }
        }
        // Piped, the data stays exact.
        #expect(try CLI.run(["get", "-o", "csv"], db: db).out.contains("Loan \u{1B}[31mred"))
    }
}
