import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation

/// CycloneDX 1.6 ML-BOMs: one per system (its models and datasets), or one for the registry.
///
/// Facts CycloneDX has no field for (EU AI Act tier and role, oversight, fallbacks) are
/// `properties` in the `aigov:` namespace, e.g. `aigov:eu_ai_act:tier`.
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
        var props: [Object] = [prop("aigov:id", s.id), prop("aigov:owner", s.owner), prop("aigov:status", s.status.rawValue)]
        if let v = s.contact { props.append(prop("aigov:contact", v)) }
        if let v = s.statusSince { props.append(prop("aigov:status_since", v.description)) }
        if let v = s.legalBasis { props.append(prop("aigov:legal_basis", v)) }
        for t in s.tags { props.append(prop("aigov:tag", t)) }
        props.append(prop("aigov:eu_ai_act:tier", s.tier.rawValue))
        if let a = s.euAiAct {
            let facts: [(String, String?)] = [
                ("role", a.role?.rawValue), ("annex_iii", a.annexIII?.rawValue), ("annex_i_product", a.annexIProduct.map(String.init)),
                ("art6_3_exemption", a.art63Exemption.map(String.init)), ("art6_3_reason", a.art63Reason),
                ("profiling", a.profiling.map(String.init)), ("gpai", a.gpai.map(String.init)),
                ("interacts_with_people", a.interactsWithPeople.map(String.init)),
                ("synthetic_content", a.syntheticContent.map(String.init)), ("deepfake", a.deepfake.map(String.init)),
                ("emotion_or_biometric_categorisation", a.emotionOrBiometricCategorisation.map(String.init)),
                ("public_body", a.publicBody.map(String.init)), ("rationale", a.rationale),
                ("eu_database_id", a.euDatabaseId), ("conformity", a.conformity?.rawValue),
            ]
            for (k, v) in facts { if let v { props.append(prop("aigov:eu_ai_act:\(k)", v)) } }
        }
        for (i, o) in s.oversight.enumerated() {
            let facts: [(String, String?)] = [
                ("type", o.type?.rawValue), ("mechanism", o.mechanism), ("who", o.who), ("can_stop", o.canStop.map(String.init)),
                ("response_minutes", o.responseMinutes.map(String.init)), ("last_tested", o.lastTested?.description),
            ]
            for (k, v) in facts { if let v { props.append(prop("aigov:oversight:\(i):\(k)", v)) } }
        }
        for (i, f) in s.fallbacks.enumerated() {
            let facts: [(String, String?)] = [
                ("trigger", f.trigger?.rawValue), ("strategy", f.strategy?.rawValue), ("uses_ai", f.usesAI.map(String.init)),
                ("model", f.model), ("target", f.target), ("rto_minutes", f.rtoMinutes.map(String.init)), ("owner", f.owner),
                ("runbook", f.runbook), ("last_tested", f.lastTested?.description),
            ]
            for (k, v) in facts { if let v { props.append(prop("aigov:fallback:\(i):\(k)", v)) } }
        }
        if let rv = s.review {
            if let d = rv.lastReviewed { props.append(prop("aigov:review:last_reviewed", d.description)) }
            props.append(prop("aigov:review:interval_days", String(rv.effectiveInterval)))
        }
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
        for (k, v) in facts { if let v, !v.isBlank { contentProps.append(prop("aigov:dataset:\(k)", v)) } }
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
