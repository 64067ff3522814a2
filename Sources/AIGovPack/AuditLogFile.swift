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
        var checker = ChainChecker()
        data.withUnsafeBytes { checker.feed($0) }
        return checker.finish()
    }

    /// Checks the chain while the file streams past, one line at a time, so that verifying a
    /// pack never holds the whole log: memory is bounded by the longest line, and a line
    /// longer than `maxLineBytes` stops the check instead of growing without limit.
    public struct ChainChecker {
        /// The longest line read (an entry holds two records' JSON; a real one is kilobytes).
        public static let maxLineBytes = 64 << 20

        private var pending = Data()
        private var lineNumber = 0
        private var prev = AuditEntry.genesis
        private var problems: [String] = []
        private var count = 0
        private var expected: Int64 = 1
        /// Set once a problem ends the check (an unreadable line, 20 problems, an overlong line).
        private var stopped = false
        private let decoder = JSONDecoder()

        public init() {}

        /// Adds the next bytes of the file.
        public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while !stopped, offset < bytes.count {
                let rest = bytes.count - offset
                guard let hit = memchr(base + offset, 0x0A, rest) else {
                    _ = append(UnsafeRawBufferPointer(start: base + offset, count: rest))
                    return
                }
                let length = base.distance(to: UnsafeRawPointer(hit)) - offset
                let piece = UnsafeRawBufferPointer(start: base + offset, count: length)
                if pending.isEmpty {
                    line(Data(piece))
                } else {
                    guard append(piece) else { return }
                    line(pending)
                    pending = Data()
                }
                offset += length + 1
            }
        }

        /// Ends the file (a last line without a newline counts) and returns what was found.
        public mutating func finish() -> Verification {
            if !stopped, !pending.isEmpty {
                line(pending)
                pending = Data()
            }
            return Verification(entries: count, head: prev, problems: problems)
        }

        /// Keeps part of a line, refusing to hold more than `maxLineBytes`.
        private mutating func append(_ piece: UnsafeRawBufferPointer) -> Bool {
            guard pending.count + piece.count <= Self.maxLineBytes else {
                problems.append("line \(lineNumber + 1) is longer than \(Self.maxLineBytes >> 20) MiB")
                stopped = true
                pending = Data()
                return false
            }
            pending.append(contentsOf: piece)
            return true
        }

        private mutating func line(_ raw: Data) {
            lineNumber += 1
            if raw.isEmpty || stopped { return }
            guard raw.count <= Self.maxLineBytes else {
                problems.append("line \(lineNumber) is longer than \(Self.maxLineBytes >> 20) MiB")
                stopped = true
                return
            }
            guard let line = try? decoder.decode(Line.self, from: raw) else {
                problems.append("line \(lineNumber) is not an audit entry")
                stopped = true
                return
            }
            count += 1
            if line.seq != expected { problems.append("entry \(expected) is missing (found \(line.seq) next)") }
            if line.prevHash != prev { problems.append("entry \(line.seq): prev_hash does not match the hash of the entry before") }
            if line.computedHash != line.hash { problems.append("entry \(line.seq): content does not match its hash (the entry was changed)") }
            if problems.count >= 20 {
                stopped = true
                return
            }
            prev = line.hash
            // A hostile seq may be Int64.max: the successor must not trap.
            expected = line.seq == Int64.max ? Int64.min : line.seq + 1
        }
    }
}
