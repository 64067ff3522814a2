import Foundation
import Testing

/// Faults and hostile environments: each must end in a clear message, a non-zero exit and
/// an intact registry.
@Suite(.serialized) struct ReliabilityTests {
    static func sql(_ db: String, _ query: String) throws -> String {
        try CLI.exec("/usr/bin/env", ["sqlite3", db, query]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// SIGKILL at many points during a large import: the file stays intact and holds all or
    /// nothing of that import.
    @Test func killDuringImportLeavesAllOrNothing() throws {
        let t = TempDir()
        let yaml = t.file("big")
        #expect(try CLI.run(["demo", "--generate", "2000", "--seed", "5", "--yaml-out", yaml]).code == 0)
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let base = Int(try Self.sql(db, "SELECT count(*) FROM systems")) ?? -1
        var outcomes: Set<Int> = []
        // Kill after 0…~1.5 s, spread over the import's run time.
        for step in 0..<8 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.binary)
            p.arguments = ["apply", "-f", yaml, "--db", db, "--actor", "killer"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(50_000 + step * 180_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(try Self.sql(db, "PRAGMA integrity_check") == "ok")
            let n = Int(try Self.sql(db, "SELECT count(*) FROM systems")) ?? -1
            #expect(n == base || n == base + 2000, "partial import: \(n) systems")
            outcomes.insert(n)
            #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
            if n == base + 2000 { break }
        }
        #expect(outcomes.contains(base), "at least one kill landed before the commit")
    }

    @Test func backupDuringWritesRestoresAnIntactRegistry() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/bash")
        writer.arguments = ["-c", "for i in $(seq 1 60); do \"$AIGOV\" set invoice-ocr contact=w$i@example.com --db \"$DB\" >/dev/null || echo FAIL; done"]
        writer.environment = ["AIGOV": CLI.binary, "DB": db, "AIGOV_ACTOR": "writer", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        writer.standardOutput = out
        try writer.run()
        var backups: [String] = []
        for i in 0..<4 {
            let b = t.file("backup-\(i).db")
            let r = try CLI.run(["backup", b], db: db)
            #expect(r.code == 0, "\(r.err)")
            backups.append(b)
            usleep(100_000)
        }
        writer.waitUntilExit()
        #expect(!String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("FAIL"))
        for b in backups {
            let attrs = try FileManager.default.attributesOfItem(atPath: b)
            #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try Self.sql(b, "PRAGMA integrity_check") == "ok")
            #expect(try CLI.run(["audit", "verify"], db: b).code == 0)
        }
        let restored = t.file("restored.db")
        let r = try CLI.run(["restore", backups[1]], db: restored)
        #expect(r.code == 0, "\(r.err)")
        #expect(try CLI.run(["audit", "verify"], db: restored).code == 0)
        #expect(try CLI.run(["get", "-o", "json"], db: restored).out == (try CLI.run(["get", "-o", "json"], db: backups[1]).out))
        #expect(try CLI.run(["backup", backups[0]], db: db).code == 3, "an existing file is not replaced without --force")
        #expect(try CLI.run(["backup", t.file("g.db"), "--group-readable"], db: db).code == 0)
        let g = try FileManager.default.attributesOfItem(atPath: t.file("g.db"))
        #expect((g[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }

    @Test func restoreRefusesBrokenOrForeignFiles() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let before = try CLI.dump(db)
        let text = t.write("notes.txt", String(repeating: "not a database ", count: 100))
        let r1 = try CLI.run(["restore", text], db: db)
        #expect(r1.code == 3)
        #expect(r1.err.contains("not an aigov registry"))
        let tampered = t.file("tampered.db")
        #expect(try CLI.run(["backup", tampered], db: db).code == 0)
        _ = try Self.sql(tampered, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
        let r2 = try CLI.run(["restore", tampered], db: db)
        #expect(r2.code == 3)
        #expect(r2.err.contains("audit log is broken at entry 2"))
        let foreign = t.file("foreign.db")
        _ = try Self.sql(foreign, "CREATE TABLE notes (x TEXT)")
        #expect(try CLI.run(["restore", foreign], db: db).err.contains("holds other tables"))
        #expect(try CLI.dump(db) == before)
    }

    /// A row changed with the sqlite3 shell, without an audit entry, is reported as drift.
    @Test func editingASystemRowBehindTheLogIsDrift() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        _ = try Self.sql(db, "UPDATE systems SET owner = 'someone-else' WHERE id = 'loan-scoring'")
        let r = try CLI.run(["audit", "verify"], db: db)
        #expect(r.code == 1)
        #expect(r.err.contains("drift: system loan-scoring differs from its last audit entry"))
        _ = try Self.sql(db, "DELETE FROM waivers")
        #expect(try CLI.run(["audit", "verify"], db: db).err.contains("waiver support-chatbot/FBK-002 was removed without an audit entry"))
    }

    @Test func aLockedDatabaseGivesOneClearLine() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", db]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE; UPDATE meta SET value = value WHERE key = 'schema_version';\n".utf8))
        usleep(300_000)
        let r = try CLI.run(["set", "invoice-ocr", "contact=x@example.com"], db: db, env: ["AIGOV_BUSY_TIMEOUT": "1"])
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(r.code == 3)
        #expect(r.err.contains("locked by another process"))
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(try CLI.run(["set", "invoice-ocr", "contact=x@example.com"], db: db).code == 0)
    }

    @Test func readOnlyFolderAndFullDisk() throws {
        let t = TempDir()
        if getuid() != 0 {
            let dir = t.file("ro")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            chmod(dir, 0o555)
            let r = try CLI.run(["init"], db: dir + "/r.db")
            #expect(r.code == 3)
            #expect(r.err.contains("cannot create registry"))
            chmod(dir, 0o755)
        }
        // Root ignores permissions; a small tmpfs shows a read-only mount and a full disk.
        let mnt = t.file("mnt")
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        let mounted = try CLI.exec("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", mnt])
        guard mounted.code == 0 else {
            print("skipping full-disk and read-only-mount checks: cannot mount a tmpfs here (\(mounted.err.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? CLI.exec("/usr/bin/env", ["umount", mnt]) }
        let db = mnt + "/r.db"
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let before = try CLI.dump(db)
        let yaml = t.file("big")
        #expect(try CLI.run(["demo", "--generate", "1500", "--seed", "2", "--yaml-out", yaml]).code == 0)
        let full = try CLI.run(["apply", "-f", yaml], db: db)
        #expect(full.code == 3, "\(full.err)")
        #expect(full.err.contains("disk is full"))
        #expect(!full.err.contains("Fatal error"))
        #expect(try CLI.dump(db) == before)
        _ = try CLI.exec("/usr/bin/env", ["mount", "-o", "remount,ro", mnt])
        let ro = try CLI.run(["set", "invoice-ocr", "contact=y@example.com"], db: db)
        #expect(ro.code == 3, "\(ro.err)")
        #expect(ro.err.split(separator: "\n").count == 1)
        // Reading a WAL database on a read-only mount needs its shared-memory file writable;
        // either it reads, or it says so in one line.
        let get = try CLI.run(["get", "invoice-ocr", "-o", "json"], db: db)
        #expect(get.out.contains("invoice-ocr") || (get.code == 3 && get.err.split(separator: "\n").count == 1), "\(get.err)")
    }
}

/// A few hostile files through the real binary: exit 0 or 2, a message, nothing written.
@Suite struct HostileFileCLITests {
    @Test func hostileFilesThroughTheBinary() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let before = try CLI.dump(db)
        var rng = FuzzRNG(state: 7)
        let seed = try String(contentsOfFile: CLI.examples + "/loan-scoring.yaml", encoding: .utf8)
        for i in 0..<25 {
            var bytes = Array(seed.utf8)
            for _ in 0..<(1 + Int(rng.next() % 8)) where !bytes.isEmpty {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            let f = t.file("h\(i).yaml")
            _ = FileManager.default.createFile(atPath: f, contents: Data(bytes))
            let a = try CLI.run(["apply", "--dry-run", "-f", f], db: db)
            #expect(a.code == 0 || a.code == 2, "apply --dry-run exited \(a.code): \(a.err)")
            if a.code == 2 { #expect(!a.err.isEmpty) }
            let c = try CLI.run(["check", "-f", f, "-o", "json", "--fail-on", "never"])
            #expect(c.code == 0 || c.code == 2, "check exited \(c.code): \(c.err)")
        }
        #expect(try CLI.dump(db) == before)
    }
}

struct FuzzRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A registry written by the first released schema (version 1) keeps opening in every
/// later binary: migrations upgrade it in place, keeping data and history.
@Suite struct UpgradeTests {
    @Test func firstSchemaFixtureOpensWithDataAndHistory() throws {
        let t = TempDir()
        let db = t.file("old.db")
        try FileManager.default.copyItem(atPath: CLI.fixtures.appendingPathComponent("registry-schema-v1.db").path, toPath: db)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
        let systems = try JSONSerialization.jsonObject(with: Data(try CLI.run(["get", "-o", "json"], db: db).out.utf8)) as? [[String: Any]]
        #expect(systems?.count == 6)
        let h = try CLI.run(["history", "loan-scoring", "-o", "json"], db: db).out
        #expect(h.contains("model-risk-board"))
        #expect(try CLI.run(["set", "loan-scoring", "contact=new@example.com"], db: db).code == 0)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }
}
