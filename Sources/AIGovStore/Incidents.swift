import AIGovCore
import Foundation
import GRDB

/// A serious incident as stored, with the row version and who wrote it last.
public struct StoredIncident: Sendable, Equatable {
    public var incident: Incident
    public var rowVersion: Int
    public var updatedAt: String
    public var updatedBy: String

    public init(incident: Incident, rowVersion: Int, updatedAt: String, updatedBy: String) {
        self.incident = incident
        self.rowVersion = rowVersion
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// Mapping between `Incident` and the tables `incidents` and `incident_reports` (schema.sql,
/// version 2). Reports keep their list position so a document reads back in the order written.
enum IncidentRows {
    static let columns = """
        id, row_version, system_id, title, class, widespread, occurred, aware, member_states, description,
        corrective_action, provider_informed, status, closed, updated_at, updated_by
        """

    static func insert(_ i: Incident, rowVersion: Int, at: String, by actor: String, db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [
            i.id, rowVersion, i.system, i.title, i.harm.rawValue, i.widespread, i.occurred?.description,
            i.aware.description, SystemRows.jsonList(i.memberStates), i.description, i.correctiveAction,
            i.providerInformed?.description, i.status.rawValue, i.closed?.description, at, actor,
        ]
        let marks = Array(repeating: "?", count: values.count).joined(separator: ",")
        try db.cachedStatement(sql: "INSERT INTO incidents (\(columns)) VALUES (\(marks))")
            .execute(arguments: StatementArguments(values))
        for (p, r) in i.reports.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO incident_reports (incident_id, position, kind, date, authority, reference) VALUES (?,?,?,?,?,?)
                """).execute(arguments: [i.id, p, r.kind.rawValue, r.date.description, r.authority, r.reference])
        }
    }

    /// The incidents the `where` clause selects (SQL over table `incidents`), ordered by id.
    /// A row that does not read as an incident (changed behind aigov's back) is left out, never
    /// a trap; `aigov audit verify` names it as drift.
    static func load(db: Database, where clause: String = "1", arguments: StatementArguments = []) throws -> [StoredIncident] {
        var out: [StoredIncident] = []
        var index: [String: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM incidents WHERE \(clause) ORDER BY id", arguments: arguments)
        while let r = try rows.next() {
            guard let stored = decode(r) else { continue }
            index[stored.incident.id] = out.count
            out.append(stored)
        }
        guard !out.isEmpty else { return out }
        let reports = try Row.fetchCursor(db, sql: """
            SELECT incident_id, kind, date, authority, reference FROM incident_reports
            WHERE incident_id IN (SELECT id FROM incidents WHERE \(clause)) ORDER BY incident_id, position
            """, arguments: arguments)
        while let r = try reports.next() {
            guard let id = text(r[0]), let i = index[id], let kind = text(r[1]).flatMap(IncidentReportKind.init(rawValue:)),
                  let date = text(r[2]).flatMap(Day.init) else { continue }
            out[i].incident.reports.append(IncidentReport(kind: kind, date: date, authority: text(r[3]), reference: text(r[4])))
        }
        return out
    }

    private static func text(_ v: DatabaseValue) -> String? { String.fromDatabaseValue(v) }

    private static func decode(_ r: Row) -> StoredIncident? {
        guard let id = text(r[0]), let system = text(r[2]), let title = text(r[3]),
              let harm = text(r[4]).flatMap(IncidentClass.init(rawValue:)), let aware = text(r[7]).flatMap(Day.init),
              let status = text(r[12]).flatMap(IncidentStatus.init(rawValue:)) else { return nil }
        var i = Incident(id: id, system: system, title: title, harm: harm, aware: aware, status: status)
        i.widespread = Int64.fromDatabaseValue(r[5]).map { $0 != 0 }
        i.occurred = text(r[6]).flatMap(Day.init)
        i.memberStates = SystemRows.parseList(text(r[8]))
        i.description = text(r[9])
        i.correctiveAction = text(r[10])
        i.providerInformed = text(r[11]).flatMap(Day.init)
        i.closed = text(r[13]).flatMap(Day.init)
        return StoredIncident(incident: i, rowVersion: Int.fromDatabaseValue(r[1]) ?? 1, updatedAt: text(r[14]) ?? "",
                              updatedBy: text(r[15]) ?? "")
    }

    /// Drift of the incidents for `AuditLog.drift`: each row against the `after` of its latest
    /// audit entry (`last`, keyed `entity/id`); the keys seen are added to `seen`.
    static func drift(db: Database, last: [String: (action: String, after: String?)], seen: inout Set<String>) throws -> [String] {
        let stored = try load(db: db)
        let readable = Set(stored.map(\.incident.id))
        var out = AuditLog.drift("incident", stored.map { ($0.incident.id, Canonical.json($0.incident)) }, last: last, seen: &seen)
        for id in try String.fetchAll(db, sql: "SELECT id FROM incidents ORDER BY id") where !readable.contains(id) {
            seen.insert("incident/\(id)")
            out.append("incident \(id) cannot be read as an incident (changed without an audit entry)")
        }
        return out
    }
}

extension RegistrySnapshot {
    /// Incidents (of these systems when given; all when empty), ordered by id.
    public func incidents(systems: [String] = []) throws -> [StoredIncident] {
        guard !systems.isEmpty else { return try IncidentRows.load(db: db) }
        let marks = Array(repeating: "?", count: systems.count).joined(separator: ",")
        return try IncidentRows.load(db: db, where: "system_id IN (\(marks))", arguments: StatementArguments(systems))
    }
}

extension Registry {
    /// Incidents (of these systems when given; all when empty), ordered by id.
    public func incidents(systems: [String] = []) throws -> [StoredIncident] {
        try read { db in try RegistrySnapshot(db: db).incidents(systems: systems) }
    }

    /// One incident, or nil.
    public func incident(id: String) throws -> StoredIncident? {
        try read { db in try IncidentRows.load(db: db, where: "id = ?", arguments: [id]).first }
    }

    /// Creates or replaces an incident inside a write transaction, with its audit entry; an
    /// unchanged incident writes nothing. `knownSystem` says whether its system is in the same
    /// write; otherwise the registry must have it, unless the incident is recorded exactly so.
    func writeIncident(_ i: Incident, knownSystem: Bool, actor: String, at: String, db: Database,
                       dryRun: Bool) throws -> ChangeOutcome {
        let old = try IncidentRows.load(db: db, where: "id = ?", arguments: [i.id]).first
        if let old, old.incident == i {
            return ChangeOutcome(kind: .unchanged, entity: "incident", id: i.id, fields: [], rowVersion: old.rowVersion)
        }
        if !knownSystem, try Int.fetchOne(db, sql: "SELECT 1 FROM systems WHERE id = ?", arguments: [i.system]) == nil {
            throw RegistryError.notFound(id: i.system)
        }
        guard let old else {
            if !dryRun {
                try IncidentRows.insert(i, rowVersion: 1, at: at, by: actor, db: db)
                _ = try AuditLog.append(db: db, at: at, actor: actor, action: "create", entity: "incident", entityId: i.id,
                                        rowVersion: 1, changes: [], before: nil, after: Canonical.json(i))
            }
            return ChangeOutcome(kind: .created, entity: "incident", id: i.id, fields: [], rowVersion: 1)
        }
        let fields = i.changedFields(from: old.incident)
        let version = try nextRowVersion(after: old.rowVersion, of: "incident \(i.id)")
        if !dryRun {
            try db.execute(sql: "DELETE FROM incidents WHERE id = ?", arguments: [i.id])
            try IncidentRows.insert(i, rowVersion: version, at: at, by: actor, db: db)
            _ = try AuditLog.append(db: db, at: at, actor: actor, action: "update", entity: "incident", entityId: i.id,
                                    rowVersion: version, changes: fields, before: Canonical.json(old.incident),
                                    after: Canonical.json(i))
        }
        return ChangeOutcome(kind: .changed, entity: "incident", id: i.id, fields: fields, rowVersion: version)
    }

    /// Deletes an incident (`aigov delete --incident ID`); the audit log keeps its history.
    /// Nil when there is no such incident.
    public func deleteIncident(id: String, actor: String, ifVersion: Int? = nil) throws -> ChangeOutcome? {
        try checkWritable()
        return try immediate { db in
            guard let old = try IncidentRows.load(db: db, where: "id = ?", arguments: [id]).first else { return nil }
            if let ifVersion, old.rowVersion != ifVersion {
                throw RegistryError.versionConflict(id: id, expected: ifVersion, actual: old.rowVersion)
            }
            try db.execute(sql: "DELETE FROM incidents WHERE id = ?", arguments: [id])
            _ = try AuditLog.append(db: db, at: Timestamp.now(), actor: actor, action: "delete", entity: "incident",
                                    entityId: id, rowVersion: old.rowVersion, changes: [],
                                    before: Canonical.json(old.incident), after: nil)
            try self.settle([old.incident.system], db: db)
            return ChangeOutcome(kind: .deleted, entity: "incident", id: id, fields: [], rowVersion: nil)
        }
    }
}
