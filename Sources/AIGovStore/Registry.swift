import AIGovCore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// What one write did to one record.
public struct ChangeOutcome: Sendable, Equatable, Encodable {
    public init(kind: Kind, entity: String, id: String, fields: [String], rowVersion: Int?) {
        self.kind = kind
        self.entity = entity
        self.id = id
        self.fields = fields
        self.rowVersion = rowVersion
    }

    public enum Kind: String, Sendable, Encodable { case created, changed, unchanged, deleted }
    public var kind: Kind
    /// `system` or `waiver`.
    public var entity: String
    /// The system id, or `SYSTEM/RULE` for a waiver.
    public var id: String
    /// Changed fields (dotted one level into objects), for `changed`.
    public var fields: [String]
    /// The row version after the write (systems only).
    public var rowVersion: Int?
}

/// A waiver as stored, with who recorded it and when.
public struct StoredWaiver: Sendable, Equatable {
    public var waiver: Waiver
    public var createdAt: String
    public var createdBy: String
}

/// The registry: one SQLite file, and the one service layer through which every write goes.
///
/// Each write method runs in one IMMEDIATE transaction that also appends its audit entries,
/// so a change and its history commit together or not at all, and concurrent processes
/// serialise on SQLite's write lock (busy timeout) instead of losing updates.
public final class Registry: Sendable {
    /// The database; only the store's own methods reach it, so every write goes through the
    /// service layer and no face sees GRDB or its errors.
    let writer: any DatabaseWriter
    public let path: String
    public let readOnly: Bool
    /// The evaluator writes store fresh evaluations with (`Registry.evaluator`).
    let evaluatorSlot = EvaluatorSlot()

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (and, when `create` is true and the file is missing, creates) the registry at `path`.
    ///
    /// A new file is created with mode 0600 before SQLite opens it; SQLite gives its WAL and
    /// shared-memory files the same mode. An older schema is migrated in place; a newer one is
    /// refused without touching the file.
    public static func open(path: String, create: Bool, readOnly: Bool = false, groupReadable: Bool = false,
                            busyTimeout: TimeInterval = Registry.busyTimeout) throws -> Registry {
        var st = stat()
        let exists = stat(path, &st) == 0
        if exists {
            // A FIFO would block SQLite's first read forever, and a device or folder is never a
            // registry: refuse anything but a regular file before SQLite opens it.
            guard st.st_mode & S_IFMT == S_IFREG else {
                throw RegistryError.notARegistry(path: path, detail: "it is not a regular file (\(fileKind(st.st_mode)))")
            }
            // SQLite would take an empty file for a new database: a read would report a
            // registry with nothing in it and a write would initialise it. An existing empty
            // file is more likely a truncated registry, so say so instead.
            guard st.st_size > 0 else {
                throw RegistryError.notARegistry(path: path, detail: "the file is empty (0 bytes); if it should be a new registry, remove it and run `aigov init`")
            }
        } else {
            guard create, !readOnly else { throw RegistryError.missing(path: path) }
            try createFile(path, mode: groupReadable ? 0o640 : 0o600)
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.readonly = readOnly
        config.label = "aigov"
        // A batch apply dirties far more pages than SQLite's default 2 MiB cache holds; spilling
        // them to the WAL mid-transaction and reading them back costs time. The cache grows only
        // as pages are used, so small registries and reads pay nothing.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -65536") }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw classify(error, path: path)
        }
        let registry = Registry(writer: queue, path: path, readOnly: readOnly)
        try registry.prepareSchema()
        return registry
    }

    init(writer: any DatabaseWriter, path: String, readOnly: Bool) {
        self.writer = writer
        self.path = path
        self.readOnly = readOnly
    }

    static func fileKind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    static func createFile(_ path: String, mode: mode_t) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw RegistryError.cannotCreate(path: path, detail: error.localizedDescription)
            }
        }
        let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        if fd < 0 {
            let err = errno
            if err == EEXIST { return }
            throw RegistryError.cannotCreate(path: path, detail: String(cString: strerror(err)))
        }
        close(fd)
    }

    /// A read transaction; database errors become `RegistryError`s.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch let e as DatabaseError { throw Registry.wrap(e, path: path) }
    }

    /// Several reads that must agree (the audit pack's snapshot): one read transaction, so a
    /// concurrent writer's commit is either wholly seen or not at all.
    public func snapshot<T>(_ body: (RegistrySnapshot) throws -> T) throws -> T {
        try read { db in try body(RegistrySnapshot(db: db)) }
    }

    /// Creates or migrates the schema. Costs one PRAGMA when the file is current, so start-up stays cheap.
    private func prepareSchema() throws {
        let version: Int
        let recorded: String?
        do {
            (version, recorded) = try read { db in
                let v = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard v > 0 else { return (v, nil) }
                return (v, try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'"))
            }
        } catch {
            throw Registry.classify(error, path: path)
        }
        if version == Schema.version {
            // The version is recorded twice (PRAGMA user_version and meta.schema_version); both
            // must agree, so a file edited to claim a newer schema in either place is refused
            // untouched rather than written by a binary that does not understand it.
            if recorded == String(Schema.version) { return }
            guard let recorded else {
                throw RegistryError.notARegistry(path: path, detail: "meta.schema_version is missing (the store's metadata was removed)")
            }
            if let n = Int(recorded), n > Schema.version {
                throw RegistryError.newerSchema(path: path, found: n, supported: Schema.version)
            }
            throw RegistryError.notARegistry(path: path, detail: "meta.schema_version is \"\(recorded)\" but the file's user_version is \(version)")
        }
        if version > Schema.version {
            throw RegistryError.newerSchema(path: path, found: version, supported: Schema.version)
        }
        if version == 0 {
            let tables = try read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if !tables.isEmpty {
                throw RegistryError.notARegistry(path: path, detail: "it holds other tables (\(tables.prefix(3).joined(separator: ", ")))")
            }
        }
        if readOnly {
            guard version > 0 else { throw RegistryError.readOnly }
            // An older registry is upgraded in place even by a command that only reads: the
            // upgrade adds tables and keeps every row (the audit chain included), and a reader
            // of this version cannot read the old layout.
            var config = Configuration()
            config.busyMode = .timeout(Registry.busyTimeout)
            config.label = "aigov-upgrade"
            do {
                let upgrade = try DatabaseQueue(path: path, configuration: config)
                try Registry.migrator.migrate(upgrade)
                try upgrade.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
                try upgrade.close()
            } catch {
                throw Registry.classify(error, path: path)
            }
            return
        }
        try Registry.migrator.migrate(writer)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
    }

    /// Versioned migrations; each runs in its own transaction and sets `user_version`.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: Schema.v1)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('schema_version', '1'), ('created_at', ?)",
                           arguments: [Timestamp.now()])
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        m.registerMigration("v2") { db in
            try db.execute(sql: Schema.v2)
        }
        m.registerMigration("v3") { db in
            try db.execute(sql: Schema.v3)
        }
        m.registerMigration("v4") { db in
            try db.execute(sql: Schema.v4)
        }
        return m
    }

    // MARK: writes (the service layer)

    /// Upserts systems and waivers as one transaction; unchanged records write nothing.
    ///
    /// - Parameter ifVersion: refuse unless the (single) existing system is at this row version.
    /// - Parameter expectedVersions: per system id, the row version it was read at (nil: it did
    ///   not exist); the whole write is refused when any of them changed meanwhile, so a
    ///   read–merge–write over several systems (an import) never overwrites a concurrent edit.
    /// - Parameter dryRun: compute the outcomes without writing.
    public func apply(systems: [AISystem], waivers: [Waiver] = [], incidents: [Incident] = [], actor: String,
                      ifVersion: Int? = nil, expectedVersions: [String: Int?] = [:], dryRun: Bool = false) throws -> [ChangeOutcome] {
        let body = { (db: Database) throws -> [ChangeOutcome] in
            let now = Timestamp.now()
            var outcomes: [ChangeOutcome] = []
            let batchIds = Set(systems.map(\.id))
            // Every stored system of the batch in one read (a query per table per 500 ids)
            // instead of fourteen queries per system. A system that appears twice in the batch
            // is read again after its first write.
            let stored = try SystemRows.loadMany(db: db, ids: systems.map(\.id))
            var written: Set<String> = []
            for s in systems {
                let old = written.contains(s.id)
                    ? try SystemRows.load(db: db, where: "id = ?", arguments: [s.id]).first : stored[s.id]
                if let ifVersion, let old, old.rowVersion != ifVersion {
                    throw RegistryError.versionConflict(id: s.id, expected: ifVersion, actual: old.rowVersion)
                }
                if let expected = expectedVersions[s.id], expected != old?.rowVersion {
                    // 0 stands for "no such system" on either side.
                    throw RegistryError.versionConflict(id: s.id, expected: expected ?? 0, actual: old?.rowVersion ?? 0)
                }
                outcomes.append(try self.write(s, old: old, actor: actor, at: now, db: db, dryRun: dryRun))
                written.insert(s.id)
            }
            for w in waivers {
                if !batchIds.contains(w.system),
                   try Int.fetchOne(db, sql: "SELECT 1 FROM systems WHERE id = ?", arguments: [w.system]) == nil {
                    throw RegistryError.unknownSystemForWaiver(system: w.system, rule: w.rule)
                }
                outcomes.append(try self.writeWaiver(w, actor: actor, at: now, db: db, dryRun: dryRun))
            }
            var touched = Set(zip(systems, outcomes).filter { $0.1.kind != .unchanged }.map(\.0.id))
            let known = Dictionary(systems.filter { touched.contains($0.id) }.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
            touched.formUnion(zip(waivers, outcomes.dropFirst(systems.count)).filter { $0.1.kind != .unchanged }.map(\.0.system))
            for i in incidents {
                let before = try String.fetchOne(db, sql: "SELECT system_id FROM incidents WHERE id = ?", arguments: [i.id])
                let outcome = try self.writeIncident(i, knownSystem: batchIds.contains(i.system), actor: actor, at: now,
                                                     db: db, dryRun: dryRun)
                if outcome.kind != .unchanged { touched.formUnion([i.system] + (before.map { [$0] } ?? [])) }
                outcomes.append(outcome)
            }
            if !dryRun { try self.settle(touched, known: known, db: db) }
            return outcomes
        }
        if dryRun { return try read(body) }
        try checkWritable()
        return try immediate(body)
    }

    /// Reads a system, lets `change` edit it, and saves the result — all in one transaction,
    /// so two processes editing the same system never lose each other's update.
    public func update(id: String, actor: String, ifVersion: Int? = nil,
                       change: (AISystem) throws -> AISystem) throws -> ChangeOutcome {
        try checkWritable()
        return try immediate { db in
            guard let old = try SystemRows.load(db: db, where: "id = ?", arguments: [id]).first else {
                throw RegistryError.notFound(id: id)
            }
            if let ifVersion, old.rowVersion != ifVersion {
                throw RegistryError.versionConflict(id: id, expected: ifVersion, actual: old.rowVersion)
            }
            let new = try change(old.system)
            let outcome = try self.write(new, old: old, actor: actor, at: Timestamp.now(), db: db, dryRun: false)
            if outcome.kind != .unchanged { try self.settle([new.id], known: [new.id: new], db: db) }
            return outcome
        }
    }

    /// Deletes a system and its waivers; the audit log keeps its whole history.
    public func delete(id: String, actor: String, ifVersion: Int? = nil) throws -> ChangeOutcome {
        try checkWritable()
        return try immediate { db in
            guard let old = try SystemRows.load(db: db, where: "id = ?", arguments: [id]).first else {
                throw RegistryError.notFound(id: id)
            }
            if let ifVersion, old.rowVersion != ifVersion {
                throw RegistryError.versionConflict(id: id, expected: ifVersion, actual: old.rowVersion)
            }
            let now = Timestamp.now()
            for w in try self.waiverRows(db: db, system: id) {
                try self.deleteWaiver(w, actor: actor, at: now, db: db)
            }
            try db.execute(sql: "DELETE FROM systems WHERE id = ?", arguments: [id])
            _ = try AuditLog.append(db: db, at: now, actor: actor, action: "delete", entity: "system", entityId: id,
                                    rowVersion: old.rowVersion, changes: [], before: Canonical.json(old.system), after: nil)
            return ChangeOutcome(kind: .deleted, entity: "system", id: id, fields: [], rowVersion: nil)
        }
    }

    /// Records (or replaces) a waiver; the system must exist.
    public func waive(_ waiver: Waiver, actor: String) throws -> ChangeOutcome {
        try apply(systems: [], waivers: [waiver], actor: actor).first
            ?? ChangeOutcome(kind: .unchanged, entity: "waiver", id: "\(waiver.system)/\(waiver.rule)", fields: [], rowVersion: nil)
    }

    /// Removes a waiver; returns nil when there was none.
    public func unwaive(system: String, rule: String, actor: String) throws -> ChangeOutcome? {
        try checkWritable()
        return try immediate { db in
            guard let w = try self.waiverRows(db: db, system: system).first(where: { $0.rule == rule }) else { return nil }
            try self.deleteWaiver(w, actor: actor, at: Timestamp.now(), db: db)
            try self.settle([system], db: db)
            return ChangeOutcome(kind: .deleted, entity: "waiver", id: "\(system)/\(rule)", fields: [], rowVersion: nil)
        }
    }

    // MARK: internals

    func checkWritable() throws {
        if readOnly { throw RegistryError.readOnly }
    }

    func immediate<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try immediateTransaction(body) } catch let e as DatabaseError { throw Registry.wrap(e, path: path) }
    }

    private func immediateTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                // Never extend a chain whose head does not verify: a write would reset the
                // recorded head and count over the damage and hide it.
                try AuditLog.checkHead(db: db)
                result = try body(db)
                return .commit
            }
            guard let result else { throw RegistryError.readOnly }
            return result
        }
    }

    func write(_ s: AISystem, old: StoredSystem?, actor: String, at: String, db: Database,
                       dryRun: Bool) throws -> ChangeOutcome {
        guard let old else {
            if !dryRun {
                try SystemRows.insert(s, rowVersion: 1, at: at, by: actor, db: db)
                _ = try AuditLog.append(db: db, at: at, actor: actor, action: "create", entity: "system", entityId: s.id,
                                        rowVersion: 1, changes: [], before: nil, after: Canonical.json(s))
            }
            return ChangeOutcome(kind: .created, entity: "system", id: s.id, fields: [], rowVersion: 1)
        }
        if old.system == s {
            return ChangeOutcome(kind: .unchanged, entity: "system", id: s.id, fields: [], rowVersion: old.rowVersion)
        }
        let fields = Canonical.changedFields(old.system, s)
        let version = try nextRowVersion(after: old.rowVersion, of: "system \(s.id)")
        if !dryRun {
            try SystemRows.replace(old.system, with: s, rowVersion: version, at: at, by: actor, db: db)
            _ = try AuditLog.append(db: db, at: at, actor: actor, action: "update", entity: "system", entityId: s.id,
                                    rowVersion: version, changes: fields, before: Canonical.json(old.system),
                                    after: Canonical.json(s))
        }
        return ChangeOutcome(kind: .changed, entity: "system", id: s.id, fields: fields, rowVersion: version)
    }

    /// The row version an update stores. One at its maximum can only come from a hand-edited
    /// file; it is refused rather than overflowed.
    func nextRowVersion(after current: Int, of what: String) throws -> Int {
        guard current < Int.max else {
            throw RegistryError.notARegistry(path: path, detail: "\(what) has row_version \(current), which cannot grow")
        }
        return current + 1
    }

    func waiverRows(db: Database, system: String) throws -> [Waiver] {
        try Row.fetchAll(db, sql: "SELECT system_id, rule, reason, approved_by, expires FROM waivers WHERE system_id = ?",
                         arguments: [system]).compactMap { r in
            Day(r[4] as String).map { Waiver(system: r[0], rule: r[1], reason: r[2], approvedBy: r[3], expires: $0) }
        }
    }

    func writeWaiver(_ w: Waiver, actor: String, at: String, db: Database, dryRun: Bool) throws -> ChangeOutcome {
        let key = "\(w.system)/\(w.rule)"
        let old = try waiverRows(db: db, system: w.system).first { $0.rule == w.rule }
        if old == w { return ChangeOutcome(kind: .unchanged, entity: "waiver", id: key, fields: [], rowVersion: nil) }
        var fields: [String] = []
        if let old {
            if old.reason != w.reason { fields.append("reason") }
            if old.approvedBy != w.approvedBy { fields.append("approved_by") }
            if old.expires != w.expires { fields.append("expires") }
        }
        if !dryRun {
            try db.execute(sql: """
                INSERT INTO waivers (system_id, rule, reason, approved_by, expires, created_at, created_by)
                VALUES (?,?,?,?,?,?,?) ON CONFLICT(system_id, rule) DO UPDATE SET reason = excluded.reason,
                approved_by = excluded.approved_by, expires = excluded.expires, created_at = excluded.created_at,
                created_by = excluded.created_by
                """, arguments: [w.system, w.rule, w.reason, w.approvedBy, w.expires.description, at, actor])
            _ = try AuditLog.append(db: db, at: at, actor: actor, action: "waive", entity: "waiver", entityId: key,
                                    rowVersion: nil, changes: fields, before: old.map(Canonical.json),
                                    after: Canonical.json(w))
        }
        return ChangeOutcome(kind: old == nil ? .created : .changed, entity: "waiver", id: key, fields: fields, rowVersion: nil)
    }

    func deleteWaiver(_ w: Waiver, actor: String, at: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM waivers WHERE system_id = ? AND rule = ?", arguments: [w.system, w.rule])
        _ = try AuditLog.append(db: db, at: at, actor: actor, action: "unwaive", entity: "waiver",
                                entityId: "\(w.system)/\(w.rule)", rowVersion: nil, changes: [],
                                before: Canonical.json(w), after: nil)
    }
}

