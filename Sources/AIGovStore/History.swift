import AIGovCore
import Foundation
import GRDB

/// A point in the registry's history: an audit sequence number, or the end of a UTC day.
public enum AuditPoint: Sendable, Equatable, CustomStringConvertible {
    /// After audit entry `n` (0: before the first entry).
    case seq(Int64)
    /// After the last entry recorded on this UTC day or before it.
    case endOfDay(Day)

    /// The largest sequence number a point may name (far beyond any real log, and well inside Int64).
    public static let maxSeq: Int64 = 1_000_000_000_000

    /// `YYYY-MM-DD` or a sequence number `0…maxSeq`; nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty, t.utf8.count <= 13, t.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            guard let n = Int64(t), n >= 0, n <= AuditPoint.maxSeq else { return nil }
            self = .seq(n)
        } else if let d = Day(t) {
            self = .endOfDay(d)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .seq(n): "entry \(n)"
        case let .endOfDay(d): "the end of \(d) (UTC)"
        }
    }

    /// Whether an entry belongs to the history up to this point.
    func includes(_ e: AuditEntry) -> Bool {
        switch self {
        case let .seq(n): e.seq <= n
        case let .endOfDay(d): String(e.at.prefix(10)) <= d.description
        }
    }
}

/// The audit log up to a point, with what verifying the chain found before and after it.
public struct LogAtPoint: Sendable {
    /// The entries up to the point, oldest first (a prefix of the log).
    public var entries: [AuditEntry]
    /// The sequence number of the point (the last entry included; 0 when none).
    public var seq: Int64
    /// The newest entry in the log.
    public var headSeq: Int64
    /// The first entry at or before the point that does not verify, and why.
    public var badBefore: (seq: Int64, reason: String)?
    /// What verifying the whole log found (its problems after the point only warn).
    public var whole: AuditVerification
}

extension Registry {
    /// The audit log up to `point`, checked entry by entry (sequence, `prev_hash`, hash), read
    /// in one transaction together with a verification of the whole log.
    public func log(upTo point: AuditPoint) throws -> LogAtPoint {
        try read { db in
            var entries: [AuditEntry] = []
            var prev = AuditEntry.genesis
            var expected: Int64 = 1
            var bad: (Int64, String)?
            var inPrefix = true
            var headSeq: Int64 = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditEntry.columns) FROM audit_log ORDER BY seq")
            while let row = try rows.next() {
                let e = AuditEntry(row: row)
                headSeq = e.seq
                guard inPrefix, point.includes(e) else {
                    inPrefix = false
                    continue
                }
                if bad == nil {
                    if e.seq != expected {
                        bad = (expected, "entry \(expected) is missing (found \(e.seq) next)")
                    } else if e.prevHash != prev {
                        bad = (e.seq, "prev_hash does not match the hash of entry \(e.seq - 1)")
                    } else if e.computedHash != e.hash {
                        bad = (e.seq, "content does not match its hash (the entry was changed)")
                    }
                }
                prev = e.hash
                expected += 1
                entries.append(e)
            }
            return LogAtPoint(entries: entries, seq: entries.last?.seq ?? 0, headSeq: headSeq, badBefore: bad,
                              whole: try AuditLog.verify(db: db))
        }
    }

    /// A read-only registry in memory holding exactly these records and audit entries: the
    /// registry as it stood at a point of its history, for every read use case (get, check, the pack).
    public static func replica(systems: [StoredSystem], waivers: [StoredWaiver], incidents: [StoredIncident] = [],
                               log: [AuditEntry]) throws -> Registry {
        var config = Configuration()
        config.label = "aigov-as-of"
        let queue = try DatabaseQueue(configuration: config)
        try Registry.migrator.migrate(queue)
        try queue.write { db in
            for s in systems {
                try SystemRows.insert(s.system, rowVersion: s.rowVersion, at: s.updatedAt, by: s.updatedBy, db: db)
            }
            for w in waivers {
                try db.execute(sql: """
                    INSERT INTO waivers (system_id, rule, reason, approved_by, expires, created_at, created_by)
                    VALUES (?,?,?,?,?,?,?)
                    """, arguments: [w.waiver.system, w.waiver.rule, w.waiver.reason, w.waiver.approvedBy,
                                     w.waiver.expires.description, w.createdAt, w.createdBy])
            }
            for i in incidents {
                try IncidentRows.insert(i.incident, rowVersion: i.rowVersion, at: i.updatedAt, by: i.updatedBy, db: db)
            }
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_log (\(AuditEntry.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
            for e in log {
                try insert.execute(arguments: [e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.rowVersion, e.changes,
                                               e.before, e.after, e.prevHash, e.hash])
            }
            if let last = log.last {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('audit_head', ?), ('audit_count', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [last.hash, String(last.seq)])
            }
        }
        return Registry(writer: queue, path: ":as-of:", readOnly: true)
    }

    /// Like `apply`, and then deletes every system and waiver the registry has and the input
    /// lacks — all in the same transaction, each deletion with its audit entry.
    ///
    /// `approve` runs inside the transaction before anything is written, with the deletions and
    /// the number of systems in the registry; it throws to refuse (nothing is then written).
    /// With pruning, every waiver's system must be in the input.
    public func applyPruning(systems: [AISystem], waivers: [Waiver], incidents: [Incident] = [], actor: String,
                             dryRun: Bool = false, approve: ([ChangeOutcome], PruneCounts) throws -> Void) throws -> [ChangeOutcome] {
        let body = { (db: Database) throws -> [ChangeOutcome] in
            let keepSystems = Set(systems.map(\.id))
            let keepWaivers = Set(waivers.map { "\($0.system)/\($0.rule)" })
            if let w = waivers.first(where: { !keepSystems.contains($0.system) }) {
                throw RegistryError.unknownSystemForWaiver(system: w.system, rule: w.rule)
            }
            let existing = try SystemRows.load(db: db)
            let goneSystems = existing.filter { !keepSystems.contains($0.system.id) }
            let goneIds = Set(goneSystems.map(\.system.id))
            let allWaivers = try Row.fetchAll(db, sql: "SELECT system_id, rule, reason, approved_by, expires FROM waivers ORDER BY system_id, rule")
                .compactMap { r in Day(r[4] as String).map { Waiver(system: r[0], rule: r[1], reason: r[2], approvedBy: r[3], expires: $0) } }
            let goneWaivers = allWaivers.filter { !goneIds.contains($0.system) && !keepWaivers.contains("\($0.system)/\($0.rule)") }
            let keepIncidents = Set(incidents.map(\.id))
            let allIncidents = try IncidentRows.load(db: db)
            let goneIncidents = allIncidents.filter { !keepIncidents.contains($0.incident.id) }
            let deletions = goneSystems.map { ChangeOutcome(kind: .deleted, entity: "system", id: $0.system.id, fields: [], rowVersion: nil) }
                + goneWaivers.map { ChangeOutcome(kind: .deleted, entity: "waiver", id: "\($0.system)/\($0.rule)", fields: [], rowVersion: nil) }
                + goneIncidents.map { ChangeOutcome(kind: .deleted, entity: "incident", id: $0.incident.id, fields: [], rowVersion: nil) }
            try approve(deletions, PruneCounts(systems: existing.count, incidents: allIncidents.count))
            let now = Timestamp.now()
            var outcomes: [ChangeOutcome] = []
            let byId = Dictionary(existing.map { ($0.system.id, $0) }, uniquingKeysWith: { a, _ in a })
            for s in systems {
                outcomes.append(try self.write(s, old: byId[s.id], actor: actor, at: now, db: db, dryRun: dryRun))
            }
            for w in waivers {
                outcomes.append(try self.writeWaiver(w, actor: actor, at: now, db: db, dryRun: dryRun))
            }
            var incidentSystems: Set<String> = []
            for i in incidents {
                let outcome = try self.writeIncident(i, knownSystem: keepSystems.contains(i.system), actor: actor, at: now,
                                                     db: db, dryRun: dryRun)
                if outcome.kind != .unchanged { incidentSystems.insert(i.system) }
                outcomes.append(outcome)
            }
            if !dryRun {
                for old in goneIncidents {
                    try db.execute(sql: "DELETE FROM incidents WHERE id = ?", arguments: [old.incident.id])
                    _ = try AuditLog.append(db: db, at: now, actor: actor, action: "delete", entity: "incident",
                                            entityId: old.incident.id, rowVersion: old.rowVersion, changes: [],
                                            before: Canonical.json(old.incident), after: nil)
                    incidentSystems.insert(old.incident.system)
                }
                for w in goneWaivers { try self.deleteWaiver(w, actor: actor, at: now, db: db) }
                for old in goneSystems {
                    for w in try self.waiverRows(db: db, system: old.system.id) {
                        try self.deleteWaiver(w, actor: actor, at: now, db: db)
                    }
                    try db.execute(sql: "DELETE FROM systems WHERE id = ?", arguments: [old.system.id])
                    _ = try AuditLog.append(db: db, at: now, actor: actor, action: "delete", entity: "system",
                                            entityId: old.system.id, rowVersion: old.rowVersion, changes: [],
                                            before: Canonical.json(old.system), after: nil)
                }
                let written = zip(systems, outcomes).filter { $0.1.kind != .unchanged }.map(\.0)
                let touched = Set(written.map(\.id))
                    .union(zip(waivers, outcomes.dropFirst(systems.count)).filter { $0.1.kind != .unchanged }.map(\.0.system))
                    .union(goneWaivers.map(\.system)).union(incidentSystems).subtracting(goneIds)
                try self.settle(touched, known: Dictionary(written.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b }), db: db)
            }
            return outcomes + deletions
        }
        if dryRun { return try read(body) }
        try checkWritable()
        return try immediate(body)
    }
}

/// How many records of each kind the registry holds, for deciding whether a prune may go ahead.
public struct PruneCounts: Sendable {
    public var systems = 0
    public var incidents = 0
    public init(systems: Int = 0, incidents: Int = 0) {
        self.systems = systems
        self.incidents = incidents
    }
}

extension StoredSystem {
    /// A stored system from its parts (a registry rebuilt from its audit log).
    public static func of(_ system: AISystem, rowVersion: Int, updatedAt: String, updatedBy: String) -> StoredSystem {
        StoredSystem(system: system, rowVersion: rowVersion, updatedAt: updatedAt, updatedBy: updatedBy)
    }
}

extension StoredWaiver {
    /// A stored waiver from its parts (a registry rebuilt from its audit log).
    public static func of(_ waiver: Waiver, createdAt: String, createdBy: String) -> StoredWaiver {
        StoredWaiver(waiver: waiver, createdAt: createdAt, createdBy: createdBy)
    }
}
