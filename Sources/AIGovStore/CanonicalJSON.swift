import AIGovCore
import Crypto
import Foundation
import GRDB

let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

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

/// Lower-case hex of a digest (`Hex.lower`).
func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 { Hex.lower(bytes) }

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
    static let plan: [Member] = {
        let rank = keyRanks(keys(AISystem.fields))
        return members(AISystem.fields, rank: rank)
    }()

    static func members(_ fields: [CatalogField<AISystem>], rank: [String: Int]) -> [Member] {
        func order<T>(_ items: [T], _ key: (T) -> String) -> [T] {
            items.sorted { (rank[key($0)] ?? Int.max, key($0)) < (rank[key($1)] ?? Int.max, key($1)) }
        }
        return order(fields, \.info.key).map { f in
            switch f.info.kind {
            case .block: .block(key: quotedKey(f.info.key), f, members(f.blockFields, rank: rank))
            case .entries:
                .entries(key: quotedKey(f.info.key), f, order(f.entryFields, \.info.key).map { (quotedKey($0.info.key), $0) })
            default: .scalar(key: quotedKey(f.info.key), f)
            }
        }
    }

    /// Every key of the record, at every level.
    static func keys(_ fields: [CatalogField<AISystem>]) -> [String] {
        fields.flatMap { f -> [String] in
            switch f.info.kind {
            case .block: [f.info.key] + keys(f.blockFields)
            case .entries: [f.info.key] + f.entryFields.map(\.info.key)
            default: [f.info.key]
            }
        }
    }

    static func quotedKey(_ key: String) -> [UInt8] {
        var out: [UInt8] = []
        appendString(key, to: &out)
        out.append(0x3A)
        return out
    }

    /// Each key's position in the order `JSONEncoder` with `.sortedKeys` writes keys, so the
    /// output matches it on every platform. The encoder is asked once, for all the record's
    /// keys (a dictionary key → number), rather than once per object: that was a twentieth of
    /// an `aigov set` (#25). Sorting is a total order on the keys, so ranking them all at once
    /// orders every object's keys as the encoder would. Byte order if its output is not understood.
    static func keyRanks(_ keys: [String]) -> [String: Int] {
        let unique = Array(Set(keys)).sorted()
        let fallback = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fallback) else { return fallback }
        // `{"key":3,"other":0,…}`: the keys are plain identifiers, so the numbers after each
        // `:` are the keys' indexes in output order.
        var order: [Int] = []
        var number: Int?
        for b in data {
            switch b {
            case 0x3A: number = 0
            case 0x30...0x39 where number != nil: number = (number ?? 0) &* 10 &+ Int(b - 0x30)
            default:
                if let n = number { order.append(n) }
                number = nil
            }
        }
        guard order.count == unique.count, Set(order).count == unique.count, order.allSatisfy({ $0 >= 0 && $0 < unique.count }) else {
            return fallback
        }
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { (unique[$1], $0) })
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
