import AIGovCore
import Foundation

/// `aigov import mlflow`: the JSON of MLflow's REST `registered-models/search` and
/// `model-versions/search` responses (also `registered-models/get` and `model-versions/get`),
/// from files or standard input; several responses may follow each other in one stream.
///
/// A model is loaded by its MLflow URI, so the record names entries the same way:
/// - each alias is an entry `NAME@ALIAS` whose version is the version the alias points to
///   (`champion`, `production`, `prod`, `live`, `primary` make it the primary model;
///   `fallback`, `backup`, `previous` a fallback);
/// - each legacy stage `Production` / `Staging` is an entry `NAME/Production` / `NAME/Staging`;
/// - a registered model with neither is one entry `NAME` at its latest version.
/// Each entry's `alternatives` list the registered model's other versions as `NAME/N`.
/// Tags named `provider`, `license` (or `licence`), `rationale`, `technique`, `hosting`,
/// `parameters`, `end_of_life` and `role` map to those fields (a version's tag wins over its
/// registered model's); the provider is otherwise `--provider`, else `internal`.
enum MLflowImport {
    static let primaryAliases: Set<String> = ["champion", "production", "prod", "live", "primary", "current"]
    static let fallbackAliases: Set<String> = ["fallback", "backup", "previous"]

    /// One registered model as the responses describe it.
    struct Registered {
        var name: String
        var file: String
        var path: String
        var tags: [String: (value: String, path: String)] = [:]
        var aliases: [(alias: String, version: String)] = []
        var lastUpdated: String?
        var versions: [String: Version] = [:]
    }

    struct Version {
        var version: String
        var stage: String?
        var tags: [String: (value: String, path: String)] = [:]
        var path: String
        var file: String
    }

    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String]) -> [Contribution] {
        var models: [String: Registered] = [:]
        var order: [String] = []
        func registered(_ name: String, file: String, path: String) -> Registered {
            if let r = models[name] { return r }
            order.append(name)
            return Registered(name: name, file: file, path: path)
        }
        for source in sources {
            guard let values = source.jsonValues(into: &problems) else { continue }
            for (n, value) in values.enumerated() {
                let root = values.count == 1 ? "" : "[\(n)]"
                guard value.isMap else {
                    problems.add(source.name, root, "expected an MLflow response object, got \(value.typeName)")
                    continue
                }
                let known = ["registered_models", "model_versions", "registered_model", "model_version"]
                let present = known.filter { value[$0] != nil }
                if present.isEmpty {
                    let keys = value.keys.filter { $0 != "next_page_token" }
                    if keys.isEmpty { continue } // an empty search result is `{}`
                    problems.add(source.name, root, "not an MLflow registered-models/search or model-versions/search response (it holds \(keys.prefix(3).joined(separator: ", ")))")
                    continue
                }
                var rms: [(ImportValue, String)] = []
                var mvs: [(ImportValue, String)] = []
                if let list = value["registered_models"] {
                    guard case let .list(items) = list else {
                        problems.add(source.name, joinPath(root, "registered_models"), "expected a list, got \(list.typeName)")
                        continue
                    }
                    rms += items.enumerated().map { ($1, joinPath(joinPath(root, "registered_models"), $0)) }
                }
                if let one = value["registered_model"] { rms.append((one, joinPath(root, "registered_model"))) }
                if let list = value["model_versions"] {
                    guard case let .list(items) = list else {
                        problems.add(source.name, joinPath(root, "model_versions"), "expected a list, got \(list.typeName)")
                        continue
                    }
                    mvs += items.enumerated().map { ($1, joinPath(joinPath(root, "model_versions"), $0)) }
                }
                if let one = value["model_version"] { mvs.append((one, joinPath(root, "model_version"))) }

                for (rm, path) in rms {
                    guard rm.isMap, let name = rm["name"]?.trimmed else {
                        problems.add(source.name, joinPath(path, "name"), "a registered model needs a name")
                        continue
                    }
                    var r = registered(name, file: source.name, path: path)
                    r.tags.merge(tags(rm["tags"], path: joinPath(path, "tags"), file: source.name, problems: &problems)) { $1 }
                    r.lastUpdated = rm["last_updated_timestamp"]?.trimmed ?? r.lastUpdated
                    for (i, a) in (rm["aliases"]?.items ?? []).enumerated() {
                        guard let alias = a["alias"]?.trimmed, let version = a["version"]?.trimmed else {
                            problems.add(source.name, joinPath(joinPath(path, "aliases"), i), "an alias needs alias and version")
                            continue
                        }
                        if !r.aliases.contains(where: { $0.alias == alias }) { r.aliases.append((alias, version)) }
                    }
                    for (i, v) in (rm["latest_versions"]?.items ?? []).enumerated() {
                        add(v, to: &r, path: joinPath(joinPath(path, "latest_versions"), i), file: source.name, problems: &problems)
                    }
                    models[name] = r
                }
                for (mv, path) in mvs {
                    guard mv.isMap, let name = mv["name"]?.trimmed else {
                        problems.add(source.name, joinPath(path, "name"), "a model version needs the registered model's name")
                        continue
                    }
                    var r = registered(name, file: source.name, path: path)
                    add(mv, to: &r, path: path, file: source.name, problems: &problems)
                    for a in (mv["aliases"]?.items ?? []).compactMap(\.trimmed) where !r.aliases.contains(where: { $0.alias == a }) {
                        if let v = mv["version"]?.trimmed { r.aliases.append((a, v)) }
                    }
                    models[name] = r
                }
            }
        }
        if !problems.isEmpty { return [] }
        return order.compactMap { models[$0] }.compactMap { contribution($0, options: options, provenance: provenance, problems: &problems) }
    }

    static func add(_ v: ImportValue, to r: inout Registered, path: String, file: String, problems: inout ImportProblems) {
        guard v.isMap, let number = v["version"]?.trimmed else {
            problems.add(file, joinPath(path, "version"), "a model version needs its version")
            return
        }
        var version = r.versions[number] ?? Version(version: number, path: path, file: file)
        version.stage = v["current_stage"]?.trimmed ?? version.stage
        version.tags.merge(tags(v["tags"], path: joinPath(path, "tags"), file: file, problems: &problems)) { $1 }
        r.versions[number] = version
    }

    static func tags(_ v: ImportValue?, path: String, file: String, problems: inout ImportProblems) -> [String: (value: String, path: String)] {
        var out: [String: (value: String, path: String)] = [:]
        for (i, t) in (v?.items ?? []).enumerated() {
            guard let key = t["key"]?.trimmed else {
                problems.add(file, joinPath(path, i), "a tag needs a key")
                continue
            }
            if let value = t["value"]?.text { out[key.lowercased()] = (value, joinPath(path, i)) }
        }
        return out
    }

    /// Orders version numbers numerically (`2` before `10`), text after numbers.
    static func versionOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): x < y
        case (_?, nil): true
        case (nil, _?): false
        default: a < b
        }
    }

    static func contribution(_ r: Registered, options: ImportOptions, provenance: Provenance,
                             problems: inout ImportProblems) -> Contribution? {
        let provider = r.tags["provider"]?.value.trimmingCharacters(in: .whitespaces) ?? options.provider ?? "internal"
        let numbers = r.versions.keys.sorted(by: versionOrder)
        // (entry name, version, role)
        var entries: [(name: String, version: String, role: ModelRole?)] = []
        for a in r.aliases {
            let role: ModelRole? = primaryAliases.contains(a.alias.lowercased()) ? .primary
                : fallbackAliases.contains(a.alias.lowercased()) ? .fallback : nil
            entries.append(("\(r.name)@\(a.alias)", a.version, role))
        }
        for n in numbers {
            guard let stage = r.versions[n]?.stage, stage == "Production" || stage == "Staging" else { continue }
            entries.append(("\(r.name)/\(stage)", n, stage == "Production" ? .primary : nil))
        }
        if entries.isEmpty {
            guard let latest = numbers.last else {
                problems.add(r.file, r.path, "registered model \(r.name) has no versions in the input (add the model-versions/search response)")
                return nil
            }
            entries.append((r.name, latest, nil))
        }

        var facts: [Merge.ModelFacts] = []
        for e in entries {
            var f = Merge.ModelFacts(name: e.name, provider: provider)
            f.version = e.version
            f.role = e.role
            // A version's tags win over its registered model's.
            var t = r.tags
            if let vt = r.versions[e.version]?.tags { t.merge(vt) { $1 } }
            let file = r.file
            func named(_ keys: String...) -> (value: String, path: String)? {
                for k in keys { if let v = t[k], !v.value.isBlank { return v } }
                return nil
            }
            f.license = named("license", "licence")?.value
            f.rationale = named("rationale")?.value
            f.parameters = named("parameters")?.value
            if let v = named("technique") {
                if let x = Technique(rawValue: v.value) { f.technique = x } else {
                    problems.add(file, v.path, "technique: expected one of \(Technique.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v.value)\"")
                }
            }
            if let v = named("hosting") {
                if let x = Hosting(rawValue: v.value) { f.hosting = x } else {
                    problems.add(file, v.path, "hosting: expected one of \(Hosting.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v.value)\"")
                }
            }
            if let v = named("role") {
                if let x = ModelRole(rawValue: v.value) { f.role = x } else {
                    problems.add(file, v.path, "role: expected one of \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v.value)\"")
                }
            }
            if let v = named("end_of_life") {
                if let d = Day(v.value) { f.endOfLife = d } else {
                    problems.add(file, v.path, "end_of_life: expected a date YYYY-MM-DD, got \"\(v.value)\"")
                }
            }
            f.alternatives = numbers.filter { $0 != e.version }.map { "\(r.name)/\($0)" }
            facts.append(f)
        }
        let name = r.name
        let keys = facts.map { ModelKey(name: $0.name, provider: $0.provider) }
        let date = Merge.day(millis: r.lastUpdated)
        let sha = provenance.sha256
        return Contribution(
            target: options.system.map { .id($0) } ?? .models(keys: keys, prefixes: [ModelKey(name: name, provider: provider)],
                                                              what: "MLflow model \(name)"),
            source: r.file,
            newSystem: { id in Merge.newSystem(id: id) },
            merge: { s in
                var conflicts: [String] = []
                for var f in facts {
                    // Alternatives that name this model's versions are the import's; others a person's.
                    let existing = s.model(ModelKey(name: f.name, provider: f.provider))?.alternatives ?? []
                    let mine = "\(name)/"
                    f.alternatives = existing.filter { !isVersionRef($0, prefix: mine) } + (f.alternatives ?? [])
                    if let c = Merge.model(f, into: &s) { conflicts.append(c) }
                }
                Merge.evidence(kind: .modelCard, title: "MLflow registered model \(name)", uri: "models:/\(name)",
                               sha256: sha, date: date, into: &s)
                return conflicts
            })
    }

    /// `NAME/3`: a version of the registered model, as the importer writes alternatives.
    static func isVersionRef(_ s: String, prefix: String) -> Bool {
        s.hasPrefix(prefix) && !s.dropFirst(prefix.count).isEmpty && s.dropFirst(prefix.count).allSatisfy(\.isNumber)
    }
}
