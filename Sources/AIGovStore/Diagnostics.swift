import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// What `aigov doctor` asks of SQLite, answered inside the store so that no face needs GRDB.
public enum StoreDiagnostics {
    /// The version of the SQLite library aigov runs on.
    public static func sqliteVersion() throws -> String {
        do {
            return try DatabaseQueue().read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") } ?? "?"
        } catch let e as DatabaseError {
            throw Registry.wrap(e, path: ":memory:")
        }
    }

    /// Creates a scratch database in `dir`, switches it to WAL, writes a row and returns the
    /// journal mode SQLite reports; the scratch files are removed in every case.
    public static func scratchWAL(in dir: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(".aigov-doctor-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).db")
        // Exclusive create: never follow or reuse something planted under that name.
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw RegistryError.cannotCreate(path: path, detail: String(cString: strerror(errno))) }
        close(fd)
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) } }
        do {
            var config = Configuration()
            config.label = "aigov-doctor"
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") ?? ""
                try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM t")
                return mode.lowercased()
            }
        } catch let e as DatabaseError {
            throw Registry.wrap(e, path: path)
        }
    }
}

extension Registry {
    /// Calls `body` with the SQL of every statement this registry's connection executes from
    /// now on (SQLite's statement trace), until `stopTracing`. For tests and diagnostics that
    /// show which tables a read touches (#25: `get -o csv` and `vendors` read no record tables).
    public func traceStatements(_ body: @escaping @Sendable (String) -> Void) throws {
        try writer.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case let .statement(statement) = event { body(statement.sql) }
            }
        }
    }

    /// Ends `traceStatements`.
    public func stopTracing() throws {
        try writer.writeWithoutTransaction { db in db.trace(options: [], nil) }
    }
}
