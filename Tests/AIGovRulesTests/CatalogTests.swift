import AIGovCore
import Testing
@testable import AIGovRules

/// The catalog against the tables of RULES.md: ids, references and obligation groups.
@Suite struct CatalogTests {
    /// (id, reference, group column) as written in RULES.md; FBK, MOD and REV have no group column (ops).
    static let table: [(String, String, String)] = [
        ("INV-001", "ISO/IEC 42001 A.3.2", "ops"), ("INV-002", "Art. 6", "ops"), ("INV-003", "Art. 6(4)", "ops"),
        ("INV-004", "Art. 5", "art5"), ("INV-005", "Art. 6(2)", "ops"), ("INV-006", "Art. 6(3)", "ops"),
        ("INV-007", "Art. 6(4)", "ops"), ("INV-008", "Art. 6(1)", "ops"),
        ("INV-009", "Art. 5(1)(f)(g), Annex III 1", "ops"), ("INV-010", "Art. 3(12)", "ops"),
        ("INV-011", "Art. 6", "ops"), ("INV-012", "Art. 3(1)", "ops"),
        ("INV-013", "Art. 111(2)", "ops"), ("INV-014", "Art. 2(2)", "ops"),
        ("HRP-001", "Art. 9", "hr"), ("HRP-002", "Art. 11, Annex IV", "hr"), ("HRP-003", "Art. 13", "hr"),
        ("HRP-004", "Art. 17", "hr"), ("HRP-005", "Art. 43", "hr"), ("HRP-006", "Art. 47–48", "hr"),
        ("HRP-007", "Art. 49", "hr"), ("HRP-008", "Art. 72", "hr"), ("HRP-009", "Art. 12, 19", "hr"),
        ("HRP-010", "Art. 15", "hr"), ("HRP-011", "Art. 10", "hr"),
        ("HRD-001", "Art. 27(1)", "hr"), ("HRD-002", "Art. 26(1)", "hr"), ("HRD-003", "Art. 26(6)", "hr"),
        ("HRD-004", "Art. 26(7)", "hr"), ("HRD-005", "Art. 26(8), 49(3)", "hr"),
        ("OVR-001", "Art. 14", "hr"), ("OVR-002", "Art. 14(4)(e)", "hr"), ("OVR-003", "Art. 14(4)(d)", "ops"),
        ("OVR-004", "Art. 14", "ops"), ("OVR-005", "Art. 26(2)", "ops"), ("OVR-006", "NIST AI RMF Manage 2.4", "ops"),
        ("FBK-001", "Art. 15(4)", "ops"), ("FBK-002", "vendor concentration; NIST AI RMF Govern 6.2", "ops"),
        ("FBK-003", "Art. 14(4)(d); NIST AI RMF Manage 2.4", "ops"), ("FBK-004", "NIST AI RMF Manage 2.3", "ops"),
        ("FBK-005", "NIST AI RMF Manage 2.3", "ops"), ("FBK-006", "record integrity", "ops"),
        ("FBK-007", "ISO/IEC 42001 A.6.2.6", "ops"), ("FBK-008", "NIST AI RMF Manage 3.1", "ops"),
        ("MOD-001", "Annex IV 1", "ops"), ("MOD-002", "Annex IV 1(c)", "ops"), ("MOD-003", "NIST AI RMF Manage 3.1", "ops"),
        ("MOD-004", "ISO/IEC 42001 A.10.3", "ops"), ("MOD-005", "smallest effective model", "ops"),
        ("MOD-006", "vendor exit", "ops"), ("MOD-007", "vendor exit; Art. 25(4)", "ops"),
        ("DAT-001", "Art. 10(2)(b)", "ops"), ("DAT-002", "ISO/IEC 42001 A.7.5", "ops"), ("DAT-003", "GDPR Art. 6", "gdpr"),
        ("DAT-004", "GDPR Art. 9, 35", "gdpr"), ("DAT-005", "GDPR Art. 35; Art. 26(9)", "gdpr"),
        ("DAT-006", "Art. 10(2)(h)", "hr"), ("DAT-007", "record integrity", "ops"),
        ("TRN-001", "Art. 50(1)", "art50"), ("TRN-002", "Art. 50(2)", "art50"), ("TRN-003", "Art. 50(3)(4)", "art50"),
        ("TRN-004", "Art. 86; Art. 13(3)(b)", "ops"), ("TRN-005", "Art. 27(1)(c)", "ops"), ("TRN-006", "NIST AI RMF Govern 5.1", "ops"),
        ("TRN-007", "Art. 86; GDPR Art. 22(3)", "ops"),
        ("RSK-001", "Art. 9(2)(a); NIST AI RMF Map 5.1", "ops"), ("RSK-002", "Art. 9(2)(d)", "ops"),
        ("MET-001", "Art. 15(3)", "hr"),
        ("REV-001", "Art. 9(2)", "ops"), ("REV-002", "Art. 9(2)", "ops"), ("REV-003", "Art. 9(2)", "ops"),
        ("CLS-001", "Art. 6", "ops"), ("CLS-002", "Art. 6(4)", "ops"), ("CLS-003", "Art. 6(4)", "ops"),
        ("CLS-004", "Art. 3(1), Art. 6", "ops"), ("CLS-005", "Art. 6(4)", "ops"), ("CLS-006", "Art. 9(2)", "ops"),
        ("CLS-007", "Art. 49(2)", "hr3"),
        // OPERATIONS.md.
        ("FRI-001", "Art. 27(3)", "hr"), ("FRI-002", "Art. 27(1)", "hr"), ("FRI-003", "Art. 27(2) (the article asks for an update when an element changed; a review date is aigov practice)", "hr"),
        ("INC-001", "Art. 73", "hr"), ("INC-002", "Art. 26(5)", "hr"), ("INC-003", "Art. 73", "hr"),
        ("INC-004", "Art. 20", "ops"),
    ]

    @Test func idsInDocumentOrder() {
        #expect(RuleCatalog.builtIn.map(\.id) == Self.table.map(\.0))
        #expect(RuleCatalog.builtIn.count == 85)
    }

    @Test(arguments: table)
    func matchesRulesMd(_ id: String, _ reference: String, _ group: String) throws {
        let rule = try #require(RuleCatalog.builtIn.first { $0.id == id })
        #expect(rule.reference == reference)
        #expect(rule.obligation.text == group)
        for text in [rule.title, rule.appliesWhen, rule.firesWhen, rule.severityText, rule.remediation] {
            #expect(!text.isBlank)
            #expect(!text.contains("\n"))
        }
    }

    @Test func lookupIsCaseInsensitive() {
        #expect(RuleCatalog.rule(id: "FBK-002")?.id == "FBK-002")
        #expect(RuleCatalog.rule(id: "fbk-002")?.id == "FBK-002")
        #expect(RuleCatalog.rule(id: "XYZ-001") == nil)
    }

    @Test func highRiskGroupFollowsAnnexIProduct() {
        var s = Clean.deployer
        let rule = RuleCatalog.rule(id: "HRD-001")!
        #expect(rule.group(for: s) == .hr3)
        s.euAiAct?.annexIProduct = true
        #expect(rule.group(for: s) == .hr1)
        #expect(RuleCatalog.rule(id: "INV-004")!.group(for: s) == .art5)
        #expect(RuleCatalog.rule(id: "TRN-002")!.group(for: s) == .art50)
        #expect(RuleCatalog.rule(id: "DAT-003")!.group(for: s) == .gdpr)
    }

    /// Only INV-004 and TRN-002 pick a group from the record (RULES.md, "When obligations apply").
    @Test func recordGroups() {
        for rule in RuleCatalog.builtInRules {
            switch rule.id {
            case "INV-004": #expect(rule.recordGroups == [.art5of2026])
            case "TRN-002": #expect(rule.recordGroups == [.art50Legacy])
            default: #expect(rule.recordGroups.isEmpty, "\(rule.id)")
            }
            #expect(rule.recordGroups.allSatisfy { $0.base == rule.obligation.group(for: Clean.minimal) })
        }
    }

    @Test func severityTexts() {
        #expect(RuleCatalog.rule(id: "FBK-002")!.severityText == "high if high-risk, else medium")
        #expect(RuleCatalog.rule(id: "INV-002")!.severityText == "critical if active, else high")
        #expect(RuleCatalog.rule(id: "MOD-006")!.severityText == "info")
    }

    @Test func worstSeverities() {
        let minimal = Clean.minimal, deployer = Clean.deployer
        #expect(RuleCatalog.rule(id: "FBK-002")!.worstSeverity(for: minimal) == .medium)
        #expect(RuleCatalog.rule(id: "FBK-002")!.worstSeverity(for: deployer) == .high)
        #expect(RuleCatalog.rule(id: "MOD-003")!.worstSeverity(for: deployer) == .critical)
        var pilot = deployer
        pilot.status = .pilot
        #expect(RuleCatalog.rule(id: "MOD-003")!.worstSeverity(for: pilot) == .high)
        #expect(RuleCatalog.rule(id: "HRP-005")!.worstSeverity(for: pilot) == .high)
        #expect(RuleCatalog.rule(id: "INV-002")!.worstSeverity(for: pilot) == .critical)
    }
}
