import AIGovCore
import Crypto
import Foundation
import GRDB

/// One entry of the hash-chained audit log.
/// Decodable too, so an exported log (`audit-log.jsonl` in a pack) is checked with this
/// same `canonicalContent` rather than a second copy of it.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityId: String
    public var rowVersion: Int?
    /// Changed top-level fields, as a JSON array of strings.
    public var changes: String
    /// Canonical JSON of the record before and after the change (nil for create / delete).
    public var before: String?
    public var after: String?
    public var prevHash: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, entity, entityId = "entity_id", rowVersion = "row_version", changes
        case before, after, prevHash = "prev_hash", hash
    }

    /// The hash of the first entry's predecessor.
    public static let genesis = String(repeating: "0", count: 64)

    /// The exact text the hash covers: a JSON object with sorted keys and no white space,
    /// holding every column but `hash`. Anyone can recompute it from an exported log.
    public var canonicalContent: String {
        var fields: [(String, String)] = [
            ("action", jsonString(action)),
            ("actor", jsonString(actor)),
            ("after", after.map(jsonString) ?? "null"),
            ("at", jsonString(at)),
            ("before", before.map(jsonString) ?? "null"),
            ("changes", jsonString(changes)),
            ("entity", jsonString(entity)),
            ("entity_id", jsonString(entityId)),
            ("prev_hash", jsonString(prevHash)),
            ("row_version", rowVersion.map(String.init) ?? "null"),
            ("seq", String(seq)),
        ]
        fields.sort { $0.0 < $1.0 }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// SHA-256 (hex) of `canonicalContent`; it includes `prev_hash`, which chains the entries.
    ///
    /// The bytes hashed are exactly `canonicalContent`'s (the same keys in the same sorted
    /// order, the same escapes), written straight into one buffer: the text itself is never
    /// built, and the before and after images — most of an entry — are copied in runs
    /// instead of quoted character by character.
    public var computedHash: String {
        var out: [UInt8] = []
        // The images' quotes are escaped in the hashed text: room for a quarter more.
        out.reserveCapacity(240 + actor.utf8.count + entityId.utf8.count + changes.utf8.count
                            + ((before?.utf8.count ?? 0) + (after?.utf8.count ?? 0)) * 5 / 4)
        func key(_ k: StaticString, first: Bool = false) {
            if !first { out.append(0x2C) }
            out.append(0x22)
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            out.append(0x22)
            out.append(0x3A)
        }
        func string(_ s: String?) {
            if let s { appendJSONString(s, to: &out, style: .jsonText) } else { out.append(contentsOf: "null".utf8) }
        }
        // The keys of `canonicalContent`, in its (sorted) order.
        out.append(0x7B)
        key("action", first: true); string(action)
        key("actor"); string(actor)
        key("after"); string(after)
        key("at"); string(at)
        key("before"); string(before)
        key("changes"); string(changes)
        key("entity"); string(entity)
        key("entity_id"); string(entityId)
        key("prev_hash"); string(prevHash)
        key("row_version"); out.append(contentsOf: (rowVersion.map(String.init) ?? "null").utf8)
        key("seq"); out.append(contentsOf: String(seq).utf8)
        out.append(0x7D)
        return hex(SHA256.hash(data: out))
    }

    static let columns = "seq, at, actor, action, entity, entity_id, row_version, changes, before, after, prev_hash, hash"

    init(row: Row) {
        seq = row[0]
        at = row[1]
        actor = row[2]
        action = row[3]
        entity = row[4]
        entityId = row[5]
        rowVersion = row[6]
        changes = row[7]
        before = row[8]
        after = row[9]
        prevHash = row[10]
        hash = row[11]
    }

    init(seq: Int64, at: String, actor: String, action: String, entity: String, entityId: String,
         rowVersion: Int?, changes: String, before: String?, after: String?, prevHash: String) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.rowVersion = rowVersion
        self.changes = changes
        self.before = before
        self.after = after
        self.prevHash = prevHash
        hash = ""
        hash = computedHash
    }
}

/// JSON string literal (see `JSONText.quote`).
func jsonString(_ s: String) -> String { JSONText.quote(s, escapeLineSeparators: false) }

enum AuditLog {
    /// Appends an entry after the current head. Call inside the write transaction of the change it records.
    static func append(db: Database, at: String, actor: String, action: String, entity: String, entityId: String,
                       rowVersion: Int?, changes: [String], before: String?, after: String?) throws -> AuditEntry {
        let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (head?[0] as Int64? ?? 0) + 1
        let prev: String = head?[1] ?? AuditEntry.genesis
        let entry = AuditEntry(seq: seq, at: at, actor: actor, action: action, entity: entity, entityId: entityId,
                               rowVersion: rowVersion, changes: SystemRows.jsonList(changes), before: before,
                               after: after, prevHash: prev)
        try db.cachedStatement(sql: "INSERT INTO audit_log (\(AuditEntry.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
            .execute(arguments: [entry.seq, entry.at, entry.actor, entry.action, entry.entity, entry.entityId,
                                 entry.rowVersion, entry.changes, entry.before, entry.after, entry.prevHash, entry.hash])
        try db.cachedStatement(sql: "INSERT INTO meta (key, value) VALUES ('audit_head', ?), ('audit_count', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [entry.hash, String(seq)])
        return entry
    }

    /// Checks, cheaply, that the chain can be extended: the newest entry is the one the store
    /// recorded as head (same sequence number as `audit_count`, same hash as `audit_head`) and
    /// its content still matches its hash. A full walk is `verify`; this costs one row.
    static func checkHead(db: Database) throws {
        let meta = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM meta WHERE key IN ('audit_head','audit_count')"))
        var recorded: [String: String] = [:]
        for r in meta { recorded[r[0]] = r[1] }
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(AuditEntry.columns) FROM audit_log ORDER BY seq DESC LIMIT 1"))
            .map(AuditEntry.init(row:))
        let count = recorded["audit_count"].flatMap { Int64($0) } ?? 0
        guard let last else {
            if count != 0 { throw RegistryError.brokenChain(detail: "the log is empty but \(count) entries were written") }
            // Every record is written with its entry, so records without a log mean the history
            // was emptied (with its meta keys): a write would start a new chain over it.
            let records = try Int.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM systems) + EXISTS (SELECT 1 FROM waivers) + EXISTS (SELECT 1 FROM incidents)")) ?? 0
            if records > 0 { throw RegistryError.missingChain(systems: try Int.fetchOne(db, sql: "SELECT count(*) FROM systems") ?? 0) }
            return
        }
        if last.seq != count {
            throw RegistryError.brokenChain(detail: "the newest entry is \(last.seq) but \(count) entries were written")
        }
        if recorded["audit_head"] != last.hash {
            throw RegistryError.brokenChain(detail: "entry \(last.seq)'s hash differs from the recorded head")
        }
        if last.computedHash != last.hash {
            throw RegistryError.brokenChain(detail: "entry \(last.seq) does not match its hash")
        }
    }
}
