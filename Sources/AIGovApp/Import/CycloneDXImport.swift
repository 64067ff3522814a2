import AIGovCore
import AIGovFormats
import AIGovStore
import Crypto
import Foundation

/// `aigov import cyclonedx`: a CycloneDX 1.5, 1.6 or 1.7 JSON BOM.
///
/// Components of type `machine-learning-model` become `models[]` (name, version, provider from
/// the model's publisher, author, manufacturer or group, else its purl's namespace, else its
/// supplier; licence; description as the rationale unless it is a placeholder; the technique
/// from the model card's approach or task; its datasets and performance metrics; its
/// considerations into risks, impact, metrics and the purpose), components of type `data`
/// holding a dataset become `datasets[]` (a `configuration` is not a dataset: noted).
///
/// Facts aigov wrote itself as `aigov:` properties (`aigov export -o cyclonedx`) are read
/// back: an `application` component with an `aigov:id` property (or the BOM's
/// `metadata.component`) names the system its nested components belong to, and its other
/// `aigov:` properties restore the record's own fields, so aigov's export imports into an
/// empty registry as the same records. A BOM without them needs `--system`.
///
/// Each system gets one `model-card` evidence entry whose hash covers the part of the BOM it
/// came from (the canonical JSON of that component), so a BOM with one changed component
/// changes only that system's evidence; a BOM aigov wrote restores records and adds none.
/// Every field read but not mapped is listed in the notes.
enum CycloneDXImport {
    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String], warnings: inout [String]) -> [Contribution] {
        var out: [Contribution] = []
        var unmapped = UnmappedFields()
        for source in sources {
            guard let values = source.jsonValues(into: &problems) else { continue }
            guard values.count == 1, let bom = values.first, bom.isMap else {
                problems.add(source.name, "", values.count == 1 ? "expected a CycloneDX BOM object, got \(values[0].typeName)" : "expected one JSON BOM, found \(values.count) values")
                continue
            }
            var unknown = bom.keys.filter { !SourceKeys.cycloneDXBOM.contains($0) }
            out += self.bom(bom, source: source, options: options, problems: &problems, unknown: &unknown, unmapped: &unmapped)
            if let w = SourceKeys.warning(source.name, format: "CycloneDX", unknown: unknown) { warnings.append(w) }
        }
        notes += unmapped.notes()
        return problems.isEmpty ? out : []
    }

    /// The components of one system, with how to create it.
    struct Scope {
        var id: String?
        var component: ImportValue?
        /// Where the component is in the BOM (`metadata.component`, `components[2]`).
        var componentPath = "metadata.component"
        var models: [(ImportValue, String)] = []
        var data: [(ImportValue, String)] = []
    }

    static let specVersions: Set<String> = ["1.5", "1.6", "1.7"]

    /// Texts generators write when a component has no description: not a rationale.
    static let placeholders: Set<String> = [
        "no description available", "no description", "no description provided", "description not available",
        "n/a", "na", "none", "null", "unknown", "tbd", "todo", "noassertion", "-",
    ]

    /// Why each BOM and component key aigov does not map has no place in the record.
    static let reasons: [String: String] = [
        "dependencies": "the component graph; models and datasets are linked by modelCard.modelParameters.datasets",
        "externalReferences": "links; the BOM's serial number is the evidence uri",
        "services": "services are not models or datasets",
        "compositions": "completeness statements",
        "vulnerabilities": "aigov records no vulnerabilities",
        "annotations": "annotations on the BOM",
        "formulation": "how the components were built",
        "declarations": "attestations",
        "definitions": "standards",
        "citations": "citations",
        "signature": "the BOM's signature; the evidence records its hash",
        "properties": "the BOM's own properties",
        "metadata.tools": "the tool that wrote the BOM",
        "metadata.properties": "the export's settings",
        "metadata.authors": "who wrote the BOM, not who made the model",
        "metadata.supplier": "who supplied the BOM",
        "metadata.manufacturer": "who made the BOM's subject",
        "metadata.lifecycles": "the BOM's lifecycle phase",
        "metadata.licenses": "the BOM's own licence",
        "metadata.manufacture": "who made the BOM's subject",
        "metadata.distribution": "the BOM's distribution",
        "hashes": "file hashes; the evidence records the component's",
        "copyright": "a copyright notice",
        "cpe": "a CPE name",
        "purl": "a package URL; read for the provider when nothing else names one",
        "swid": "a SWID tag",
        "swhid": "a Software Heritage id",
        "omniborId": "an OmniBOR id",
        "pedigree": "the component's ancestry",
        "evidence": "how the component was identified",
        "releaseNotes": "release notes",
        "tags": "the component's tags; the record's tags are the organisation's own",
        "scope": "how the component is used in the build",
        "mime-type": "a media type",
        "modified": "deprecated in CycloneDX",
        "cryptoProperties": "cryptographic assets",
        "patentAssertions": "patents",
        "versionRange": "a version range",
        "isExternal": "an external component",
        "supplier": "the model's publisher, author, manufacturer or group names the provider",
        "manufacturer": "the provider is named by the publisher",
        "authors": "the provider is named by the publisher",
        "author": "the provider is named by the publisher",
        "group": "the provider is named by the publisher",
        "publisher": "the provider is named by the component",
        "components": "nested components are read where they are",
        "modelCard.bom-ref": "the model card's own reference",
        "modelCard.properties": "the model card's own properties",
        "modelCard.modelParameters.architectureFamily": "aigov records the technique, not the architecture",
        "modelCard.modelParameters.modelArchitecture": "aigov records the technique, not the architecture",
        "modelCard.modelParameters.inputs": "the model's input formats",
        "modelCard.modelParameters.outputs": "the model's output formats",
        "modelCard.modelParameters.task": "the task; only a generative task states a technique",
        "modelCard.quantitativeAnalysis.graphics": "images",
        "modelCard.quantitativeAnalysis.performanceMetrics.confidenceInterval": "aigov records the value, not its interval",
        "modelCard.considerations.users": "aigov records who oversees a system, not who uses a model",
        "modelCard.considerations.useCases": "the record states its purpose",
        "modelCard.considerations.performanceTradeoffs": "the rationale is the model's description",
        "modelCard.considerations.fairnessAssessments.benefits": "aigov records harms as risks, not benefits",
        "modelCard.considerations.environmentalConsiderations.energyConsumptions.energyProviders": "the providers of the energy",
        "modelCard.considerations.environmentalConsiderations.properties": "environmental properties",
        "data.governance": "the data's custodians, stewards and owners",
        "data.graphics": "images",
        "data.sensitiveData": "read as personal_data from the classification",
        "data.description": "a description of the data (aigov reads \"Known limitations: …\")",
        "data.contents.attachment": "the data itself",
        "data.contents.properties": "the data's own properties",
        "data.bom-ref": "the data entry's own reference",
        "data.name": "the data component's name is the dataset's",
        "data.type": "the kind of data",
        "data.classification": "read for personal data",
    ]

    static func bom(_ bom: ImportValue, source: ImportSource, options: ImportOptions, problems: inout ImportProblems,
                    unknown: inout [String], unmapped: inout UnmappedFields) -> [Contribution] {
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
        guard specVersions.contains(spec) else {
            problems.add(file, "specVersion", "CycloneDX \(spec) is not supported: machine-learning components need 1.5, 1.6 or 1.7")
            return []
        }
        for key in bom.keys where !["$schema", "bomFormat", "specVersion", "serialNumber", "version", "metadata", "components"].contains(key)
            && SourceKeys.cycloneDXBOM.contains(key) {
            unmapped.add(key, reason: reasons[key] ?? "aigov's record has no field for it")
        }
        for key in bom["metadata"]?.keys ?? [] where !["timestamp", "component"].contains(key) {
            unmapped.add("metadata.\(key)", reason: reasons["metadata.\(key)"] ?? "aigov's record has no field for it")
        }
        // A BOM aigov wrote: its considerations and tasks are derived from the record, whose own
        // facts its properties carry.
        let tools = bom["metadata"]?["tools"]
        let ownExport = ((tools?["components"]?.items ?? []) + (tools?.items ?? [])).contains { $0["name"]?.text == "aigov" }

        // Group components by the aigov system that holds them.
        let metaComponent = bom["metadata"]?["component"]
        let metaId = metaComponent.flatMap { property($0, "aigov:id") }
        let defaultId = options.system ?? metaId
        var scopes: [Scope] = [Scope(id: defaultId, component: metaId == nil ? nil : metaComponent)]
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
                        scopes.append(Scope(id: id, component: c, componentPath: p))
                        inner = scopes.count - 1
                    } else {
                        unmapped.add("components (type application)", reason: "an application without aigov:id is not a system aigov records")
                    }
                case let t?:
                    unmapped.add("components (type \(t))", reason: "not a model or dataset")
                case nil:
                    break
                }
                walk(c["components"], path: joinPath(p, "components"), scope: inner, depth: depth + 1)
            }
        }
        walk(bom["components"], path: "components", scope: 0, depth: 0)

        let uri = bom["serialNumber"]?.trimmed
        let date = Merge.day(bom["metadata"]?["timestamp"]?.trimmed)
        var out: [Contribution] = []
        var nonDatasets = 0
        for scope in scopes where !scope.models.isEmpty || !scope.data.isEmpty || scope.component?["type"]?.text == "application" {
            guard let id = scope.id else {
                problems.add(file, "components", "the BOM does not name the aigov system its components belong to (no aigov:id property); give --system ID")
                continue
            }
            let aigovScope = scope.component.flatMap { property($0, "aigov:id") } != nil
            var models: [Merge.ModelFacts] = []
            var datasets: [Merge.DatasetFacts] = []
            var metrics: [(name: String, group: String?, value: String)] = []
            var risks: [(description: String, mitigation: String?)] = []
            var affected: [String] = []
            var useCases: [String] = []
            for (c, p) in scope.data {
                if let d = dataset(c, path: p, file: file, problems: &problems, unmapped: &unmapped) { datasets.append(d) } else { nonDatasets += 1 }
            }
            // Data components that hold no dataset (configurations …) and nothing else: nothing
            // for this system.
            if scope.models.isEmpty, datasets.isEmpty, !aigovScope { continue }
            for (c, p) in scope.models {
                guard let m = model(c, path: p, file: file, foreign: !ownExport, problems: &problems, unmapped: &unmapped) else { continue }
                let card = c["modelCard"]
                var facts = m
                for key in card?.keys ?? [] where !["modelParameters", "quantitativeAnalysis", "considerations"].contains(key) {
                    unmapped.add("modelCard.\(key)", reason: reasons["modelCard.\(key)"] ?? "aigov's record has no field for it")
                }
                let params = card?["modelParameters"]
                for key in params?.keys ?? [] where !["approach", "datasets"].contains(key) {
                    if key == "task", !ownExport, let task = params?["task"]?.trimmed, HuggingFaceImport.generativeTasks.contains(task.lowercased()) {
                        if facts.technique == nil { facts.technique = .generative }
                        continue
                    }
                    unmapped.add("modelCard.modelParameters.\(key)", reason: ownExport && key == "task" ? "aigov's export writes the system's purpose there" : reasons["modelCard.modelParameters.\(key)"] ?? "aigov's record has no field for it")
                }
                for (i, d) in (params?["datasets"]?.items ?? []).enumerated() {
                    let dp = joinPath(joinPath(p, "modelCard.modelParameters.datasets"), i)
                    if let ref = d["ref"]?.text {
                        // A reference to a data component: imported with the data components
                        // when it is one of this system's, else from where it is.
                        if !scope.data.contains(where: { $0.0["bom-ref"]?.text == ref }), let (dc, dcp) = byRef[ref],
                           dc["type"]?.text == "data", let f = dataset(dc, path: dcp, file: file, problems: &problems, unmapped: &unmapped) {
                            datasets.append(f)
                        }
                    } else if let name = d["name"]?.trimmed {
                        var f = Merge.DatasetFacts(name: name)
                        f.purposeIfEmpty = [.training]
                        if let u = d["contents"]?["url"]?.trimmed { f.source = u }
                        if d["classification"]?.text?.contains("personal-data") == true { f.personalData = true }
                        for key in d.keys where !["name", "contents", "type", "classification"].contains(key) {
                            unmapped.add("modelCard.modelParameters.datasets.\(key)", reason: reasons["data.\(key)"] ?? "aigov's record has no field for it")
                        }
                        datasets.append(f)
                    } else {
                        problems.add(file, dp, "a model card dataset needs a ref or a name")
                    }
                }
                let qa = card?["quantitativeAnalysis"]
                for key in qa?.keys ?? [] where key != "performanceMetrics" {
                    unmapped.add("modelCard.quantitativeAnalysis.\(key)", reason: reasons["modelCard.quantitativeAnalysis.\(key)"] ?? "aigov's record has no field for it")
                }
                for (i, pm) in (qa?["performanceMetrics"]?.items ?? []).enumerated() {
                    guard let name = pm["type"]?.trimmed, let value = pm["value"]?.trimmed else {
                        problems.add(file, joinPath(joinPath(p, "modelCard.quantitativeAnalysis.performanceMetrics"), i),
                                     "a performance metric needs type and value")
                        continue
                    }
                    if pm["confidenceInterval"] != nil {
                        unmapped.add("modelCard.quantitativeAnalysis.performanceMetrics.confidenceInterval",
                                     reason: reasons["modelCard.quantitativeAnalysis.performanceMetrics.confidenceInterval"] ?? "aigov\'s record has no field for it")
                    }
                    let group = pm["slice"]?.trimmed
                    if !metrics.contains(where: { $0.name == name && $0.group == group }) { metrics.append((name, group, value)) }
                }
                if let cons = card?["considerations"] {
                    if ownExport {
                        for key in cons.keys {
                            unmapped.add("modelCard.considerations.\(key)", reason: "aigov's export derives it from the record, whose own fields its properties carry")
                        }
                    } else {
                        considerations(cons, model: facts.name, facts: &facts, metrics: &metrics, risks: &risks, affected: &affected,
                                       useCases: &useCases, unmapped: &unmapped)
                    }
                }
                models.append(facts)
            }
            // One entry per name: a dataset listed twice (a ref and a component) merges.
            var seenData: Set<String> = []
            datasets = datasets.filter { seenData.insert($0.name).inserted }

            // The record's own facts aigov's export wrote as properties of the system's component.
            let component = scope.component
            var restored: [String: Any] = [:]
            let componentPath = scope.componentPath
            if aigovScope, let c = component {
                restored = recordFacts(c, path: componentPath, file: file, problems: &problems, unmapped: &unmapped)
                // Checked now, on a bare record, so that a bad value is refused before any
                // registry is opened.
                var bare = Merge.newSystem(id: id)
                bare.owner = "unassigned"
                if case let .failure(f) = restore(restored, name: c["name"]?.text, purpose: c["description"]?.text, into: bare,
                                                 file: file, componentPath: componentPath) {
                    problems.problems += f.problems
                }
            }
            // The evidence hash covers the part of the BOM this system came from.
            let part: ImportValue = component.map { c in aigovScope ? c : .list([c] + scope.models.map(\.0) + scope.data.map(\.0)) }
                ?? .list(scope.models.map(\.0) + scope.data.map(\.0))
            let sha = ImportSource.hex(SHA256.hash(data: Data(canonicalJSON(part).utf8)))
            let partName = (component.flatMap(identity) ?? (scope.models + scope.data).first.flatMap { identity($0.0) }) ?? uri ?? "BOM"
            let title = "CycloneDX BOM component \(partName)"
            let recordEvidence = !ownExport
            let purposeFromCases = useCases.isEmpty ? nil : useCases.joined(separator: "\n")
            out.append(Contribution(
                target: .id(id),
                source: file,
                newSystem: { id in
                    var s = Merge.newSystem(id: id, name: aigovScope ? component?["name"]?.trimmed : nil)
                    if aigovScope, let c = component {
                        if let o = property(c, "aigov:owner"), !o.isBlank { s.owner = o }
                        if let st = property(c, "aigov:status").flatMap(SystemStatus.init(rawValue:)) { s.status = st }
                        s.purpose = c["description"]?.text
                    }
                    return s
                },
                merge: { s in
                    var conflicts: [String] = []
                    if aigovScope, let c = component {
                        switch restore(restored, name: c["name"]?.text, purpose: c["description"]?.text, into: s.system, file: file,
                                       componentPath: componentPath) {
                        case let .success(r): if r != s.system { s.system = r }
                        case let .failure(f): return f.problems.map { "\($0.path): \($0.message)" }
                        }
                    }
                    for m in models { if let c = Merge.model(m, into: &s) { conflicts.append(c) } }
                    for d in datasets { Merge.dataset(d, into: &s) }
                    for m in metrics { Merge.metric(name: m.name, group: m.group, value: m.value, into: &s) }
                    for r in risks {
                        if let i = s.risks.firstIndex(where: { $0.description == r.description }) {
                            if let m = r.mitigation, s.risks[i].mitigation != m { s.risks[i].mitigation = m }
                        } else {
                            var risk = Risk(description: r.description)
                            risk.mitigation = r.mitigation
                            s.risks.append(risk)
                        }
                    }
                    for g in affected where !(s.impact?.affectedGroups.contains(g) ?? false) {
                        var impact = s.impact ?? Impact()
                        impact.affectedGroups.append(g)
                        s.impact = impact
                    }
                    if let purposeFromCases, s.purpose.isBlank { s.purpose = purposeFromCases }
                    if recordEvidence {
                        Merge.evidence(kind: .modelCard, title: title, uri: uri, sha256: sha, date: date, into: &s)
                    }
                    return conflicts
                }))
        }
        if out.isEmpty, problems.isEmpty {
            problems.add(file, "components", nonDatasets > 0
                ? "the BOM holds no machine-learning model or dataset: its data components hold configurations or other data, not datasets"
                : "the BOM holds no machine-learning-model or data components")
        }
        return out
    }

    /// A component's identity in the BOM: its `bom-ref`, else its name and version.
    static func identity(_ c: ImportValue) -> String? {
        if let ref = c["bom-ref"]?.trimmed { return ref }
        guard let name = c["name"]?.trimmed else { return nil }
        return c["version"]?.trimmed.map { "\(name)@\($0)" } ?? name
    }

    /// Model card considerations into the record: ethical considerations and technical
    /// limitations are risks, fairness assessments name affected groups and harms (risks),
    /// energy and CO₂ are metrics, use cases the purpose of a record without one, performance
    /// trade-offs the rationale of a model without a description. The rest is noted.
    static func considerations(_ cons: ImportValue, model: String, facts: inout Merge.ModelFacts,
                               metrics: inout [(name: String, group: String?, value: String)],
                               risks: inout [(description: String, mitigation: String?)], affected: inout [String],
                               useCases: inout [String], unmapped: inout UnmappedFields) {
        for key in cons.keys {
            let v = cons[key] ?? .null
            switch key {
            case "useCases":
                useCases += v.items.compactMap(\.trimmed)
            case "technicalLimitations":
                for t in v.items.compactMap(\.trimmed) { risks.append(("Technical limitation of \(model): \(t)", nil)) }
            case "ethicalConsiderations":
                for e in v.items {
                    guard let name = e["name"]?.trimmed else { continue }
                    risks.append((name, e["mitigationStrategy"]?.trimmed))
                }
            case "fairnessAssessments":
                for f in v.items {
                    let group = f["groupAtRisk"]?.trimmed
                    if let group, !affected.contains(group) { affected.append(group) }
                    if let harms = f["harms"]?.trimmed {
                        risks.append((group.map { "Harms to \($0): \(harms)" } ?? harms, f["mitigationStrategy"]?.trimmed))
                    }
                    if f["benefits"] != nil {
                        unmapped.add("modelCard.considerations.fairnessAssessments.benefits", reason: reasons["modelCard.considerations.fairnessAssessments.benefits"] ?? "aigov\'s record has no field for it")
                    }
                }
            case "environmentalConsiderations":
                for k in v.keys where k != "energyConsumptions" {
                    unmapped.add("modelCard.considerations.environmentalConsiderations.\(k)",
                                  reason: reasons["modelCard.considerations.environmentalConsiderations.\(k)"] ?? "aigov's record has no field for it")
                }
                for e in v["energyConsumptions"]?.items ?? [] {
                    let activity = e["activity"]?.trimmed ?? "unstated activity"
                    let measures: [(String, String)] = [("activityEnergyCost", "energy consumption"), ("co2CostEquivalent", "CO2 emissions"),
                                                        ("co2CostOffset", "CO2 offset")]
                    for (k, label) in measures {
                        guard let m = e[k], let value = m["value"]?.trimmed else { continue }
                        let text = m["unit"]?.trimmed.map { "\(value) \($0)" } ?? value
                        metrics.append(("\(label) of \(model) (\(activity))", nil, text))
                    }
                    if e["energyProviders"] != nil {
                        unmapped.add("modelCard.considerations.environmentalConsiderations.energyConsumptions.energyProviders",
                                      reason: reasons["modelCard.considerations.environmentalConsiderations.energyConsumptions.energyProviders"] ?? "aigov\'s record has no field for it")
                    }
                }
            case "performanceTradeoffs" where facts.rationale == nil:
                let t = v.items.compactMap(\.trimmed)
                if !t.isEmpty { facts.rationaleIfEmpty = "Performance trade-offs: " + t.joined(separator: "; ") }
            default:
                for _ in 0..<max(1, v.items.count) {
                    unmapped.add("modelCard.considerations.\(key)", reason: reasons["modelCard.considerations.\(key)"] ?? "aigov's record has no field for it")
                }
            }
        }
    }

    /// The JSON type each component field aigov reads has in the CycloneDX schema (1.5–1.7):
    /// a field of another type (a string `supplier`, a string `licenses`) is a problem with its
    /// path, never silently ignored.
    static let componentFieldTypes: [(key: String, kind: String)] = [
        ("supplier", "object"), ("manufacturer", "object"), ("licenses", "array"), ("authors", "array"),
        ("properties", "array"), ("components", "array"), ("modelCard", "object"), ("data", "array"),
        ("name", "string"), ("version", "string"), ("description", "string"), ("publisher", "string"),
        ("author", "string"), ("group", "string"), ("type", "string"), ("bom-ref", "string"), ("purl", "string"),
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

    /// The value of the first property with this name.
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

    /// The namespace of a package URL (`pkg:huggingface/meta-llama/Llama-2-7b@…` → `meta-llama`).
    static func purlNamespace(_ purl: String?) -> String? {
        guard let purl, purl.hasPrefix("pkg:") else { return nil }
        var rest = Substring(purl.dropFirst(4))
        if let cut = rest.firstIndex(where: { $0 == "@" || $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return nil }
        let ns = parts[1..<(parts.count - 1)].joined(separator: "/")
        return (ns.removingPercentEncoding ?? ns).trimmingCharacters(in: .whitespaces).isEmpty ? nil : (ns.removingPercentEncoding ?? ns)
    }

    /// Whether a description says nothing (a generator's placeholder).
    static func isPlaceholder(_ text: String) -> Bool {
        placeholders.contains(text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased())
            || text.isBlank
    }

    /// The keys of a model component this importer maps.
    static let modelKeys: Set<String> = ["type", "bom-ref", "name", "version", "licenses", "description", "modelCard", "properties",
                                         "components"]

    static func model(_ c: ImportValue, path: String, file: String, foreign: Bool, problems: inout ImportProblems,
                      unmapped: inout UnmappedFields) -> Merge.ModelFacts? {
        guard let name = c["name"]?.trimmed else {
            problems.add(file, joinPath(path, "name"), "a machine-learning-model component needs a name")
            return nil
        }
        // The model's own maker names the provider; a supplier (a hub, a reseller) only when
        // nothing else does.
        let candidates: [(String, String?)] = [
            ("publisher", c["publisher"]?.trimmed), ("authors", c["authors"]?.items.first?["name"]?.trimmed),
            ("author", c["author"]?.trimmed), ("manufacturer", c["manufacturer"]?["name"]?.trimmed), ("group", c["group"]?.trimmed),
            ("purl", purlNamespace(c["purl"]?.text)), ("supplier", c["supplier"]?["name"]?.trimmed),
        ]
        let chosen = candidates.first { $0.1 != nil }
        let provider = chosen?.1 ?? "unknown"
        for key in c.keys where !modelKeys.contains(key) && key != chosen?.0 {
            unmapped.add("components.\(key)", reason: reasons[key] ?? "aigov's record has no field for it")
        }
        var f = Merge.ModelFacts(name: name, provider: provider)
        f.version = c["version"]?.trimmed
        f.license = license(c)
        if let d = c["description"]?.text {
            if foreign, isPlaceholder(d) {
                unmapped.add("components.description", reason: "a placeholder (\"\(d.trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))\"), not a rationale")
            } else {
                f.rationale = d
            }
        }
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
        // Texts aigov wrote empty, which have no CycloneDX field.
        if let v = prop("version") { f.version = v }
        if let v = prop("license") { f.license = v }
        if let v = prop("rationale") { f.rationale = v }
        let known: Set<String> = ["aigov:model:technique", "aigov:model:hosting", "aigov:model:role", "aigov:model:parameters",
                                  "aigov:model:end_of_life", "aigov:model:alternative", "aigov:model:version", "aigov:model:license",
                                  "aigov:model:rationale"]
        for p in c["properties"]?.items ?? [] where !known.contains(p["name"]?.text ?? "") {
            unmapped.add("components.properties[\(p["name"]?.text ?? "?")]", reason: "a property aigov does not define")
        }
        return f
    }

    /// The keys of a data component this importer maps.
    static let dataKeys: Set<String> = ["type", "bom-ref", "name", "licenses", "data", "properties", "components"]

    static func dataset(_ c: ImportValue, path: String, file: String, problems: inout ImportProblems,
                        unmapped: inout UnmappedFields) -> Merge.DatasetFacts? {
        guard let name = c["name"]?.trimmed else {
            problems.add(file, joinPath(path, "name"), "a data component needs a name")
            return nil
        }
        // A data component holds datasets, configurations, source code … : only a dataset (or a
        // data component that does not say) is one.
        let entries = c["data"]?.items ?? []
        let kinds = entries.compactMap { $0["type"]?.text }
        if !entries.isEmpty, !kinds.contains("dataset") {
            for k in kinds {
                unmapped.add("components (type data, data type \(k))", reason: k == "configuration" ? "a configuration, not a dataset" : "not a dataset")
            }
            return nil
        }
        for key in c.keys where !dataKeys.contains(key) {
            unmapped.add("components.\(key)", reason: key == "version" ? "aigov records no version of a dataset" : reasons[key] ?? "aigov's record has no field for it")
        }
        var f = Merge.DatasetFacts(name: name)
        f.license = license(c)
        let entry = entries.first { $0["type"]?.text == "dataset" } ?? entries.first
        for e in entries where e["type"]?.text != "dataset" {
            unmapped.add("components (type data, data type \(e["type"]?.text ?? "none"))", reason: "not a dataset; the dataset entry is read")
        }
        let contents = entry?["contents"]
        for key in entry?.keys ?? [] where !["type", "name", "contents", "classification", "description", "sensitiveData", "governance"].contains(key) {
            unmapped.add("data.\(key)", reason: reasons["data.\(key)"] ?? "aigov's record has no field for it")
        }
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
        if let v = property(c, "aigov:dataset:license") { f.license = v }
        if let v = property(c, "aigov:dataset:known_limitations") { f.knownLimitations = v }
        if let p = property(c, "aigov:dataset:personal_data") { f.personalData = p == "true" }
        if let p = property(c, "aigov:dataset:special_category") { f.specialCategory = p == "true" }
        if f.personalData == nil, let cls = entry?["classification"]?.text, cls.contains("personal-data") { f.personalData = true }
        if let d = entry?["description"]?.text {
            if d.hasPrefix("Known limitations: ") {
                f.knownLimitations = String(d.dropFirst("Known limitations: ".count))
            } else {
                unmapped.add("data.description", reason: reasons["data.description"] ?? "aigov\'s record has no field for it")
            }
        }
        for key in ["governance", "sensitiveData"] where entry?[key] != nil && !(entry?["classification"] != nil && key == "sensitiveData") {
            unmapped.add("data.\(key)", reason: reasons["data.\(key)"] ?? "aigov's record has no field for it")
        }
        for key in contents?.keys ?? [] where key != "url" && key != "properties" {
            unmapped.add("data.contents.\(key)", reason: reasons["data.contents.\(key)"] ?? "aigov's record has no field for it")
        }
        return f
    }

    // MARK: the record's own fields, from the system component's aigov: properties

    /// Properties aigov writes that are not facts of the record (recomputed on import).
    static let computedProperties: Set<String> = ["score", "findings"]

    /// The record's top-level fields stated by `aigov:` properties, as the JSON values of the
    /// record (`tags` → a list, `oversight` → a list of objects …), typed by the catalog.
    static func recordFacts(_ c: ImportValue, path: String, file: String, problems: inout ImportProblems,
                            unmapped: inout UnmappedFields) -> [String: Any] {
        var tree: [String: Any] = [:]
        for p in c["properties"]?.items ?? [] {
            guard let name = p["name"]?.text, name.hasPrefix("aigov:") else {
                unmapped.add("components.properties[\(p["name"]?.text ?? "?")]", reason: "a property aigov does not define")
                continue
            }
            let value = p["value"]?.text ?? ""
            var segs = name.dropFirst("aigov:".count).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard let first = segs.first else { continue }
            if first == "id" || computedProperties.contains(first) {
                if first != "id" { unmapped.add("components.properties[aigov:\(first)…]", reason: "computed by aigov's rules, recomputed from the record") }
                continue
            }
            segs[0] = first == "tag" ? "tags" : first == "fallback" ? "fallbacks" : first
            guard !CycloneDXComponentsCarry.contains(segs[0]) else {
                unmapped.add("components.properties[\(name)]", reason: "the component's own fields carry it")
                continue
            }
            if let error = insert(segs[...], scope: .system, value: value, into: &tree) {
                problems.add(file, joinPath(path, "properties[\(name)]"), error)
            }
        }
        return tree
    }

    /// The top-level keys the component's own fields carry (name, description, the model and
    /// data components).
    static let CycloneDXComponentsCarry: Set<String> = ["name", "purpose", "models", "datasets"]

    /// Puts one property's value at its place in the tree, typed by the catalog; a problem
    /// when the name is no field of the record or the value not of its type.
    static func insert(_ segs: ArraySlice<String>, scope: RecordScope, value: String, into node: inout [String: Any]) -> String? {
        guard let key = segs.first, let f = RecordCatalog.fields(in: scope).first(where: { $0.key == key }) else {
            return "not a field of the record (\(segs.joined(separator: ":")))"
        }
        let rest = segs.dropFirst()
        switch f.kind {
        case let .block(s):
            var child = node[key] as? [String: Any] ?? [:]
            if !rest.isEmpty, let e = insert(rest, scope: s, value: value, into: &child) { return e }
            node[key] = child
        case let .entries(s):
            guard let index = rest.first, let i = Int(index), i >= 0, i < 100_000 else {
                return "expected an entry number after \(key)"
            }
            var list = node[key] as? [Int: [String: Any]] ?? [:]
            var entry = list[i] ?? [:]
            if let e = insert(rest.dropFirst(), scope: s, value: value, into: &entry) { return e }
            list[i] = entry
            node[key] = list
        case .texts, .enumerations:
            guard rest.isEmpty else { return "\(key) is a list of text" }
            node[key] = (node[key] as? [String] ?? []) + [value]
        case .bool:
            guard rest.isEmpty else { return "\(key) is a boolean" }
            guard value == "true" || value == "false" else { return "\(key): expected true or false, got \"\(value)\"" }
            node[key] = value == "true"
        case .number:
            guard rest.isEmpty else { return "\(key) is a number" }
            guard let n = Int(value) else { return "\(key): expected a whole number, got \"\(value)\"" }
            node[key] = n
        default:
            guard rest.isEmpty else { return "\(key) is a single value" }
            node[key] = value
        }
        return nil
    }

    /// Entries collected by number become lists in their order.
    static func lists(_ v: Any) -> Any {
        if let d = v as? [Int: [String: Any]] { return d.keys.sorted().map { lists(d[$0] ?? [:]) } }
        if let d = v as? [String: Any] { return d.mapValues(lists) }
        return v
    }

    struct RestoreFailure: Error { var problems: [InputProblem] }

    /// The record with the restored fields (and the component's name and description) put in
    /// place of its own, read back by the strict reader.
    static func restore(_ facts: [String: Any], name: String?, purpose: String?, into record: AISystem, file: String,
                        componentPath: String) -> Result<AISystem, RestoreFailure> {
        guard !facts.isEmpty || name != nil || purpose != nil else { return .success(record) }
        guard var dict = (try? JSONSerialization.jsonObject(with: Data(Canonical.json(record).utf8))) as? [String: Any] else {
            return .failure(RestoreFailure(problems: [InputProblem(file: file, path: "", message: "cannot read the record \(record.id) back")]))
        }
        for (k, v) in facts { dict[k] = lists(v) }
        if let name, !name.isBlank { dict["name"] = name }
        if let purpose { dict["purpose"] = purpose }
        dict["id"] = record.id
        guard let data = try? JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys]) else {
            return .failure(RestoreFailure(problems: [InputProblem(file: file, path: "", message: "cannot write the record \(record.id)")]))
        }
        var parsed = ParsedInput()
        InputLoader.parse(data: data, file: file, json: true, into: &parsed)
        if !parsed.problems.isEmpty {
            // Named by the property that stated the value: `eu_ai_act.tier` → `aigov:eu_ai_act:tier`.
            return .failure(RestoreFailure(problems: parsed.problems.map { p in
                var name = p.path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
                    .replacingOccurrences(of: ".", with: ":")
                if let top = name.split(separator: ":").first {
                    let stem = CycloneDXProperty.stem(String(top))
                    name = stem + name.dropFirst(top.count)
                }
                let at = ["name", "purpose"].contains(p.path) ? joinPath(componentPath, p.path == "name" ? "name" : "description")
                    : joinPath(componentPath, "properties[\(name)]")
                return InputProblem(file: file, path: at, message: p.message)
            }))
        }
        guard let s = parsed.systems.first?.system else {
            return .failure(RestoreFailure(problems: [InputProblem(file: file, path: "", message: "the aigov: properties do not make a record")]))
        }
        return .success(s)
    }

    /// The property stem of a top-level key, as aigov's export writes it (AIGovPack's
    /// `CycloneDX.propertyStem`).
    enum CycloneDXProperty {
        static func stem(_ key: String) -> String {
            switch key {
            case "tags": "aigov:tag"
            case "fallbacks": "aigov:fallback"
            default: "aigov:" + key
            }
        }
    }

    /// JSON with sorted keys and no white space, numbers as written: what the evidence hash of
    /// a part of a BOM covers.
    static func canonicalJSON(_ v: ImportValue) -> String {
        var out = ""
        write(v, into: &out)
        return out
    }

    static func write(_ v: ImportValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): out += n
        case let .string(s): out += JSONText.quote(s)
        case let .list(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case let .map(entries):
            out += "{"
            for (i, e) in entries.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quote(e.key) + ":"
                write(e.value, into: &out)
            }
            out += "}"
        }
    }
}
