import AIGovCore
import Testing
@testable import AIGovRules

/// FRI-001 … FRI-003 (OPERATIONS.md): the impact assessment once it has been carried out.
@Suite struct FriaRuleTests {
    /// loan-scoring with a complete assessment, notified, review ahead of today.
    static let assessed: AISystem = {
        var s = Clean.deployer
        var f = FRIA()
        f.performed = day("2026-09-01")
        f.process = "Consumer credit applications in the retail bank's underwriting"
        f.periodAndFrequency = "Every application, continuously from 2026"
        f.notified = day("2026-09-10")
        f.authority = "Market surveillance authority"
        f.nextReview = day("2027-09-01")
        s.fria = f
        return s
    }()

    @Test func quietOnACompleteNotifiedAssessment() {
        for id in ["FRI-001", "FRI-002", "FRI-003"] {
            #expect(run(id, Self.assessed).isEmpty, "\(id)")
        }
    }

    @Test func quietWithoutAnAssessment() {
        var s = Clean.deployer
        s.fria = nil
        s.risks = []
        for id in ["FRI-001", "FRI-002", "FRI-003"] {
            #expect(run(id, s).isEmpty, "\(id) applies only when fria.performed is set")
            #expect(!RuleCatalog.rule(id: id)!.applies(to: s, context: context))
        }
        // A block without `performed` (a draft in progress) is not yet an assessment.
        s.fria = FRIA()
        s.fria?.process = "drafting"
        for id in ["FRI-001", "FRI-002", "FRI-003"] { #expect(run(id, s).isEmpty) }
    }

    @Test func fri001FiresWhenNotNotified() {
        var s = Self.assessed
        s.fria?.notified = nil
        let found = run("FRI-001", s)
        #expect(found.map(\.path) == ["fria.notified"])
        #expect(found.first?.severity == .high)
        #expect(found.first?.reference == "Art. 27(3)")
        #expect(found.first?.message.hasPrefix("loan-scoring: ") == true)
        // Retired systems yield nothing.
        s.status = .retired
        #expect(run("FRI-001", s).isEmpty)
    }

    @Test func fri002NamesEachEmptySection() {
        var s = Self.assessed
        s.fria?.process = "  "
        s.fria?.periodAndFrequency = nil
        s.impact?.affectedGroups = [" "]
        s.risks = []
        s.oversight = []
        s.fallbacks = []
        let found = run("FRI-002", s)
        #expect(found.map(\.path) == ["fria.process", "fria.period_and_frequency", "impact.affected_groups", "risks", "oversight", "fallbacks"])
        #expect(found.allSatisfy { $0.severity == .medium && $0.reference == "Art. 27(1)" })
        #expect(found[3].message.contains("(d)"))

        var one = Self.assessed
        one.risks = []
        #expect(run("FRI-002", one).map(\.path) == ["risks"])
        one.impact = nil
        #expect(run("FRI-002", one).map(\.path) == ["impact.affected_groups", "risks"])
    }

    @Test func fri003FiresOnceTheReviewDateHasPassed() {
        var s = Self.assessed
        s.fria?.nextReview = today
        #expect(run("FRI-003", s).isEmpty, "due today is not overdue")
        s.fria?.nextReview = today.adding(days: -1)
        let found = run("FRI-003", s)
        #expect(found.map(\.path) == ["fria.next_review"])
        #expect(found.first?.severity == .medium)
        #expect(found.first?.reference.hasPrefix("Art. 27(2) (the article asks for an update") == true)
        s.fria?.nextReview = nil
        #expect(run("FRI-003", s).isEmpty, "no review date set: nothing to hold against today")
    }

    @Test func catalogRows() throws {
        for (id, ref) in [("FRI-001", "Art. 27(3)"), ("FRI-002", "Art. 27(1)"), ("FRI-003", "Art. 27(2) (the article")] {
            let rule = try #require(RuleCatalog.rule(id: id))
            #expect(rule.reference.hasPrefix(ref))
            #expect(rule.obligation.text == "hr")
            #expect(rule.group(for: Self.assessed) == .hr3)
            for text in [rule.title, rule.appliesWhen, rule.firesWhen, rule.severityText, rule.remediation] {
                #expect(!text.isBlank && !text.contains("\n"))
            }
        }
    }

    @Test func sectionsReadTheRecord() {
        #expect(FRIASection.allCases.map(\.path)
            == ["fria.process", "fria.period_and_frequency", "impact.affected_groups", "risks", "oversight", "fallbacks"])
        #expect(FRIASection.f.sources == ["fallbacks", "impact.appeal", "review"])
        #expect(FRIASection.allCases.allSatisfy { !$0.isEmpty(in: Self.assessed) })
    }
}

/// Gives the record the complete, notified assessment of `FriaRuleTests.assessed`.
private func assess(_ s: inout AISystem) { s.fria = FriaRuleTests.assessed.fria }

extension RuleCase {
    /// FRI-001 … FRI-003 in the table-driven suite (`RuleTests`).
    static let friaCases: [RuleCase] = [
        fires("FRI-001", "performed, not notified", .deployer, ["fria.notified"], .high) { assess(&$0); $0.fria?.notified = nil },
        quiet("FRI-001", "notified", .deployer) { assess(&$0) },
        quiet("FRI-001", "no assessment on record", .deployer) { $0.fria = nil },
        fires("FRI-002", "risks emptied", .deployer, ["risks"], .medium) { assess(&$0); $0.risks = [] },
        fires("FRI-002", "process and period missing", .deployer, ["fria.process", "fria.period_and_frequency"], .medium) {
            assess(&$0); $0.fria?.process = nil; $0.fria?.periodAndFrequency = " "
        },
        quiet("FRI-002", "every section filled", .deployer) { assess(&$0) },
        quiet("FRI-002", "not performed", .deployer) { assess(&$0); $0.fria?.performed = nil; $0.risks = [] },
        fires("FRI-003", "review overdue", .deployer, ["fria.next_review"], .medium) { assess(&$0); $0.fria?.nextReview = daysFromToday(-1) },
        quiet("FRI-003", "review due today", .deployer) { assess(&$0); $0.fria?.nextReview = today },
    ]
}
