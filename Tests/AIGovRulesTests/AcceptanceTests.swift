import AIGovCore
import Testing
@testable import AIGovRules

/// The examples of the product spec's `examples/` (copied into Tests/AIGovCLITests/Fixtures/examples) on 2026-11-24, amended timeline, with examples/waivers.yaml.
@Suite struct AcceptanceTests {
    let engine = RuleEngine()

    func findings(_ s: AISystem, timeline: TimelineKind = .amended) -> [Finding] {
        engine.evaluate(s, context: RuleContext(today: today, timeline: Timeline(timeline)), waivers: [Examples.waiver])
    }

    /// `rule path severity status` lines, for whole-set comparisons.
    func lines(_ fs: [Finding]) -> [String] {
        fs.map { "\($0.rule) \($0.path) \($0.severity.rawValue) \($0.status.rawValue)" }
    }

    @Test func supportChatbot() throws {
        let fs = findings(Examples.supportChatbot)
        #expect(lines(fs) == [
            "FBK-002 fallbacks medium waived",
            "FBK-004 fallbacks[0].last_tested medium open",
            "FBK-007 fallbacks[0].runbook medium open",
            "FBK-008 fallbacks[0].model high open",
            "MOD-002 models[0].version medium open",
            "MOD-003 models[1].end_of_life high open",
            "MOD-005 models[0].rationale low open",
            "MOD-006 models[0].alternatives info open",
            "TRN-001 evidence high open",
            "REV-001 review.last_reviewed medium open",
            // CLS-003: an assessed active system without classification answers (CLASSIFY.md).
            "CLS-003  low open",
        ])
        let waived = try #require(fs.first { $0.rule == "FBK-002" })
        #expect(waived.waiver == Examples.waiver)
        #expect(waived.due == nil)
        let eol = try #require(fs.first { $0.rule == "FBK-008" })
        #expect(eol.message == "support-chatbot: fallback model \"frontier-chat-mini\" reached end of life on 2026-10-31")
        #expect(eol.reference == "NIST AI RMF Manage 3.1")
        #expect(!eol.remediation.isEmpty)
        #expect(fs.allSatisfy { $0.system == "support-chatbot" && $0.message.hasPrefix("support-chatbot: ") })
    }

    @Test func supportChatbotWaiverExpires() {
        let after = RuleContext(today: day("2027-04-01"))
        let fs = engine.evaluate(Examples.supportChatbot, context: after, waivers: [Examples.waiver])
        #expect(fs.first { $0.rule == "FBK-002" }?.status == .open)
        let lastDay = RuleContext(today: day("2027-03-31"))
        let held = engine.evaluate(Examples.supportChatbot, context: lastDay, waivers: [Examples.waiver])
        #expect(held.first { $0.rule == "FBK-002" }?.status == .waived)
    }

    @Test func cvScreening() throws {
        let fs = findings(Examples.cvScreening)
        let hrp1 = try #require(fs.first { $0.rule == "HRP-001" })
        #expect(hrp1.status == .upcoming)
        #expect(hrp1.due == day("2027-12-02"))
        #expect(hrp1.severity == .high)
        let fbk3 = try #require(fs.first { $0.rule == "FBK-003" })
        #expect(fbk3.status == .open && fbk3.severity == .high && fbk3.path == "fallbacks")
        #expect(lines(fs) == [
            "INV-001 contact low open",
            "HRP-001 evidence high upcoming",
            "HRP-002 evidence high upcoming",
            "HRP-003 evidence high upcoming",
            "HRP-004 evidence high upcoming",
            "HRP-005 eu_ai_act.conformity high upcoming",
            "HRP-008 evidence high upcoming",
            "HRP-009 evidence high upcoming",
            "HRP-010 evidence high upcoming",
            "OVR-002 oversight high upcoming",
            "OVR-003 oversight[0] high open",
            "FBK-001 fallbacks high open",
            "FBK-003 fallbacks high open",
            "MOD-002 models[0].version high open",
            "MOD-004 models[0].license high open",
            "MOD-005 models[0].rationale low open",
            "DAT-002 datasets[0].license medium open",
            "DAT-003 datasets[0].lawful_basis high open",
            "DAT-004 datasets[0].special_category high open",
            "DAT-005 evidence high open",
            "DAT-006 datasets[0].known_limitations medium upcoming",
            "TRN-004 impact.explanation high open",
            "TRN-005 impact.affected_groups medium open",
            "TRN-006 impact.stakeholders_consulted low open",
            "TRN-007 impact.appeal medium open",
            "RSK-001 risks high open",
            "MET-001 metrics medium upcoming",
            "REV-001 review.last_reviewed medium open",
            "CLS-003  low open",  // no classification answers
        ])
        #expect(fs.filter { $0.status == .upcoming }.allSatisfy { $0.due == day("2027-12-02") })
    }

    @Test func cvScreeningOriginalTimeline() throws {
        let fs = findings(Examples.cvScreening, timeline: .original)
        let hrp1 = try #require(fs.first { $0.rule == "HRP-001" })
        #expect(hrp1.status == .open)
        #expect(hrp1.due == nil)
        #expect(fs.allSatisfy { $0.status == .open })
    }

    @Test func workplaceMood() {
        let fs = findings(Examples.workplaceMood)
        #expect(lines(fs) == ["INV-004 status high open", "MOD-005 models[0].rationale low open"])
    }

    @Test func loanScoringHasNoFindings() {
        // Only CLS-003: its tier rests on no classification answers (CLASSIFY.md).
        #expect(lines(findings(Examples.loanScoring)) == ["CLS-003  low open"])
        #expect(lines(findings(Examples.loanScoring, timeline: .original)) == ["CLS-003  low open"])
        // With the answers behind its tier, nothing at all.
        var classified = Examples.loanScoring
        classify(&classified, loanScoringAnswers)
        #expect(findings(classified).isEmpty)
        #expect(findings(classified, timeline: .original).isEmpty)
    }

    @Test func codeAssistantAndInvoiceOcr() {
        #expect(lines(findings(Examples.codeAssistant)) == ["FBK-007 fallbacks[0].runbook medium open", "CLS-003  low open"])
        #expect(lines(findings(Examples.invoiceOcr)) == [
            "INV-002 eu_ai_act.tier high open",
            "MOD-004 models[0].license medium open",
            "MOD-005 models[0].rationale low open",
        ])
    }

    @Test func summaryOfAllExamples() {
        let all = engine.evaluate(Examples.all, context: context, waivers: [Examples.waiver])
        let perSystem = Examples.all.flatMap { findings($0) }
        #expect(all == perSystem)
        let summary = FindingSummary(all)
        // 36 = 32 + one CLS-003 (low) for each active example without classification answers:
        // support-chatbot, cv-screening, loan-scoring, code-assistant.
        #expect(summary.open == 36)
        #expect(summary.waived == 1)
        #expect(summary.upcoming == 11)
        #expect(summary.openBySeverity == [.critical: 0, .high: 15, .medium: 10, .low: 10, .info: 1])
        #expect(summary.worstOpen == .high)
        #expect(summary.hasOpen(atLeast: .high))
        #expect(!summary.hasOpen(atLeast: .critical))
    }

    /// The baselines carry no classification (so HRD-001, HRD-005 and HRP-007 read their
    /// recorded flags): CLS-003 is all they yield, and nothing once they carry matching answers.
    @Test func baselinesAreClean() {
        for s in [Clean.deployer, Clean.provider, Clean.minimal] {
            let classified = Clean.classified(s)
            for timeline in TimelineKind.allCases {
                let later = RuleContext(today: day("2026-12-01"), timeline: Timeline(timeline))
                #expect(engine.evaluate(s, context: later, waivers: []).map(\.rule) == ["CLS-003"], "\(s.id)")
                #expect(engine.evaluate(classified, context: later, waivers: []).isEmpty, "\(s.id)")
            }
            // Rule by rule, ignoring the timeline.
            #expect(RuleCatalog.builtIn.flatMap { $0.evaluate(s, context: context) }.map(\.rule) == ["CLS-003"], "\(s.id)")
            #expect(RuleCatalog.builtIn.flatMap { $0.evaluate(classified, context: context) }.isEmpty, "\(s.id)")
        }
    }
}
