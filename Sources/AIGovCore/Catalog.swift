// The machinery of the record's one description (FieldTables.swift holds the tables).
//
// Each type of the record lists its fields once — key, kind, enumeration spellings, whether
// it is required, and how to read it. The writer (Encoding.swift), the field diff (Diff.swift),
// the reader's allowed keys, the edit form and the custom-rule fields are all derived from
// those lists, so adding a field is one row there, a column in schema.sql and SystemRows, and
// a value in the every-field fixture that the tests check against all of them.

/// Where a field lives: the system itself, one of its blocks, an entry of one of its lists,
/// or a waiver (a separate document).
public enum RecordScope: Sendable, Hashable, CaseIterable {
    case system
    case euAiAct, impact, review
    case models, datasets, oversight, fallbacks, evidence, risks, metrics, suppliers
    /// `classification`, its `answers` and their `annex_i` (CLASSIFY.md).
    case classification, answers, annexI
    case fria, registration
    case waiver

    /// The key of this block or list in the mapping that holds it (`eu_ai_act`, `models`,
    /// `answers`); empty for the system itself and for waivers. Taken from the tables, not
    /// spelled twice.
    public var key: String { RecordCatalog.scopeKeys[self] ?? "" }

    /// True for the scopes whose fields belong to the entries of a list.
    public var isList: Bool { RecordCatalog.listScopes.contains(self) }

    /// The block or list that holds this one (`.classification` for `.answers`); nil for
    /// the scopes directly in the system, the system itself and waivers.
    public var parent: RecordScope? { RecordCatalog.parents[self] }

    /// What comes before a field's key in its path: `""`, `"eu_ai_act."`, `"models[]."` or
    /// `"classification.answers."`.
    public var prefix: String {
        let key = key
        if key.isEmpty { return "" }
        return (parent?.prefix ?? "") + (isList ? key + "[]." : key + ".")
    }
}

/// What kind of value a field holds.
public enum FieldKind: Sendable, Hashable {
    /// Free text, kept exactly as written.
    case text
    case bool
    /// A whole number (the reader bounds each one; see `InputLimits`).
    case number
    /// A date `YYYY-MM-DD`.
    case date
    /// One of a closed set of spellings.
    case enumeration([String])
    /// A list of free text.
    case texts
    /// A list of spellings of one enumeration (`datasets[].purpose`).
    case enumerations([String])
    /// A block of the system whose fields are in the given scope (`eu_ai_act`).
    case block(RecordScope)
    /// A list of entries whose fields are in the given scope (`models`).
    case entries(RecordScope)

    /// The allowed spellings of an enumeration or a list of one; nil for every other kind.
    public var spellings: [String]? {
        switch self {
        case let .enumeration(s), let .enumerations(s): s
        default: nil
        }
    }

    /// True for blocks and lists of entries, whose own fields are described separately.
    public var isContainer: Bool {
        switch self {
        case .block, .entries: true
        default: false
        }
    }
}

/// The value of one field, independent of its Swift type: what diffs compare, what the edit
/// form shows and what custom rules read. Enumerations read as their spelling.
public enum RecordValue: Sendable, Hashable {
    /// Not written (nil).
    case absent
    case text(String)
    case bool(Bool)
    case number(Int)
    case date(Day)
    /// A list of text or of spellings (possibly empty: lists default to empty).
    case texts([String])
    /// A block that is written.
    case block
    /// A list of entries, by length.
    case entries(Int)
}

/// The description of one field: where it lives, its key, its kind and whether it must be given.
public struct RecordField: Sendable, Hashable, CustomStringConvertible {
    public let scope: RecordScope
    public let key: String
    public let kind: FieldKind
    /// The reader refuses a document without it.
    public let required: Bool

    /// The field's path in the record: `name`, `eu_ai_act.tier`, `models[].version`.
    public var path: String { scope.prefix + key }

    public var description: String { path }
}

/// One field of `Root`, with how to read and write it.
public struct CatalogField<Root>: Sendable {
    public let info: RecordField
    /// The field's value in `Root` (a block's fields read an absent block as an empty one).
    public let value: @Sendable (Root) -> RecordValue
    /// Whether two values of `Root` agree on this field. Lists of entries and blocks compare
    /// their Swift values, so no difference can hide from a diff.
    public let same: @Sendable (Root, Root) -> Bool
    /// Writes the field into an encoder's keyed container (nothing when nil or an empty list).
    let encode: @Sendable (Root, inout KeyedEncodingContainer<FieldKey>) throws -> Void
    /// For a block: its fields, read through `Root`.
    public let blockFields: [CatalogField<Root>]
    /// For a list of entries: the fields of its entries, read through `Root` by entry index.
    public let entryFields: [CatalogEntryField<Root>]
}

/// One field of the entries of a list, read through the value that holds the list.
public struct CatalogEntryField<Root>: Sendable {
    public let info: RecordField
    /// The field's value in entry `index` (which must exist).
    public let value: @Sendable (Root, Int) -> RecordValue
}

/// A coding key spelled by the catalog.
public struct FieldKey: CodingKey, Sendable {
    public let stringValue: String
    public var intValue: Int? { nil }
    public init(_ key: String) { stringValue = key }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// A type of the record that lists its fields in the catalog.
public protocol Catalogued: Encodable, Equatable, Sendable {
    /// The scope its fields belong to.
    static var scope: RecordScope { get }
    /// Its fields in FORMAT.md order, which is also the order they are written in.
    static var fields: [CatalogField<Self>] { get }
}

/// A block of the system (`eu_ai_act`, `impact`, `review`): absent means the same as empty
/// for every one of its fields.
public protocol CataloguedBlock: Catalogued {
    init()
}

extension Catalogued {
    /// Writes the fields the catalog lists, in its order; nil values and empty lists are left out.
    public func encodeFields(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try encodeFields(into: &c)
    }

    /// Writes the fields into an existing container (a waiver writes `kind` first).
    public func encodeFields(into c: inout KeyedEncodingContainer<FieldKey>) throws {
        for f in Self.fields { try f.encode(self, &c) }
    }
}

// MARK: building the tables

extension CatalogField where Root: Catalogued {
    private static func scalar(_ key: String, _ kind: FieldKind, required: Bool,
                               _ read: @escaping @Sendable (Root) -> RecordValue) -> CatalogField {
        CatalogField(
            info: RecordField(scope: Root.scope, key: key, kind: kind, required: required),
            value: read,
            same: { read($0) == read($1) },
            encode: { root, c in
                let k = FieldKey(key)
                switch read(root) {
                case .absent, .block, .entries: break
                case let .text(s): try c.encode(s, forKey: k)
                case let .bool(b): try c.encode(b, forKey: k)
                case let .number(n): try c.encode(n, forKey: k)
                case let .date(d): try c.encode(d, forKey: k)
                case let .texts(l): if !l.isEmpty { try c.encode(l, forKey: k) }
                }
            },
            blockFields: [], entryFields: [])
    }

    /// Free text.
    public static func text(_ key: String, required: Bool = false, _ get: @escaping @Sendable (Root) -> String?) -> CatalogField {
        scalar(key, .text, required: required) { get($0).map(RecordValue.text) ?? .absent }
    }

    public static func bool(_ key: String, _ get: @escaping @Sendable (Root) -> Bool?) -> CatalogField {
        scalar(key, .bool, required: false) { get($0).map(RecordValue.bool) ?? .absent }
    }

    public static func number(_ key: String, _ get: @escaping @Sendable (Root) -> Int?) -> CatalogField {
        scalar(key, .number, required: false) { get($0).map(RecordValue.number) ?? .absent }
    }

    public static func date(_ key: String, required: Bool = false, _ get: @escaping @Sendable (Root) -> Day?) -> CatalogField {
        scalar(key, .date, required: required) { get($0).map(RecordValue.date) ?? .absent }
    }

    /// One spelling of `E`; the spellings are `E`'s raw values, as in schema.sql's CHECKs.
    public static func enumeration<E: FormatEnum>(_ key: String, required: Bool = false,
                                                 _ get: @escaping @Sendable (Root) -> E?) -> CatalogField {
        scalar(key, .enumeration(E.allCases.map(\.rawValue)), required: required) {
            get($0).map { .text($0.rawValue) } ?? .absent
        }
    }

    /// A list of text.
    public static func texts(_ key: String, _ get: @escaping @Sendable (Root) -> [String]) -> CatalogField {
        scalar(key, .texts, required: false) { .texts(get($0)) }
    }

    /// A list of spellings of `E`.
    public static func enumerations<E: FormatEnum>(_ key: String, _ get: @escaping @Sendable (Root) -> [E]) -> CatalogField {
        scalar(key, .enumerations(E.allCases.map(\.rawValue)), required: false) { .texts(get($0).map(\.rawValue)) }
    }

    /// A block whose own table is `B.fields`. A block inside a block (`classification.answers`)
    /// keeps its own fields, read through `Root`.
    public static func block<B: CataloguedBlock>(_ key: String, _ get: @escaping @Sendable (Root) -> B?) -> CatalogField {
        @Sendable func lift(_ child: CatalogField<B>) -> CatalogField {
            CatalogField(info: child.info,
                         value: { child.value(get($0) ?? B()) },
                         same: { child.same(get($0) ?? B(), get($1) ?? B()) },
                         encode: { _, _ in },
                         blockFields: child.blockFields.map(lift), entryFields: [])
        }
        let inner: [CatalogField] = B.fields.map(lift)
        return CatalogField(
            info: RecordField(scope: Root.scope, key: key, kind: .block(B.scope), required: false),
            value: { get($0) == nil ? .absent : .block },
            same: { get($0) == get($1) },
            encode: { root, c in if let b = get(root) { try c.encode(b, forKey: FieldKey(key)) } },
            blockFields: inner, entryFields: [])
    }

    /// A list of entries whose own table is `E.fields`.
    public static func entries<E: Catalogued>(_ key: String, _ get: @escaping @Sendable (Root) -> [E]) -> CatalogField {
        let inner: [CatalogEntryField<Root>] = E.fields.map { child in
            CatalogEntryField(info: child.info, value: { root, i in child.value(get(root)[i]) })
        }
        return CatalogField(
            info: RecordField(scope: Root.scope, key: key, kind: .entries(E.scope), required: false),
            value: { .entries(get($0).count) },
            same: { get($0) == get($1) },
            encode: { root, c in
                let list = get(root)
                if !list.isEmpty { try c.encode(list, forKey: FieldKey(key)) }
            },
            blockFields: [], entryFields: inner)
    }
}

// MARK: the views derived from the tables

/// The record's one description, seen by scope and by path.
public enum RecordCatalog {
    /// The fields of the system as paths: its own fields, each block followed by the block's
    /// fields (`eu_ai_act`, `eu_ai_act.role` …). Lists appear as one field each.
    public static let recordFields: [CatalogField<AISystem>] = AISystem.fields.flatMap { flatten($0) }

    /// A field followed by its block's fields, depth first.
    static func flatten<Root>(_ f: CatalogField<Root>) -> [CatalogField<Root>] {
        [f] + f.blockFields.flatMap { flatten($0) }
    }

    /// Every field of every scope, in FORMAT.md order: the system's fields, each block's, each
    /// list's entries', and last the waiver's.
    public static let fields: [RecordField] = RecordScope.allCases.flatMap { fields(in: $0) }

    /// The fields of one scope, in FORMAT.md order.
    public static func fields(in scope: RecordScope) -> [RecordField] { byScope[scope] ?? [] }

    /// The keys of one scope, in FORMAT.md order: what the reader allows in that mapping.
    public static func keys(in scope: RecordScope) -> [String] { keysByScope[scope] ?? [] }

    /// The field at a path such as `eu_ai_act.tier`, `models[2].version` or `models[].version`
    /// (list indexes are ignored), or nil when there is none.
    public static func field(at path: String) -> RecordField? {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map { String($0.prefix { $0 != "[" }) }
        guard let key = parts.popLast(), parts.count <= 4 else { return nil }
        var scope = RecordScope.system
        for part in parts {
            guard let f = fields(in: scope).first(where: { $0.key == part }) else { return nil }
            switch f.kind {
            case let .block(s), let .entries(s): scope = s
            default: return nil
            }
        }
        return fields(in: scope).first { $0.key == key }
    }

    /// The entry fields of one list of the system, read through the system.
    public static func entryFields(of list: RecordScope) -> [CatalogEntryField<AISystem>] {
        AISystem.fields.first { $0.info.kind == .entries(list) }?.entryFields ?? []
    }

    /// Every block and list field reachable from the system, depth first.
    static let containers: [CatalogField<AISystem>] = recordFields.filter { $0.info.kind.isContainer }

    static let byScope: [RecordScope: [RecordField]] = {
        var out: [RecordScope: [RecordField]] = [.system: AISystem.fields.map(\.info), .waiver: Waiver.fields.map(\.info)]
        for f in containers {
            switch f.info.kind {
            case let .block(s): out[s] = f.blockFields.map(\.info)
            case let .entries(s): out[s] = f.entryFields.map(\.info)
            default: break
            }
        }
        return out
    }()

    static let keysByScope: [RecordScope: [String]] = byScope.mapValues { $0.map(\.key) }

    /// The key of each block and list, from the tables.
    static let scopeKeys: [RecordScope: String] = {
        var out: [RecordScope: String] = [:]
        for f in containers {
            switch f.info.kind {
            case let .block(s), let .entries(s): out[s] = f.info.key
            default: break
            }
        }
        return out
    }()

    /// The scope that holds each nested block (`answers` is in `classification`).
    static let parents: [RecordScope: RecordScope] = {
        var out: [RecordScope: RecordScope] = [:]
        for f in containers where f.info.scope != .system {
            switch f.info.kind {
            case let .block(s), let .entries(s): out[s] = f.info.scope
            default: break
            }
        }
        return out
    }()

    static let listScopes: Set<RecordScope> = Set(AISystem.fields.compactMap {
        if case let .entries(s) = $0.info.kind { s } else { nil }
    })
}
