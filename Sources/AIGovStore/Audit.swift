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

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// The two ways a JSON string is escaped here; they differ only for U+0008 and U+000C.
enum JSONStringStyle {
    /// `JSONText.quote(_, escapeLineSeparators: false)` (`jsonString`), which the audit
    /// entry's hashed text uses: `\u0008`, `\u000c`.
    case jsonText
    /// `JSONEncoder` (`Canonical.json`, the before and after images): `\b`, `\f`.
    case jsonEncoder
}

/// Appends `s` as a JSON string literal: `"` and `\` escaped, `\n \r \t`, U+0008 and U+000C
/// as `style` writes them, the other control characters as `\u00xx`, everything else
/// (`/`, U+2028, U+2029 included) as is. Runs that need no escape are copied whole.
func appendJSONString(_ s: String, to out: inout [UInt8], style: JSONStringStyle) {
    var s = s
    s.withUTF8 { u in
        out.append(0x22)
        var start = 0
        for i in 0..<u.count {
            let b = u[i]
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
            start = i + 1
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08 where style == .jsonEncoder: out.append(0x5C); out.append(0x62)
            case 0x0C where style == .jsonEncoder: out.append(0x5C); out.append(0x66)
            default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            }
        }
        if start < u.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count])) }
        out.append(0x22)
    }
}

/// Lower-case hex of a digest, without Foundation's locale-aware formatting.
func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// JSON string literal (see `JSONText.quote`).
func jsonString(_ s: String) -> String { JSONText.quote(s, escapeLineSeparators: false) }

/// What `aigov audit verify` found.
public struct AuditVerification: Sendable, Equatable {
    public var entries: Int
    public var head: String
    /// The first entry that does not match, and why; nil when the chain holds.
    public var firstBad: (seq: Int64, reason: String)?
    /// Records whose current row differs from the state their last audit entry recorded
    /// (changed behind aigov's back), one line each.
    public var drift: [String] = []

    public var ok: Bool { firstBad == nil && drift.isEmpty }

    public static func == (a: Self, b: Self) -> Bool {
        a.entries == b.entries && a.head == b.head && a.firstBad?.seq == b.firstBad?.seq
            && a.firstBad?.reason == b.firstBad?.reason && a.drift == b.drift
    }
}

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

    static func verify(db: Database) throws -> AuditVerification {
        var prev = AuditEntry.genesis
        var count = 0
        var expectedSeq: Int64 = 1
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditEntry.columns) FROM audit_log ORDER BY seq")
        while let row = try rows.next() {
            let e = AuditEntry(row: row)
            count += 1
            if e.seq != expectedSeq {
                return AuditVerification(entries: count, head: prev,
                                         firstBad: (e.seq, "entry \(expectedSeq) is missing (found \(e.seq) next)"))
            }
            if e.prevHash != prev {
                return AuditVerification(entries: count, head: prev,
                                         firstBad: (e.seq, "prev_hash does not match the hash of entry \(e.seq - 1)"))
            }
            if e.computedHash != e.hash {
                return AuditVerification(entries: count, head: prev,
                                         firstBad: (e.seq, "content does not match its hash (the entry was changed)"))
            }
            prev = e.hash
            expectedSeq += 1
        }
        let meta = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('audit_head','audit_count')")
        var recorded: [String: String] = [:]
        for r in meta { recorded[r[0]] = r[1] }
        if let n = recorded["audit_count"], Int(n) != count {
            return AuditVerification(entries: count, head: prev,
                                     firstBad: (Int64(count + 1), "the log ends at entry \(count) but \(n) entries were written (entries removed from the end)"))
        }
        if let h = recorded["audit_head"], count > 0, h != prev {
            return AuditVerification(entries: count, head: prev,
                                     firstBad: (Int64(count), "the last entry's hash differs from the recorded head"))
        }
        return AuditVerification(entries: count, head: prev, firstBad: nil, drift: try drift(db: db))
    }

    /// Each stored record of one entity kind (`system`, `incident`) against the `after` of its
    /// latest audit entry (`last`, keyed `entity/id`); the keys seen are added to `seen`.
    static func drift(_ entity: String, _ records: [(id: String, json: String)],
                      last: [String: (action: String, after: String?)], seen: inout Set<String>) -> [String] {
        var out: [String] = []
        for (id, json) in records {
            let key = "\(entity)/\(id)"
            seen.insert(key)
            guard let entry = last[key], entry.action != "delete" else {
                out.append("\(entity) \(id) has no audit entry for its current state")
                continue
            }
            if entry.after != json {
                out.append("\(entity) \(id) differs from its last audit entry (changed without an audit entry)")
            }
        }
        return out
    }

    /// Compares every system, waiver and incident row with the `after` of its latest audit entry.
    static func drift(db: Database) throws -> [String] {
        var last: [String: (action: String, after: String?)] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT entity, entity_id, action, after FROM audit_log
            WHERE seq IN (SELECT max(seq) FROM audit_log GROUP BY entity, entity_id)
            """)
        while let r = try rows.next() {
            last["\(r[0] as String)/\(r[1] as String)"] = (r[2], r[3])
        }
        var out: [String] = []
        var seen: Set<String> = []
        out += drift("system", try SystemRows.load(db: db).map { ($0.system.id, Canonical.json($0.system)) }, last: last, seen: &seen)
        let waivers = try Row.fetchAll(db, sql: "SELECT system_id, rule, reason, approved_by, expires FROM waivers")
        for r in waivers {
            let id = "\(r[0] as String)/\(r[1] as String)"
            let key = "waiver/\(id)"
            seen.insert(key)
            let w = Day(r[4] as String).map { Waiver(system: r[0], rule: r[1], reason: r[2], approvedBy: r[3], expires: $0) }
            guard let entry = last[key], entry.action == "waive" else {
                out.append("waiver \(id) has no audit entry for its current state")
                continue
            }
            if entry.after != w.map(Canonical.json) {
                out.append("waiver \(id) differs from its last audit entry (changed without an audit entry)")
            }
        }
        out += try IncidentRows.drift(db: db, last: last, seen: &seen)
        for (key, entry) in last.sorted(by: { $0.key < $1.key }) where !seen.contains(key) {
            if entry.action == "create" || entry.action == "update" || entry.action == "waive" {
                out.append("\(key.replacingOccurrences(of: "/", with: " ", options: [], range: key.range(of: "/"))) was removed without an audit entry")
            }
        }
        return out
    }
}

/// A chain head recorded elsewhere (printed by `aigov audit head`, kept in every audit pack),
/// against which the registry's log can later be checked: a log rewritten with recomputed
/// hashes still verifies on its own, but no longer extends a witness taken before.
public struct AuditWitness: Sendable, Equatable, CustomStringConvertible {
    /// How many entries the chain held.
    public var entries: Int64
    /// The hash of entry `entries` (the genesis hash when there were none).
    public var head: String
    /// The witnessed entries themselves, when the witness is an exported log (a pack's
    /// `audit-log.jsonl`): then the first differing entry can be named.
    public var log: [AuditEntry]

    public init(entries: Int64, head: String, log: [AuditEntry] = []) {
        self.entries = entries
        self.head = head
        self.log = log
    }

    /// `COUNT:HASH`, the form `aigov audit head` prints and `--witness` reads.
    public var description: String { "\(entries):\(head)" }

    /// Parses `COUNT:HASH` (a 64-digit lower-case hex hash); nil for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int64(parts[0]), n >= 0, parts[1].count == 64,
              parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.init(entries: n, head: String(parts[1]))
    }
}

/// What checking the registry's log against a witness found.
public struct WitnessCheck: Sendable, Equatable {
    /// The first entry (sequence number) at which the registry's log differs from the witness,
    /// and how; nil when the log extends the witness.
    public var firstDifference: (seq: Int64, reason: String)?
    public var ok: Bool { firstDifference == nil }

    public static func == (a: Self, b: Self) -> Bool {
        a.firstDifference?.seq == b.firstDifference?.seq && a.firstDifference?.reason == b.firstDifference?.reason
    }
}

extension AuditLog {
    /// The newest entry's sequence number and hash.
    static func head(db: Database) throws -> AuditWitness {
        let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        return AuditWitness(entries: row?[0] ?? 0, head: row?[1] ?? AuditEntry.genesis)
    }

    /// Whether the log extends `witness`: it holds at least as many entries, every witnessed
    /// entry is there unchanged (when the witness carries them), and entry `witness.entries`
    /// has the witnessed hash.
    static func check(db: Database, against witness: AuditWitness) throws -> WitnessCheck {
        var byseq: [Int64: AuditEntry] = [:]
        for e in witness.log { byseq[e.seq] = e }
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditEntry.columns) FROM audit_log WHERE seq <= ? ORDER BY seq",
                                       arguments: [witness.entries])
        var expected: Int64 = 1
        var lastHash = AuditEntry.genesis
        while let row = try rows.next() {
            let e = AuditEntry(row: row)
            if e.seq != expected {
                return WitnessCheck(firstDifference: (expected, "entry \(expected) is missing from the registry's log"))
            }
            if let w = byseq[e.seq], w != e {
                let what = w.hash != e.hash ? "its hash differs" : "its content differs"
                return WitnessCheck(firstDifference: (e.seq, "entry \(e.seq) differs from the witness (\(what): \(e.action) \(e.entity) \(e.entityId) by \(e.actor) at \(e.at))"))
            }
            lastHash = e.hash
            expected += 1
        }
        if expected <= witness.entries {
            return WitnessCheck(firstDifference: (expected, "the registry's log has \(expected - 1) entries, fewer than the \(witness.entries) witnessed"))
        }
        if lastHash != witness.head {
            return WitnessCheck(firstDifference: (witness.entries, "entry \(witness.entries)'s hash \(lastHash) differs from the witnessed head \(witness.head)"))
        }
        return WitnessCheck(firstDifference: nil)
    }
}

// MARK: the canonical JSON of a system, written directly

extension Canonical {
    /// `json(_:)` of a system — what the audit log's before and after images hold — written
    /// straight from the catalog instead of through `JSONEncoder`, and byte for byte the same:
    /// the keys in the order `JSONEncoder`'s `.sortedKeys` puts them (asked of it once per
    /// key set), nil values and empty lists left out, strings escaped as `JSONEncoder` escapes
    /// them without `/`. Apply writes one per created or changed system and `audit verify`
    /// one per stored system, so this is most of their time besides SQLite.
    public static func json(_ system: AISystem) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        SystemJSON.object(SystemJSON.plan, system, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The writer behind `Canonical.json(_: AISystem)`.
enum SystemJSON {
    /// One member of an object, its key already quoted (`"name":`).
    enum Member: Sendable {
        case scalar(key: [UInt8], CatalogField<AISystem>)
        case block(key: [UInt8], CatalogField<AISystem>, [Member])
        case entries(key: [UInt8], CatalogField<AISystem>, [(key: [UInt8], field: CatalogEntryField<AISystem>)])
    }

    /// The system's members in output order, blocks and lists with theirs; built once.
    static let plan: [Member] = members(AISystem.fields)

    static func members(_ fields: [CatalogField<AISystem>]) -> [Member] {
        sortedLikeJSONEncoder(fields, key: \.info.key).map { f in
            switch f.info.kind {
            case .block: .block(key: quotedKey(f.info.key), f, members(f.blockFields))
            case .entries:
                .entries(key: quotedKey(f.info.key), f,
                         sortedLikeJSONEncoder(f.entryFields, key: \.info.key).map { (quotedKey($0.info.key), $0) })
            default: .scalar(key: quotedKey(f.info.key), f)
            }
        }
    }

    static func quotedKey(_ key: String) -> [UInt8] {
        var out: [UInt8] = []
        appendString(key, to: &out)
        out.append(0x3A)
        return out
    }

    /// `items` in the order `JSONEncoder` with `.sortedKeys` writes their keys: it is asked
    /// once (a dictionary key → position), so the output matches it on every platform.
    static func sortedLikeJSONEncoder<T>(_ items: [T], key: (T) -> String) -> [T] {
        let keys = items.map(key)
        let fallback = items.indices.sorted { keys[$0] < keys[$1] }.map { items[$0] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var positions: [String: Int] = [:]
        for (i, k) in keys.enumerated() { positions[k] = i }
        guard positions.count == keys.count, let data = try? encoder.encode(positions) else { return fallback }
        // `{"key":3,"other":0,…}`: the keys are plain identifiers, so the numbers after each
        // `:` are the positions in output order.
        var order: [Int] = []
        var number: Int?
        for b in data {
            switch b {
            case 0x3A: number = 0
            case 0x30...0x39 where number != nil: number = number! * 10 + Int(b - 0x30)
            default:
                if let n = number { order.append(n) }
                number = nil
            }
        }
        guard order.count == items.count, Set(order).count == items.count, order.allSatisfy({ $0 < items.count }) else {
            return fallback
        }
        return order.map { items[$0] }
    }

    static func object(_ members: [Member], _ s: AISystem, into out: inout [UInt8]) {
        out.append(0x7B)
        var first = true
        func open(_ key: [UInt8]) {
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: key)
        }
        for m in members {
            switch m {
            case let .scalar(key, f):
                let v = f.value(s)
                if isWritten(v) {
                    open(key)
                    value(v, into: &out)
                }
            case let .block(key, f, inner):
                guard case .block = f.value(s) else { continue }
                open(key)
                object(inner, s, into: &out)
            case let .entries(key, f, inner):
                guard case let .entries(count) = f.value(s), count > 0 else { continue }
                open(key)
                out.append(0x5B)
                for i in 0..<count {
                    if i > 0 { out.append(0x2C) }
                    out.append(0x7B)
                    var firstField = true
                    for (k, ef) in inner {
                        let v = ef.value(s, i)
                        guard isWritten(v) else { continue }
                        if !firstField { out.append(0x2C) }
                        firstField = false
                        out.append(contentsOf: k)
                        value(v, into: &out)
                    }
                    out.append(0x7D)
                }
                out.append(0x5D)
            }
        }
        out.append(0x7D)
    }

    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)

    /// Whether the catalog's encoder writes the value (nil and empty lists it leaves out).
    static func isWritten(_ v: RecordValue) -> Bool {
        switch v {
        case .absent, .block, .entries: false
        case let .texts(l): !l.isEmpty
        case .text, .bool, .number, .date: true
        }
    }

    static func value(_ v: RecordValue, into out: inout [UInt8]) {
        switch v {
        case .absent, .block, .entries: break
        case let .text(s): appendString(s, to: &out)
        case let .bool(b): out.append(contentsOf: b ? trueBytes : falseBytes)
        case let .number(n): out.append(contentsOf: String(n).utf8)
        case let .date(d): appendString(d.description, to: &out)
        case let .texts(l):
            out.append(0x5B)
            for (i, s) in l.enumerated() {
                if i > 0 { out.append(0x2C) }
                appendString(s, to: &out)
            }
            out.append(0x5D)
        }
    }

    /// A JSON string as `JSONEncoder` writes it with `.withoutEscapingSlashes`.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        appendJSONString(s, to: &out, style: .jsonEncoder)
    }
}
