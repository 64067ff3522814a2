import AIGovCore

/// A record being merged into, with indexes that find its entries by their identity.
///
/// `Merge` finds an entry by identity (a model by name and provider, a dataset by name …).
/// Searching the list for each fact made an import quadratic: a model card with 10,000
/// datasets, or 5,000 MLflow models merged into one system, compared every fact with every
/// entry (and normalised a provider's spelling on each comparison). Here each identity maps
/// to the first entry that has it, as `firstIndex(where:)` found it, and `Merge` keeps the
/// maps in step as it appends.
///
/// An importer may still change the record directly (the register sets its name, purpose,
/// oversight …): every write through `system`, or through a member, drops the indexes, and
/// the next `Merge` call rebuilds them from the record. So they can never be stale.
@dynamicMemberLookup
struct MergeTarget {
    private(set) var record: AISystem
    /// Nil until a `Merge` call needs it, and after any direct write.
    private var index: Index?

    init(_ system: AISystem) { record = system }

    /// The record; writing it drops the indexes.
    var system: AISystem {
        get { record }
        set {
            index = nil
            record = newValue
        }
    }

    subscript<T>(dynamicMember key: WritableKeyPath<AISystem, T>) -> T {
        get { record[keyPath: key] }
        set {
            index = nil
            record[keyPath: key] = newValue
        }
    }

    struct MetricKey: Hashable {
        var name: String
        var group: String
    }

    struct EvidenceKey: Hashable {
        var kind: EvidenceKind?
        var text: String
    }

    /// Where the first entry of each identity is.
    struct Index {
        var models: [ModelKey: Int] = [:]
        /// The first model of each name, whatever its provider (names are unique in a system).
        var modelNames: [String: Int] = [:]
        var datasets: [String: Int] = [:]
        var metrics: [MetricKey: Int] = [:]
        /// By kind and title.
        var evidence: [EvidenceKey: Int] = [:]
        /// How many entries of each kind have each uri.
        var evidenceURIs: [EvidenceKey: Int] = [:]
        var tags: Set<String> = []
        /// By the supplier's name, normalised as `ModelKey` normalises a provider.
        var suppliers: [String: Int] = [:]

        init(_ s: AISystem) {
            for (i, m) in s.models.enumerated() {
                if models[ModelKey(name: m.name, provider: m.provider)] == nil { models[ModelKey(name: m.name, provider: m.provider)] = i }
                if modelNames[m.name] == nil { modelNames[m.name] = i }
            }
            for (i, d) in s.datasets.enumerated() where datasets[d.name] == nil { datasets[d.name] = i }
            for (i, m) in s.metrics.enumerated() {
                let key = MetricKey(name: m.name, group: m.group ?? "")
                if metrics[key] == nil { metrics[key] = i }
            }
            for (i, e) in s.evidence.enumerated() {
                let key = EvidenceKey(kind: e.kind, text: e.title)
                if evidence[key] == nil { evidence[key] = i }
                if let uri = e.uri { evidenceURIs[EvidenceKey(kind: e.kind, text: uri), default: 0] += 1 }
            }
            tags = Set(s.tags)
            for (i, sup) in s.suppliers.enumerated() {
                let key = ModelKey.normalise(sup.name)
                if suppliers[key] == nil { suppliers[key] = i }
            }
        }
    }

    /// Runs `body` on the record and its indexes (built first when missing); `body` keeps
    /// the indexes in step with what it changes.
    mutating func merging<R>(_ body: (inout AISystem, inout Index) -> R) -> R {
        var i = index ?? Index(record)
        index = nil
        defer { index = i }
        return body(&record, &i)
    }

    /// The model with this name and provider.
    mutating func model(_ key: ModelKey) -> Model? {
        merging { s, index in index.models[key].map { s.models[$0] } }
    }
}
