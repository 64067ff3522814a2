import AIGovCore
import Foundation
import GRDB

func likeEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_")
}

/// Filters for listing systems; every set filter must match.
public struct SystemFilter: Sendable, Equatable {
    public var tiers: [RiskTier] = []
    public var statuses: [SystemStatus] = []
    public var owners: [String] = []
    public var tags: [String] = []
    public init(tiers: [RiskTier] = [], statuses: [SystemStatus] = [], owners: [String] = [], tags: [String] = []) {
        self.tiers = tiers
        self.statuses = statuses
        self.owners = owners
        self.tags = tags
    }

    /// The condition over `systems` (named `alias` in the query, when it has one) and its arguments.
    func sql(ids: [String], alias: String? = nil) -> (String, StatementArguments) {
        let t = alias.map { $0 + "." } ?? ""
        var parts: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        func inList(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            parts.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            args.append(contentsOf: values)
        }
        inList(t + "id", ids)
        if !tiers.isEmpty {
            // An absent tier reads as unassessed.
            parts.append("coalesce(\(t)tier, 'unassessed') IN (\(Array(repeating: "?", count: tiers.count).joined(separator: ",")))")
            args.append(contentsOf: tiers.map(\.rawValue))
        }
        inList(t + "status", statuses.map(\.rawValue))
        inList(t + "owner", owners)
        if !tags.isEmpty {
            parts.append("\(t)id IN (SELECT system_id FROM tags WHERE tag IN (\(Array(repeating: "?", count: tags.count).joined(separator: ","))))")
            args.append(contentsOf: tags)
        }
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), StatementArguments(args))
    }
}

/// Canonical JSON of records for the audit log: sorted keys, no white space, the interchange format's keys.
public enum Canonical {
    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Our Encodable conformances only encode strings, numbers, booleans and lists: cannot fail.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The fields that differ between two records (see `AISystem.changedFields(from:)`).
    public static func changedFields(_ a: AISystem, _ b: AISystem) -> [String] { b.changedFields(from: a) }
}

/// Reads inside one read transaction (`Registry.snapshot`): everything read through it
/// reflects the same committed state.
public struct RegistrySnapshot {
    let db: Database

    /// Systems matching every given filter, ordered by id.
    public func systems(ids: [String] = [], filter: SystemFilter = SystemFilter()) throws -> [StoredSystem] {
        let (clause, args) = filter.sql(ids: ids)
        return try SystemRows.load(db: db, where: clause, arguments: args)
    }

    /// Waivers (of one system when given), with who recorded them.
    public func waivers(system: String? = nil) throws -> [StoredWaiver] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT system_id, rule, reason, approved_by, expires, created_at, created_by FROM waivers
            WHERE ?1 IS NULL OR system_id = ?1 ORDER BY system_id, rule
            """, arguments: [system])
        return rows.compactMap { r in
            guard let expires = Day(r[4] as String) else { return nil }
            return StoredWaiver(waiver: Waiver(system: r[0], rule: r[1], reason: r[2], approvedBy: r[3], expires: expires),
                                createdAt: r[5], createdBy: r[6])
        }
    }

    /// Audit entries, newest first; for one entity id when given.
    public func history(entityId: String? = nil, limit: Int? = nil) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: """
            SELECT \(AuditEntry.columns) FROM audit_log WHERE ?1 IS NULL OR entity_id = ?1 OR entity_id LIKE ?2 ESCAPE '\\'
            ORDER BY seq DESC LIMIT ?3
            """, arguments: [entityId, entityId.map { likeEscape($0) + "/%" }, limit ?? -1]).map(AuditEntry.init(row:))
    }

    /// The whole audit log, oldest first.
    public func auditLog() throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT \(AuditEntry.columns) FROM audit_log ORDER BY seq").map(AuditEntry.init(row:))
    }
}
