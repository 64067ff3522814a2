import AIGovCore
import Testing
@testable import AIGovRules

/// Every built-in rule, firing and not firing at its boundaries.
@Suite struct RuleTests {
    @Test(arguments: RuleCase.all)
    func ruleCase(_ c: RuleCase) throws {
        let s = c.system
        let found = run(c.rule, s)
        #expect(found.map(\.path) == c.paths)
        for f in found {
            #expect(f.rule == c.rule)
            #expect(f.system == s.id)
            #expect(f.status == .open)
            #expect(f.severity == c.severity)
            #expect(f.message.hasPrefix(s.id + ": "))
            #expect(f.severity <= RuleCatalog.rule(id: c.rule)!.worstSeverity(for: s))
        }
        // A retired system yields nothing, whatever its record says.
        var retired = s
        retired.status = .retired
        #expect(run(c.rule, retired).isEmpty)
        #expect(!RuleCatalog.rule(id: c.rule)!.applies(to: retired, context: context))
    }

    /// Evidence a high-risk provider must keep: missing → fires; deployer or not high-risk → quiet.
    @Test(arguments: [
        ("HRP-001", EvidenceKind.riskAssessment), ("HRP-002", .technicalDocumentation), ("HRP-003", .instructionsForUse),
        ("HRP-004", .qms), ("HRP-008", .postMarketPlan), ("HRP-009", .loggingPolicy), ("HRP-010", .testReport),
    ])
    func providerEvidence(_ rule: String, _ kind: EvidenceKind) {
        var s = Clean.provider
        s.evidence.removeAll { $0.kind == kind }
        let found = run(rule, s)
        #expect(found.map(\.path) == ["evidence"])
        #expect(found.first?.severity == .high)
        #expect(found.first?.message.contains(kind.rawValue) == true)

        s.status = .proposed
        #expect(run(rule, s).count == 1, "scope does not depend on status")
        s.euAiAct?.role = .productManufacturer
        #expect(run(rule, s).count == 1)
        s.euAiAct?.role = .deployer
        #expect(run(rule, s).isEmpty)
        s.euAiAct?.role = .provider
        s.euAiAct?.tier = .limited
        #expect(run(rule, s).isEmpty)
        s.euAiAct?.tier = .high
        s.status = .retired
        #expect(run(rule, s).isEmpty)
    }

    @Test func everyRuleHasFiringAndQuietCases() {
        let covered = Set(RuleCase.all.map(\.rule))
        let evidenceRules: Set = ["HRP-001", "HRP-002", "HRP-003", "HRP-004", "HRP-008", "HRP-009", "HRP-010"]
        // INC rules read incidents from the context, not the record: IncidentRuleTests covers them.
        for rule in RuleCatalog.builtIn where !evidenceRules.contains(rule.id) && !(rule is IncidentRule) {
            #expect(covered.contains(rule.id), "\(rule.id) has no cases")
            #expect(RuleCase.all.contains { $0.rule == rule.id && !$0.paths.isEmpty }, "\(rule.id) never fires")
            #expect(RuleCase.all.contains { $0.rule == rule.id && $0.paths.isEmpty }, "\(rule.id) never stays quiet")
        }
    }

    @Test func primaryModelsFollowTheTerms() {
        var s = Clean.deployer
        #expect(s.primaryModelIndices == [0])
        s.models[0].role = nil
        s.models[1].role = nil
        #expect(s.primaryModelIndices == [0])
        s.models[1].role = .component
        #expect(s.primaryModelIndices == [])
        s.models = []
        #expect(s.primaryModelIndices == [])
    }

    @Test(arguments: [
        (String?.none, true), ("", true), ("  ", true), ("latest", true), ("Latest", true), ("LATEST", true),
        ("1.0", false), ("latest-1", false), ("2026-06-01", false),
    ])
    func unpinned(_ version: String?, _ expected: Bool) {
        #expect(version.isUnpinned == expected)
    }

    @Test func staleIsStrictlyMoreThanNDays() {
        #expect(!context.isStale(today.adding(days: -180), days: 180))
        #expect(context.isStale(today.adding(days: -181), days: 180))
        #expect(!context.isStale(today, days: 0))
        #expect(context.isStale(today.adding(days: -1), days: 0))
    }
}

/// The fast text checks in AIGovRules agree with the definitions they speed up.
@Suite struct TermTests {
    @Test(arguments: ["", " ", "\t\n", "\u{00A0}", " \u{2003} ", "x", " x ", "é", "\u{00A0}a", "latest", "unknown"])
    func emptyTextMatchesIsBlank(_ text: String) {
        #expect(text.isEmptyText == text.isBlank)
    }

    @Test(arguments: [
        ("unknown", true), ("UNKNOWN", true), (" Unknown\t", true), ("\u{00A0}unknown", true),
        ("unknowns", false), ("unk", false), ("", false), ("unknöwn", false),
    ])
    func word(_ text: String, _ expected: Bool) {
        #expect(text.isWord("unknown") == expected)
        #expect(text.isUnknown == expected)
    }

    @Test func sameVendorName() {
        #expect("BigLab AI".sameName(as: "biglab ai "))
        #expect(!"BigLab AI".sameName(as: "BigLab"))
    }
}
