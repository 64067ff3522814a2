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
    public func restore(from source: String) throws -> RegistryHealth {
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
        try src.backup(to: writer)
        try src.close()
        return health
    }
}
