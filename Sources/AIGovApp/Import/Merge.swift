import AIGovCore
import Foundation

/// How imported facts are merged into a record a person may have edited.
///
/// The rule for every importer: an entry is found by its identity (a model by name and
/// provider, a dataset by name, a metric by name and group, evidence by kind and title); a
/// fact the source states replaces the entry's value, a fact it does not state leaves the
/// value alone, and nothing the source does not mention is removed. Merging the same facts
/// twice gives the same record, so importing a source again writes nothing.
///
/// Entries are found through `MergeTarget`'s indexes, so merging n facts is linear in n.
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
        /// The source's facts replace license, technique, hosting, parameters, end of life and
        /// rationale even where it states none (clearing them): MLflow, when an alias moved
        /// to another version whose tags do not state what the old one's did.
        var clearUnstated = false
    }

    /// Writes an entry back where it was found, or appends it and records its position under
    /// `key`, so the next lookup of that identity finds it without searching the list.
    static func put<T, K: Hashable>(_ value: T, at found: Int?, in list: inout [T], key: K, index: inout [K: Int]) {
        if let found {
            list[found] = value
        } else {
            index[key] = list.count
            list.append(value)
        }
    }

    /// Updates the model with this name and provider, or appends it. A model of that name
    /// from another provider is a conflict (names are unique within a system): reported.
    static func model(_ f: ModelFacts, into target: inout MergeTarget) -> String? {
        let key = ModelKey(name: f.name, provider: f.provider)
        return target.merging { s, index in
            var m: Model
            let found = index.models[key]
            if let i = found {
                m = s.models[i]
            } else if let other = index.modelNames[f.name].map({ s.models[$0] }) {
                return "\(s.id) already records a model named \"\(f.name)\" from \"\(other.provider)\", not \"\(f.provider)\""
            } else {
                m = Model(name: f.name, provider: f.provider)
            }
            if f.clearUnstated {
                m.license = f.license
                m.technique = f.technique
                m.hosting = f.hosting
                m.parameters = f.parameters
                m.endOfLife = f.endOfLife
                m.rationale = f.rationale
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
            if found == nil { index.modelNames[m.name] = s.models.count }
            put(m, at: found, in: &s.models, key: key, index: &index.models)
            return nil
        }
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

    static func dataset(_ f: DatasetFacts, into target: inout MergeTarget) {
        target.merging { s, index in
            var d: Dataset
            let found = index.datasets[f.name]
            if let found { d = s.datasets[found] } else { d = Dataset(name: f.name) }
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
            put(d, at: found, in: &s.datasets, key: f.name, index: &index.datasets)
        }
    }

    /// Updates the metric with this name and group (its value; target and date when given),
    /// or appends it.
    static func metric(name: String, group: String?, value: String?, target: String? = nil, measured: Day? = nil,
                       into merged: inout MergeTarget) {
        let key = MergeTarget.MetricKey(name: name, group: group ?? "")
        merged.merging { s, index in
            let found = index.metrics[key]
            var m = found.map { s.metrics[$0] } ?? {
                var m = Metric(name: name)
                m.group = group
                return m
            }()
            if let value { m.value = value }
            if let target { m.target = target }
            if let measured { m.measured = measured }
            put(m, at: found, in: &s.metrics, key: key, index: &index.metrics)
        }
    }

    /// Records a source as evidence: the entry of this kind and title is updated (uri, hash,
    /// date), or appended. The title names the source, never the day of the import, so the
    /// same source gives the same entry.
    static func evidence(kind: EvidenceKind, title: String, uri: String?, sha256: String?, date: Day?, into target: inout MergeTarget) {
        let key = MergeTarget.EvidenceKey(kind: kind, text: title)
        target.merging { s, index in
            let found = index.evidence[key]
            var e = found.map { s.evidence[$0] } ?? Evidence(title: title, kind: kind)
            let before = found == nil ? nil : e.uri
            if let uri { e.uri = uri }
            if let sha256 { e.sha256 = sha256 }
            if let date { e.date = date }
            put(e, at: found, in: &s.evidence, key: key, index: &index.evidence)
            // The uris `link` looks for, kept in step.
            if before != e.uri {
                if let before { index.evidenceURIs[MergeTarget.EvidenceKey(kind: kind, text: before), default: 1] -= 1 }
                if let now = e.uri { index.evidenceURIs[MergeTarget.EvidenceKey(kind: kind, text: now), default: 0] += 1 }
            }
        }
    }

    /// A link the record may already hold under another title: kept when some entry of this
    /// kind has the uri, else recorded under `title` (updated on the next import).
    static func link(kind: EvidenceKind, title: String, uri: String, into target: inout MergeTarget) {
        let recorded = target.merging { _, index in index.evidenceURIs[MergeTarget.EvidenceKey(kind: kind, text: uri), default: 0] > 0 }
        if recorded { return }
        evidence(kind: kind, title: title, uri: uri, sha256: nil, date: nil, into: &target)
    }

    static func tag(_ t: String, into target: inout MergeTarget) {
        target.merging { s, index in
            if index.tags.insert(t).inserted { s.tags.append(t) }
        }
    }

    static func supplier(name: String, role: SupplierRole, into target: inout MergeTarget) {
        let key = ModelKey.normalise(name)
        target.merging { s, index in
            if let i = index.suppliers[key] {
                if s.suppliers[i].role == nil { s.suppliers[i].role = role }
                return
            }
            var sup = Supplier(name: name)
            sup.role = role
            index.suppliers[key] = s.suppliers.count
            s.suppliers.append(sup)
        }
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
