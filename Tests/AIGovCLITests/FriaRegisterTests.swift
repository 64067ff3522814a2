import Foundation
import Testing

/// `aigov fria` and `aigov register` end to end (OPERATIONS.md): the real binary on a real
/// registry file, records with a `classification` block as in CLASSIFY.md's examples.
@Suite struct FriaRegisterTests {
    static let today = ["--today", "2026-11-30"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static let riskBlock = """
        risks:
          - description: Applicants with irregular income are flagged more often than others
            severity: high
            mitigation: A flag is never a reason for refusal on its own

        """

    /// A municipality's eligibility check: Annex III point 5(a), public-body deployer.
    static func benefit(risks: Bool = true) -> String {
        """
        id: benefit-eligibility
        name: Social assistance eligibility pre-check
        purpose: Flag applications whose income data suggests they are not eligible, for a case worker to review
        owner: social-services
        contact: sociaal-domein@example.org
        status: production
        legal_basis: Participatiewet art. 11
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: essential-services
          profiling: true
          public_body: true
          rationale: Annex III 5(a), evaluates eligibility for public assistance benefits
        impact:
          affected_groups: [applicants for social assistance, household members, applicants with limited Dutch]
          appeal: Objection (bezwaar) within six weeks; the objections committee re-examines the case
        review:
          last_reviewed: 2026-10-01
          interval_days: 365
          reviewer: privacy board
        models:
          - name: eligibility-gbm
            provider: Kommunal-IT
            version: "2026.2"
            role: primary
            hosting: self-hosted
        oversight:
          - type: human-in-the-loop
            mechanism: A case worker reviews every flagged application and decides
            who: case worker
            can_stop: true
        fallbacks:
          - trigger: model-failure
            strategy: manual-process
            uses_ai: false
            target: every application assessed by hand
            owner: social-services
        \(risks ? riskBlock : "")fria:
          performed: 2026-10-01
          process: Intake of social assistance applications; the check orders the case workers' queue
          period_and_frequency: Every new application, continuously from 2026
          notified: 2026-10-08
          authority: Rijksinspectie Digitale Infrastructuur
          next_review: 2027-10-01
        classification:
          questionnaire: "2026-07"
          assessed: 2026-10-01
          assessor: privacy-officer@example.org
          answers:
            ai_system: yes
            excluded: []
            prohibited: []
            annex_i: {legislation: []}
            annex_iii: [5a]
            profiling: true
            art6_3: []
            transparency: []
            gpai: false
            public_authority: true
            public_service: false
        """
    }

    @Test func friaDraftsAllSixSectionsAndNamesAnEmptyOne() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let file = t.write("benefit.yaml", Self.benefit())
        let a = try CLI.run(["apply", "-f", file], db: db)
        #expect(a.code == 0, "\(a.err)")
        let r = try CLI.run(["fria", "benefit-eligibility", "-o", "json"] + Self.today, db: db)
        #expect(r.code == 0, "\(r.err)")
        let obj = try Self.json(r.out)
        #expect(obj["required"] as? Bool == true)
        #expect(obj["basis"] as? String == "classification")
        #expect(obj["performed"] as? String == "2026-10-01" && obj["notified"] as? String == "2026-10-08")
        #expect(obj["authority"] as? String == "Rijksinspectie Digitale Infrastructuur")
        #expect(obj["dpia_reference"] is NSNull)
        #expect(obj["next_review"] as? String == "2027-10-01" && obj["review_overdue"] as? Bool == false)
        let sections = try #require(obj["sections"] as? [[String: Any]])
        #expect(sections.map { $0["letter"] as? String } == ["a", "b", "c", "d", "e", "f"])
        #expect(sections.allSatisfy { $0["filled"] as? Bool == true })
        func items(_ i: Int) -> [String] { sections[i]["items"] as? [String] ?? [] }
        #expect(items(0) == ["Intake of social assistance applications; the check orders the case workers' queue"])
        #expect(items(2).contains("applicants with limited Dutch"))
        #expect(items(3).first?.hasPrefix("Applicants with irregular income") == true)
        #expect(items(4).first?.contains("A case worker reviews every flagged application") == true)
        #expect(items(5).first?.contains("every application assessed by hand") == true)
        #expect(items(5).contains { $0.hasPrefix("Complaints: Objection") })
        #expect(sections[5]["paths"] as? [String] == ["fallbacks", "impact.appeal", "review"])
        #expect((obj["missing"] as? [Any])?.isEmpty == true && obj["complete"] as? Bool == true)

        // Markdown says the same thing.
        let md = try CLI.run(["fria", "benefit-eligibility", "-o", "md"] + Self.today, db: db)
        #expect(md.code == 0)
        #expect(md.out.contains("## (d) Specific risks of harm") && md.out.contains("Every section (a)–(f) has content."))

        // Emptying `risks` names section (d); the command still exits 0 (a draft).
        _ = t.write("benefit.yaml", Self.benefit(risks: false))
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let e = try CLI.run(["fria", "benefit-eligibility", "-o", "json"] + Self.today, db: db)
        #expect(e.code == 0, "\(e.err)")
        let emptied = try Self.json(e.out)
        #expect(emptied["missing"] as? [[String: String]] == [["section": "d", "path": "risks"]])
        #expect(emptied["complete"] as? Bool == false)
        let d = try #require((emptied["sections"] as? [[String: Any]])?[3])
        #expect(d["filled"] as? Bool == false && (d["items"] as? [Any])?.isEmpty == true)
        let emptiedMd = try CLI.run(["fria", "benefit-eligibility", "-o", "md"] + Self.today, db: db)
        #expect(emptiedMd.out.contains("**Missing:** (d) `risks`"))

        // The rules agree: FRI-002 names the same path.
        let check = try CLI.run(["check", "benefit-eligibility", "-o", "json", "--fail-on", "critical"] + Self.today, db: db)
        let findings = try #require(try Self.json(check.out)["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["rule"] as? String == "FRI-002" }.map { $0["path"] as? String } == ["risks"])
        #expect(!findings.contains { $0["rule"] as? String == "FRI-001" })
    }

    @Test func friaReadsFilesAndRejectsUnknownSystems() throws {
        let t = TempDir()
        let file = t.write("benefit.yaml", Self.benefit())
        let r = try CLI.run(["fria", "benefit-eligibility", "-f", file, "-o", "json"] + Self.today)
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.json(r.out)["complete"] as? Bool == true)
        #expect(try CLI.run(["fria", "nope", "-f", file, "-o", "json"]).code == 2)
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let unknown = try CLI.run(["fria", "nope"], db: db)
        #expect(unknown.code == 2 && unknown.err.contains("nope"))
        #expect(try CLI.run(["fria", "benefit-eligibility", "-o", "yaml"], db: db).code == 2)
        #expect(try CLI.run(["fria", "benefit-eligibility", "--today", "soon"], db: db).code == 2)
    }

    /// A provider's CV ranking: Annex III point 4(a) with profiling, high-risk → Section A.
    static func ranker(complete: Bool) -> String {
        var text = """
            id: cv-ranker
            name: CV ranking service
            purpose: Rank job applications for recruiters by fit with the vacancy
            owner: people-analytics
            contact: people-analytics@example.com
            status: production
            eu_ai_act:
              role: provider
              tier: high
              annex_iii: employment
              profiling: true
              rationale: Annex III point 4(a) with profiling
            models:
              - name: cv-encoder
                provider: internal
                technique: deep-learning
                version: "4.1"
                role: primary
            classification:
              questionnaire: "2026-07"
              assessed: 2026-10-20
              assessor: compliance@example.com
              role: provider
              answers:
                ai_system: yes
                annex_iii: [4a]
                profiling: true
                art6_3: []
                gpai: false

            """
        if complete {
            text += """
                datasets:
                  - name: hiring-outcomes-2020-2025
                    source: applicant tracking system export
                    purpose: [training, validation]
                evidence:
                  - kind: conformity-declaration
                    title: EU declaration of conformity, CV ranking 4.1
                    uri: https://docs.example.com/doc-4.1.pdf
                registration:
                  organisation: Example Talent Software B.V.
                  address: Keizersgracht 1, 1015 AA Amsterdam, NL
                  trade_name: TalentRank
                  reference: TR-4.1
                  member_states: [NL, DE, BE]
                  instructions_url: https://docs.example.com/talentrank/ifu

                """
        }
        return text
    }

    @Test func sectionAForAnAnnexIII4aProvider() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let file = t.write("ranker.yaml", Self.ranker(complete: false))
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let r = try CLI.run(["register", "cv-ranker", "-o", "json"] + Self.today, db: db)
        #expect(r.code == 1, "missing items: exit 1\n\(r.err)")
        #expect(r.err.contains("registration.trade_name"))
        var obj = try Self.json(r.out)
        #expect(obj["registration"] as? String == "A" && obj["section"] as? String == "A" && obj["restricted"] as? Bool == false)
        #expect(obj["basis"] as? String == "classification")
        var items = try #require(obj["items"] as? [[String: Any]])
        #expect(items.map { $0["point"] as? String } == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"])
        let missing = try #require(obj["missing"] as? [[String: String]])
        #expect(missing.map { $0["path"] ?? "" } == [
            "registration.organisation", "registration.address", "registration.trade_name", "datasets",
            "registration.member_states", "evidence(conformity-declaration)", "registration.instructions_url",
        ])
        #expect(missing.first?["point"] == "1")
        #expect(items[4]["value"] as? String == "Rank job applications for recruiters by fit with the vacancy. Components: cv-encoder (internal, version 4.1, primary)")
        #expect(items[6]["value"] as? String == "on the market / in service (status production)")
        #expect(items[7]["status"] as? String == "not-applicable")

        _ = t.write("ranker.yaml", Self.ranker(complete: true))
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let ok = try CLI.run(["register", "cv-ranker", "-o", "json"] + Self.today, db: db)
        #expect(ok.code == 0, "\(ok.out)\(ok.err)")
        obj = try Self.json(ok.out)
        #expect(obj["complete"] as? Bool == true && (obj["missing"] as? [Any])?.isEmpty == true)
        items = try #require(obj["items"] as? [[String: Any]])
        #expect(items.allSatisfy { ["filled", "not-applicable"].contains($0["status"] as? String ?? "") })
        #expect(items[0]["value"] as? String == "Example Talent Software B.V.; Keizersgracht 1, 1015 AA Amsterdam, NL; people-analytics@example.com")
        #expect(items[3]["value"] as? String == "TalentRank (reference: TR-4.1)")
        // Points 8 and 9 (the certificate, and its scanned copy when applicable) stand apart.
        #expect(items[7]["point"] as? String == "8" && items[8]["point"] as? String == "9")
        #expect(items[9]["value"] as? String == "NL, DE, BE")
        #expect((items[10]["value"] as? String)?.hasPrefix("EU declaration of conformity, CV ranking 4.1") == true)
        #expect(items[11]["value"] as? String == "https://docs.example.com/talentrank/ifu")
        let md = try CLI.run(["register", "cv-ranker", "-o", "md"] + Self.today, db: db)
        #expect(md.code == 0 && md.out.contains("| A.4 | Trade name") && md.out.contains("Every item to be filed is filled."))
    }

    @Test func anArt63ExemptProviderGetsSectionB() throws {
        let t = TempDir()
        let file = t.write("router.yaml", """
            id: claims-router
            name: Claim document router
            purpose: Sort incoming life-insurance claim documents into the handling queue they belong to
            owner: claims-platform
            contact: claims-platform@example.com
            status: production
            eu_ai_act:
              role: provider
              tier: minimal
              annex_iii: essential-services
              art6_3_exemption: true
              art6_3_reason: Preparatory task (Art. 6(3)(d)); the claims handler makes the assessment
              profiling: false
              rationale: Document routing only
            registration:
              organisation: Example Insurance SE
              address: Example Street 1, Munich, DE
              trade_name: ClaimSort
              member_states: [DE, AT]
            classification:
              questionnaire: "2026-07"
              assessed: 2026-09-20
              assessor: compliance@example.com
              answers:
                ai_system: yes
                annex_iii: [5c]
                profiling: false
                art6_3: [d]
                gpai: false
            """)
        let r = try CLI.run(["register", "claims-router", "-f", file, "-o", "json"] + Self.today)
        #expect(r.code == 0, "\(r.out)\(r.err)")
        let obj = try Self.json(r.out)
        #expect(obj["registration"] as? String == "B" && obj["section"] as? String == "B")
        let items = try #require(obj["items"] as? [[String: Any]])
        // Annex VIII Section B as Regulation (EU) 2026/1744 left it: points 7 (summary of the
        // grounds) and 9 (member states) deleted.
        #expect(items.map { $0["point"] as? String } == ["1", "2", "3", "4", "5", "6", "8"])
        #expect(items[5]["value"] as? String == "Art. 6(3)(d)")
        for format in ["json", "md"] {
            let out = try CLI.run(["register", "claims-router", "-f", file, "-o", format] + Self.today).out.lowercased()
            #expect(!out.contains("summary of the grounds"), "\(format)")
            #expect(!out.contains("member state"), "\(format)")
        }
    }

    @Test func aPoint6SystemGetsARestrictedEntry() throws {
        let t = TempDir()
        let file = t.write("risk.yaml", """
            id: reoffending-risk
            name: Reoffending risk assessment
            purpose: Assess the risk that a suspect offends again, for the investigating officer
            owner: police-analytics
            contact: analytics@police.example.org
            status: pilot
            eu_ai_act:
              role: provider
              tier: high
              annex_iii: law-enforcement
              profiling: false
              rationale: Annex III point 6(d)
            models:
              - name: risk-model
                provider: internal
            registration:
              organisation: Example Police Analytics Unit
              address: Example Square 2, Example City, NL
              trade_name: RiskView
              member_states: [NL]
            classification:
              questionnaire: "2026-07"
              assessed: 2026-09-01
              assessor: dpo@police.example.org
              answers:
                ai_system: yes
                annex_iii: [6d]
                profiling: false
                art6_3: []
                gpai: false
            """)
        let r = try CLI.run(["register", "reoffending-risk", "-f", file, "-o", "json"] + Self.today)
        #expect(r.code == 0, "points 6, 8–9, 11, 12 and 13 are not entered; the rest is filled\n\(r.out)\(r.err)")
        let obj = try Self.json(r.out)
        #expect(obj["registration"] as? String == "A-restricted" && obj["restricted"] as? Bool == true)
        #expect((obj["note"] as? String)?.contains("secure non-public section") == true)
        let items = try #require(obj["items"] as? [[String: Any]])
        #expect(items.filter { $0["status"] as? String == "not-entered" }.map { $0["point"] as? String } == ["6", "8", "9", "11", "12", "13"])
    }

    @Test func aSystemWithNothingToRegisterSaysSo() throws {
        let t = TempDir()
        let file = t.write("tool.yaml", """
            id: note-taker
            name: Meeting notes
            owner: it
            status: production
            eu_ai_act:
              role: deployer
              tier: minimal
              rationale: Summarises meetings for the attendees
            """)
        let r = try CLI.run(["register", "note-taker", "-f", file, "-o", "json"] + Self.today)
        #expect(r.code == 0)
        let obj = try Self.json(r.out)
        #expect(obj["registration"] as? String == "none" && obj["section"] is NSNull && (obj["items"] as? [Any])?.isEmpty == true)
        let md = try CLI.run(["register", "note-taker", "-f", file, "-o", "md"] + Self.today)
        #expect(md.code == 0 && md.out.contains("No EU database registration is due"))
        let fria = try CLI.run(["fria", "note-taker", "-f", file, "-o", "json"] + Self.today)
        let friaObj = try Self.json(fria.out)
        #expect(fria.code == 0 && friaObj["required"] as? Bool == false)
    }

    @Test func thePackCarriesDraftsAndEntries() throws {
        let t = TempDir()
        let db = t.file("r.db")
        _ = t.write("in/benefit.yaml", Self.benefit())
        _ = t.write("in/ranker.yaml", Self.ranker(complete: false))
        #expect(try CLI.run(["apply", "-f", t.file("in")], db: db).code == 0)
        let pack = t.file("pack")
        let w = try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db)
        #expect(w.code == 0, "\(w.err)")
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)
        let manifest = try Self.json(String(contentsOfFile: pack + "/manifest.json", encoding: .utf8))
        let paths = (manifest["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths.contains("operations.html") && paths.contains("operations.json"))
        let ops = try Self.json(String(contentsOfFile: pack + "/operations.json", encoding: .utf8))
        #expect((ops["fria"] as? [[String: Any]])?.map { $0["system"] as? String } == ["benefit-eligibility"])
        #expect((ops["registrations"] as? [[String: Any]])?.map { $0["system"] as? String } == ["benefit-eligibility", "cv-ranker"])
        let html = try String(contentsOfFile: pack + "/operations.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("id=\"fria-benefit-eligibility\"") && html.contains("id=\"registration-cv-ranker\""))
        #expect(!html.contains("href=\"http"), "record URLs are text, never links")
        for tag in ["table", "section", "dl", "ul", "html", "body"] {
            #expect(html.components(separatedBy: "<\(tag)").count == html.components(separatedBy: "</\(tag)>").count, "<\(tag)>")
        }
        let index = try String(contentsOfFile: pack + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"operations.html\""))
    }

    @Test func theDemoHasACompleteAndAnUnnotifiedAssessment() throws {
        let t = TempDir()
        let db = t.file("demo.db")
        #expect(try CLI.run(["demo", "--db", db, "-o", "json"]).code == 0)
        let housing = try Self.json(try CLI.run(["fria", "housing-benefit-precheck", "-o", "json"] + Self.today, db: db).out)
        #expect(housing["complete"] as? Bool == true && housing["notified"] as? String != nil)
        let entry = try CLI.run(["register", "housing-benefit-precheck", "-o", "json"] + Self.today, db: db)
        #expect(entry.code == 0, "\(entry.out)")
        let check = try CLI.run(["check", "-o", "json", "--fail-on", "critical"] + Self.today, db: db)
        let findings = try #require(try Self.json(check.out)["findings"] as? [[String: Any]])
        let fri = findings.filter { ($0["rule"] as? String)?.hasPrefix("FRI-") == true }
        #expect(fri.map { "\($0["rule"] as? String ?? "") \($0["system"] as? String ?? "")" } == ["FRI-001 citizen-assistant"])
    }
}
