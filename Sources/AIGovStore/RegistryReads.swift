import AIGovCore
import Foundation
import GRDB
import Glibc

/// The registry's reads: systems, waivers, history and the audit chain's verification.
extension Registry {
    // MARK: reads

    public func system(id: String) throws -> StoredSystem? {
        try read { db in try SystemRows.load(db: db, where: "id = ?", arguments: [id]).first }
    }

    /// Systems matching every given filter (nil = any), ordered by id.
    public func systems(ids: [String] = [], filter: SystemFilter = SystemFilter()) throws -> [StoredSystem] {
        try read { db in try RegistrySnapshot(db: db).systems(ids: ids, filter: filter) }
    }

    /// Calls `body` with every matching system, in id order, loading `batchSize` at a time
    /// inside one read transaction, so a 100,000-system registry is never all in memory.
    public func forEachSystem(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 500,
                              _ body: (StoredSystem) throws -> Void) throws {
        try forEachBatch(ids: ids, filter: filter, batchSize: batchSize) { batch in
            for s in batch { try body(s) }
        }
    }

    /// Like `forEachSystem`, a batch at a time (for callers that process a batch in parallel).
    public func forEachBatch(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 500,
                             _ body: ([StoredSystem]) throws -> Void) throws {
        try batches(ids: ids, filter: filter, batchSize: batchSize) { _, batch in try body(batch) }
    }

    /// The matching systems a batch at a time inside one read transaction, with the
    /// transaction for reading what belongs to each batch (its stored evaluations).
    func batches(ids: [String], filter: SystemFilter, batchSize: Int,
                 _ body: (Database, [StoredSystem]) throws -> Void) throws {
        let (clause, args) = filter.sql(ids: ids)
        try read { db in
            let all = try String.fetchAll(db, sql: "SELECT id FROM systems WHERE \(clause) ORDER BY id", arguments: args)
            var start = 0
            while start < all.count {
                let chunk = Array(all[start..<min(start + batchSize, all.count)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                try body(db, try SystemRows.load(db: db, where: "id IN (\(marks))", arguments: StatementArguments(chunk)))
            }
        }
    }

    /// Which of `ids` exist.
    public func systemIds(_ ids: [String]) throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        return try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM systems WHERE id IN (\(marks))", arguments: StatementArguments(ids))
        }
    }

    public func count() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM systems") ?? 0 }
    }

    public func waivers(system: String? = nil) throws -> [StoredWaiver] {
        try read { db in try RegistrySnapshot(db: db).waivers(system: system) }
    }

    /// Audit entries, newest first; for one entity id when given.
    public func history(entityId: String? = nil, limit: Int? = nil) throws -> [AuditEntry] {
        try read { db in try RegistrySnapshot(db: db).history(entityId: entityId, limit: limit) }
    }

    public func verifyAudit() throws -> AuditVerification {
        try read { db in try AuditLog.verify(db: db) }
    }

    /// The audit chain's head, to keep as a witness (`aigov audit head`).
    public func auditHead() throws -> AuditWitness {
        try read { db in try AuditLog.head(db: db) }
    }

    /// Whether the audit log still extends `witness`, read in one transaction together with
    /// the chain's own verification.
    public func verifyAudit(witness: AuditWitness) throws -> (AuditVerification, WitnessCheck) {
        try read { db in (try AuditLog.verify(db: db), try AuditLog.check(db: db, against: witness)) }
    }
}
