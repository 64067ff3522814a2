import Foundation
import Testing

/// `aigov import cyclonedx` over real BOMs (Fixtures/import/cyclonedx/real, sources in its
/// README) and over aigov's own export: what arrives in the record, what is noted, and that
/// the export imports back into the same records.
@Suite(.serialized) struct RealCycloneDXImportTests {
    static let real = CLI.fixtures.appendingPathComponent("import/cyclonedx/real").path

    static func bom(_ name: String) -> String { real + "/" + name }

    typealias H = ImportTests

    static func importOne(_ path: String, _ extra: [String] = [], t: TempDir) throws -> (record: [String: Any], run: CLI.Result, db: String) {
        let db = t.file("r-\(UUID().uuidString.prefix(8)).db")
        let r = try CLI.run(["import", "cyclonedx", path, "--system", "sys"] + extra, db: db)
        #expect(r.code == 0, "\(path): \(r.err)")
        return (r.code == 0 ? try H.record("sys", db: db) : [:], r, db)
    }

    // MARK: Fault 8: CycloneDX 1.7

    @Test func aCycloneDX17MachineLearningBOMImports() throws {
        let t = TempDir()
        let (s, run, _) = try Self.importOne(Self.bom("valid-machine-learning-1.7.json"), t: t)
        #expect(run.code == 0)
        let m = H.list(s, "models")
        #expect(m.count == 1)
        #expect(m.first?["name"] as? String == "stable-diffusion")
        #expect(m.first?["version"] as? String == "1.4")
        #expect(m.first?["provider"] as? String == "Acme Inc")
        #expect(m.first?["technique"] as? String == "machine-learning")
        #expect(H.list(s, "datasets").map { $0["name"] as? String } == ["Training Data"])
    }

    // MARK: What arrives from each real BOM

    struct Expect: Sendable, CustomTestStringConvertible {
        var file: String
        var spec: String
        var models: [[String: String]] = []
        var rationale: String? = nil
        var datasets: [String] = []
        var sources: [String?] = []
        var metrics: [String: String] = [:]
        var purpose: String? = nil
        var affected: [String] = []
        var risks = 0
        var risk: (String, String?)? = nil
        var evidence: String
        var date: String? = nil
        var notes: [String] = []
        var testDescription: String { file }
    }

    static let sd: [String: String] = ["name": "stable-diffusion", "version": "1.4", "technique": "machine-learning"]
    static let sdConsiderations = (
        purpose: "Who are the intended users of the model?\nText-to-image generation for creative applications",
        affected: ["The groups or individuals at risk of being systematically disadvantaged by the model"],
        risk: ("The name of the risk", "Strategy used to address this risk") as (String, String?),
        metric: ["The type of performance metric": "The value of the performance metric"])
    static let sdNotes = [
        "not mapped: modelCard.considerations.users ×2 (aigov records who oversees a system, not who uses a model)",
        "not mapped: modelCard.considerations.fairnessAssessments.benefits ×1 (aigov records harms as risks, not benefits)",
        "not mapped: modelCard.quantitativeAnalysis.graphics ×1 (images)",
        "not mapped: modelCard.properties ×1 (the model card's own properties)",
    ]
    static let llama: [String: String] = ["name": "Llama-2-7b", "provider": "meta"]
    static let llamaMetrics = ["energy consumption of Llama-2-7b (training)": "0.4 kWh", "CO2 emissions of Llama-2-7b (training)": "31.22 tCO2eq",
                               "CO2 offset of Llama-2-7b (training)": "31.22 tCO2eq"]

    static let boms: [Expect] = [
        Expect(file: "valid-machine-learning-1.5.json", spec: "1.5", models: [sd.merging(["provider": "CompVis"]) { $1 }],
               rationale: "Stable Diffusion is a latent text-to-image diffusion model", datasets: ["Training Data"],
               sources: ["https://example.com/path/to/dataset"], metrics: sdConsiderations.metric, purpose: sdConsiderations.purpose,
               affected: sdConsiderations.affected, risks: 4, risk: sdConsiderations.risk, evidence: "component-a", notes: sdNotes),
        Expect(file: "valid-machine-learning-1.6.json", spec: "1.6", models: [sd.merging(["provider": "Acme Inc"]) { $1 }],
               rationale: "Stable Diffusion is a latent text-to-image diffusion model", datasets: ["Training Data"],
               sources: ["https://example.com/path/to/dataset"], metrics: sdConsiderations.metric, purpose: sdConsiderations.purpose,
               affected: sdConsiderations.affected, risks: 4, risk: sdConsiderations.risk, evidence: "component-a",
               notes: sdNotes + ["not mapped: components.group ×1 (the provider is named by the publisher)"]),
        Expect(file: "valid-machine-learning-1.7.json", spec: "1.7", models: [sd.merging(["provider": "Acme Inc"]) { $1 }],
               rationale: "Stable Diffusion is a latent text-to-image diffusion model", datasets: ["Training Data"],
               sources: ["https://example.com/path/to/dataset"], metrics: sdConsiderations.metric, purpose: sdConsiderations.purpose,
               affected: sdConsiderations.affected, risks: 4, risk: sdConsiderations.risk, evidence: "component-a", notes: sdNotes),
        Expect(file: "valid-machine-learning-considerations-env-1.6.json", spec: "1.6", models: [llama], metrics: llamaMetrics,
               evidence: "huggingface.co-meta-llama-Llama-2-7b",
               notes: ["not mapped: components.supplier ×1 (the model's publisher, author, manufacturer or group names the provider)",
                       "not mapped: modelCard.considerations.environmentalConsiderations.energyConsumptions.energyProviders ×1 (the providers of the energy)"]),
        Expect(file: "valid-machine-learning-considerations-env-1.7.json", spec: "1.7", models: [llama], metrics: llamaMetrics,
               evidence: "huggingface.co-meta-llama-Llama-2-7b"),
        Expect(file: "valid-component-types-1.6.json", spec: "1.6", datasets: ["data-a"], sources: [nil], evidence: "data-a@1.0",
               notes: ["not mapped: components (type library) ×1 (not a model or dataset)",
                       "not mapped: components.version ×1 (aigov records no version of a dataset)"]),
        Expect(file: "valid-component-types-1.7.json", spec: "1.7", datasets: ["data-a"], sources: [nil], evidence: "data-a@1.0"),
        Expect(file: "owasp-aibom-generator-expected_aibom.json", spec: "1.6",
               models: [["name": "test-model", "provider": "test-org", "version": "1.0", "license": "apache-2.0", "technique": "generative"]],
               rationale: "Test model for unit testing", evidence: "pkg:huggingface/test-org%2Ftest-model@1.0", date: "2024-01-01",
               notes: ["not mapped: modelCard.modelParameters.architectureFamily ×1 (aigov records the technique, not the architecture)"]),
    ]

    /// The SHA-256 of a component's canonical JSON (sorted keys, no white space), by Python.
    static func componentHash(_ file: String, _ pick: String) throws -> String {
        let script = """
            import json, sys, hashlib
            bom = json.load(open(sys.argv[1], encoding="utf-8"))
            part = eval(sys.argv[2])
            text = json.dumps(part, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            print(hashlib.sha256(text.encode("utf-8")).hexdigest())
            """
        return try CLI.exec("/usr/bin/env", ["python3", "-c", script, file, pick]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: boms)
    func eachRealBOMGivesItsFieldsAndASecondImportWritesNothing(_ e: Expect) throws {
        let t = TempDir()
        let path = Self.bom(e.file)
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(bom["specVersion"] as? String == e.spec)
        let (s, run, db) = try Self.importOne(path, t: t)
        guard run.code == 0 else { return }
        let models = H.list(s, "models")
        #expect(models.count == e.models.count)
        for (m, want) in zip(models, e.models) {
            for (k, v) in want { #expect(m[k] as? String == v, "\(k)") }
            for k in ["license", "technique", "version"] where want[k] == nil { #expect(m[k] == nil, "\(k)") }
            if let r = e.rationale {
                #expect((m["rationale"] as? String)?.hasPrefix(r) == true)
            } else {
                #expect(m["rationale"] == nil)
            }
        }
        let datasets = H.list(s, "datasets")
        #expect(datasets.map { $0["name"] as? String ?? "" } == e.datasets)
        #expect(datasets.map { $0["source"] as? String } == e.sources)
        let metrics = H.list(s, "metrics")
        #expect(metrics.count == e.metrics.count)
        for (name, value) in e.metrics { #expect(metrics.first { $0["name"] as? String == name }?["value"] as? String == value, "\(name)") }
        #expect(s["purpose"] as? String == e.purpose)
        #expect(((s["impact"] as? [String: Any])?["affected_groups"] as? [String] ?? []) == e.affected)
        let risks = H.list(s, "risks")
        #expect(risks.count == e.risks)
        if let (d, m) = e.risk {
            #expect(risks.contains { $0["description"] as? String == d && $0["mitigation"] as? String == m }, "\(risks)")
        }
        // One evidence entry, its hash that of the component the system came from.
        let evidence = H.list(s, "evidence")
        #expect(evidence.count == 1)
        let ev = evidence.first ?? [:]
        #expect(ev["kind"] as? String == "model-card")
        #expect(ev["title"] as? String == "CycloneDX BOM component \(e.evidence)")
        #expect(ev["uri"] as? String == bom["serialNumber"] as? String)
        #expect(ev["date"] as? String == e.date)
        if e.models.count + e.datasets.count == 1, bom["metadata"] == nil {
            let pick = "[c for c in bom['components'] if c['type'] in ('machine-learning-model', 'data')]"
            #expect(ev["sha256"] as? String == (try Self.componentHash(path, pick)))
        }
        for n in e.notes { #expect(run.err.contains("aigov: note: " + n), "\(run.err)") }

        let count = try H.auditCount(db)
        let dump = try CLI.dump(db)
        let again = try CLI.run(["import", "cyclonedx", path, "--system", "sys"], db: db)
        #expect(again.code == 0 && again.out.contains("unchanged sys"), "\(again.out)\(again.err)")
        #expect(try H.auditCount(db) == count)
        #expect(try CLI.dump(db) == dump)
    }

    @Test func aDataComponentHoldingConfigurationIsNoDataset() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let only = try CLI.run(["import", "cyclonedx", Self.bom("valid-component-data-1.7.json"), "--system", "sys"], db: db)
        #expect(only.code == 2)
        #expect(only.err.contains("components: the BOM holds no machine-learning model or dataset: its data components hold configurations or other data, not datasets"), "\(only.err)")
        #expect(!FileManager.default.fileExists(atPath: db))

        // Beside a model: the model and its dataset arrive, the configuration is noted.
        var bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.bom("valid-machine-learning-1.7.json")))) as? [String: Any])
        let data = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.bom("valid-component-data-1.7.json")))) as? [String: Any])
        bom["components"] = (bom["components"] as? [Any] ?? []) + (data["components"] as? [Any] ?? [])
        let file = t.write("mixed.json", String(decoding: try JSONSerialization.data(withJSONObject: bom), as: UTF8.self))
        let (s, run, _) = try Self.importOne(file, t: t)
        #expect(H.list(s, "models").map { $0["name"] as? String } == ["stable-diffusion"])
        #expect(H.list(s, "datasets").map { $0["name"] as? String } == ["Training Data"])
        #expect(run.err.contains("aigov: note: not mapped: components (type data, data type configuration) ×1 (a configuration, not a dataset)"), "\(run.err)")
    }

    @Test func theModelsOwnMakerNamesTheProviderNotItsSupplier() throws {
        let t = TempDir()
        let base = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.bom("valid-machine-learning-considerations-env-1.6.json")))) as? [String: Any])
        func provider(_ change: ([String: Any]) -> [String: Any]) throws -> String? {
            var bom = base
            var c = (bom["components"] as? [[String: Any]] ?? [])[0]
            c = change(c)
            bom["components"] = [c]
            let file = t.write("b-\(UUID().uuidString.prefix(6)).json", String(decoding: try JSONSerialization.data(withJSONObject: bom), as: UTF8.self))
            return H.list(try Self.importOne(file, t: t).record, "models").first?["provider"] as? String
        }
        // As published: supplier "Hugging Face", publisher "meta", group "meta-llama".
        #expect(try provider { $0 } == "meta")
        #expect(try provider { var c = $0; c["publisher"] = nil; return c } == "meta-llama")
        #expect(try provider { var c = $0; c["publisher"] = nil; c["group"] = nil; c["purl"] = "pkg:huggingface/meta-llama/Llama-2-7b@01c7f73"; return c } == "meta-llama")
        #expect(try provider { var c = $0; c["publisher"] = nil; c["group"] = nil; return c } == "Hugging Face")
    }

    @Test func aPlaceholderDescriptionIsNoRationale() throws {
        let t = TempDir()
        var bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.bom("owasp-aibom-generator-expected_aibom.json")))) as? [String: Any])
        var c = (bom["components"] as? [[String: Any]] ?? [])[0]
        c["description"] = "No description available"
        bom["components"] = [c]
        let file = t.write("placeholder.json", String(decoding: try JSONSerialization.data(withJSONObject: bom), as: UTF8.self))
        let (s, run, _) = try Self.importOne(file, t: t)
        let m = H.list(s, "models").first ?? [:]
        #expect(m["name"] as? String == "test-model")
        #expect(m["rationale"] == nil)
        #expect(run.err.contains("aigov: note: not mapped: components.description ×1 (a placeholder (\"No description available\"), not a rationale)"), "\(run.err)")
    }

    // MARK: aigov's own export, read back

    /// `get ID -o yaml` of every system of `a` equals that of `b`.
    static func sameRecords(_ a: String, _ b: String) throws -> Int {
        let ids = (try H.json(CLI.run(["get", "-o", "json"], db: a).out) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        for id in ids {
            let x = try CLI.run(["get", id, "-o", "yaml"], db: a)
            let y = try CLI.run(["get", id, "-o", "yaml"], db: b)
            #expect(x.code == 0 && y.code == 0 && x.out == y.out, "\(id) differs:\n\(x.out)\n---\n\(y.out)\(y.err)")
        }
        return ids.count
    }

    @Test func aigovsOwnExportImportsIntoAnEmptyRegistryAsTheSameRecords() throws {
        let t = TempDir()
        let a = t.file("a.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: a).code == 0)
        let bom = try CLI.run(["export", "-o", "cyclonedx"], db: a)
        #expect(bom.code == 0, "\(bom.err)")
        let file = t.write("registry.cdx.json", bom.out)
        let b = t.file("b.db")
        let r = try CLI.run(["import", "cyclonedx", file], db: b)
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.sameRecords(a, b) == 6)

        // Again: nothing written.
        let count = try H.auditCount(b)
        let again = try CLI.run(["import", "cyclonedx", file], db: b)
        #expect(again.code == 0 && !again.out.contains("created") && !again.out.contains("changed   "), "\(again.out)")
        #expect(try H.auditCount(b) == count)

        // One system's own BOM, into another empty registry, found by the aigov:id it carries.
        let one = try CLI.run(["export", "-o", "cyclonedx", "--system", "loan-scoring"], db: a)
        let c = t.file("c.db")
        #expect(try CLI.run(["import", "cyclonedx", t.write("loan.cdx.json", one.out)], db: c).code == 0)
        let x = try CLI.run(["get", "loan-scoring", "-o", "yaml"], db: a).out
        let y = try CLI.run(["get", "loan-scoring", "-o", "yaml"], db: c).out
        #expect(x == y, "\(x)\n---\n\(y)")
    }

    @Test func theDemoRegistrysExportImportsAsTheSameRecords() throws {
        let t = TempDir()
        let a = t.file("demo.db")
        #expect(try CLI.run(["demo", "--db", a, "-o", "json"]).code == 0)
        let file = t.write("demo.cdx.json", try CLI.run(["export", "-o", "cyclonedx"], db: a).out)
        let b = t.file("b.db")
        let r = try CLI.run(["import", "cyclonedx", file], db: b)
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.sameRecords(a, b) == 19)
    }

    @Test func eachSystemsEvidenceHashesItsOwnComponentSoOneChangedComponentChangesOneSystem() throws {
        let t = TempDir()
        let a = t.file("a.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: a).code == 0)
        // aigov's registry BOM as another tool passes it on (metadata.tools names that tool):
        // a third party's BOM naming aigov systems, so each system records it as evidence.
        var bom = try #require(try H.json(CLI.run(["export", "-o", "cyclonedx"], db: a).out) as? [String: Any])
        var meta = bom["metadata"] as? [String: Any] ?? [:]
        meta["tools"] = ["components": [["type": "application", "name": "cyclonedx-cli", "version": "0.27.2"]]]
        bom["metadata"] = meta
        func write(_ name: String) throws -> String {
            t.write(name, String(decoding: try JSONSerialization.data(withJSONObject: bom, options: [.sortedKeys]), as: UTF8.self))
        }
        let first = try write("first.json")
        let b = t.file("b.db")
        #expect(try CLI.run(["import", "cyclonedx", first], db: b).code == 0)
        func evidence(_ id: String) throws -> [String: Any]? {
            H.list(try H.record(id, db: b), "evidence").first { ($0["title"] as? String)?.hasPrefix("CycloneDX BOM component") == true }
        }
        let ids = ["code-assistant", "cv-screening", "invoice-ocr", "loan-scoring", "support-chatbot", "workplace-mood"]
        var before: [String: String] = [:]
        for id in ids {
            let e = try evidence(id)
            #expect(e?["title"] as? String == "CycloneDX BOM component system:\(id)")
            let pick = "[c for c in bom['components'] if c.get('bom-ref') == 'system:\(id)'][0]"
            #expect(e?["sha256"] as? String == (try Self.componentHash(first, pick)), "\(id)")
            before[id] = e?["sha256"] as? String
        }
        #expect(Set(before.values).count == ids.count)

        // One system's component changes: only that system's evidence (and purpose) change.
        var components = bom["components"] as? [[String: Any]] ?? []
        let i = try #require(components.firstIndex { $0["bom-ref"] as? String == "system:invoice-ocr" })
        components[i]["description"] = "Read supplier invoices and fill the accounts-payable form, then post them"
        bom["components"] = components
        let second = try write("second.json")
        let count = try H.auditCount(b)
        let r = try CLI.run(["import", "cyclonedx", second], db: b)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("changed   invoice-ocr (purpose, evidence)"), "\(r.out)")
        #expect(try H.auditCount(b) == count + 1)
        for id in ids {
            let now = try evidence(id)?["sha256"] as? String
            if id == "invoice-ocr" { #expect(now != before[id]) } else { #expect(now == before[id], "\(id)") }
        }
    }

    @Test func aBadAigovPropertyIsRefusedNamingItAndNothingIsWritten() throws {
        let t = TempDir()
        let a = t.file("a.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: a).code == 0)
        var bom = try #require(try H.json(CLI.run(["export", "-o", "cyclonedx"], db: a).out) as? [String: Any])
        var components = bom["components"] as? [[String: Any]] ?? []
        let i = try #require(components.firstIndex { $0["bom-ref"] as? String == "system:loan-scoring" })
        var props = components[i]["properties"] as? [[String: String]] ?? []
        for k in props.indices where props[k]["name"] == "aigov:eu_ai_act:tier" { props[k]["value"] = "extreme" }
        props += [["name": "aigov:eu_ai_act:profiling", "value": "yes"], ["name": "aigov:oversight:99999999999:who", "value": "x"],
                  ["name": "aigov:nonsense", "value": "x"], ["name": "aigov:oversight:0:response_minutes", "value": "soon"]]
        components[i]["properties"] = props
        bom["components"] = components
        let file = t.write("bad.json", String(decoding: try JSONSerialization.data(withJSONObject: bom), as: UTF8.self))
        let b = t.file("b.db")
        let r = try CLI.run(["import", "cyclonedx", file], db: b)
        #expect(r.code == 2)
        for line in ["components[\(i)].properties[aigov:eu_ai_act:profiling]: profiling: expected true or false, got \"yes\"",
                     "components[\(i)].properties[aigov:oversight:99999999999:who]: expected an entry number after oversight",
                     "components[\(i)].properties[aigov:nonsense]: not a field of the record (nonsense)",
                     "components[\(i)].properties[aigov:oversight:0:response_minutes]: response_minutes: expected a whole number, got \"soon\""] {
            #expect(r.err.contains("\(file):\(line)"), "\(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: b))
        // With only the bad tier left, the strict reader names it.
        props.removeLast(4)
        components[i]["properties"] = props
        bom["components"] = components
        let tier = t.write("tier.json", String(decoding: try JSONSerialization.data(withJSONObject: bom), as: UTF8.self))
        let r2 = try CLI.run(["import", "cyclonedx", tier], db: b)
        #expect(r2.code == 2)
        #expect(r2.err.contains("\(tier):components[\(i)].properties[aigov:eu_ai_act:tier]: expected one of unassessed"), "\(r2.err)")
        #expect(!FileManager.default.fileExists(atPath: b))
    }
}
