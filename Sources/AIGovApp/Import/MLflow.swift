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
/// registered model's); the provider is otherwise `--provider`, else `internal`. An entry's
/// identity is the model's name plus its alias or stage; when the alias moves to another
/// version, the facts from tags follow it (a fact the new version's tags do not state is
/// cleared). Descriptions go into the rationale, a version's `run_id`/`source` into evidence;
/// other tags and fields are listed as not mapped. A registered model without versions is
/// noted and skipped; model versions without their registered model's response are refused
/// (the registered-models request failed, and its aliases and tags are unknown).
enum MLflowImport {
    static let primaryAliases: Set<String> = ["champion", "production", "prod", "live", "primary", "current"]
    static let fallbackAliases: Set<String> = ["fallback", "backup", "previous"]
    /// The tags the record has a field for.
    static let mappedTags: Set<String> = ["provider", "license", "licence", "rationale", "parameters", "technique", "hosting",
                                          "role", "end_of_life"]
    /// Fields of a registered model and of a model version the import maps.
    static let mappedModelKeys: Set<String> = ["name", "tags", "aliases", "latest_versions", "last_updated_timestamp", "description"]
    static let mappedVersionKeys: Set<String> = ["name", "version", "current_stage", "tags", "aliases", "description", "run_id",
                                                 "source", "creation_timestamp"]
    static let unmappedReasons: [String: String] = [
        "creation_timestamp": "the record keeps the last update as the evidence date",
        "user_id": "who registered it; the audit log names who imported it",
        "status": "MLflow's registration state; the record has no field for it",
        "status_message": "MLflow's registration state; the record has no field for it",
        "run_link": "the evidence keeps the version's source and run id",
        "last_updated_timestamp": "the record keeps the registered model's last update",
        "deployment_job_id": "the record has no field for MLflow deployment jobs",
        "deployment_job_state": "the record has no field for MLflow deployment jobs",
        "model_id": "the evidence keeps the version's source",
    ]

    /// One registered model as the responses describe it.
    struct Registered {
        var name: String
        var file: String
        var path: String
        var tags: [String: (value: String, path: String)] = [:]
        var aliases: [(alias: String, version: String)] = []
        var lastUpdated: String?
        var description: String?
        var versions: [String: Version] = [:]
        /// Whether a registered-models response named it (else only model versions did).
        var registered = false
        /// Its objects in the input, for the hash of the part of the source it came from.
        var parts: [ImportValue] = []
    }

    struct Version {
        var version: String
        var stage: String?
        var tags: [String: (value: String, path: String)] = [:]
        var path: String
        var file: String
        var description: String?
        var runId: String?
        var source: String?
        var created: String?
    }

    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String]) -> [Contribution] {
        var models: [String: Registered] = [:]
        var order: [String] = []
        var unmapped = UnmappedFields()
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
                if value["error_code"] != nil || (value["message"] != nil && value.keys.count <= 3) {
                    let code = value["error_code"]?.text ?? "an error"
                    problems.add(source.name, root, "an MLflow error response, not registered models: \(code): \(value["message"]?.text ?? "") (the request failed; fix it and import both responses again)")
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
                    r.registered = true
                    r.parts.append(rm)
                    for k in rm.keys where !mappedModelKeys.contains(k) && AlgorithmRegisterImport.hasValue(rm[k]) {
                        unmapped.add("registered_model.\(k)", reason: unmappedReasons[k] ?? "the record has no field for it")
                    }
                    r.tags.merge(tags(rm["tags"], path: joinPath(path, "tags"), file: source.name, problems: &problems, unmapped: &unmapped)) { $1 }
                    r.lastUpdated = rm["last_updated_timestamp"]?.trimmed ?? r.lastUpdated
                    if let d = rm["description"]?.trimmed, !d.isEmpty { r.description = d }
                    for (i, a) in (rm["aliases"]?.items ?? []).enumerated() {
                        guard let alias = a["alias"]?.trimmed, let version = a["version"]?.trimmed else {
                            problems.add(source.name, joinPath(joinPath(path, "aliases"), i), "an alias needs alias and version")
                            continue
                        }
                        if !r.aliases.contains(where: { $0.alias == alias }) { r.aliases.append((alias, version)) }
                    }
                    for (i, v) in (rm["latest_versions"]?.items ?? []).enumerated() {
                        add(v, to: &r, path: joinPath(joinPath(path, "latest_versions"), i), file: source.name, problems: &problems,
                            unmapped: &unmapped)
                    }
                    models[name] = r
                }
                for (mv, path) in mvs {
                    guard mv.isMap, let name = mv["name"]?.trimmed else {
                        problems.add(source.name, joinPath(path, "name"), "a model version needs the registered model's name")
                        continue
                    }
                    var r = registered(name, file: source.name, path: path)
                    r.parts.append(mv)
                    add(mv, to: &r, path: path, file: source.name, problems: &problems, unmapped: &unmapped)
                    for a in (mv["aliases"]?.items ?? []).compactMap(\.trimmed) where !r.aliases.contains(where: { $0.alias == a }) {
                        if let v = mv["version"]?.trimmed { r.aliases.append((a, v)) }
                    }
                    models[name] = r
                }
            }
        }
        // Model versions alone: the registered-models response is missing from the stream (its
        // request failed — `{ curl …; curl …; }` goes on after a failed curl), so the aliases and
        // the model's tags (its provider) are unknown. Refused rather than recorded wrongly.
        if !problems.isEmpty { return [] }
        let out = order.compactMap { models[$0] }.compactMap { contribution($0, options: options, provenance: provenance, problems: &problems, notes: &notes) }
        for name in order {
            guard let r = models[name], !r.registered else { continue }
            problems.add(r.file, r.path, "model versions of \"\(name)\" without its registered model: the input lacks the registered-models/search (or registered-models/get) response, so its aliases and tags are unknown — did that request fail? Give both responses")
        }
        if !problems.isEmpty { return [] }
        notes += unmapped.notes()
        return out
    }

    static func add(_ v: ImportValue, to r: inout Registered, path: String, file: String, problems: inout ImportProblems,
                    unmapped: inout UnmappedFields) {
        guard v.isMap, let number = v["version"]?.trimmed else {
            problems.add(file, joinPath(path, "version"), "a model version needs its version")
            return
        }
        for k in v.keys where !mappedVersionKeys.contains(k) && AlgorithmRegisterImport.hasValue(v[k]) {
            unmapped.add("model_version.\(k)", reason: unmappedReasons[k] ?? "the record has no field for it")
        }
        var version = r.versions[number] ?? Version(version: number, path: path, file: file)
        version.stage = v["current_stage"]?.trimmed ?? version.stage
        version.tags.merge(tags(v["tags"], path: joinPath(path, "tags"), file: file, problems: &problems, unmapped: &unmapped)) { $1 }
        if let d = v["description"]?.trimmed, !d.isEmpty { version.description = d }
        if let x = v["run_id"]?.trimmed, !x.isEmpty { version.runId = x }
        if let x = v["source"]?.trimmed, !x.isEmpty { version.source = x }
        if let x = v["creation_timestamp"]?.trimmed { version.created = x }
        r.versions[number] = version
    }

    static func tags(_ v: ImportValue?, path: String, file: String, problems: inout ImportProblems,
                     unmapped: inout UnmappedFields) -> [String: (value: String, path: String)] {
        var out: [String: (value: String, path: String)] = [:]
        for (i, t) in (v?.items ?? []).enumerated() {
            guard let key = t["key"]?.trimmed else {
                problems.add(file, joinPath(path, i), "a tag needs a key")
                continue
            }
            if !mappedTags.contains(key.lowercased()) {
                unmapped.add("tags.\(key)", reason: "no field in the record for this tag")
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

    /// The SHA-256 of the part of the input one registered model came from: its objects,
    /// each encoded canonically (keys sorted, no white space) and sorted, so the same model
    /// in another stream, or in another order, has the same hash.
    static func partHash(_ parts: [ImportValue]) -> String {
        let encoded = parts.map(canonical).sorted().joined(separator: "\n")
        return ImportSource(name: "", data: Data(encoded.utf8)).sha256
    }

    static func canonical(_ v: ImportValue) -> String {
        switch v {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(n): return n
        case let .string(s): return JSONText.quote(s, escapeLineSeparators: false)
        case let .list(items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case let .map(entries):
            return "{" + entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                .map { JSONText.quote($0.key, escapeLineSeparators: false) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func contribution(_ r: Registered, options: ImportOptions, provenance: Provenance,
                             problems: inout ImportProblems, notes: inout [String]) -> Contribution? {
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
                // A registered model without versions is a normal state: nothing runs yet.
                notes.append("MLflow model \(r.name) has no versions yet: nothing to record for it")
                return nil
            }
            entries.append((r.name, latest, nil))
        }

        var facts: [Merge.ModelFacts] = []
        var runs: [(title: String, uri: String, date: Day?)] = []
        for e in entries {
            var f = Merge.ModelFacts(name: e.name, provider: provider)
            f.version = e.version
            f.role = e.role
            // A version's tags win over its registered model's.
            var t = r.tags
            let version = r.versions[e.version]
            if let vt = version?.tags { t.merge(vt) { $1 } }
            let file = r.file
            func named(_ keys: String...) -> (value: String, path: String)? {
                for k in keys { if let v = t[k], !v.value.isBlank { return v } }
                return nil
            }
            f.license = named("license", "licence")?.value
            f.parameters = named("parameters")?.value
            // The rationale: the tag, then the model's and the version's descriptions.
            var why: [String] = []
            if let x = named("rationale")?.value { why.append(x) }
            if let d = r.description { why.append("MLflow model: \(d)") }
            if let d = version?.description { why.append("Version \(e.version): \(d)") }
            f.rationale = why.isEmpty ? nil : why.joined(separator: "\n")
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
            if let v = version, v.runId != nil || v.source != nil {
                let title = "MLflow model \(r.name) version \(v.version)" + (v.runId.map { " (run \($0))" } ?? "")
                if !runs.contains(where: { $0.title == title }) {
                    runs.append((title, v.source ?? "runs:/\(v.runId ?? "")", Merge.day(millis: v.created)))
                }
            }
        }
        let name = r.name
        let keys = facts.map { ModelKey(name: $0.name, provider: $0.provider) }
        let date = Merge.day(millis: r.lastUpdated)
        let sha = partHash(r.parts)
        return Contribution(
            target: options.system.map { .id($0) } ?? .models(keys: keys, prefixes: [ModelKey(name: name, provider: provider)],
                                                              what: "MLflow model \(name)"),
            source: r.file,
            newSystem: { id in Merge.newSystem(id: id) },
            merge: { s in
                var conflicts: [String] = []
                for var f in facts {
                    // Alternatives that name this model's versions are the import's; others a person's.
                    let recorded = s.model(ModelKey(name: f.name, provider: f.provider))
                    let existing = recorded?.alternatives ?? []
                    let mine = "\(name)/"
                    f.alternatives = existing.filter { !isVersionRef($0, prefix: mine) } + (f.alternatives ?? [])
                    // The alias moved: the facts from tags follow the version it points at now.
                    if let recorded, recorded.version != f.version { f.clearUnstated = true }
                    if let c = Merge.model(f, into: &s) { conflicts.append(c) }
                }
                Merge.evidence(kind: .modelCard, title: "MLflow registered model \(name)", uri: "models:/\(name)",
                               sha256: sha, date: date, into: &s)
                for run in runs {
                    Merge.evidence(kind: .technicalDocumentation, title: run.title, uri: run.uri, sha256: nil, date: run.date, into: &s)
                }
                return conflicts
            })
    }

    /// `NAME/3`: a version of the registered model, as the importer writes alternatives.
    static func isVersionRef(_ s: String, prefix: String) -> Bool {
        s.hasPrefix(prefix) && !s.dropFirst(prefix.count).isEmpty && s.dropFirst(prefix.count).allSatisfy(\.isNumber)
    }
}
