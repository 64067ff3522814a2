import AIGovApp
import AIGovCore
import AIGovRules
import Testing

/// Rule set v3 through the guided classification: a machinery safety component is an Annex I
/// Section B product (Regulation (EU) 2026/1744 moved machinery there).
@Suite struct RulesV3WizardTests {
    @Test func aMachinerySafetyComponentClassifiedThroughTheWizardIsSectionB() throws {
        var s = AISystem(id: "press-guard", name: "Press guard", owner: "safety", status: .production)
        var e = EUAIAct()
        e.role = .productManufacturer
        s.euAiAct = e
        var w = ClassificationWizard(system: s, today: Day("2026-11-30")!, assessor: "officer")
        w.pick(.aiSystem, "yes")
        w.pick(.annexILegislation, "machinery")
        w.pick(.safetyComponent, "true")
        w.pick(.thirdPartyAssessment, "true")
        let result = w.result
        #expect(result.outcome.tier == .high)
        #expect(result.outcome.flags.annexISection == .b)
        #expect(result.outcome.trail.contains { $0.article == "Art. 2(2)" && $0.text.contains("Section B") })
        let after = result.after
        #expect(after.euAiAct?.annexIProduct == true)
        #expect(after.euAiAct?.annexISection == .b)
        #expect(result.recordChanges.contains { $0.field == "eu_ai_act.annex_i_section" })
        // Well after the Annex I date: INV-014, and no Chapter III finding.
        let found = RuleEngine().evaluate(after, context: RuleContext(today: Day("2028-09-01")!), waivers: [])
        #expect(found.filter { $0.rule == "INV-014" }.count == 1)
        #expect(!found.contains { $0.rule.hasPrefix("HRP-") })
        // Toys are Section A: the same answers there give the ordinary hr1 route.
        w.pick(.annexILegislation, "machinery")
        w.pick(.annexILegislation, "toys")
        #expect(w.result.outcome.flags.annexISection == .a)
        let toys = RuleEngine().evaluate(w.result.after, context: RuleContext(today: Day("2028-09-01")!), waivers: [])
        #expect(toys.contains { $0.rule.hasPrefix("HRP-") })
        #expect(!toys.contains { $0.rule == "INV-014" })
    }

    @Test func theIntimateImageryQuestionShowsItsConditions() throws {
        guard case let .multi(options) = Questionnaire.question(.prohibited).kind else {
            Issue.record("the Art. 5 question is not a multi-select")
            return
        }
        let option = try #require(options.first { $0.code == "5-1-intimate" })
        #expect(option.detail.contains("intended purpose"))
        #expect(option.detail.contains("reasonable and adequate safeguards"))
        #expect(option.detail.contains("as a deployer only when you use the system for that purpose"))
        #expect(option.detail.contains("Art. 5(1b)"))
    }
}
