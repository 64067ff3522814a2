import AIGovCore
import AIGovStore
import Foundation

/// `audit-log.jsonl`: the whole hash chain, one JSON object per line with every column, so that
/// anyone can verify it without aigov (see docs/audit-pack.md for the recipe).
public enum AuditLogFile {
    /// One line per entry, oldest first.
    public static func write(_ entries: [AuditEntry]) -> String {
        var out = ""
        for e in entries {
            out += "{\"seq\": \(e.seq), \"at\": \(Text.json(e.at)), \"actor\": \(Text.json(e.actor)), "
            out += "\"action\": \(Text.json(e.action)), \"entity\": \(Text.json(e.entity)), "
            out += "\"entity_id\": \(Text.json(e.entityId)), \"row_version\": \(e.rowVersion.map(String.init) ?? "null"), "
            out += "\"changes\": \(Text.json(e.changes)), \"before\": \(Text.json(e.before)), \"after\": \(Text.json(e.after)), "
            out += "\"prev_hash\": \(Text.json(e.prevHash)), \"hash\": \(Text.json(e.hash))}\n"
        }
        return out
    }

    /// One entry read back from the file: the store's own `AuditEntry`, whose
    /// `canonicalContent` and `computedHash` the pack checks against.
    public typealias Line = AuditEntry

    /// What checking the chain found.
    public struct Verification: Sendable, Equatable {
        /// Entries read.
        public var entries: Int
        /// The last entry's hash (genesis when empty).
        public var head: String
        /// Problems, each naming the entry; empty when the chain holds.
        public var problems: [String]
    }

    /// Parses and checks the chain: consecutive `seq` from 1, each `prev_hash` the previous hash
    /// (genesis first), each hash recomputed from its content.
    public static func verify(_ data: Data) -> Verification {
        var prev = AuditEntry.genesis
        var problems: [String] = []
        var count = 0
        var expected: Int64 = 1
        let decoder = JSONDecoder()
        for (i, raw) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if raw.isEmpty { continue }
            guard let line = try? decoder.decode(Line.self, from: Data(raw)) else {
                problems.append("line \(i + 1) is not an audit entry")
                return Verification(entries: count, head: prev, problems: problems)
            }
            count += 1
            if line.seq != expected { problems.append("entry \(expected) is missing (found \(line.seq) next)") }
            if line.prevHash != prev { problems.append("entry \(line.seq): prev_hash does not match the hash of the entry before") }
            if line.computedHash != line.hash { problems.append("entry \(line.seq): content does not match its hash (the entry was changed)") }
            if problems.count >= 20 { break }
            prev = line.hash
            expected = line.seq + 1
        }
        return Verification(entries: count, head: prev, problems: problems)
    }
}
