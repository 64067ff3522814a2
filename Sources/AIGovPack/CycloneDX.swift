import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation

/// CycloneDX 1.6 ML-BOMs: one per system (its models and datasets), or one for the registry.
///
/// Facts CycloneDX has no field for (EU AI Act tier and role, oversight, fallbacks, evidence,
/// risks, metrics …: every fact of the record but its name, purpose, models and datasets) are
/// `properties` of the system's component in the `aigov:` namespace, e.g.
/// `aigov:eu_ai_act:tier`, so that `aigov import cyclonedx` restores the record exactly.
public enum CycloneDX {
    /// One JSON object, built from dictionaries and written with sorted keys (deterministic).
    typealias Object = [String: Any]

    /// The BOM of one system: `metadata.component` is the system, with one
    /// `machine-learning-model` component per model and one `data` component per dataset.
    public static func bom(for result: SystemResult, settings: PackSettings) -> String {
        let s = result.system
        var system = component(for: result, nested: false)
        system.removeValue(forKey: "components")
        let body: Object = [
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": serialNumber(seed: "aigov:system:\(s.id):" + Digest.sha256(Canonical.json(s))),
            "version": 1,
            "metadata": metadata(settings: settings, component: system),
            "components": children(of: s),
            "dependencies": dependencies(of: s),
        ]
        return serialise(body)
    }

    /// One BOM for many systems: each system is an `application` component holding its
    /// models and datasets as nested components.
    public static func registryBOM(_ results: [SystemResult], settings: PackSettings) -> String {
        let seed = "aigov:registry:" + Digest.sha256(results.map { Canonical.json($0.system) }.joined(separator: "\n"))
        let registry: Object = [
            "type": "application", "bom-ref": "aigov-registry", "name": "AI system registry",
            "description": "The AI systems recorded in an aigov registry (\(results.count) systems)",
        ]
        let body: Object = [
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": serialNumber(seed: seed),
            "version": 1,
            "metadata": metadata(settings: settings, component: registry),
            "components": results.map { component(for: $0, nested: true) },
            "dependencies": [["ref": "aigov-registry", "dependsOn": results.map { ref($0.system) }]]
                + results.flatMap { dependencies(of: $0.system) },
        ]
        return serialise(body)
    }

    /// A name-based UUID (RFC 4122 layout, version 5 bits) from the SHA-256 of `seed`: the same
    /// system with the same content always gets the same serial number.
    static func serialNumber(seed: String) -> String {
        let h = Digest.sha256(seed)
        var c = Array(h.prefix(32))
        c[12] = "5"
        let variant = Int(String(c[16]), radix: 16) ?? 0
        c[16] = Array("89ab")[variant & 3]
        let s = String(c)
        func part(_ a: Int, _ b: Int) -> String { String(s.dropFirst(a).prefix(b - a)) }
        return "urn:uuid:\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    static func metadata(settings: PackSettings, component: Object) -> Object {
        [
            "timestamp": settings.generatedAt,
            "tools": ["components": [["type": "application", "name": "aigov", "version": settings.toolVersion]]],
            "component": component,
            "properties": [
                prop("aigov:today", settings.today.description),
                prop("aigov:timeline", settings.timeline.rawValue),
            ],
        ]
    }

    static func ref(_ s: AISystem) -> String { "system:\(s.id)" }
    static func modelRef(_ s: AISystem, _ i: Int) -> String { "system:\(s.id)/model/\(i)" }
    static func dataRef(_ s: AISystem, _ i: Int) -> String { "system:\(s.id)/dataset/\(i)" }

    /// The system as an `application` component with its facts as `aigov:` properties.
    static func component(for r: SystemResult, nested: Bool) -> Object {
        let s = r.system
        var c: Object = ["type": "application", "bom-ref": ref(s), "name": s.name]
        if let p = s.purpose, !p.isBlank { c["description"] = p }
        var props: [Object] = recordProperties(s)
        let sum = r.summary
        props.append(prop("aigov:score", String(r.score.value)))
        props.append(prop("aigov:findings:open", String(sum.open)))
        props.append(prop("aigov:findings:waived", String(sum.waived)))
        props.append(prop("aigov:findings:upcoming", String(sum.upcoming)))
        c["properties"] = props
        if !s.suppliers.isEmpty {
            c["supplier"] = ["name": s.suppliers[0].name]
        }
        if nested {
            let kids = children(of: s)
            if !kids.isEmpty { c["components"] = kids }
        }
        return c
    }

    /// The record's own top-level keys that the BOM carries elsewhere: the component's name and
    /// description, and the model and data components.
    static let carriedByComponents: Set<String> = ["name", "purpose", "models", "datasets"]

    /// The property stem of a top-level key: `aigov:tag` and `aigov:fallback` (the names
    /// earlier exports wrote), else `aigov:KEY`.
    public static func propertyStem(_ key: String) -> String {
        switch key {
        case "tags": "aigov:tag"
        case "fallbacks": "aigov:fallback"
        default: "aigov:" + key
        }
    }

    /// Every fact of the record the BOM has no field for, as `aigov:` properties in the
    /// catalog's order (FieldTables.swift), so that `aigov import cyclonedx` restores the record
    /// exactly: a scalar is `aigov:KEY` (`aigov:eu_ai_act:tier` in a block,
    /// `aigov:oversight:0:who` in an entry), a list of text one property per item with the same
    /// name, a block written without any fact `aigov:KEY` with an empty value. Booleans are
    /// `true`/`false`, numbers and dates their text.
    static func recordProperties(_ s: AISystem) -> [Object] {
        var out: [Object] = []
        for f in AISystem.fields where !carriedByComponents.contains(f.info.key) {
            emit(f, s, name: propertyStem(f.info.key), into: &out)
        }
        return out
    }

    static func emit(_ f: CatalogField<AISystem>, _ s: AISystem, name: String, into out: inout [Object]) {
        switch f.info.kind {
        case .block:
            guard f.value(s) == .block else { return }
            let before = out.count
            for child in f.blockFields { emit(child, s, name: name + ":" + child.info.key, into: &out) }
            if out.count == before { out.append(prop(name, "")) }
        case .entries:
            guard case let .entries(n) = f.value(s) else { return }
            for i in 0..<n {
                for e in f.entryFields { scalar(e.value(s, i), name: "\(name):\(i):\(e.info.key)", into: &out) }
            }
        default:
            scalar(f.value(s), name: name, into: &out)
        }
    }

    static func scalar(_ v: RecordValue, name: String, into out: inout [Object]) {
        switch v {
        case .absent, .block, .entries: break
        case let .text(t): out.append(prop(name, t))
        case let .bool(b): out.append(prop(name, b ? "true" : "false"))
        case let .number(n): out.append(prop(name, String(n)))
        case let .date(d): out.append(prop(name, d.description))
        case let .texts(l): for t in l { out.append(prop(name, t)) }
        }
    }

    /// Models then datasets.
    static func children(of s: AISystem) -> [Object] {
        s.models.indices.map { model(s, $0) } + s.datasets.indices.map { dataset(s, $0) }
    }

    /// CycloneDX learning types we can honestly infer: a generative model is pre-trained
    /// self-supervised; the other techniques do not say whether labels were used.
    static func approach(_ t: Technique?) -> String? {
        switch t {
        case .generative: "self-supervised"
        default: nil
        }
    }

    static func model(_ s: AISystem, _ i: Int) -> Object {
        let m = s.models[i]
        var c: Object = ["type": "machine-learning-model", "bom-ref": modelRef(s, i), "name": m.name]
        if let v = m.version, !v.isBlank { c["version"] = v }
        if !m.provider.isBlank {
            c["supplier"] = ["name": m.provider]
            c["publisher"] = m.provider
        }
        if let l = m.license, !l.isBlank { c["licenses"] = [["license": ["name": l]]] }
        if let r = m.rationale, !r.isBlank { c["description"] = r }

        var params: Object = [:]
        if let a = approach(m.technique) { params["approach"] = ["type": a] }
        if let p = s.purpose, !p.isBlank { params["task"] = p }
        let used = s.datasets.indices.filter { d in
            let p = s.datasets[d].purpose
            return p.isEmpty || p.contains { $0 != .retrieval && $0 != .inference }
        }
        if !used.isEmpty { params["datasets"] = used.map { ["ref": dataRef(s, $0)] } }
        var card: Object = [:]
        if !params.isEmpty { card["modelParameters"] = params }

        var considerations: Object = [:]
        let users = Array(Set(s.oversight.compactMap { $0.who }.filter { !$0.isBlank })).sorted()
        if !users.isEmpty { considerations["users"] = users }
        if let p = s.purpose, !p.isBlank { considerations["useCases"] = [p] }
        let limits = s.datasets.compactMap { d in d.knownLimitations.flatMap { $0.isBlank ? nil : "\(d.name): \($0)" } }
        if !limits.isEmpty { considerations["technicalLimitations"] = limits }
        if !m.alternatives.isEmpty {
            considerations["performanceTradeoffs"] = m.alternatives.map { "Alternative considered: \($0)" }
        }
        if !s.risks.isEmpty {
            considerations["ethicalConsiderations"] = s.risks.map { r -> Object in
                var o: Object = ["name": r.description]
                if let mit = r.mitigation, !mit.isBlank { o["mitigationStrategy"] = mit }
                return o
            }
        }
        if !considerations.isEmpty { card["considerations"] = considerations }
        let metrics = s.metrics.filter { $0.value != nil }
        if !metrics.isEmpty {
            card["quantitativeAnalysis"] = ["performanceMetrics": metrics.map { x -> Object in
                var o: Object = ["type": x.name]
                if let v = x.value { o["value"] = v }
                if let g = x.group, !g.isBlank { o["slice"] = g }
                return o
            }]
        }
        if !card.isEmpty { c["modelCard"] = card }

        var props: [Object] = []
        let facts: [(String, String?)] = [
            ("role", m.role?.rawValue), ("technique", m.technique?.rawValue), ("hosting", m.hosting?.rawValue),
            ("end_of_life", m.endOfLife?.description), ("parameters", m.parameters),
        ]
        for (k, v) in facts { if let v { props.append(prop("aigov:model:\(k)", v)) } }
        // Texts written empty (`version: ""`) have no CycloneDX field: kept as properties.
        for (k, v) in [("version", m.version), ("license", m.license), ("rationale", m.rationale)] where v != nil && v.isBlank {
            props.append(prop("aigov:model:\(k)", v ?? ""))
        }
        for a in m.alternatives { props.append(prop("aigov:model:alternative", a)) }
        if !props.isEmpty { c["properties"] = props }
        return c
    }

    static func dataset(_ s: AISystem, _ i: Int) -> Object {
        let d = s.datasets[i]
        var c: Object = ["type": "data", "bom-ref": dataRef(s, i), "name": d.name]
        if let l = d.license, !l.isBlank { c["licenses"] = [["license": ["name": l]]] }
        var entry: Object = ["type": "dataset", "name": d.name]
        var contentProps: [Object] = []
        let facts: [(String, String?)] = [
            ("source", d.source), ("collected", d.collected), ("retention", d.retention),
            ("lawful_basis", d.lawfulBasis?.rawValue),
        ]
        for (k, v) in facts { if let v { contentProps.append(prop("aigov:dataset:\(k)", v)) } }
        for p in d.purpose { contentProps.append(prop("aigov:dataset:purpose", p.rawValue)) }
        for p in d.derivedFrom { contentProps.append(prop("aigov:dataset:derived_from", p)) }
        if !contentProps.isEmpty { entry["contents"] = ["properties": contentProps] }
        var sensitive: [String] = []
        if d.personalData == true { sensitive.append("personal data") }
        if d.specialCategory == true { sensitive.append("special category personal data (GDPR Art. 9)") }
        if !sensitive.isEmpty {
            entry["sensitiveData"] = sensitive
            entry["classification"] = d.specialCategory == true ? "special-category-personal-data" : "personal-data"
        }
        if let k = d.knownLimitations, !k.isBlank { entry["description"] = "Known limitations: \(k)" }
        if !s.owner.isBlank { entry["governance"] = ["owners": [["organization": ["name": s.owner]]]] }
        c["data"] = [entry]
        var props: [Object] = []
        for (k, v) in [("license", d.license), ("known_limitations", d.knownLimitations)] where v != nil && v.isBlank {
            props.append(prop("aigov:dataset:\(k)", v ?? ""))
        }
        if let p = d.personalData { props.append(prop("aigov:dataset:personal_data", String(p))) }
        if let p = d.specialCategory { props.append(prop("aigov:dataset:special_category", String(p))) }
        if !props.isEmpty { c["properties"] = props }
        return c
    }

    static func dependencies(of s: AISystem) -> [Object] {
        var out: [Object] = [["ref": ref(s), "dependsOn": s.models.indices.map { modelRef(s, $0) } + s.datasets.indices.map { dataRef(s, $0) }]]
        for i in s.models.indices { out.append(["ref": modelRef(s, i)]) }
        for i in s.datasets.indices { out.append(["ref": dataRef(s, i)]) }
        return out
    }

    static func prop(_ name: String, _ value: String) -> Object { ["name": name, "value": value] }

    /// Pretty JSON with sorted keys (two-space indent), written by hand: several times faster
    /// than `JSONSerialization` on Linux and byte-for-byte stable.
    static func serialise(_ body: Object) -> String {
        var out = ""
        out.reserveCapacity(8192)
        write(body, indent: 0, into: &out)
        return out + "\n"
    }

    static func write(_ value: Any, indent: Int, into out: inout String) {
        switch value {
        case let s as String: out += Text.json(s)
        case let i as Int: out += String(i)
        case let b as Bool: out += b ? "true" : "false"
        case let o as Object:
            if o.isEmpty { out += "{}"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "{\n"
            for (n, key) in o.keys.sorted().enumerated() {
                out += pad + Text.json(key) + ": "
                if let v = o[key] { write(v, indent: indent + 2, into: &out) }
                out += n == o.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case let a as [Any]:
            if a.isEmpty { out += "[]"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "[\n"
            for (n, v) in a.enumerated() {
                out += pad
                write(v, indent: indent + 2, into: &out)
                out += n == a.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        default: out += "null"
        }
    }
}
