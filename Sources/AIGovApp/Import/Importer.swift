import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation

/// Where the facts already live: the sources `aigov import` reads.
public enum ImportKind: String, CaseIterable, Sendable {
    /// A Hugging Face model card (README.md with YAML front matter), or its folder.
    case hf
    /// MLflow REST responses of `registered-models/search` and `model-versions/search`.
    case mlflow
    /// A CycloneDX 1.5, 1.6 or 1.7 JSON BOM.
    case cyclonedx
    /// The Dutch Algorithm Register's v1.0 JSON: one algorithm or a list.
    case algoritmeregister

    /// How the audit entry and the evidence entry name the importer.
    var label: String { rawValue }
}

/// The choices a face passes to an import.
public struct ImportOptions: Sendable, Equatable {
    /// The system to import into; created when no system has this id.
    public var system: String?
    /// `hf`: the model's `OWNER/NAME` on the Hub, when the card does not say.
    public var model: String?
    /// `hf`: the revision (commit or tag) the card was read at: the model's pinned version.
    public var revision: String?
    /// `mlflow`: the provider recorded for the registered models (default `internal`).
    public var provider: String?
    /// The owner recorded for a system the import creates (default `unassigned`).
    public var owner: String?

    public init(system: String? = nil, model: String? = nil, revision: String? = nil, provider: String? = nil,
                owner: String? = nil) {
        self.system = system
        self.model = model
        self.revision = revision
        self.provider = provider
        self.owner = owner
    }
}

/// What an import did (or, in a dry run, would do) to one system.
public struct ImportedSystem: Sendable, Equatable {
    public var id: String
    public var outcome: ChangeOutcome.Kind
    /// The changed fields, as the audit entry names them (`models`, `eu_ai_act.tier`).
    public var fields: [String]
    /// Each changed value with its path, before and after (for `changed`).
    public var changes: [FieldChange]
}

/// The result of an import: per system, and notes on what the source held that the record
/// has no place for.
public struct ImportReport: Sendable, Equatable {
    public var kind: ImportKind
    /// The SHA-256 of the source (of all sources, read in order, when there are several).
    public var sha256: String
    public var dryRun: Bool
    public var systems: [ImportedSystem]
    public var notes: [String]
    /// Keys of the source that no version of its format defines: ignored, one line per source.
    public var warnings: [String] = []

    /// How many systems were (or would be) created or changed.
    public var changedCount: Int { systems.filter { $0.outcome != .unchanged }.count }
}

/// What an importer read: for each system it touches, how to find it and how to merge.
struct Contribution {
    /// How the importer finds the records it updates.
    enum Target {
        /// This id (from `--system`, or the source names aigov systems).
        case id(String)
        /// Every system recording one of these models (`name`, `provider`), or a model whose
        /// name starts with one of `prefixes` from the same provider.
        case models(keys: [ModelKey], prefixes: [ModelKey], what: String)
        /// An Algorithm Register entry: the system tagged with its source id, else the system
        /// whose id is the source id; an entry without a source id (`owner` set) the system of
        /// that owner and name; else a new one with `newId`.
        case algorithm(tag: String?, sourceId: String?, owner: String?, name: String, newId: String, what: String)
    }

    var target: Target
    /// The input it came from, for problems.
    var source: String
    /// Used when the target does not exist yet and may be created.
    var newSystem: (String) -> AISystem
    /// Merges the source's facts into a record: fills or replaces what the source states and
    /// keeps everything else. Must be idempotent: merging twice equals merging once. Returns
    /// the conflicts that stop the import (a model name taken by another provider).
    var merge: (inout MergeTarget) -> [String]
}

/// A model's identity across imports: its name and provider (compared case- and
/// white-space-insensitively for the provider, as `aigov vendors` does).
struct ModelKey: Hashable {
    var name: String
    var provider: String

    init(name: String, provider: String) {
        self.name = name
        self.provider = ModelKey.normalise(provider)
    }

    static func normalise(_ p: String) -> String {
        p.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func matches(_ m: Model) -> Bool { m.name == name && ModelKey.normalise(m.provider) == provider }
    func prefixMatches(_ m: Model) -> Bool {
        ModelKey.normalise(m.provider) == provider && (m.name == name || m.name.hasPrefix(name + "@") || m.name.hasPrefix(name + "/"))
    }
}

/// Thrown when an import cannot proceed for a reason that is not one input's fault (no
/// system to import into): exit 2, nothing written.
public struct ImportError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ message: String) { description = message }
}

/// The import use case: read the sources with the importer of `kind`, find or create the
/// records they belong to, merge, validate each result exactly as `apply` validates a file,
/// and write them in one transaction through `Registry.apply` (audit entries included) —
/// or, with `dryRun`, only report the field diff.
///
/// Every face calls this; the CLI's `aigov import` and the console's `:import` differ only
/// in how they name the sources.
public enum Importer {
    /// Reads the sources with the importer of `kind` and runs the import on `registry`: see
    /// `ImportPlan.run`. The console's `:import KIND PATH` calls this.
    public static func run(_ kind: ImportKind, sources: [ImportSource], options: ImportOptions, registry: Registry,
                           actor: String, dryRun: Bool) throws -> ImportReport {
        try prepare(kind, sources: sources, options: options).run(registry: registry, actor: actor, dryRun: dryRun)
    }

    /// Reads and checks the sources without touching a registry. Throws `InputRejected`
    /// (every problem, `file:path: message`) for bad or foreign input and `ImportError` for
    /// bad options.
    public static func prepare(_ kind: ImportKind, sources: [ImportSource], options: ImportOptions) throws -> ImportPlan {
        guard !sources.isEmpty else { throw ImportError("give at least one source") }
        if let id = options.system, !RecordReader.isSlug(id) {
            throw ImportError("--system: \"\(id)\" is not a system id (lower-case letters, digits and hyphens, 2–63 characters)")
        }
        var problems = ImportProblems()
        var notes: [String] = []
        var warnings: [String] = []
        let sha = ImportSource.sha256(of: sources)
        let provenance = Provenance(kind: kind, sha256: sha)
        let contributions: [Contribution]
        switch kind {
        case .hf: contributions = HuggingFaceImport.read(sources, options: options, provenance: provenance, problems: &problems, notes: &notes,
                                                         warnings: &warnings)
        case .mlflow: contributions = MLflowImport.read(sources, options: options, provenance: provenance, problems: &problems, notes: &notes)
        case .cyclonedx: contributions = CycloneDXImport.read(sources, options: options, provenance: provenance, problems: &problems, notes: &notes,
                                                              warnings: &warnings)
        case .algoritmeregister: contributions = AlgorithmRegisterImport.read(sources, options: options, provenance: provenance,
                                                                              problems: &problems, notes: &notes, warnings: &warnings)
        }
        if !problems.isEmpty { throw InputRejected(problems.problems) }
        // MLflow models without versions are noted, not refused: a stream of only those imports nothing.
        guard !contributions.isEmpty || (kind == .mlflow && !notes.isEmpty) else {
            throw ImportError("nothing to import in \(sources.map(\.name).joined(separator: ", "))")
        }
        let file = sources.count == 1 ? sources[0].name : sources.map(\.name).joined(separator: ",")
        return ImportPlan(kind: kind, file: file, sha256: sha, options: options, contributions: contributions, notes: notes,
                          warnings: warnings)
    }

    /// The ids a contribution applies to. `lookup` answers from one read of the registry
    /// (the registry does not change while an import resolves).
    static func resolve(_ target: Contribution.Target, lookup: RegistryLookup, named: NamedLookup, options: ImportOptions,
                        newIds: inout NewIds, unmatched: inout [String]) throws -> [String] {
        switch target {
        case let .id(id):
            return [options.system ?? id]
        case let .models(keys, prefixes, what):
            if let id = options.system { return [id] }
            let ids = try lookup.systems(recording: keys, prefixes: prefixes)
            if ids.isEmpty { unmatched.append(what) }
            return ids
        case let .algorithm(tag, sourceId, owner, name, newId, _):
            if let id = options.system { return [id] }
            if let owner {
                let found = try named.systems(owner: owner, name: name)
                if !found.isEmpty { return found }
            }
            if let tag {
                let tagged = try lookup.systems(tagged: tag)
                if !tagged.isEmpty { return tagged }
            }
            if let sourceId, RecordReader.isSlug(sourceId), try lookup.exists(sourceId), try !lookup.hasRegisterTag(sourceId) {
                return [sourceId]
            }
            return try newIds.claim(newId, taken: lookup.exists)
        }
    }
}

/// Sources read and checked, ready to run against a registry.
public struct ImportPlan {
    public let kind: ImportKind
    /// The source, or the sources joined with commas: how validation problems name them.
    public let file: String
    public let sha256: String
    let options: ImportOptions
    let contributions: [Contribution]
    let notes: [String]
    /// What `ImportReport.warnings` will say.
    public let warnings: [String]

    /// Finds or creates the records the sources belong to, merges, validates each result
    /// exactly as `apply` validates a file, and writes them in one transaction through
    /// `Registry.apply` (an audit entry per changed system, whose actor is
    /// `ACTOR via import KIND sha256:HASH`) — or, with `dryRun`, only reports the field diff.
    /// Throws `InputRejected`, `ImportError` (nothing to import into) or the registry's errors;
    /// nothing is written then.
    public func run(registry: Registry, actor: String, dryRun: Bool) throws -> ImportReport {
        if contributions.isEmpty {
            return ImportReport(kind: kind, sha256: sha256, dryRun: dryRun, systems: [], notes: notes, warnings: warnings)
        }
        var problems = ImportProblems()
        var notes = self.notes
        // Resolve each contribution to the records it updates, merging in input order; several
        // contributions may land on one record.
        var order: [String] = []
        var unmatched: [String] = []
        var newIds = NewIds()
        let lookup = RegistryLookup(registry)
        let named = NamedLookup(registry)
        var targets: [[String]] = []
        var seen: Set<String> = []
        for c in contributions {
            let ids = try Importer.resolve(c.target, lookup: lookup, named: named, options: options, newIds: &newIds, unmatched: &unmatched)
            targets.append(ids)
            for id in ids where seen.insert(id).inserted { order.append(id) }
        }
        // The recorded systems, read in batches rather than one query each.
        var old: [String: StoredSystem] = [:]
        for start in stride(from: 0, to: order.count, by: 500) {
            for stored in try registry.systems(ids: Array(order[start..<min(start + 500, order.count)])) {
                old[stored.system.id] = stored
            }
        }
        // Merge in input order; several contributions may land on one record. Each record is
        // merged in place (a copy per contribution made merging 5,000 models into one system
        // copy its list of models 5,000 times).
        var new: [String: MergeTarget] = [:]
        for (c, ids) in zip(contributions, targets) {
            for id in ids {
                if new[id] == nil {
                    if let stored = old[id] {
                        new[id] = MergeTarget(stored.system)
                    } else {
                        var s = c.newSystem(id)
                        if let owner = options.owner, !owner.isBlank { s.owner = owner }
                        new[id] = MergeTarget(s)
                    }
                }
                for conflict in c.merge(&new[id]!) { problems.add(c.source, "", conflict) }
            }
        }
        if !problems.isEmpty { throw InputRejected(problems.problems) }
        if order.isEmpty {
            throw ImportError("no system records \(unmatched.joined(separator: ", ")); give --system ID to import into one (it is created when new)")
        }
        if !unmatched.isEmpty {
            notes.append("not recorded in any system, skipped (use --system ID to add them): \(unmatched.joined(separator: ", "))")
        }

        // The same validation as `apply -f`: the merged records are read back by the strict reader.
        let records = order.compactMap { new[$0]?.record }
        let invalid = records.flatMap { RecordValidation.problems($0, file: "\(file) → \($0.id)") }
        if !invalid.isEmpty { throw InputRejected(invalid) }

        let auditActor = "\(actor) via import \(kind.label) sha256:\(sha256)"
        let changed = records.filter { old[$0.id]?.system != $0 }
        // Every record is written only if nobody changed (or created) it since it was read.
        let expected = Dictionary(uniqueKeysWithValues: changed.map { ($0.id, old[$0.id]?.rowVersion) })
        let outcomes = changed.isEmpty ? [] : try registry.apply(systems: changed, actor: auditActor, expectedVersions: expected,
                                                                 dryRun: dryRun)
        var byId: [String: ChangeOutcome] = [:]
        for o in outcomes where o.entity == "system" { byId[o.id] = o }
        let systems = records.map { s -> ImportedSystem in
            let kind = byId[s.id]?.kind ?? .unchanged
            let before = old[s.id]?.system
            return ImportedSystem(id: s.id, outcome: kind, fields: byId[s.id]?.fields ?? [],
                                  changes: before.map { ImportDiff.changes(from: $0, to: s) } ?? [])
        }
        return ImportReport(kind: kind, sha256: sha256, dryRun: dryRun, systems: systems, notes: notes, warnings: warnings)
    }
}

/// The systems by owner and name, read once when first needed: the identity of an Algorithm
/// Register entry without a `source_id` (a template) is its organisation plus its name.
final class NamedLookup {
    let registry: Registry
    private var byOwnerName: [[String]: [String]]?

    init(_ registry: Registry) { self.registry = registry }

    func systems(owner: String, name: String) throws -> [String] {
        if byOwnerName == nil {
            var map: [[String]: [String]] = [:]
            try registry.forEachSystem { stored in
                map[[stored.system.owner, stored.system.name], default: []].append(stored.system.id)
            }
            byOwnerName = map
        }
        return byOwnerName?[[owner, name]] ?? []
    }
}

/// The importer and source hash, for evidence entries.
struct Provenance {
    var kind: ImportKind
    var sha256: String
}

/// Field diffs between two versions of a record, for `--dry-run` and the report: a changed
/// object or list is shown down to the entry and key that changed (`models[2].version`,
/// `datasets[4]` for an added entry), so a long list does not hide what the import did.
enum ImportDiff {
    static func changes(from old: AISystem, to new: AISystem) -> [FieldChange] {
        let fields = new.changedFields(from: old)
        guard !fields.isEmpty,
              let before = FieldDiff.object(Canonical.json(old)), let after = FieldDiff.object(Canonical.json(new)) else { return [] }
        var out: [FieldChange] = []
        for f in fields {
            deep(f, FieldDiff.value(before, f), FieldDiff.value(after, f), into: &out)
        }
        return out
    }

    static func deep(_ path: String, _ a: Any?, _ b: Any?, into out: inout [FieldChange]) {
        guard out.count < 500 else { return }
        if let x = a as? [Any], let y = b as? [Any] {
            for i in 0..<max(x.count, y.count) {
                deep("\(path)[\(i)]", i < x.count ? x[i] : nil, i < y.count ? y[i] : nil, into: &out)
            }
            return
        }
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            for k in Set(x.keys).union(y.keys).sorted() { deep("\(path).\(k)", x[k], y[k], into: &out) }
            return
        }
        let before = FieldDiff.text(a), after = FieldDiff.text(b)
        if before != after { out.append(FieldChange(field: path, before: before, after: after)) }
    }
}
