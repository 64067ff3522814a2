import Foundation
import Testing

/// Data loss and false history (#27): each hole a red team found, through the real binary.
/// Every test here failed before its fix.
@Suite struct HistoryHolesTests {
    /// Two systems and an incident, then a change: entries 1–2 systems, 3 the incident, 4 the change.
    static func registry(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        let systems = t.write("s.yaml", IncidentTests.systems)
        let incident = t.write("i.yaml", IncidentTests.incident)
        #expect(try CLI.run(["apply", "-f", systems], db: db).code == 0)
        #expect(try CLI.run(["apply", "-f", incident], db: db).code == 0)
        #expect(try CLI.run(["set", "loan-desk", "owner=credit-risk"], db: db).code == 0)
        #expect(try CLI.run(["audit", "head"], db: db).out.hasPrefix("4:"))
        return db
    }

    @Test func restoreRefusesToDropNewerEntriesUnlessTheirCountIsNamed() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let backup = t.file("b.db")
        #expect(try CLI.run(["backup", backup], db: db).code == 0)
        #expect(try CLI.run(["set", "cv-ranker", "owner=people-analytics", "--actor", "alice"], db: db).code == 0)
        #expect(try CLI.run(["set", "cv-ranker", "purpose=Rank applicants", "--actor", "bob"], db: db).code == 0)
        let before = try CLI.dump(db)

        let refused = try CLI.run(["restore", backup], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("would drop 2 audit entries"), "\(refused.err)")
        #expect(refused.err.contains("#5") && refused.err.contains("alice") && refused.err.contains("#6") && refused.err.contains("bob"))
        #expect(refused.err.contains("--discard-newer 2"))
        #expect(try CLI.dump(db) == before)

        let wrongCount = try CLI.run(["restore", backup, "--discard-newer", "1"], db: db)
        #expect(wrongCount.code == 2)
        #expect(try CLI.dump(db) == before)

        let done = try CLI.run(["restore", backup, "--discard-newer", "2"], db: db)
        #expect(done.code == 0, "\(done.err)")
        #expect(done.err.contains("dropped 2 audit entries") && done.err.contains("alice"))
        #expect(try CLI.run(["audit", "head"], db: db).out.hasPrefix("4:"))
        // Restoring the same backup again drops nothing and needs no count.
        #expect(try CLI.run(["restore", backup], db: db).code == 0)
    }

    @Test func aRegistryWithRecordsButNoChainRefusesEveryWrite() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "DELETE FROM audit_log; DELETE FROM meta WHERE key IN ('audit_head','audit_count');"])
        let before = try CLI.dump(db)
        let r = try CLI.run(["set", "loan-desk", "owner=someone"], db: db)
        #expect(r.code == 3)
        #expect(r.err.contains("no audit log"), "\(r.err)")
        #expect(try CLI.run(["apply", "-f", t.write("more.yaml", "id: new-one\nname: New\nowner: x\nstatus: pilot\n")], db: db).code == 3)
        #expect(try CLI.dump(db) == before)
    }

    @Test func pruneRefusesADanglingLinkAndAnUnreadableFolder() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let tree = t.file("tree")
        #expect(try CLI.run(["export", "--tree", tree], db: db).code == 0)
        let file = tree + "/systems/loan-desk.yaml"
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: t.file("gone.yaml"))
        let before = try CLI.dump(db)
        let r = try CLI.run(["apply", "-f", tree, "--prune"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("loan-desk.yaml: a link to a missing file"), "\(r.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test(.enabled(if: getuid() != 0, "root reads a folder without permission"))
    func pruneRefusesAFolderItCannotList() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let tree = t.file("tree")
        #expect(try CLI.run(["export", "--tree", tree], db: db).code == 0)
        try FileManager.default.createDirectory(atPath: tree + "/systems/more", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: tree + "/systems/loan-desk.yaml", toPath: tree + "/systems/more/loan-desk.yaml")
        chmod(tree + "/systems/more", 0)
        defer { chmod(tree + "/systems/more", 0o700) }
        let before = try CLI.dump(db)
        let r = try CLI.run(["apply", "-f", tree, "--prune"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("systems/more: cannot read the folder"), "\(r.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test func timeTravelCarriesIncidents() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        // At entry 3 the incident exists; at entry 2 it does not.
        let past = try CLI.run(["check", "--as-of", "3", "--today", "2026-11-30", "-o", "json", "--fail-on", "never"], db: db)
        #expect(past.out.contains("\"INC-001\""), "\(past.out)")
        #expect(!(try CLI.run(["check", "--as-of", "2", "--today", "2026-11-30", "-o", "json", "--fail-on", "never"], db: db).out.contains("INC-")))
        let listed = try CLI.run(["get", "--incidents", "--as-of", "3", "-o", "yaml"], db: db)
        #expect(listed.code == 0 && listed.out.contains("id: inc-1"), "\(listed.out)\(listed.err)")
        // diff shows the incident created between 2 and 3.
        let diff = try CLI.run(["diff", "--since", "2", "--until", "3", "-o", "json"], db: db)
        #expect(diff.code == 1)
        #expect(diff.out.contains("\"incident\"") && diff.out.contains("inc-1") && diff.out.contains("cv-ranker"), "\(diff.out)")
    }

    @Test func theTreeCarriesIncidentsAndPruneDeletesTheOnesItLacks() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let tree = t.file("tree")
        let wrote = try CLI.run(["export", "--tree", tree], db: db)
        #expect(wrote.out.contains("1 incident"), "\(wrote.out)")
        #expect(FileManager.default.fileExists(atPath: tree + "/incidents/inc-1.yaml"))
        // A fresh tree is the registry: nothing to apply.
        #expect(try CLI.run(["diff", "-f", tree], db: db).code == 0)

        // A second incident in the registry, not in the tree: diff and prune see it.
        let second = t.write("i2.yaml", IncidentTests.incident.replacingOccurrences(of: "id: inc-1", with: "id: inc-2"))
        #expect(try CLI.run(["apply", "-f", second], db: db).code == 0)
        let diff = try CLI.run(["diff", "-f", tree, "-o", "json"], db: db)
        #expect(diff.code == 1 && diff.out.contains("inc-2") && diff.out.contains("deleted"), "\(diff.out)")
        let pruned = try CLI.run(["apply", "-f", tree, "--prune"], db: db)
        #expect(pruned.code == 0, "\(pruned.err)")
        #expect(pruned.out.contains("deleted   incident inc-2"), "\(pruned.out)")
        #expect(try CLI.run(["history", "-o", "json"], db: db).out.contains("\"incident\""))

        // A tree without any incident (written before trees held them) would delete them all:
        // refused without --prune-all.
        try FileManager.default.removeItem(atPath: tree + "/incidents")
        let before = try CLI.dump(db)
        let refused = try CLI.run(["apply", "-f", tree, "--prune"], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("1 of the registry's 1 incidents"), "\(refused.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test func aReversedRangeIsExitTwo() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let diff = try CLI.run(["diff", "--since", "3", "--until", "1"], db: db)
        #expect(diff.code == 2)
        #expect(diff.err.contains("reversed"), "\(diff.err)")
        #expect(!diff.out.contains("deleted"))
        let pack = try CLI.run(["export", "pack", "--out", t.file("p.zip"), "--as-of", "1", "--since", "3"], db: db)
        #expect(pack.code == 2, "\(pack.err)")
        #expect(pack.err.contains("reversed"))
        #expect(!FileManager.default.fileExists(atPath: t.file("p.zip")))
        let days = try CLI.run(["diff", "--since", "2026-11-30", "--until", "2026-11-01"], db: db)
        #expect(days.code == 2 && days.err.contains("reversed"))
    }
}
