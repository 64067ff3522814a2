import AIGovCore
import Foundation

/// How imported facts are merged into a record a person may have edited.
///
/// The rule for every importer: an entry is found by its identity (a model by name and
/// provider, a dataset by name, a metric by name and group, evidence by kind and title); a
/// fact the source states replaces the entry's value, a fact it does not state leaves the
/// value alone, and nothing the source does not mention is removed. Merging the same facts
/// twice gives the same record, so importing a source again writes nothing.
enum Merge {
    /// A record for a system the import creates: the facts come from the merge.
    static func newSystem(id: String, name: String? = nil) -> AISystem {
        var s = AISystem(id: id, name: name ?? id, owner: "unassigned", status: .development)
        s.tags = []
        return s
    }

    /// The facts a source states about one model; nil leaves the field as recorded.
    struct ModelFacts {
        var name: String
        var provider: String
        var version: String?
        var license: String?
        var technique: Technique?
        var hosting: Hosting?
        var role: ModelRole?
        var parameters: String?
        var endOfLife: Day?
        /// Replaces the rationale.
        var rationale: String?
        /// Fills the rationale only when the record has none.
        var rationaleIfEmpty: String?
        /// Replaces the alternatives when not nil.
        var alternatives: [String]?
    }

    /// Updates the model with this name and provider, or appends it. A model of that name
    /// from another provider is a conflict (names are unique within a system): reported.
    static func model(_ f: ModelFacts, into s: inout AISystem) -> String? {
        let key = ModelKey(name: f.name, provider: f.provider)
        var m: Model
        var index: Int?
        if let i = s.models.firstIndex(where: { key.matches($0) }) {
            m = s.models[i]
            index = i
        } else if let other = s.models.first(where: { $0.name == f.name }) {
            return "\(s.id) already records a model named \"\(f.name)\" from \"\(other.provider)\", not \"\(f.provider)\""
        } else {
            m = Model(name: f.name, provider: f.provider)
        }
        if let v = f.version { m.version = v }
        if let v = f.license { m.license = v }
        if let v = f.technique { m.technique = v }
        if let v = f.hosting { m.hosting = v }
        if let v = f.role { m.role = v }
        if let v = f.parameters { m.parameters = v }
        if let v = f.endOfLife { m.endOfLife = v }
        if let v = f.rationale { m.rationale = v }
        if let v = f.rationaleIfEmpty, m.rationale.isBlank { m.rationale = v }
        if let v = f.alternatives { m.alternatives = v }
        if let index { s.models[index] = m } else { s.models.append(m) }
        return nil
    }

    /// The facts a source states about one dataset.
    struct DatasetFacts {
        var name: String
        var source: String?
        var license: String?
        /// Replaces the purposes when not nil.
        var purpose: [DataPurpose]?
        /// Fills the purposes only when the record has none.
        var purposeIfEmpty: [DataPurpose]?
        var personalData: Bool?
        var specialCategory: Bool?
        var lawfulBasis: LawfulBasis?
        var collected: String?
        var knownLimitations: String?
        var derivedFrom: [String]?
        var retention: String?
    }

    static func dataset(_ f: DatasetFacts, into s: inout AISystem) {
        var d: Dataset
        let index = s.datasets.firstIndex { $0.name == f.name }
        if let index { d = s.datasets[index] } else { d = Dataset(name: f.name) }
        if let v = f.source { d.source = v }
        if let v = f.license { d.license = v }
        if let v = f.purpose { d.purpose = v }
        if let v = f.purposeIfEmpty, d.purpose.isEmpty { d.purpose = v }
        if let v = f.personalData { d.personalData = v }
        if let v = f.specialCategory { d.specialCategory = v }
        if let v = f.lawfulBasis { d.lawfulBasis = v }
        if let v = f.collected { d.collected = v }
        if let v = f.knownLimitations { d.knownLimitations = v }
        if let v = f.derivedFrom { d.derivedFrom = v }
        if let v = f.retention { d.retention = v }
        if let index { s.datasets[index] = d } else { s.datasets.append(d) }
    }

    /// Updates the metric with this name and group (its value; target and date when given),
    /// or appends it.
    static func metric(name: String, group: String?, value: String?, target: String? = nil, measured: Day? = nil,
                       into s: inout AISystem) {
        let index = s.metrics.firstIndex { $0.name == name && ($0.group ?? "") == (group ?? "") }
        var m = index.map { s.metrics[$0] } ?? {
            var m = Metric(name: name)
            m.group = group
            return m
        }()
        if let value { m.value = value }
        if let target { m.target = target }
        if let measured { m.measured = measured }
        if let index { s.metrics[index] = m } else { s.metrics.append(m) }
    }

    /// Records a source as evidence: the entry of this kind and title is updated (uri, hash,
    /// date), or appended. The title names the source, never the day of the import, so the
    /// same source gives the same entry.
    static func evidence(kind: EvidenceKind, title: String, uri: String?, sha256: String?, date: Day?, into s: inout AISystem) {
        let index = s.evidence.firstIndex { $0.kind == kind && $0.title == title }
        var e = index.map { s.evidence[$0] } ?? Evidence(title: title, kind: kind)
        if let uri { e.uri = uri }
        if let sha256 { e.sha256 = sha256 }
        if let date { e.date = date }
        if let index { s.evidence[index] = e } else { s.evidence.append(e) }
    }

    /// A link the record may already hold under another title: kept when some entry of this
    /// kind has the uri, else recorded under `title` (updated on the next import).
    static func link(kind: EvidenceKind, title: String, uri: String, into s: inout AISystem) {
        if s.evidence.contains(where: { $0.kind == kind && $0.uri == uri }) { return }
        evidence(kind: kind, title: title, uri: uri, sha256: nil, date: nil, into: &s)
    }

    static func tag(_ t: String, into s: inout AISystem) {
        if !s.tags.contains(t) { s.tags.append(t) }
    }

    static func supplier(name: String, role: SupplierRole, into s: inout AISystem) {
        if let i = s.suppliers.firstIndex(where: { ModelKey.normalise($0.name) == ModelKey.normalise(name) }) {
            if s.suppliers[i].role == nil { s.suppliers[i].role = role }
            return
        }
        var sup = Supplier(name: name)
        sup.role = role
        s.suppliers.append(sup)
    }

    /// A date from the start of an ISO 8601 date or date-time (`2024-05-01T10:00:00Z`).
    static func day(_ text: String?) -> Day? {
        guard let text, text.utf8.count >= 10 else { return nil }
        return Day(String(text.prefix(10)))
    }

    /// A UTC date from milliseconds since 1970 (MLflow's timestamps).
    static func day(millis: String?) -> Day? {
        guard let millis, let ms = Int64(millis), ms >= 0, ms < 253_402_300_800_000 else { return nil }
        return Day(ordinal: Int(ms / 86_400_000))
    }
}
