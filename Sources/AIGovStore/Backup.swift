import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// What `inspect` found in a registry file.
public struct RegistryHealth: Sendable {
    public var systems: Int
    public var integrity: String
    public var audit: AuditVerification
    public var ok: Bool { integrity == "ok" && audit.ok }
}

extension Registry {
    /// Copies the registry into a new file with SQLite's online backup, which is safe while
    /// other processes write. The copy is written beside `path` and renamed into place when
    /// complete; it is a single file (journal mode DELETE) readable by its owner only, or
    /// also by its group with `groupReadable`.
    public func backup(to path: String, groupReadable: Bool = false, force: Bool = false) throws -> RegistryHealth {
        if FileManager.default.fileExists(atPath: path), !force {
            throw RegistryError.cannotCreate(path: path, detail: "the file exists (use --force to replace it)")
        }
        let temp = path + ".partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: temp)
        try Registry.createFile(temp, mode: groupReadable ? 0o640 : 0o600)
        do {
            let dest = try DatabaseQueue(path: temp)
            try writer.backup(to: dest)
            try dest.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try dest.close()
            if rename(temp, path) != 0 {
                throw RegistryError.cannotCreate(path: path, detail: String(cString: strerror(errno)))
            }
        } catch let e as DatabaseError {
            try? FileManager.default.removeItem(atPath: temp)
            throw Registry.wrap(e, path: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
        return try Registry.inspect(path: path)
    }

    /// Checks a file without changing it: it must be an aigov registry this binary can read,
    /// pass `PRAGMA integrity_check`, and have an intact audit chain with no drift.
    public static func inspect(path: String) throws -> RegistryHealth {
        let r = try Registry.open(path: path, create: false, readOnly: true)
        let integrity = try r.writer.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
        return RegistryHealth(systems: try r.count(), integrity: integrity, audit: try r.verifyAudit())
    }

    /// Replaces this registry's whole content with the registry at `source`, after checking
    /// that the source is healthy. The copy is one online backup into the open database, so
    /// other processes see either the old or the new registry, never a mix.
    ///
    /// The backup's audit chain must extend the live one, or the entries the live registry has
    /// beyond what the two share are dropped by the restore: then `discardNewer` must be their
    /// count, or nothing is restored and the error lists them (`restore --discard-newer N`).
    public func restore(from source: String, discardNewer: Int? = nil) throws -> (health: RegistryHealth, dropped: [String]) {
        if readOnly { throw RegistryError.readOnly }
        let health = try Registry.inspect(path: source)
        guard health.integrity == "ok" else {
            throw RegistryError.notARegistry(path: source, detail: "integrity check failed: \(health.integrity)")
        }
        if let bad = health.audit.firstBad {
            throw RegistryError.notARegistry(path: source, detail: "its audit log is broken at entry \(bad.seq): \(bad.reason)")
        }
        if let drift = health.audit.drift.first {
            throw RegistryError.notARegistry(path: source, detail: "its records do not match their history (\(drift))")
        }
        let src = try DatabaseQueue(path: source, configuration: {
            var c = Configuration()
            c.readonly = true
            return c
        }())
        defer { try? src.close() }
        let dropped = try droppedBy(restoring: src)
        if !dropped.isEmpty || discardNewer != nil, discardNewer != dropped.count {
            throw RegistryError.restoreWouldDrop(count: dropped.count, named: discardNewer, entries: dropped)
        }
        try src.backup(to: writer)
        return (health, dropped)
    }

    /// The live audit entries a restore from `source` would drop: those after the longest
    /// prefix (by hash) the two chains share, described one line each, oldest first.
    func droppedBy(restoring source: DatabaseQueue) throws -> [String] {
        let theirs = try source.read { db in try String.fetchAll(db, sql: "SELECT hash FROM audit_log ORDER BY seq") }
        return try read { db in
            var out: [String] = []
            var shared = true
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, actor, action, entity, entity_id, hash FROM audit_log ORDER BY seq")
            var i = 0
            while let r = try rows.next() {
                if shared, i < theirs.count, theirs[i] == (r[6] as String? ?? "") {
                    i += 1
                    continue
                }
                shared = false
                let seq: Int64 = r[0] ?? 0
                let at: String = r[1] ?? ""
                let actor: String = r[2] ?? ""
                let action: String = r[3] ?? ""
                let entity: String = r[4] ?? ""
                let id: String = r[5] ?? ""
                out.append("#\(seq) \(at) \(actor) \(action) \(entity) \(id)")
            }
            return out
        }
    }
}
