import AIGovApp
import AIGovCore
import AIGovRules
import Testing

/// The questionnaire's walk: which steps the answers make relevant, and what picking does.
@Suite struct WizardTests {
    static let today = Day("2026-11-30")!

    static func wizard(role: OperatorRole? = .deployer) -> ClassificationWizard {
        var s = AISystem(id: "talent-match", name: "Talent match", owner: "hr", status: .pilot)
        if let role {
            var e = EUAIAct()
            e.role = role
            s.euAiAct = e
        }
        return ClassificationWizard(system: s, today: today, assessor: "officer")
    }

    static func ids(_ w: ClassificationWizard) -> [StepID] { w.visibleSteps.map(\.id) }

    @Test func notAnAISystemStopsAfterTheQuestion() {
        var w = Self.wizard()
        #expect(Self.ids(w) == [.role, .aiSystem], "unanswered: nothing beyond Art. 3(1) applies yet")
        w.pick(.aiSystem, "no")
        #expect(Self.ids(w) == [.role, .aiSystem])
        w.pick(.aiSystem, "uncertain")
        #expect(Self.ids(w) == [.role, .aiSystem])
        #expect(w.result.outcome.tier == .unassessed)
        w.pick(.aiSystem, "yes")
        #expect(Self.ids(w) == [.role, .aiSystem, .excluded, .prohibited, .annexI, .annexIII, .transparency, .context])
    }

    @Test func art63OnlyForAnnexIIIWithoutProfiling() {
        var w = Self.wizard()
        w.pick(.aiSystem, "yes")
        #expect(!Self.ids(w).contains(.art63))
        w.pick(.annexIII, "4a")
        #expect(Self.ids(w).contains(.art63))
        w.pick(.profiling, "true")
        #expect(!Self.ids(w).contains(.art63), "profiling is always high-risk: Art. 6(3) is not asked")
        w.pick(.profiling, "true")
        #expect(w.selected(.profiling).isEmpty, "picking the chosen answer again leaves it unanswered")
        #expect(Self.ids(w).contains(.art63))
    }

    @Test func anExclusionThatTakesItOutOfTheActEndsTheWalk() {
        var w = Self.wizard(role: .deployer)
        w.pick(.aiSystem, "yes")
        w.pick(.excluded, "personal-use")
        #expect(Self.ids(w) == [.role, .aiSystem, .excluded], "personal use by a deployer is outside the Act")
        w.pick(.role, "provider")
        #expect(Self.ids(w).contains(.prohibited), "personal use excludes only a deployer")
        w.pick(.excluded, "personal-use")
        w.pick(.excluded, "open-source")
        #expect(Self.ids(w).contains(.annexIII), "open source does not end the walk (Art. 2(12) does not cover high-risk)")
    }

    @Test func conditionalQuestions() throws {
        var w = Self.wizard()
        w.pick(.aiSystem, "yes")
        let annexI = Questionnaire.step(.annexI)
        #expect(w.questions(of: annexI).map(\.id) == [.annexILegislation])
        w.pick(.annexILegislation, "machinery")
        #expect(w.questions(of: annexI).map(\.id) == [.annexILegislation, .safetyComponent, .thirdPartyAssessment])
        let context = Questionnaire.step(.context)
        #expect(!w.questions(of: context).map(\.id).contains(.lawEnforcementOrMigration))
        w.pick(.annexIII, "1a")
        #expect(w.questions(of: context).map(\.id).contains(.lawEnforcementOrMigration))
    }

    @Test func listsKeepTheOrderOfTheOptions() {
        var w = Self.wizard()
        w.pick(.aiSystem, "yes")
        w.pick(.annexIII, "5b")
        w.pick(.annexIII, "1a")
        w.pick(.annexIII, "nonsense")
        #expect(w.selected(.annexIII) == ["1a", "5b"])
        w.pick(.annexIII, "1a")
        #expect(w.selected(.annexIII) == ["5b"])
    }

    @Test func recruitmentWithProfilingIsHighAndTheResultWritesTheFlags() {
        var w = Self.wizard()
        w.pick(.aiSystem, "yes")
        w.pick(.annexIII, "4a")
        w.pick(.profiling, "true")
        w.pick(.publicAuthority, "false")
        w.pick(.publicService, "false")
        while !w.atReview { w.next() }
        let r = w.result
        #expect(r.outcome.tier == .high)
        #expect(r.after.euAiAct?.tier == .high)
        #expect(r.after.euAiAct?.annexIII == .employment)
        #expect(r.after.classification?.assessor == "officer")
        #expect(r.after.classification?.assessed == Self.today)
        #expect(r.recordChanges.map(\.field).contains("eu_ai_act.tier"))
        #expect(r.recordChanges.map(\.field).contains("classification.answers.annex_iii"))
        w.back()
        #expect(!w.atReview)
    }

    @Test func everyQuestionHasArticleExplanationAndOptionTexts() {
        for id in QuestionID.allCases {
            let q = Questionnaire.question(id)
            #expect(!q.article.isEmpty && !q.explanation.isEmpty, "\(id)")
            for o in q.options { #expect(!o.label.isEmpty && !o.detail.isEmpty, "\(id).\(o.code)") }
        }
        // The option codes are exactly the format's codes, in its order.
        #expect(Questionnaire.question(.annexIII).options.map(\.code) == AnnexIIIPoint.allCases.map(\.rawValue))
        #expect(Questionnaire.question(.prohibited).options.map(\.code) == Art5Practice.allCases.map(\.rawValue))
        #expect(Questionnaire.question(.excluded).options.map(\.code) == Art2Exclusion.allCases.map(\.rawValue))
        #expect(Questionnaire.question(.art63).options.map(\.code) == Art63Condition.allCases.map(\.rawValue))
        #expect(Questionnaire.question(.transparency).options.map(\.code) == Art50Function.allCases.map(\.rawValue))
        #expect(Questionnaire.question(.annexILegislation).options.map(\.code) == AnnexILegislation.allCases.map(\.rawValue))
        #expect(Set(Questionnaire.steps.flatMap(\.questions)) == Set(QuestionID.allCases))
    }
}
