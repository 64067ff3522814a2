import Foundation
import Testing

/// `aigov import algoritmeregister` on the Dutch Algorithm Register's own v1.0 templates
/// (MinBZK/Algoritmeregister, 27 entries in 17 files: see Fixtures/import/algoritmeregister/real/README.md),
/// and the register export's round trip on them (#26).
@Suite(.serialized) struct RealRegisterImportTests {
    static let dir = ImportTests.fixtures + "/algoritmeregister/real"

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The owner each template is imported with: its file's name (templates publish no organisation).
    static func owner(_ file: String) -> String { "Gemeente " + file.replacingOccurrences(of: ".json", with: "") }

    static func entries(_ file: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))) as? [[String: Any]] ?? []
    }

    /// The register's HTML as words: tags and entities gone, white space collapsed, so the
    /// record's plain text can be compared with the source whatever the line breaks.
    static func words(_ html: String?) -> String {
        var s = html ?? ""
        s = s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (e, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: e, with: c)
        }
        s = s.replacingOccurrences(of: "(?m)^\\s*- ", with: " ", options: .regularExpression)
        return s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func all(_ db: String) throws -> [[String: Any]] {
        let r = try CLI.run(["get", "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        return try ImportTests.json(r.out) as? [[String: Any]] ?? []
    }

    static func importAll(_ db: String) throws -> [String] {
        var notes: [String] = []
        for f in files {
            let r = try CLI.run(["import", "algoritmeregister", dir + "/" + f, "--owner", owner(f)], db: db)
            #expect(r.code == 0, "\(f): \(r.err)")
            notes.append(r.err)
        }
        return notes
    }

    @Test func atLeastFifteenRealEntriesAreSaved() throws {
        let n = try Self.files.reduce(0) { $0 + (try Self.entries($1)).count }
        #expect(n >= 15, "\(n) entries")
    }

    /// Every template imports with `--owner` (organisation null, no contact_email, lang NLD,
    /// empty lawful_basis_grouping items), and each field arrives where the mapping says.
    @Test func everyRealTemplateImportsAndItsFieldsArrive() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let notes = try Self.importAll(db).joined()
        let systems = try Self.all(db)
        var checked = 0
        for f in Self.files {
            for e in try Self.entries(f) {
                let name = Self.words(e["name"] as? String)
                let matches = systems.filter { $0["name"] as? String == name && $0["owner"] as? String == Self.owner(f) }
                #expect(matches.count == 1, "\(f) \(name): \(matches.count) systems")
                guard let s = matches.first else { continue }
                checked += 1
                let id = s["id"] as? String ?? "?"
                // The short description opens the purpose.
                #expect(Self.words(s["purpose"] as? String).hasPrefix(Self.words(e["description_short"] as? String)), "\(id) purpose")
                // Status, categories, public body.
                let status = e["status"] as? String
                #expect(s["status"] as? String == (status == "In gebruik" ? "production" : status == "Buiten gebruik" ? "retired" : "development"), "\(id)")
                for c in e["category"] as? [String] ?? [] { #expect((s["tags"] as? [String] ?? []).contains(c), "\(id) category \(c)") }
                #expect((s["eu_ai_act"] as? [String: Any])?["public_body"] as? Bool == true)
                // No contact in the template: none in the record.
                if let c = e["contact_email"] as? String { #expect(s["contact"] as? String == c) } else { #expect(s["contact"] == nil, "\(id) contact") }
                // The legal basis, and each non-empty legal-basis link as evidence.
                let basis = Self.words(e["lawful_basis"] as? String)
                if !basis.isEmpty { #expect(Self.words(s["legal_basis"] as? String) == basis, "\(id) legal_basis") }
                let evidence = ImportTests.list(s, "evidence")
                for l in e["lawful_basis_grouping"] as? [[String: Any]] ?? [] {
                    let title = (l["title"] as? String ?? "").trimmingCharacters(in: .whitespaces)
                    guard !title.isEmpty else { continue }
                    #expect(evidence.contains { $0["title"] as? String == "Legal basis: " + title }, "\(id) legal basis \(title)")
                }
                // Oversight and risks: one entry per paragraph, never the whole text in one.
                let oversight = ImportTests.list(s, "oversight").map { $0["mechanism"] as? String ?? "" }
                let hi = Self.words(e["human_intervention"] as? String)
                if !hi.isEmpty {
                    #expect(Self.words(oversight.joined(separator: " ")).contains(hi) || hi.contains(Self.words(oversight.joined(separator: " "))), "\(id) oversight")
                    #expect(oversight.allSatisfy { !$0.contains("\n") }, "\(id) oversight")
                }
                // Source data: prose paragraphs are never dataset names.
                for d in ImportTests.list(s, "datasets") {
                    let n = d["name"] as? String ?? ""
                    #expect(n.count <= 100 && !n.contains("\n") && !n.contains(". "), "\(id) dataset name \(n.prefix(60))")
                }
                let sd = Self.words(e["source_data"] as? String)
                if !sd.isEmpty {
                    // Every word of it arrives: prose paragraphs as the source of `Source data`
                    // datasets, `NAME (SOURCE)` lines as datasets.
                    let have = ImportTests.list(s, "datasets").map { d -> String in
                        let n = d["name"] as? String ?? "", src = d["source"] as? String ?? ""
                        return n.hasPrefix("Source data") ? src : n + " " + src
                    }.joined(separator: " ")
                    func bare(_ x: String) -> String { Self.words(x.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")) }
                    #expect(bare(have).contains(bare(e["source_data"] as? String ?? "")), "\(id) source data")
                }
                for g in e["source_data_grouping"] as? [[String: Any]] ?? [] {
                    let title = (g["title"] as? String ?? "").trimmingCharacters(in: .whitespaces)
                    guard !title.isEmpty else { continue }
                    #expect(ImportTests.list(s, "datasets").contains { $0["name"] as? String == title }, "\(id) dataset \(title)")
                }
                // Free-text methods_and_models → impact.explanation; proportionality → the
                // algorithm's model rationale.
                let mm = Self.words(e["methods_and_models"] as? String)
                if !mm.isEmpty { #expect(Self.words((s["impact"] as? [String: Any])?["explanation"] as? String) == mm, "\(id) methods_and_models") }
                let prop = Self.words(e["proportionality"] as? String)
                if !prop.isEmpty {
                    let model = ImportTests.list(s, "models").first { $0["name"] as? String == name }
                    #expect(Self.words(model?["rationale"] as? String) == prop, "\(id) proportionality")
                }
                if let p = e["provider"] as? String, !p.isEmpty, p.lowercased() != "intern ontwikkeld" {
                    #expect(ImportTests.list(s, "suppliers").contains { $0["name"] as? String == p.trimmingCharacters(in: .whitespaces) }, "\(id) provider")
                }
                #expect(evidence.contains { $0["kind"] as? String == "register-entry" && ($0["sha256"] as? String)?.count == 64 }, "\(id) evidence")
            }
        }
        #expect(checked >= 15)
        #expect(systems.count == checked, "\(systems.count) systems for \(checked) entries")
        // What the record has no place for is listed with a count.
        #expect(notes.contains("not mapped: impacttoetsen ×"), "\(notes)")
        #expect(notes.contains("not mapped: type ×"), "\(notes)")
    }

    /// Fault 1: a template with `"source_id": ""` (Contec's) was created again on every import
    /// (`-2`, `-3` …). Its identity is organisation plus name: the second import writes nothing.
    @Test func anEmptySourceIdIsNotDuplicatedOnReimport() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let file = Self.dir + "/contec.json"
        let first = try CLI.run(["import", "algoritmeregister", file, "--owner", "Gemeente Voorbeeld"], db: db)
        #expect(first.code == 0, "\(first.err)")
        let count = try ImportTests.auditCount(db)
        #expect(count > 0)
        for _ in 0..<2 {
            let again = try CLI.run(["import", "algoritmeregister", file, "--owner", "Gemeente Voorbeeld"], db: db)
            #expect(again.code == 0 && !ImportTests.wrote(again.out), "\(again.out)\(again.err)")
        }
        #expect(try ImportTests.auditCount(db) == count)
        let systems = try Self.all(db)
        #expect(systems.count == 1)
        #expect(systems.first?["name"] as? String == "Veilig mailen aan de hand van business rules, DLP algoritme")
        #expect(systems.first?["owner"] as? String == "Gemeente Voorbeeld")
        #expect(systems.first?["contact"] as? String == "privacy@contec.nl")
        // Another organisation's entry of the same name is another algorithm.
        let other = try CLI.run(["import", "algoritmeregister", file, "--owner", "Gemeente Elders"], db: db)
        #expect(other.code == 0 && other.out.contains("created"), "\(other.out)\(other.err)")
        #expect(try Self.all(db).count == 2)
    }

    /// A second import of every fixture writes nothing (zero audit entries).
    @Test func aSecondImportOfEveryFixtureWritesNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        _ = try Self.importAll(db)
        let count = try ImportTests.auditCount(db)
        for f in Self.files {
            let r = try CLI.run(["import", "algoritmeregister", Self.dir + "/" + f, "--owner", Self.owner(f)], db: db)
            #expect(r.code == 0 && !ImportTests.wrote(r.out), "\(f): \(r.out)\(r.err)")
        }
        #expect(try ImportTests.auditCount(db) == count)
    }

    /// Fault 2: multi-paragraph text did not survive export → import → export. On the real
    /// templates (with the contact a person adds), the export imported into an empty registry
    /// exports again to the same bytes, and imported over the original writes nothing.
    @Test func theRegisterRoundTripIsExactOnTheRealTemplates() throws {
        let t = TempDir()
        let db = t.file("r.db")
        _ = try Self.importAll(db)
        for s in try Self.all(db) where s["contact"] == nil {
            let id = s["id"] as? String ?? ""
            #expect(try CLI.run(["set", id, "contact=algoritmes@example.org"], db: db).code == 0)
        }
        let export = try CLI.run(["export", "-o", "algoritmeregister"], db: db)
        #expect(export.code == 0, "\(export.err)")
        let objects = try ImportTests.json(export.out) as? [[String: Any]] ?? []
        #expect(objects.count == (try Self.all(db)).count)
        // Multi-paragraph fields are really in it.
        #expect(objects.contains { ($0["source_data"] as? String ?? "").contains("\n") })
        #expect(objects.contains { ($0["human_intervention"] as? String ?? "").contains("\n") })
        let file = t.write("register.json", export.out)

        let empty = t.file("empty.db")
        let imported = try CLI.run(["import", "algoritmeregister", file], db: empty)
        #expect(imported.code == 0, "\(imported.err)")
        let again = try CLI.run(["export", "-o", "algoritmeregister"], db: empty)
        #expect(again.code == 0, "\(again.err)")
        #expect(again.out == export.out)
        if again.out != export.out {
            let a = export.out.split(separator: "\n"), b = again.out.split(separator: "\n")
            if let i = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(i):\n\(a[i])\n\(b[i])")
            }
        }
        // And once more: the second export imported exports the same again.
        let count = try ImportTests.auditCount(empty)
        let twice = try CLI.run(["import", "algoritmeregister", file], db: empty)
        #expect(twice.code == 0 && !ImportTests.wrote(twice.out), "\(twice.out)\(twice.err)")
        #expect(try ImportTests.auditCount(empty) == count)
    }

    /// `--owner` fills an empty organisation; without it the error says so. A missing contact
    /// stays empty and INV-001 flags it. Register codes are read case-insensitively.
    @Test func templatesImportWithWhatThePersonSupplies() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let file = Self.dir + "/zivver.json"
        let refused = try CLI.run(["import", "algoritmeregister", file], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("zivver.json:[0].organization: required by the Algorithm Register, missing") && refused.err.contains("--owner"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: db))

        let r = try CLI.run(["import", "algoritmeregister", file, "--owner", "Gemeente Utrecht"], db: db)
        #expect(r.code == 0, "\(r.err)")
        let s = try Self.all(db).first ?? [:]
        #expect(s["owner"] as? String == "Gemeente Utrecht")
        #expect(s["contact"] == nil)
        let check = try CLI.run(["check", "-o", "json"], db: db)
        #expect(check.out.contains("INV-001"), "\(check.out)")

        let mixed = t.write("case.json", """
            {"name": "Parkeerscan", "organization": "Gemeente X", "description_short": "Scant kentekens.",
             "status": "in gebruik", "publication_category": "impactvolle algoritmes", "category": ["verkeer"],
             "lang": "NLD", "standard_version": "1.0", "source_id": "",
             "lawful_basis_grouping": [{"title": "", "link": ""}], "contact_email": "a@example.org"}
            """)
        let m = try CLI.run(["import", "algoritmeregister", mixed], db: db)
        #expect(m.code == 0, "\(m.err)")
        let p = try Self.all(db).first { $0["name"] as? String == "Parkeerscan" } ?? [:]
        #expect(p["status"] as? String == "production")
        #expect((p["tags"] as? [String] ?? []).contains("Verkeer"))
        #expect(!ImportTests.list(p, "evidence").contains { ($0["title"] as? String ?? "").hasPrefix("Legal basis") })
    }
}
