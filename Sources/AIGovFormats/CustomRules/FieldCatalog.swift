import AIGovCore
import AIGovRules

// The fields a custom-rule condition can read: every key of FORMAT.md, by scope, each with
// its type (checked when a rule file is loaded) and a direct accessor (used when a rule is
// evaluated, so no record is ever encoded to JSON or YAML).
//
// The paths, types and accessors are the record's catalog (AIGovCore, FieldTables.swift),
// seen the way conditions need them. Only what is particular to rules is added here: the
// defaults RULES.md reads for an absent tier and review interval, and `model_entry`, the
// `models[]` entry a fallback names.

/// Where a field path is resolved: the record itself, or one entry of a list.
enum FieldScope: Sendable, Hashable {
    case record
    /// An entry of one of the record's lists of entries (`models`, `datasets` …).
    case entries(RecordScope)
    /// An entry of a list of text (`tags`, `impact.affected_groups`, `models[].alternatives` …).
    case text
    /// An entry of a list of spellings (`datasets[].purpose`, `classification.answers.annex_iii`),
    /// with the list's spellings.
    case spellings([String])

    /// True for the entries of a list of spellings.
    var isSpellings: Bool { if case .spellings = self { true } else { false } }

    /// The scope of `models[]` entries, the one messages (and their tests) name most often.
    static let model = FieldScope.entries(.models)

    /// How messages name an entry of this scope, e.g. "models entries".
    var entryName: String {
        switch self {
        case .record: "the record"
        case .entries(let list): "\(list.key) entries"
        case .text, .spellings: "entries of a list of text"
        }
    }

    /// The fields of this scope, keyed by path.
    var fields: [String: FieldSpec] { FieldCatalog.byScope[self] ?? [:] }

    /// The paths of this scope in FORMAT.md order, for "expected one of …".
    var paths: [String] { FieldCatalog.order[self] ?? [] }
}

/// What kind of value a field holds; decides which operators a condition may use on it.
enum FieldType: Sendable, Equatable {
    /// Free text (compared as numbers when both sides are numbers, as dates when both are dates).
    case text
    /// One of a closed set of spellings.
    case enumeration([String])
    case bool
    /// A whole number.
    case number
    case date
    /// A list whose entries are read in the given scope.
    case list(FieldScope)
    /// A block (`eu_ai_act`, `impact`, `review`, `model_entry`): only `present` applies.
    case object

    /// The condition type of a catalog kind.
    init(_ kind: FieldKind) {
        switch kind {
        case .text: self = .text
        case .bool: self = .bool
        case .number: self = .number
        case .date: self = .date
        case .enumeration(let spellings): self = .enumeration(spellings)
        case .texts: self = .list(.text)
        case .enumerations(let spellings): self = .list(.spellings(spellings))
        case .block: self = .object
        case .entries(let list): self = .list(.entries(list))
        }
    }

    /// How messages name the type.
    var name: String {
        switch self {
        case .text: "text"
        case .enumeration: "an enumeration"
        case .bool: "true or false"
        case .number: "a number"
        case .date: "a date"
        case .list: "a list"
        case .object: "a block"
        }
    }
}

/// One entry of a list being walked by `any`, `all`, `none` or `count`; `.record` at the top.
///
/// Entries of the record's lists are held by index and read through the system, so walking
/// a list copies nothing.
enum Item: Sendable {
    case record
    /// Entry `index` of the record's list of `scope`.
    case entry(RecordScope, Int)
    /// An entry of a list of text (or of a list inside an entry, such as `alternatives`).
    case text(String)
}

/// The entries of one list.
enum ListSource: Sendable {
    /// A list of the record: its scope and length.
    case entries(RecordScope, Int)
    case texts([String])

    var count: Int {
        switch self {
        case .entries(_, let n): n
        case .texts(let l): l.count
        }
    }

    func item(_ i: Int) -> Item {
        switch self {
        case .entries(let scope, _): .entry(scope, i)
        case .texts(let l): .text(l[i])
        }
    }
}

/// The value of a field in one record or entry.
enum FieldValue: Sendable {
    case absent
    case text(String)
    case bool(Bool)
    case number(Int)
    case date(Day)
    case list(ListSource)
    /// A block that is written (`present` holds).
    case object

    /// The condition value of a catalog value.
    init(_ v: RecordValue) {
        switch v {
        case .absent: self = .absent
        case .text(let t): self = .text(t)
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .date(let d): self = .date(d)
        case .texts(let l): self = .list(.texts(l))
        case .block: self = .object
        // A list of entries is read through `FieldCatalog.entryList`, which knows its scope.
        case .entries: self = .absent
        }
    }

    /// `present` of the condition language: not absent, not blank text, not an empty list.
    var isPresent: Bool {
        switch self {
        case .absent: false
        case .text(let t): !t.isBlank
        case .list(let l): l.count > 0
        case .bool, .number, .date, .object: true
        }
    }
}

/// One readable field: its path within its scope, its type and how to read it.
struct FieldSpec: Sendable {
    let path: String
    let type: FieldType
    /// Reads the field of an entry (or, in the record scope, of the system).
    let read: @Sendable (Item, AISystem) -> FieldValue
}

/// The tables of readable fields, derived from the record's catalog.
enum FieldCatalog {
    typealias Entry = (String, FieldType, @Sendable (Item, AISystem) -> FieldValue)

    /// Where rules read a field differently from how it is written: RULES.md treats an absent
    /// tier as `unassessed` and an absent review interval as the default one.
    static let ruleDefaults: [String: @Sendable (AISystem) -> FieldValue] = [
        "eu_ai_act.tier": { .text($0.tier.rawValue) },
        "review.interval_days": { .number($0.review?.effectiveInterval ?? Intervals.defaultReviewDays) },
    ]

    /// The record's fields by path (`eu_ai_act.tier`); lists of entries by their key.
    static let recordFields: [Entry] = RecordCatalog.recordFields.map { f in
        let path = f.info.path
        if let read = ruleDefaults[path] { return (path, FieldType(f.info.kind), { _, sys in read(sys) }) }
        if case .entries(let list) = f.info.kind {
            return (path, FieldType(f.info.kind), { _, sys in entryList(list, f.value(sys)) })
        }
        return (path, FieldType(f.info.kind), { _, sys in FieldValue(f.value(sys)) })
    }

    /// A list of entries as a condition walks it: by scope and length.
    static func entryList(_ list: RecordScope, _ v: RecordValue) -> FieldValue {
        if case .entries(let n) = v { return .list(.entries(list, n)) }
        return .absent
    }

    /// The fields of the entries of one list, read from the entry an item points at.
    static func entryFields(_ list: RecordScope) -> [Entry] {
        RecordCatalog.entryFields(of: list).map { f in
            (f.info.key, FieldType(f.info.kind), { item, sys in
                if case .entry(list, let i) = item { FieldValue(f.value(sys, i)) } else { .absent }
            })
        }
    }

    /// A fallback's `model_entry`: the `models[]` entry its `model` names, and that entry's fields.
    static let modelEntryFields: [Entry] = {
        /// The index of the `models[]` entry a fallback names, if the record has one by that name.
        @Sendable func modelEntry(_ item: Item, _ sys: AISystem) -> Int? {
            guard case .entry(.fallbacks, let i) = item, let name = sys.fallbacks[i].model else { return nil }
            return sys.models.firstIndex { $0.name == name }
        }
        let block: Entry = ("model_entry", .object, { item, sys in modelEntry(item, sys) == nil ? .absent : .object })
        return [block] + RecordCatalog.entryFields(of: .models).map { f in
            ("model_entry." + f.info.key, FieldType(f.info.kind), { item, sys in
                modelEntry(item, sys).map { FieldValue(f.value(sys, $0)) } ?? .absent
            })
        }
    }()

    /// An entry of a list of text is read as `.`.
    static let textFields: [Entry] = [
        (".", .text, { item, _ in if case .text(let t) = item { .text(t) } else { .absent } }),
    ]

    /// An entry of a list of spellings is read as `.`, limited to the list's spellings.
    static func spellingFields(_ spellings: [String]) -> [Entry] {
        [(".", .enumeration(spellings), { item, _ in if case .text(let t) = item { .text(t) } else { .absent } })]
    }

    /// The spellings of each of the catalog's lists of spellings, once per distinct set.
    static let spellingLists: [[String]] = {
        var out: [[String]] = []
        for f in RecordCatalog.fields {
            if case .enumerations(let s) = f.kind, !out.contains(s) { out.append(s) }
        }
        return out
    }()

    static let tables: [(FieldScope, [Entry])] = {
        var out: [(FieldScope, [Entry])] = [(.record, recordFields)]
        for f in AISystem.fields {
            guard case .entries(let list) = f.info.kind else { continue }
            out.append((.entries(list), entryFields(list) + (list == .fallbacks ? modelEntryFields : [])))
        }
        return out + [(.text, textFields)] + spellingLists.map { (.spellings($0), spellingFields($0)) }
    }()

    static let byScope: [FieldScope: [String: FieldSpec]] = Dictionary(uniqueKeysWithValues: tables.map { scope, list in
        (scope, Dictionary(uniqueKeysWithValues: list.map { ($0.0, FieldSpec(path: $0.0, type: $0.1, read: $0.2)) }))
    })

    static let order: [FieldScope: [String]] = Dictionary(uniqueKeysWithValues: tables.map { ($0.0, $0.1.map(\.0)) })

    /// Every record path, for `path:` of a rule (the field a finding points at).
    static var recordPaths: [String] { FieldScope.record.paths }
}
