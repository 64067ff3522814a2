import Foundation
import Testing

/// #24: the registry against ISO/IEC 42001 and the NIST AI RMF beside the AI Act, through the
/// real binary on the demo registry (day pinned to 2026-11-30).
@Suite struct FrameworkCLITests {
    static let day = "2026-11-30"

    /// A demo registry in a fresh folder (so no soa.yaml lies beside it unless a test writes one).
    static func demo(_ t: TempDir) throws -> String {
        let db = t.file("reg/demo.db")
        try FileManager.default.createDirectory(atPath: t.file("reg"), withIntermediateDirectories: true)
        let r = try CLI.run(["demo", "--db", db, "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        return db
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    static func controls(_ out: String) throws -> [String: [String: Any]] {
        let list = try #require(try json(out)["controls"] as? [[String: Any]])
        return Dictionary(list.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func soaListsAll38ControlsWithStatusesFromTheDemoRegistry() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let r = try CLI.run(["soa", "--today", Self.day, "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        let doc = try Self.json(r.out)
        let list = try #require(doc["controls"] as? [[String: Any]])
        #expect(list.count == 38)
        #expect(Set(list.compactMap { $0["id"] as? String }).count == 38)
        let allowed: Set = ["implemented", "partially implemented", "not implemented", "not applicable", "outside the registry"]
        #expect(list.allSatisfy { allowed.contains($0["status"] as? String ?? "") })
        #expect(doc["active_systems"] as? Int == 13)
        let byId = try Self.controls(r.out)
        // A.7.5 data provenance: partially implemented, naming the active systems whose data
        // sets lack a source or licence (DAT-001/DAT-002).
        let provenance = try #require(byId["A.7.5"])
        #expect(provenance["status"] as? String == "partially implemented")
        #expect(provenance["applicable"] as? String == "yes")
        #expect(provenance["rules"] as? [String] == ["DAT-001", "DAT-002"])
        #expect((provenance["not_passing"] as? [String])?.sorted() == ["cv-screening", "seller-listing-writer"])
        #expect(provenance["systems_covered"] as? Int == 13)
        #expect(provenance["systems_passing"] as? Int == 11)
        #expect((provenance["open"] as? [String: Int])?["medium"] == 2)
        // A.2.2 the AI policy: no rule maps to it; it is outside the registry, and listed last.
        let policy = try #require(byId["A.2.2"])
        #expect(policy["status"] as? String == "outside the registry")
        #expect(policy["applicable"] as? String == "outside the registry: record elsewhere")
        #expect(policy["in_registry"] as? Bool == false)
        let firstOutside = try #require(list.firstIndex { $0["in_registry"] as? Bool == false })
        #expect(list[firstOutside...].allSatisfy { $0["in_registry"] as? Bool == false })
        // Evidence of the kinds the mapped rules look for: logging policies behind A.6.2.8.
        let logs = try #require(byId["A.6.2.8"])
        let evidence = try #require(logs["evidence"] as? [[String: Any]])
        #expect(!evidence.isEmpty && evidence.allSatisfy { $0["kind"] as? String == "logging-policy" })
        // The table names the same.
        let table = try CLI.run(["soa", "--today", Self.day, "-o", "table"], db: db).out
        #expect(table.contains("A.7.5    Data provenance"))
        #expect(table.contains("Outside the registry: record elsewhere"))
        #expect(table.contains("38 controls over 13 active systems on 2026-11-30"))
    }

    @Test func soaYamlChangesThatRowAndOnlyThatRow() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let before = try Self.controls(try CLI.run(["soa", "--today", Self.day, "-o", "json"], db: db).out)
        _ = t.write("reg/soa.yaml", "controls:\n  A.10.4:\n    status: not applicable\n    justification: no customers of AI systems\n")
        let r = try CLI.run(["soa", "--today", Self.day, "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        let after = try Self.controls(r.out)
        let row = try #require(after["A.10.4"])
        #expect(row["status"] as? String == "not applicable")
        #expect(row["justification"] as? String == "no customers of AI systems")
        #expect((row["source"] as? String)?.hasSuffix("soa.yaml:2") == true)
        #expect(before["A.10.4"]?["status"] as? String == "outside the registry")
        for (id, old) in before where id != "A.10.4" {
            let new = try #require(after[id])
            #expect(try Self.canonical(old) == Self.canonical(new), "\(id) changed")
        }
        // The output says the status was written by hand; --soa names another file.
        let table = try CLI.run(["soa", "--today", Self.day, "-o", "table"], db: db).out
        #expect(table.contains("* A.10.4: not applicable, written in"))
        let other = t.write("other.yaml", "controls:\n  a.2.2: {status: implemented, justification: AI policy v3 approved by the board}\n")
        let viaOption = try Self.controls(try CLI.run(["soa", "--today", Self.day, "-o", "json", "--soa", other], db: db).out)
        #expect(viaOption["A.2.2"]?["status"] as? String == "implemented")
        #expect(viaOption["A.10.4"]?["status"] as? String == "outside the registry")
        // Markdown and CSV carry the same row.
        let md = try CLI.run(["soa", "--today", Self.day, "-o", "md"], db: db).out
        #expect(md.contains("| A.10.4 | Customers | not applicable | no customers of AI systems"))
        let csv = try CLI.run(["soa", "--today", Self.day, "-o", "csv"], db: db).out
        #expect(csv.hasPrefix("control,title,applicable,"))
        #expect(csv.contains("A.10.4,Customers,outside the registry: record elsewhere,0,0,,0,0,0,0,0,0,0,0,not applicable,"))
    }

    @Test func aBadSoaYamlIsRefusedWithEveryProblem() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let f = t.write("bad.yaml", "controls:\n  A.7.9: {status: implemented, justification: x}\n  A.10.4: {status: n/a, justification: \"\"}\n  A.2.2: {status: implemented}\n")
        let r = try CLI.run(["soa", "--today", Self.day, "--soa", f], db: db)
        #expect(r.code == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("bad.yaml:controls.A.7.9"))
        #expect(r.err.contains("unknown ISO/IEC 42001 Annex A control \"A.7.9\""))
        #expect(r.err.contains("bad.yaml:controls.A.10.4.status"))
        #expect(r.err.contains("bad.yaml:controls.A.10.4.justification"))
        #expect(r.err.contains("bad.yaml:controls.A.2.2.justification"))
        let missing = try CLI.run(["soa", "--today", Self.day, "--soa", t.file("none.yaml")], db: db)
        #expect(missing.code == 2)
        // Beside the database it stops soa and the pack, and doctor names it.
        _ = t.write("reg/soa.yaml", "controls:\n  A.99: {status: implemented, justification: x}\n")
        #expect(try CLI.run(["soa", "--today", Self.day], db: db).code == 2)
        #expect(try CLI.run(["export", "pack", "--today", Self.day, "--out", t.file("p")], db: db).code == 2)
        #expect(!FileManager.default.fileExists(atPath: t.file("p")))
        let doctor = try CLI.run(["doctor", "-o", "json"], db: db)
        #expect(doctor.out.contains("\"name\": \"soa.yaml\", \"status\": \"fail\""))
    }

    @Test func checkGroupsFindingsByFramework() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let plain = try Self.json(try CLI.run(["check", "--today", Self.day, "-o", "json", "--fail-on", "never"], db: db).out)
        let findings = try #require(plain["findings"] as? [[String: Any]])
        #expect(plain["framework"] == nil)
        for (framework, entry, sample) in [("iso42001", "control", "A.7.5"), ("nist-ai-rmf", "subcategory", "MAP 4.1"),
                                           ("eu-ai-act", "article", "Art. 10")] {
            let r = try CLI.run(["check", "--today", Self.day, "-o", "json", "--fail-on", "never", "--framework", framework], db: db)
            #expect(r.code == 0, "\(r.err)")
            let doc = try Self.json(r.out)
            // The report keeps its shape: the same findings, summary and scores.
            #expect((doc["findings"] as? [[String: Any]])?.count == findings.count)
            let fw = try #require(doc["framework"] as? [String: Any])
            #expect(fw["id"] as? String == framework)
            #expect(fw["entry"] as? String == entry)
            let groups = try #require(fw["groups"] as? [[String: Any]])
            let group = try #require(groups.first { $0["id"] as? String == sample })
            let inGroup = try #require(group["findings"] as? [[String: Any]])
            let rules = Set(try #require(group["rules"] as? [String]))
            // Every finding of a mapped rule lands in the group, and only those.
            let expected = findings.filter { rules.contains($0["rule"] as? String ?? "") }
            #expect(inGroup.count == expected.count)
            #expect(group["open"] as? Int == expected.filter { $0["status"] as? String == "open" }.count)
            // Every finding is in some group (a rule mapped nowhere lands in the null group).
            let grouped = Set(groups.flatMap { ($0["findings"] as? [[String: Any]] ?? []).map { "\($0["rule"]!)/\($0["system"]!)/\($0["path"]!)" } })
            #expect(findings.allSatisfy { grouped.contains("\($0["rule"]!)/\($0["system"]!)/\($0["path"]!)") })
        }
        let table = try CLI.run(["check", "--today", Self.day, "-o", "table", "--fail-on", "never", "--framework", "iso42001"], db: db).out
        #expect(table.hasPrefix("Findings by control of ISO/IEC 42001:2023 Annex A"))
        #expect(table.contains("A.7.5  Data provenance  — 3 open"))  // check counts every system, the SoA the active ones
        #expect(table.contains("seller-listing-writer.datasets"))
        let bad = try CLI.run(["check", "--today", Self.day, "-o", "sarif", "--framework", "iso42001"], db: db)
        #expect(bad.code == 2)
        let unknown = try CLI.run(["check", "--today", Self.day, "--framework", "iso27001"], db: db)
        #expect(unknown.code == 2)
    }

    /// The SARIF log carries both frameworks as taxonomies and points each rule at its taxa.
    @Test func sarifCarriesBothTaxonomies() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let out = try CLI.run(["check", "--today", Self.day, "-o", "sarif", "--fail-on", "never"], db: db).out
        let run = try #require((try Self.json(out)["runs"] as? [[String: Any]])?.first)
        let taxonomies = try #require(run["taxonomies"] as? [[String: Any]])
        #expect(taxonomies.map { $0["name"] as? String } == ["ISO/IEC 42001", "NIST AI RMF"])
        let iso = try #require(taxonomies[0]["taxa"] as? [[String: Any]])
        let nist = try #require(taxonomies[1]["taxa"] as? [[String: Any]])
        #expect(iso.count == 38)
        #expect(nist.count == 72)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["supportedTaxonomies"] as? [[String: Any]])?.count == 2)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let dat2 = try #require(rules.first { $0["id"] as? String == "DAT-002" })
        let targets = try #require(dat2["relationships"] as? [[String: Any]]).compactMap { $0["target"] as? [String: Any] }
        let ids = targets.compactMap { $0["id"] as? String }
        #expect(ids == ["A.7.3", "A.7.5", "MAP 4.1", "GOVERN 6.1"])
        // Each target's index is its taxon's place in its taxonomy.
        for target in targets {
            let component = try #require(target["toolComponent"] as? [String: Any])
            let taxa = component["index"] as? Int == 0 ? iso : nist
            let index = try #require(target["index"] as? Int)
            #expect(taxa[index]["id"] as? String == target["id"] as? String)
        }
    }

    /// sarif-tools (PyPI) reads the log: its summary and its CSV list the results.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil || Tools.has("sarif"),
                   "sarif-tools is not installed (pip install sarif-tools; CI installs it)"))
    func sarifToolsReadsTheLog() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        let out = try CLI.run(["check", "--today", Self.day, "-o", "sarif", "--fail-on", "never"], db: db).out
        let file = t.write("check.sarif", out)
        let results = try #require(((try Self.json(out)["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]))
        let py = """
            import sys
            from sarif import loader
            s = loader.load_sarif_file(sys.argv[1])
            records = s.get_records()
            run = s.runs[0]
            print(len(records), len(run.run_data["taxonomies"]))
            """
        let r = try CLI.exec("/usr/bin/env", ["python3", "-c", py, file])
        #expect(r.code == 0, "\(r.err)")
        let words = r.out.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(words.first.flatMap { Int($0) } == results.count)
        #expect(words.last == "2")
        let summary = try CLI.exec("/usr/bin/env", ["sarif", "summary", file])
        #expect(summary.code == 0, "\(summary.err)")
        #expect(summary.out.contains("error:"))
    }

    @Test func explainListsControlsAndSubcategories() throws {
        let r = try CLI.run(["explain", "DAT-002"])
        #expect(r.code == 0)
        #expect(r.out.contains("ISO/IEC 42001: A.7.3       Acquisition of data"))
        #expect(r.out.contains("A.7.5       Data provenance"))
        #expect(r.out.contains("NIST AI RMF:   MAP 4.1     Approaches to map technology and legal risks of components."))
        let json = try Self.json(try CLI.run(["explain", "FBK-002", "-o", "json"]).out)
        let fw = try #require(json["frameworks"] as? [String: [[String: String]]])
        #expect(fw["iso42001"]?.map { $0["id"] } == ["A.10.3"])
        #expect(fw["nist_ai_rmf"]?.map { $0["id"] } == ["GOVERN 6.2", "MANAGE 3.1"])
        #expect(fw["nist_ai_rmf"]?.first?["title"] == "Contingency processes for failures or incidents in high-risk third-party data or AI systems.")
    }

    @Test func customRulesDeclareFrameworksAndUnknownIdsAreRefused() throws {
        let t = TempDir()
        let good = t.write("org.yaml", """
            rules:
              - id: ORG-001
                title: Data sets name a steward
                severity: low
                remediation: Name one.
                frameworks: {iso42001: [a.7.5], nist_ai_rmf: [map 4.1], eu_ai_act: [Art 10]}
                require: {field: owner, present: true}
            """)
        let r = try CLI.run(["explain", "ORG-001", "--rules", good, "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        let fw = try #require(try Self.json(r.out)["frameworks"] as? [String: [[String: String]]])
        #expect(fw["iso42001"]?.map { $0["id"] } == ["A.7.5"])
        #expect(fw["nist_ai_rmf"]?.map { $0["id"] } == ["MAP 4.1"])
        #expect(fw["eu_ai_act"]?.map { $0["id"] } == ["Art. 10"])
        let bad = t.write("bad.yaml", """
            rules:
              - id: ORG-002
                title: T
                severity: low
                remediation: r
                frameworks: {iso42001: [A.7.9], nist_ai_rmf: [MAP 9.1], sox: [x]}
                require: {field: owner, present: true}
            """)
        let refused = try CLI.run(["check", "-f", CLI.examples, "--rules", bad, "-o", "json"])
        #expect(refused.code == 2)
        #expect(refused.out.isEmpty)
        #expect(refused.err.contains("bad.yaml:rules[0].frameworks.iso42001[0]"))
        #expect(refused.err.contains("unknown ISO/IEC 42001:2023 Annex A control \"A.7.9\""))
        #expect(refused.err.contains("bad.yaml:rules[0].frameworks.nist_ai_rmf[0]"))
        #expect(refused.err.contains("bad.yaml:rules[0].frameworks.sox"))
    }

    @Test func thePackHoldsTheSoaAndNistPagesListedInTheManifest() throws {
        let t = TempDir()
        let db = try Self.demo(t)
        _ = t.write("reg/soa.yaml", "controls:\n  A.10.4: {status: not applicable, justification: no customers of AI systems}\n")
        let out = t.file("pack")
        let r = try CLI.run(["export", "pack", "--today", Self.day, "--out", out], db: db)
        #expect(r.code == 0, "\(r.err)")
        let manifest = try Self.json(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
        let files = Set(try #require(manifest["files"] as? [[String: Any]]).compactMap { $0["path"] as? String })
        for f in ["soa.md", "soa.html", "nist-ai-rmf.md", "nist-ai-rmf.html"] { #expect(files.contains(f), "\(f) missing") }
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"soa.html\""))
        #expect(index.contains("href=\"nist-ai-rmf.html\""))
        // The pack's soa.md is `aigov soa -o md`, soa.yaml included.
        let md = try String(contentsOfFile: out + "/soa.md", encoding: .utf8)
        let cli = try CLI.run(["soa", "--today", Self.day, "-o", "md"], db: db).out
        #expect(md == cli)
        #expect(md.contains("| A.7.5 | Data provenance | yes | 11/13 | 2 medium |"))
        let nist = try String(contentsOfFile: out + "/nist-ai-rmf.md", encoding: .utf8)
        for function in ["Govern (GOVERN)", "Map (MAP)", "Measure (MEASURE)", "Manage (MANAGE)"] { #expect(nist.contains(function)) }
        #expect(nist.contains("### GOVERN 6 Third-party software, data and supply chain."))
        #expect(try CLI.run(["pack", "verify", out]).code == 0)
    }
}
