import AIGovCore
import Foundation

/// `aigov import cyclonedx`: a CycloneDX 1.5 or 1.6 JSON BOM.
///
/// Components of type `machine-learning-model` become `models[]` (name, version, provider from
/// the supplier, publisher, manufacturer, first author or group; licence; description as the
/// rationale; the model card's approach as the technique; its datasets and performance
/// metrics), components of type `data` become `datasets[]`. Facts aigov wrote itself as
/// `aigov:` properties (`aigov export -o cyclonedx`) are read back, so an exported BOM imports
/// into an empty registry with the same models and datasets: an `application` component with
/// an `aigov:id` property (or the BOM's `metadata.component`) names the system its nested
/// components belong to. A BOM without them needs `--system`.
enum CycloneDXImport {
    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String], warnings: inout [String]) -> [Contribution] {
        var out: [Contribution] = []
        for source in sources {
            guard let values = source.jsonValues(into: &problems) else { continue }
            guard values.count == 1, let bom = values.first, bom.isMap else {
                problems.add(source.name, "", values.count == 1 ? "expected a CycloneDX BOM object, got \(values[0].typeName)" : "expected one JSON BOM, found \(values.count) values")
                continue
            }
            var unknown = bom.keys.filter { !SourceKeys.cycloneDXBOM.contains($0) }
            out += self.bom(bom, source: source, options: options, problems: &problems, unknown: &unknown)
            if let w = SourceKeys.warning(source.name, format: "CycloneDX", unknown: unknown) { warnings.append(w) }
        }
        return problems.isEmpty ? out : []
    }

    /// The components of one system, with how to create it.
    struct Scope {
        var id: String?
        var component: ImportValue?
        var models: [(ImportValue, String)] = []
        var data: [(ImportValue, String)] = []
    }

    static func bom(_ bom: ImportValue, source: ImportSource, options: ImportOptions, problems: inout ImportProblems,
                    unknown: inout [String]) -> [Contribution] {
        let file = source.name
        guard let format = bom["bomFormat"] else {
            problems.add(file, "bomFormat", "missing: not a CycloneDX BOM (expected \"bomFormat\": \"CycloneDX\")")
            return []
        }
        guard format.text == "CycloneDX" else {
            problems.add(file, "bomFormat", "expected \"CycloneDX\", got \(format.text.map { "\"\($0)\"" } ?? format.typeName)")
            return []
        }
        guard let spec = bom["specVersion"]?.text else {
            problems.add(file, "specVersion", "missing")
            return []
        }
        guard spec == "1.5" || spec == "1.6" else {
            problems.add(file, "specVersion", "CycloneDX \(spec) is not supported: machine-learning components need 1.5 or 1.6")
            return []
        }

        // Group components by the aigov system that holds them.
        let metaComponent = bom["metadata"]?["component"]
        let defaultId = options.system ?? metaComponent.flatMap { property($0, "aigov:id") }
        var scopes: [Scope] = [Scope(id: defaultId, component: defaultId == nil ? nil : metaComponent)]
        var byRef: [String: (ImportValue, String)] = [:]
        func walk(_ list: ImportValue?, path: String, scope: Int, depth: Int) {
            guard depth < 16 else { return }
            for (i, c) in (list?.items ?? []).enumerated() {
                let p = joinPath(path, i)
                guard c.isMap else {
                    problems.add(file, p, "expected a component object, got \(c.typeName)")
                    continue
                }
                typeProblems(c, path: p, file: file, problems: &problems)
                if let ref = c["bom-ref"]?.text { byRef[ref] = (c, p) }
                unknown += c.keys.filter { !SourceKeys.cycloneDXComponent.contains($0) }.map { joinPath(p, $0) }
                var inner = scope
                switch c["type"]?.text {
                case "machine-learning-model": scopes[scope].models.append((c, p))
                case "data": scopes[scope].data.append((c, p))
                case "application":
                    if options.system == nil, let id = property(c, "aigov:id") {
                        scopes.append(Scope(id: id, component: c))
                        inner = scopes.count - 1
                    }
                default: break
                }
                walk(c["components"], path: joinPath(p, "components"), scope: inner, depth: depth + 1)
            }
        }
        walk(bom["components"], path: "components", scope: 0, depth: 0)

        let title = "CycloneDX BOM " + (metaComponent?["name"]?.trimmed ?? bom["serialNumber"]?.trimmed ?? "")
        let uri = bom["serialNumber"]?.trimmed
        let date = Merge.day(bom["metadata"]?["timestamp"]?.trimmed)
        let sha = source.sha256
        var out: [Contribution] = []
        for scope in scopes where !scope.models.isEmpty || !scope.data.isEmpty {
            guard let id = scope.id else {
                problems.add(file, "components", "the BOM does not name the aigov system its components belong to (no aigov:id property); give --system ID")
                continue
            }
            var models: [Merge.ModelFacts] = []
            var datasets: [Merge.DatasetFacts] = []
            var metrics: [(name: String, group: String?, value: String)] = []
            for (c, p) in scope.data {
                if let d = dataset(c, path: p, file: file, problems: &problems) { datasets.append(d) }
            }
            for (c, p) in scope.models {
                guard let m = model(c, path: p, file: file, problems: &problems) else { continue }
                models.append(m)
                let card = c["modelCard"]
                for (i, d) in (card?["modelParameters"]?["datasets"]?.items ?? []).enumerated() {
                    let dp = joinPath(joinPath(p, "modelCard.modelParameters.datasets"), i)
                    if let ref = d["ref"]?.text {
                        // A reference to a data component: imported with the data components
                        // when it is one of this system's, else from where it is.
                        if !scope.data.contains(where: { $0.0["bom-ref"]?.text == ref }), let (dc, dcp) = byRef[ref],
                           dc["type"]?.text == "data", let f = dataset(dc, path: dcp, file: file, problems: &problems) {
                            datasets.append(f)
                        }
                    } else if let name = d["name"]?.trimmed {
                        var f = Merge.DatasetFacts(name: name)
                        f.purposeIfEmpty = [.training]
                        if let u = d["contents"]?["url"]?.trimmed { f.source = u }
                        datasets.append(f)
                    } else {
                        problems.add(file, dp, "a model card dataset needs a ref or a name")
                    }
                }
                for (i, pm) in (card?["quantitativeAnalysis"]?["performanceMetrics"]?.items ?? []).enumerated() {
                    guard let name = pm["type"]?.trimmed, let value = pm["value"]?.trimmed else {
                        problems.add(file, joinPath(joinPath(p, "modelCard.quantitativeAnalysis.performanceMetrics"), i),
                                     "a performance metric needs type and value")
                        continue
                    }
                    let group = pm["slice"]?.trimmed
                    if !metrics.contains(where: { $0.name == name && $0.group == group }) { metrics.append((name, group, value)) }
                }
            }
            // One entry per name: a dataset listed twice (a ref and a component) merges.
            var seenData: Set<String> = []
            datasets = datasets.filter { seenData.insert($0.name).inserted }
            let component = scope.component
            out.append(Contribution(
                target: .id(id),
                source: file,
                newSystem: { id in
                    var s = Merge.newSystem(id: id, name: component?["name"]?.trimmed)
                    if let c = component {
                        if let o = property(c, "aigov:owner"), !o.isBlank { s.owner = o }
                        if let st = property(c, "aigov:status").flatMap(SystemStatus.init(rawValue:)) { s.status = st }
                        s.purpose = c["description"]?.trimmed
                    }
                    return s
                },
                merge: { s in
                    var conflicts: [String] = []
                    for m in models { if let c = Merge.model(m, into: &s) { conflicts.append(c) } }
                    for d in datasets { Merge.dataset(d, into: &s) }
                    for m in metrics { Merge.metric(name: m.name, group: m.group, value: m.value, into: &s) }
                    Merge.evidence(kind: .modelCard, title: title.trimmingCharacters(in: .whitespaces), uri: uri, sha256: sha, date: date, into: &s)
                    return conflicts
                }))
        }
        if out.isEmpty, problems.isEmpty {
            problems.add(file, "components", "the BOM holds no machine-learning-model or data components")
        }
        return out
    }

    /// The value of the first property with this name.
    /// The JSON type each component field aigov reads has in the CycloneDX schema (1.5–1.7):
    /// a field of another type (a string `supplier`, a string `licenses`) is a problem with its
    /// path, never silently ignored.
    static let componentFieldTypes: [(key: String, kind: String)] = [
        ("supplier", "object"), ("manufacturer", "object"), ("licenses", "array"), ("authors", "array"),
        ("properties", "array"), ("components", "array"), ("modelCard", "object"), ("data", "array"),
        ("name", "string"), ("version", "string"), ("description", "string"), ("publisher", "string"),
        ("author", "string"), ("group", "string"), ("type", "string"), ("bom-ref", "string"),
    ]

    static func typeProblems(_ c: ImportValue, path: String, file: String, problems: inout ImportProblems) {
        for (key, kind) in componentFieldTypes {
            guard let v = c[key], v != .null else { continue }
            let ok = switch (kind, v) {
            case ("object", .map), ("array", .list), ("string", .string): true
            default: false
            }
            if !ok {
                problems.add(file, joinPath(path, key), "expected \(kind == "object" ? "an object" : kind == "array" ? "an array" : "a string") (CycloneDX component.\(key)), got \(v.typeName)")
            }
        }
    }

    static func property(_ c: ImportValue, _ name: String) -> String? {
        c["properties"]?.items.first { $0["name"]?.text == name }?["value"]?.text
    }

    static func properties(_ c: ImportValue?, _ name: String) -> [String] {
        (c?["properties"]?.items ?? []).filter { $0["name"]?.text == name }.compactMap { $0["value"]?.text }
    }

    static func license(_ c: ImportValue) -> String? {
        guard let first = c["licenses"]?.items.first else { return nil }
        return first["license"]?["id"]?.trimmed ?? first["license"]?["name"]?.trimmed ?? first["expression"]?.trimmed
    }

    /// A learning approach's technique: aigov writes `self-supervised` for generative models,
    /// but a foreign BOM's self-supervised model is as likely an encoder: deep learning.
    static func technique(approach: String?) -> Technique? {
        switch approach {
        case "supervised", "unsupervised", "semi-supervised", "reinforcement-learning": .machineLearning
        case "self-supervised": .deepLearning
        default: nil
        }
    }

    static func model(_ c: ImportValue, path: String, file: String, problems: inout ImportProblems) -> Merge.ModelFacts? {
        guard let name = c["name"]?.trimmed else {
            problems.add(file, joinPath(path, "name"), "a machine-learning-model component needs a name")
            return nil
        }
        let provider = c["supplier"]?["name"]?.trimmed ?? c["publisher"]?.trimmed ?? c["manufacturer"]?["name"]?.trimmed
            ?? c["authors"]?.items.first?["name"]?.trimmed ?? c["author"]?.trimmed ?? c["group"]?.trimmed ?? "unknown"
        var f = Merge.ModelFacts(name: name, provider: provider)
        f.version = c["version"]?.trimmed
        f.license = license(c)
        f.rationale = c["description"]?.text
        func prop(_ key: String) -> String? { property(c, "aigov:model:\(key)") }
        func enumProp<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) -> E? where E.RawValue == String {
            guard let v = prop(key) else { return nil }
            if let e = E(rawValue: v) { return e }
            problems.add(file, joinPath(path, "properties"), "aigov:model:\(key): expected one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v)\"")
            return nil
        }
        f.technique = enumProp("technique", Technique.self)
            ?? technique(approach: c["modelCard"]?["modelParameters"]?["approach"]?["type"]?.text)
        f.hosting = enumProp("hosting", Hosting.self)
        f.role = enumProp("role", ModelRole.self)
        f.parameters = prop("parameters")
        if let e = prop("end_of_life") {
            if let d = Day(e) { f.endOfLife = d } else {
                problems.add(file, joinPath(path, "properties"), "aigov:model:end_of_life: expected a date YYYY-MM-DD, got \"\(e)\"")
            }
        }
        let alternatives = properties(c, "aigov:model:alternative")
        if !alternatives.isEmpty { f.alternatives = alternatives }
        return f
    }

    static func dataset(_ c: ImportValue, path: String, file: String, problems: inout ImportProblems) -> Merge.DatasetFacts? {
        guard let name = c["name"]?.trimmed else {
            problems.add(file, joinPath(path, "name"), "a data component needs a name")
            return nil
        }
        var f = Merge.DatasetFacts(name: name)
        f.license = license(c)
        let entry = c["data"]?.items.first
        let contents = entry?["contents"]
        func prop(_ key: String) -> String? { property(contents ?? .null, "aigov:dataset:\(key)") }
        f.source = prop("source") ?? contents?["url"]?.trimmed
        f.collected = prop("collected")
        f.retention = prop("retention")
        if let v = prop("lawful_basis") {
            if let b = LawfulBasis(rawValue: v) { f.lawfulBasis = b } else {
                problems.add(file, joinPath(path, "data[0].contents.properties"), "aigov:dataset:lawful_basis: expected one of \(LawfulBasis.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v)\"")
            }
        }
        var purposes: [DataPurpose] = []
        for v in properties(contents, "aigov:dataset:purpose") {
            if let p = DataPurpose(rawValue: v) { purposes.append(p) } else {
                problems.add(file, joinPath(path, "data[0].contents.properties"), "aigov:dataset:purpose: expected one of \(DataPurpose.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v)\"")
            }
        }
        if !purposes.isEmpty { f.purpose = purposes }
        let derived = properties(contents, "aigov:dataset:derived_from")
        if !derived.isEmpty { f.derivedFrom = derived }
        if let p = property(c, "aigov:dataset:personal_data") { f.personalData = p == "true" }
        if let p = property(c, "aigov:dataset:special_category") { f.specialCategory = p == "true" }
        if f.personalData == nil, let cls = entry?["classification"]?.text, cls.contains("personal-data") { f.personalData = true }
        if let d = entry?["description"]?.text, d.hasPrefix("Known limitations: ") {
            f.knownLimitations = String(d.dropFirst("Known limitations: ".count))
        }
        return f
    }
}
