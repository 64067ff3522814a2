import AIGovCore

// The fields a custom-rule condition can read: every key of FORMAT.md, by scope, each with
// its type (checked when a rule file is loaded) and a direct accessor (used when a rule is
// evaluated, so no record is ever encoded to JSON or YAML).

/// Where a field path is resolved: the record itself, or one entry of a list.
enum FieldScope: Sendable, Hashable {
    case record, model, dataset, oversight, fallback, evidence, risk, metric, supplier
    /// An entry of a list of text (`tags`, `impact.affected_groups`, `models[].alternatives` …).
    case text
    /// An entry of `datasets[].purpose`: text limited to the `DataPurpose` spellings.
    case purpose

    /// How messages name an entry of this scope, e.g. "models entries".
    var entryName: String {
        switch self {
        case .record: "the record"
        case .model: "models entries"
        case .dataset: "datasets entries"
        case .oversight: "oversight entries"
        case .fallback: "fallbacks entries"
        case .evidence: "evidence entries"
        case .risk: "risks entries"
        case .metric: "metrics entries"
        case .supplier: "suppliers entries"
        case .text, .purpose: "entries of a list of text"
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

/// Which list of the record an entry belongs to.
enum EntryKind: Sendable {
    case model, dataset, oversight, fallback, evidence, risk, metric, supplier
}

/// One entry of a list being walked by `any`, `all`, `none` or `count`; `.record` at the top.
///
/// Entries of the record's lists are held by index and read through the system, so walking
/// a list copies nothing.
enum Item: Sendable {
    case record
    case entry(EntryKind, Int)
    /// An entry of a list of text (or of a list inside an entry, such as `alternatives`).
    case text(String)
}

/// The entries of one list.
enum ListSource: Sendable {
    /// A list of the record: its kind and length.
    case entries(EntryKind, Int)
    case texts([String])
    case purposes([DataPurpose])

    var count: Int {
        switch self {
        case .entries(_, let n): n
        case .texts(let l): l.count
        case .purposes(let l): l.count
        }
    }

    func item(_ i: Int) -> Item {
        switch self {
        case .entries(let kind, _): .entry(kind, i)
        case .texts(let l): .text(l[i])
        case .purposes(let l): .text(l[i].rawValue)
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

    init(_ v: String?) { self = v.map(FieldValue.text) ?? .absent }
    init(_ v: Bool?) { self = v.map(FieldValue.bool) ?? .absent }
    init(_ v: Int?) { self = v.map(FieldValue.number) ?? .absent }
    init(_ v: Day?) { self = v.map(FieldValue.date) ?? .absent }
    init<E: FormatEnum>(_ v: E?) { self = v.map { .text($0.rawValue) } ?? .absent }

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

/// The tables of readable fields.
enum FieldCatalog {
    typealias Entry = (String, FieldType, @Sendable (Item, AISystem) -> FieldValue)

    static func spellings<E: FormatEnum>(_: E.Type) -> FieldType { .enumeration(E.allCases.map(\.rawValue)) }

    static let recordFields: [Entry] = {
        func s(_ p: String, _ t: FieldType, _ f: @escaping @Sendable (AISystem) -> FieldValue) -> Entry {
            (p, t, { _, sys in f(sys) })
        }
        return [
            s("id", .text) { FieldValue($0.id) },
            s("name", .text) { FieldValue($0.name) },
            s("purpose", .text) { FieldValue($0.purpose) },
            s("owner", .text) { FieldValue($0.owner) },
            s("contact", .text) { FieldValue($0.contact) },
            s("status", spellings(SystemStatus.self)) { FieldValue($0.status) },
            s("status_since", .date) { FieldValue($0.statusSince) },
            s("tags", .list(.text)) { .list(.texts($0.tags)) },
            s("legal_basis", .text) { FieldValue($0.legalBasis) },
            s("eu_ai_act", .object) { $0.euAiAct == nil ? .absent : .object },
            s("eu_ai_act.role", spellings(OperatorRole.self)) { FieldValue($0.euAiAct?.role) },
            // RULES.md: the tier is `unassessed` when absent.
            s("eu_ai_act.tier", spellings(RiskTier.self)) { .text($0.tier.rawValue) },
            s("eu_ai_act.annex_iii", spellings(AnnexIIIArea.self)) { FieldValue($0.euAiAct?.annexIII) },
            s("eu_ai_act.annex_i_product", .bool) { FieldValue($0.euAiAct?.annexIProduct) },
            s("eu_ai_act.art6_3_exemption", .bool) { FieldValue($0.euAiAct?.art63Exemption) },
            s("eu_ai_act.art6_3_reason", .text) { FieldValue($0.euAiAct?.art63Reason) },
            s("eu_ai_act.profiling", .bool) { FieldValue($0.euAiAct?.profiling) },
            s("eu_ai_act.gpai", .bool) { FieldValue($0.euAiAct?.gpai) },
            s("eu_ai_act.interacts_with_people", .bool) { FieldValue($0.euAiAct?.interactsWithPeople) },
            s("eu_ai_act.synthetic_content", .bool) { FieldValue($0.euAiAct?.syntheticContent) },
            s("eu_ai_act.deepfake", .bool) { FieldValue($0.euAiAct?.deepfake) },
            s("eu_ai_act.emotion_or_biometric_categorisation", .bool) {
                FieldValue($0.euAiAct?.emotionOrBiometricCategorisation)
            },
            s("eu_ai_act.public_body", .bool) { FieldValue($0.euAiAct?.publicBody) },
            s("eu_ai_act.rationale", .text) { FieldValue($0.euAiAct?.rationale) },
            s("eu_ai_act.eu_database_id", .text) { FieldValue($0.euAiAct?.euDatabaseId) },
            s("eu_ai_act.conformity", spellings(Conformity.self)) { FieldValue($0.euAiAct?.conformity) },
            s("impact", .object) { $0.impact == nil ? .absent : .object },
            s("impact.decisions", .text) { FieldValue($0.impact?.decisions) },
            s("impact.affected_groups", .list(.text)) { .list(.texts($0.impact?.affectedGroups ?? [])) },
            s("impact.stakeholders_consulted", .list(.text)) { .list(.texts($0.impact?.stakeholdersConsulted ?? [])) },
            s("impact.explanation", .text) { FieldValue($0.impact?.explanation) },
            s("impact.appeal", .text) { FieldValue($0.impact?.appeal) },
            s("review", .object) { $0.review == nil ? .absent : .object },
            s("review.last_reviewed", .date) { FieldValue($0.review?.lastReviewed) },
            // FORMAT.md: the interval is 365 days when absent.
            s("review.interval_days", .number) { .number($0.review?.effectiveInterval ?? 365) },
            s("review.reviewer", .text) { FieldValue($0.review?.reviewer) },
            s("models", .list(.model)) { .list(.entries(.model, $0.models.count)) },
            s("datasets", .list(.dataset)) { .list(.entries(.dataset, $0.datasets.count)) },
            s("oversight", .list(.oversight)) { .list(.entries(.oversight, $0.oversight.count)) },
            s("fallbacks", .list(.fallback)) { .list(.entries(.fallback, $0.fallbacks.count)) },
            s("evidence", .list(.evidence)) { .list(.entries(.evidence, $0.evidence.count)) },
            s("risks", .list(.risk)) { .list(.entries(.risk, $0.risks.count)) },
            s("metrics", .list(.metric)) { .list(.entries(.metric, $0.metrics.count)) },
            s("suppliers", .list(.supplier)) { .list(.entries(.supplier, $0.suppliers.count)) },
        ]
    }()

    /// The fields of a `models[]` entry as functions of the model.
    static let modelReaders: [(String, FieldType, @Sendable (Model) -> FieldValue)] = [
        ("name", .text, { FieldValue($0.name) }),
        ("provider", .text, { FieldValue($0.provider) }),
        ("technique", spellings(Technique.self), { FieldValue($0.technique) }),
        ("version", .text, { FieldValue($0.version) }),
        ("license", .text, { FieldValue($0.license) }),
        ("hosting", spellings(Hosting.self), { FieldValue($0.hosting) }),
        ("role", spellings(ModelRole.self), { FieldValue($0.role) }),
        ("rationale", .text, { FieldValue($0.rationale) }),
        ("alternatives", .list(.text), { .list(.texts($0.alternatives)) }),
        ("end_of_life", .date, { FieldValue($0.endOfLife) }),
        ("parameters", .text, { FieldValue($0.parameters) }),
    ]

    static let modelFields: [Entry] = modelReaders.map { path, type, f in
        (path, type, { item, sys in if case .entry(.model, let i) = item { f(sys.models[i]) } else { .absent } })
    }

    static let datasetFields: [Entry] = {
        func d(_ p: String, _ t: FieldType, _ f: @escaping @Sendable (Dataset) -> FieldValue) -> Entry {
            (p, t, { item, sys in if case .entry(.dataset, let i) = item { f(sys.datasets[i]) } else { .absent } })
        }
        return [
            d("name", .text) { FieldValue($0.name) },
            d("source", .text) { FieldValue($0.source) },
            d("license", .text) { FieldValue($0.license) },
            d("purpose", .list(.purpose)) { .list(.purposes($0.purpose)) },
            d("personal_data", .bool) { FieldValue($0.personalData) },
            d("special_category", .bool) { FieldValue($0.specialCategory) },
            d("lawful_basis", spellings(LawfulBasis.self)) { FieldValue($0.lawfulBasis) },
            d("collected", .text) { FieldValue($0.collected) },
            d("known_limitations", .text) { FieldValue($0.knownLimitations) },
            d("derived_from", .list(.text)) { .list(.texts($0.derivedFrom)) },
            d("retention", .text) { FieldValue($0.retention) },
        ]
    }()

    static let oversightFields: [Entry] = {
        func o(_ p: String, _ t: FieldType, _ f: @escaping @Sendable (Oversight) -> FieldValue) -> Entry {
            (p, t, { item, sys in if case .entry(.oversight, let i) = item { f(sys.oversight[i]) } else { .absent } })
        }
        return [
            o("type", spellings(OversightType.self)) { FieldValue($0.type) },
            o("mechanism", .text) { FieldValue($0.mechanism) },
            o("who", .text) { FieldValue($0.who) },
            o("can_stop", .bool) { FieldValue($0.canStop) },
            o("response_minutes", .number) { FieldValue($0.responseMinutes) },
            o("last_tested", .date) { FieldValue($0.lastTested) },
        ]
    }()

    static let fallbackFields: [Entry] = {
        func f(_ p: String, _ t: FieldType, _ r: @escaping @Sendable (Fallback) -> FieldValue) -> Entry {
            (p, t, { item, sys in if case .entry(.fallback, let i) = item { r(sys.fallbacks[i]) } else { .absent } })
        }
        /// The `models[]` entry a fallback names, if the record has one by that name.
        @Sendable func modelEntry(_ item: Item, _ sys: AISystem) -> Model? {
            guard case .entry(.fallback, let i) = item, let name = sys.fallbacks[i].model else { return nil }
            return sys.models.first { $0.name == name }
        }
        let own: [Entry] = [
            f("trigger", spellings(FallbackTrigger.self)) { FieldValue($0.trigger) },
            f("strategy", spellings(FallbackStrategy.self)) { FieldValue($0.strategy) },
            f("uses_ai", .bool) { FieldValue($0.usesAI) },
            f("model", .text) { FieldValue($0.model) },
            f("target", .text) { FieldValue($0.target) },
            f("rto_minutes", .number) { FieldValue($0.rtoMinutes) },
            f("owner", .text) { FieldValue($0.owner) },
            f("runbook", .text) { FieldValue($0.runbook) },
            f("last_tested", .date) { FieldValue($0.lastTested) },
            ("model_entry", .object, { item, sys in modelEntry(item, sys) == nil ? .absent : .object }),
        ]
        let crossRef: [Entry] = modelReaders.map { path, type, read in
            ("model_entry." + path, type, { item, sys in modelEntry(item, sys).map(read) ?? .absent })
        }
        return own + crossRef
    }()

    static let evidenceFields: [Entry] = {
        func e(_ p: String, _ t: FieldType, _ f: @escaping @Sendable (Evidence) -> FieldValue) -> Entry {
            (p, t, { item, sys in if case .entry(.evidence, let i) = item { f(sys.evidence[i]) } else { .absent } })
        }
        return [
            e("kind", spellings(EvidenceKind.self)) { FieldValue($0.kind) },
            e("title", .text) { FieldValue($0.title) },
            e("uri", .text) { FieldValue($0.uri) },
            e("sha256", .text) { FieldValue($0.sha256) },
            e("date", .date) { FieldValue($0.date) },
        ]
    }()

    static let riskFields: [Entry] = {
        func r(_ p: String, _ t: FieldType, _ f: @escaping @Sendable (Risk) -> FieldValue) -> Entry {
            (p, t, { item, sys in if case .entry(.risk, let i) = item { f(sys.risks[i]) } else { .absent } })
        }
        return [
            r("description", .text) { FieldValue($0.description) },
            r("severity", spellings(RiskLevel.self)) { FieldValue($0.severity) },
            r("mitigation", .text) { FieldValue($0.mitigation) },
        ]
    }()

    static let metricFields: [Entry] = {
        func m(_ p: String, _ t: FieldType, _ f: @escaping @Sendable (Metric) -> FieldValue) -> Entry {
            (p, t, { item, sys in if case .entry(.metric, let i) = item { f(sys.metrics[i]) } else { .absent } })
        }
        return [
            m("name", .text) { FieldValue($0.name) },
            m("group", .text) { FieldValue($0.group) },
            m("target", .text) { FieldValue($0.target) },
            m("value", .text) { FieldValue($0.value) },
            m("measured", .date) { FieldValue($0.measured) },
        ]
    }()

    static let supplierFields: [Entry] = [
        ("name", .text, { item, sys in
            if case .entry(.supplier, let i) = item { FieldValue(sys.suppliers[i].name) } else { .absent }
        }),
        ("role", spellings(SupplierRole.self), { item, sys in
            if case .entry(.supplier, let i) = item { FieldValue(sys.suppliers[i].role) } else { .absent }
        }),
    ]

    /// An entry of a list of text is read as `.`.
    static let textFields: [Entry] = [
        (".", .text, { item, _ in if case .text(let t) = item { .text(t) } else { .absent } }),
    ]

    static let purposeFields: [Entry] = [
        (".", spellings(DataPurpose.self), { item, _ in if case .text(let t) = item { .text(t) } else { .absent } }),
    ]

    static let tables: [(FieldScope, [Entry])] = [
        (.record, recordFields), (.model, modelFields), (.dataset, datasetFields), (.oversight, oversightFields),
        (.fallback, fallbackFields), (.evidence, evidenceFields), (.risk, riskFields), (.metric, metricFields),
        (.supplier, supplierFields), (.text, textFields), (.purpose, purposeFields),
    ]

    static let byScope: [FieldScope: [String: FieldSpec]] = Dictionary(uniqueKeysWithValues: tables.map { scope, list in
        (scope, Dictionary(uniqueKeysWithValues: list.map { ($0.0, FieldSpec(path: $0.0, type: $0.1, read: $0.2)) }))
    })

    static let order: [FieldScope: [String]] = Dictionary(uniqueKeysWithValues: tables.map { ($0.0, $0.1.map(\.0)) })

    /// Every record path, for `path:` of a rule (the field a finding points at).
    static var recordPaths: [String] { FieldScope.record.paths }
}
