import AIGovCore
import Crypto
import Foundation
import GRDB

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

/// Reading the chain back: every entry's hash and link, and records changed behind aigov's back.
extension AuditLog {
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
