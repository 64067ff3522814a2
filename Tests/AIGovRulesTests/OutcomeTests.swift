import AIGovCore
import Foundation
import Testing
@testable import AIGovRules

/// Answers with `ai_system: yes` and `edit` applied; nothing else answered.
func answers(_ edit: (inout ClassificationAnswers) -> Void = { _ in }) -> ClassificationAnswers {
    var a = ClassificationAnswers()
    a.aiSystem = .yes
    edit(&a)
    return a
}

/// A classification of the current questionnaire with these answers.
func classification(
    _ a: ClassificationAnswers?, role: OperatorRole? = nil, assessed: String = "2026-11-20"
) -> Classification {
    var c = Classification(assessed: day(assessed), assessor: "dpo@example.com")
    c.role = role
    c.answers = a
    return c
}

/// The outcome of answers for a recorded role.
func outcome(
    _ role: OperatorRole? = .deployer, _ edit: (inout ClassificationAnswers) -> Void = { _ in }
) -> ClassificationOutcome {
    ClassificationOutcome.of(classification(answers(edit)), recordedRole: role)
}

func annexI(_ laws: [AnnexILegislation], safety: Bool?, thirdParty: Bool?) -> AnnexIAnswers {
    var x = AnnexIAnswers()
    x.legislation = laws
    x.safetyComponent = safety
    x.thirdPartyAssessment = thirdParty
    return x
}

/// CLASSIFY.md, "The outcome": every row, step by step.
@Suite struct OutcomeStepTests {
    // MARK: step 1

    @Test(arguments: [
        (AISystemAnswer?.none, RiskTier.unassessed, "not settled whether this is an AI system"),
        (.uncertain, .unassessed, "not settled whether this is an AI system"),
        (.no, .outOfScope, "not an AI system: outside the Act"),
    ])
    func step1Stops(_ answer: AISystemAnswer?, _ tier: RiskTier, _ text: String) {
        let o = outcome(.provider) {
            $0.aiSystem = answer
            $0.annexIII = [.p4a]; $0.art63 = [.a]; $0.annexI = annexI([.machinery], safety: true, thirdParty: true)
            $0.prohibited = [.a]; $0.profiling = true; $0.gpai = false; $0.publicAuthority = true
            $0.transparency = [.interacts]
        }
        #expect(o.tier == tier)
        #expect(o.stoppedAt == 1)
        #expect(!o.isSettled)
        #expect(o.trail == [TrailLine(article: "Art. 3(1)", text: text)])
        // Route flags are null after a stop; the others still follow the answers.
        #expect(o.flags.annexIII == nil && o.flags.annexIProduct == nil)
        #expect(o.flags.art63Exemption == nil && o.flags.art63Reason == nil)
        #expect(o.flags.role == .provider)
        #expect(o.flags.profiling == true && o.flags.gpai == false && o.flags.publicBody == true)
        #expect(o.flags.interactsWithPeople == true)
        #expect(o.obligations == .none)
        #expect(!o.annexIIIHigh)
    }

    @Test func noAnswersBlockIsUnanswered() {
        let o = ClassificationOutcome.of(classification(nil), recordedRole: .deployer)
        #expect(o.tier == .unassessed && o.stoppedAt == 1)
        #expect(o.flags.profiling == nil && o.flags.gpai == nil && o.flags.publicBody == nil)
        #expect(o.flags.interactsWithPeople == false, "an absent list counts as empty")
    }

    // MARK: step 2

    @Test(arguments: [
        (Art2Exclusion.military, OperatorRole.provider, "Art. 2(3)"),
        (.thirdCountryAuthority, .deployer, "Art. 2(4)"),
        (.scientificResearch, .provider, "Art. 2(6)"),
        (.preMarketResearch, .provider, "Art. 2(8)"),
        (.personalUse, .deployer, "Art. 2(10)"),
    ])
    func step2Excludes(_ code: Art2Exclusion, _ role: OperatorRole, _ article: String) {
        let o = outcome(role) {
            $0.excluded = [code]; $0.annexIII = [.p5b]; $0.prohibited = [.c]; $0.profiling = true
            $0.transparency = [.syntheticContent]
        }
        #expect(o.tier == .outOfScope)
        #expect(o.stoppedAt == 2)
        #expect(o.trail.map(\.article) == ["Art. 3(1)", article])
        #expect(o.flags.annexIII == nil && o.flags.annexIProduct == nil && o.flags.art63Exemption == nil)
        #expect(o.flags.profiling == true && o.flags.syntheticContent == true)
        #expect(o.obligations == .none)
        #expect(!o.annexIIIHigh, "step 5 never ran")
    }

    @Test func theFirstExcludingCodeNamesTheArticle() {
        let o = outcome(.provider) { $0.excluded = [.openSource, .personalUse, .scientificResearch, .military] }
        #expect(o.trail.last?.article == "Art. 2(6)", "open source and a provider's personal use do not exclude at step 2")
    }

    @Test(arguments: [OperatorRole.provider, .importer, .distributor, .productManufacturer, .authorisedRepresentative])
    func personalUseExcludesOnlyADeployer(_ role: OperatorRole) {
        let o = outcome(role) { $0.excluded = [.personalUse] }
        #expect(o.tier == .minimal && o.stoppedAt == nil)
    }

    @Test func personalUseFollowsTheClassificationRole() {
        let c = classification(answers { $0.excluded = [.personalUse] }, role: .deployer)
        #expect(ClassificationOutcome.of(c, recordedRole: .provider).tier == .outOfScope)
        let p = classification(answers { $0.excluded = [.personalUse] }, role: .provider)
        #expect(ClassificationOutcome.of(p, recordedRole: .deployer).tier == .minimal)
    }

    // MARK: step 7 with open source

    @Test(arguments: [
        ("alone", RiskTier.outOfScope, answers()),
        ("with a prohibited practice", .prohibited, answers { $0.prohibited = [.e] }),
        ("high-risk via Annex III", .high, answers { $0.annexIII = [.p3a] }),
        ("high-risk via Annex I", .high, answers { $0.annexI = annexI([.toys], safety: true, thirdParty: true) }),
        ("an Art. 50 system", .limited, answers { $0.transparency = [.deepfake] }),
        ("Annex III with an Art. 6(3) condition", .outOfScope, answers { $0.annexIII = [.p3a]; $0.profiling = false; $0.art63 = [.b] }),
    ])
    func openSource(_ label: String, _ tier: RiskTier, _ given: ClassificationAnswers) {
        var a = given
        a.excluded = [.openSource]
        let o = ClassificationOutcome.of(classification(a), recordedRole: .provider)
        #expect(o.tier == tier, "\(label)")
        #expect(o.stoppedAt == nil, "open source never stops the evaluation")
        #expect((o.trail.last?.article == "Art. 2(12)") == (tier == .outOfScope), "\(label)")
    }

    @Test func minimalWhenNothingSetsTheTier() {
        let o = outcome()
        #expect(o.tier == .minimal)
        #expect(o.trail.count == 2)
        #expect(o.trail[0] == TrailLine(article: "Art. 3(1)", text: "an AI system"))
        #expect(o.trail[1].text.hasSuffix("minimal risk"))
    }

    // MARK: step 3

    @Test(arguments: Art5Practice.allCases)
    func everyPractice(_ p: Art5Practice) {
        let o = outcome(.provider) { $0.prohibited = [p]; $0.transparency = [.interacts] }
        #expect(o.tier == .prohibited)
        #expect(o.trail.count == 3)
        #expect(o.trail[1].article == p.article)
        #expect(o.trail[1].text.hasSuffix(": prohibited"))
        #expect(o.obligations == .none, "a prohibited system has no obligations")
        #expect(o.flags.emotionOrBiometricCategorisation == (p == .f || p == .g))
    }

    @Test func practiceArticles() {
        #expect(Art5Practice.a.article == "Art. 5(1)(a)")
        #expect(Art5Practice.h.article == "Art. 5(1)(h)")
        #expect(Art5Practice.intimate.article == "Art. 5(1)(ba)-(bb), 5(1a)")
    }

    @Test func oneTrailLinePerPractice() {
        let o = outcome { $0.prohibited = [.a, .intimate, .c] }
        #expect(o.trail.map(\.article) == ["Art. 3(1)", "Art. 5(1)(a)", Art5Practice.intimate.article, "Art. 5(1)(c)"])
    }

    // MARK: step 4

    @Test(arguments: [
        (Bool?.some(true), Bool?.some(true), true, "safety component of a product under Annex I (machinery, lifts) that needs third-party conformity assessment: high-risk"),
        (false, true, false, "not a safety component"),
        (nil, true, false, "not a safety component"),
        (false, false, false, "not a safety component"),
        (true, false, false, "no third-party conformity assessment"),
        (true, nil, false, "no third-party conformity assessment"),
    ])
    func annexIRoute(_ safety: Bool?, _ thirdParty: Bool?, _ high: Bool, _ text: String) {
        let o = outcome(.productManufacturer) { $0.annexI = annexI([.machinery, .lifts], safety: safety, thirdParty: thirdParty) }
        #expect(o.tier == (high ? .high : .minimal))
        #expect(o.flags.annexIProduct == high)
        #expect(o.trail[1] == TrailLine(article: "Art. 6(1)", text: text))
        #expect(!o.annexIIIHigh)
        #expect(o.obligations.registration == .none, "Annex I products register through their product law, not Art. 49")
    }

    @Test func noLegislationIsNoAnnexIRoute() {
        let o = outcome { $0.annexI = annexI([], safety: true, thirdParty: true) }
        #expect(o.tier == .minimal)
        #expect(o.flags.annexIProduct == false)
        #expect(!o.trail.contains { $0.article == "Art. 6(1)" })
    }

    // MARK: step 5

    /// Every Annex III point with the area CLASSIFY.md puts it in.
    static let areas: [(AnnexIIIPoint, AnnexIIIArea)] = [
        (.p1a, .biometrics), (.p1b, .biometrics), (.p1c, .biometrics), (.p2, .criticalInfrastructure),
        (.p3a, .education), (.p3b, .education), (.p3c, .education), (.p3d, .education),
        (.p4a, .employment), (.p4b, .employment),
        (.p5a, .essentialServices), (.p5b, .essentialServices), (.p5c, .essentialServices), (.p5d, .essentialServices),
        (.p6a, .lawEnforcement), (.p6b, .lawEnforcement), (.p6c, .lawEnforcement), (.p6d, .lawEnforcement),
        (.p6e, .lawEnforcement),
        (.p7a, .migration), (.p7b, .migration), (.p7c, .migration), (.p7d, .migration),
        (.p8a, .justiceDemocracy), (.p8b, .justiceDemocracy),
    ]

    @Test func everyPointIsListed() {
        #expect(Self.areas.map(\.0) == AnnexIIIPoint.allCases)
    }

    @Test(arguments: areas)
    func everyAnnexIIIPoint(_ point: AnnexIIIPoint, _ area: AnnexIIIArea) {
        let o = outcome(.provider) { $0.annexIII = [point]; $0.profiling = false }
        #expect(o.tier == .high)
        #expect(o.annexIIIHigh)
        #expect(o.flags.annexIII == area)
        #expect(o.flags.art63Exemption == false && o.flags.art63Reason == nil)
        #expect(o.trail[1] == TrailLine(article: "Art. 6(2)", text: "Annex III point \(point.rawValue): high-risk"))
        #expect(o.flags.emotionOrBiometricCategorisation == (point == .p1b || point == .p1c))
    }

    @Test func theAreaIsTheFirstPointListed() {
        #expect(outcome { $0.annexIII = [.p5a, .p4a] }.flags.annexIII == .essentialServices)
        #expect(outcome { $0.annexIII = [.p4a, .p5a] }.flags.annexIII == .employment)
        #expect(outcome { $0.annexIII = [.p4a, .p5a] }.trail[1].text == "Annex III points 4a, 5a: high-risk")
    }

    @Test func noPointsNoArea() {
        let o = outcome { $0.profiling = true; $0.art63 = [.a] }
        #expect(o.flags.annexIII == nil && o.flags.art63Exemption == false && o.flags.art63Reason == nil)
        #expect(o.tier == .minimal && !o.annexIIIHigh)
    }

    @Test(arguments: Art63Condition.allCases)
    func art63Condition(_ condition: Art63Condition) {
        let exempt = outcome(.provider) { $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [condition] }
        #expect(exempt.tier == .minimal)
        #expect(!exempt.annexIIIHigh)
        #expect(exempt.flags.art63Exemption == true)
        #expect(exempt.flags.art63Reason == "Art. 6(3)(\(condition.rawValue))")
        #expect(exempt.trail[1].article == "Art. 6(3)")
        #expect(exempt.trail[1].text.contains("not high-risk"))
        #expect(exempt.obligations.registration == .B)

        let profiled = outcome(.provider) { $0.annexIII = [.p5c]; $0.profiling = true; $0.art63 = [condition] }
        #expect(profiled.tier == .high)
        #expect(profiled.annexIIIHigh)
        #expect(profiled.flags.art63Exemption == false && profiled.flags.art63Reason == nil)
        #expect(profiled.trail[1] == TrailLine(article: "Art. 6(3)", text: "Annex III point 5c with profiling: always high-risk"))
        #expect(profiled.obligations.registration == .A)
    }

    @Test func severalConditionsJoinTheirReasons() {
        let o = outcome { $0.annexIII = [.p3b]; $0.profiling = false; $0.art63 = [.a, .d] }
        #expect(o.flags.art63Reason == "Art. 6(3)(a); Art. 6(3)(d)")
    }

    @Test func unansweredProfilingDoesNotDefeatTheDerogation() {
        let o = outcome { $0.annexIII = [.p3b]; $0.art63 = [.c] }
        #expect(o.flags.art63Exemption == true && o.tier == .minimal)
        #expect(o.flags.profiling == nil)
    }

    // MARK: step 6

    @Test(arguments: [
        (Art50Function.interacts, "Art. 50(1)"), (.syntheticContent, "Art. 50(2)"), (.emotionOrBiometric, "Art. 50(3)"),
        (.deepfake, "Art. 50(4)"), (.publicInterestText, "Art. 50(4)"),
    ])
    func everyArt50Function(_ f: Art50Function, _ article: String) {
        let o = outcome { $0.transparency = [f] }
        #expect(o.tier == .limited)
        #expect(o.trail[1].article == article)
        #expect(o.flags.interactsWithPeople == (f == .interacts))
        #expect(o.flags.syntheticContent == (f == .syntheticContent))
        #expect(o.flags.deepfake == (f == .deepfake))
        #expect(o.flags.emotionOrBiometricCategorisation == (f == .emotionOrBiometric))
    }

    // MARK: unless already set

    @Test func theFirstTierWinsAndLaterStepsStillAddFlagsAndTrail() {
        let o = outcome(.provider) {
            $0.prohibited = [.f]
            $0.annexI = annexI([.medicalDevices], safety: true, thirdParty: true)
            $0.annexIII = [.p1c]; $0.profiling = true
            $0.transparency = [.emotionOrBiometric, .interacts]
        }
        #expect(o.tier == .prohibited)
        #expect(o.trail.map(\.article) == ["Art. 3(1)", "Art. 5(1)(f)", "Art. 6(1)", "Art. 6(3)", "Art. 50(3)", "Art. 50(1)"])
        #expect(o.flags.annexIProduct == true)
        #expect(o.flags.annexIII == .biometrics, "a prohibited emotion-recognition system still has annex_iii biometrics")
        #expect(o.annexIIIHigh)
        #expect(o.flags.interactsWithPeople == true && o.flags.emotionOrBiometricCategorisation == true)
        #expect(o.obligations == .none)
    }

    @Test func annexIHighThenAnnexIIIAndTransparency() {
        let o = outcome(.provider) {
            $0.annexI = annexI([.radioEquipment], safety: true, thirdParty: true)
            $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.a]
            $0.transparency = [.syntheticContent]
        }
        #expect(o.tier == .high)
        #expect(o.flags.annexIProduct == true && o.flags.art63Exemption == true)
        #expect(o.trail.map(\.article) == ["Art. 3(1)", "Art. 6(1)", "Art. 6(3)", "Art. 50(2)"])
        #expect(o.obligations.registration == .none, "section B needs a final tier below high")
        #expect(o.obligations.transparency == ["50(2)"])
    }

    @Test func rationaleJoinsTheTrail() {
        let o = outcome { $0.annexIII = [.p4a]; $0.profiling = true }
        #expect(o.rationale == "Art. 3(1): an AI system; Art. 6(3): Annex III point 4a with profiling: always high-risk")
    }
}

/// CLASSIFY.md, "Flags written to eu_ai_act".
@Suite struct OutcomeFlagTests {
    @Test(arguments: [
        (Bool?.none, Bool?.none, Bool?.none), (true, nil, true), (nil, true, true), (false, false, false),
        (false, nil, false), (nil, false, false), (false, true, true), (true, false, true),
    ])
    func publicBody(_ authority: Bool?, _ service: Bool?, _ expected: Bool?) {
        #expect(outcome { $0.publicAuthority = authority; $0.publicService = service }.flags.publicBody == expected)
    }

    @Test(arguments: [
        ("nothing", false, answers()),
        ("Art. 50 function", true, answers { $0.transparency = [.emotionOrBiometric] }),
        ("point 1b", true, answers { $0.annexIII = [.p1b] }),
        ("point 1c", true, answers { $0.annexIII = [.p4a, .p1c] }),
        ("point 1a", false, answers { $0.annexIII = [.p1a] }),
        ("5-1-f", true, answers { $0.prohibited = [.f] }),
        ("5-1-g", true, answers { $0.prohibited = [.a, .g] }),
        ("5-1-h", false, answers { $0.prohibited = [.h] }),
        ("deepfake", false, answers { $0.transparency = [.deepfake] }),
    ])
    func emotionOrBiometric(_ label: String, _ expected: Bool, _ a: ClassificationAnswers) {
        let o = ClassificationOutcome.of(classification(a), recordedRole: .deployer)
        #expect(o.flags.emotionOrBiometricCategorisation == expected, "\(label)")
    }

    @Test(arguments: [Bool?.none, true, false])
    func booleansFollowTheirAnswer(_ value: Bool?) {
        let o = outcome { $0.profiling = value; $0.gpai = value }
        #expect(o.flags.profiling == value)
        #expect(o.flags.gpai == value)
    }

    @Test func art50Flags() {
        let o = outcome { $0.transparency = [.deepfake, .syntheticContent, .interacts] }
        #expect(o.flags.interactsWithPeople == true && o.flags.syntheticContent == true && o.flags.deepfake == true)
        #expect(o.flags.emotionOrBiometricCategorisation == false)
        let none = outcome()
        #expect(none.flags.interactsWithPeople == false && none.flags.syntheticContent == false && none.flags.deepfake == false)
    }

    @Test func roleComesFromTheBlockElseTheRecord() {
        let a = answers()
        #expect(ClassificationOutcome.of(classification(a, role: .importer), recordedRole: .provider).flags.role == .importer)
        #expect(ClassificationOutcome.of(classification(a), recordedRole: .provider).flags.role == .provider)
        #expect(ClassificationOutcome.of(classification(a), recordedRole: nil).flags.role == nil)
    }

    @Test func settledRouteFlagsAreFalseNotNull() {
        let o = outcome()
        #expect(o.flags.annexIProduct == false && o.flags.art63Exemption == false)
        #expect(o.flags.annexIII == nil && o.flags.art63Reason == nil)
    }
}

/// CLASSIFY.md, "Obligations derived".
@Suite struct OutcomeObligationTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var label: String
        var role: OperatorRole?
        var points: [AnnexIIIPoint]
        var profiling: Bool? = false
        var art63: [Art63Condition] = []
        var authority: Bool? = nil
        var service: Bool? = nil
        var lawEnforcement: Bool? = nil
        var expected: RegistrationSection
        var testDescription: String { "\(label) → \(expected.rawValue)" }

        func run(annexI: AnnexIAnswers? = nil, prohibited: [Art5Practice] = []) -> ClassificationOutcome {
            outcome(role) {
                $0.annexIII = points; $0.profiling = profiling; $0.art63 = art63
                $0.publicAuthority = authority; $0.publicService = service; $0.lawEnforcementOrMigration = lawEnforcement
                $0.annexI = annexI; $0.prohibited = prohibited
            }
        }
    }

    static let registrations: [Row] = [
        Row(label: "provider, point 2 only", role: .provider, points: [.p2], expected: .national),
        Row(label: "provider, point 2 with profiling", role: .provider, points: [.p2], profiling: true, expected: .national),
        Row(label: "provider, points 2 and 4a", role: .provider, points: [.p2, .p4a], expected: .A),
        Row(label: "provider, 4a", role: .provider, points: [.p4a], expected: .A),
        Row(label: "product-manufacturer, 3b", role: .productManufacturer, points: [.p3b], expected: .A),
        Row(label: "authorised-representative, 8a", role: .authorisedRepresentative, points: [.p8a], expected: .A),
        Row(label: "provider, 6a", role: .provider, points: [.p6a], expected: .aRestricted),
        Row(label: "provider, 4a and 7c", role: .provider, points: [.p4a, .p7c], expected: .aRestricted),
        Row(label: "provider, 1a for law enforcement", role: .provider, points: [.p1a], lawEnforcement: true, expected: .aRestricted),
        Row(label: "provider, 1a not for law enforcement", role: .provider, points: [.p1a], lawEnforcement: false, expected: .A),
        Row(label: "provider, 1a unanswered", role: .provider, points: [.p1a], expected: .A),
        Row(label: "provider, 5a with law enforcement flag", role: .provider, points: [.p5a], lawEnforcement: true, expected: .A),
        Row(label: "provider, 5c exempt", role: .provider, points: [.p5c], art63: [.d], expected: .B),
        Row(label: "provider, point 2 exempt", role: .provider, points: [.p2], art63: [.a], expected: .B),
        Row(label: "provider, 6c exempt", role: .provider, points: [.p6c], art63: [.a], expected: .bRestricted),
        Row(label: "provider, 1b exempt for migration", role: .provider, points: [.p1b], art63: [.b], lawEnforcement: true, expected: .bRestricted),
        Row(label: "deployer authority, 5a", role: .deployer, points: [.p5a], authority: true, expected: .C),
        Row(label: "deployer authority, 2 and 5a", role: .deployer, points: [.p2, .p5a], authority: true, expected: .C),
        Row(label: "deployer authority, 6b", role: .deployer, points: [.p6b], authority: true, expected: .cRestricted),
        Row(label: "deployer authority, 7a", role: .deployer, points: [.p7a], authority: true, expected: .cRestricted),
        Row(label: "deployer authority, 1a for migration", role: .deployer, points: [.p1a], authority: true, lawEnforcement: true, expected: .cRestricted),
        Row(label: "deployer authority, point 2 only", role: .deployer, points: [.p2], authority: true, expected: .none),
        Row(label: "deployer public service", role: .deployer, points: [.p5a], service: true, expected: .none),
        Row(label: "deployer authority, exempt", role: .deployer, points: [.p5a], art63: [.a], authority: true, expected: .none),
        Row(label: "deployer, no authority", role: .deployer, points: [.p4a], authority: false, expected: .none),
        Row(label: "importer", role: .importer, points: [.p4a], authority: true, expected: .none),
        Row(label: "distributor", role: .distributor, points: [.p5b], expected: .none),
        Row(label: "no role", role: nil, points: [.p5b], authority: true, expected: .none),
        Row(label: "provider, no Annex III", role: .provider, points: [], expected: .none),
    ]

    @Test(arguments: registrations)
    func registration(_ row: Row) {
        #expect(row.run().obligations.registration == row.expected)
    }

    @Test func sectionBNeedsAFinalTierBelowHigh() {
        let row = Row(label: "", role: .provider, points: [.p5c], art63: [.d], expected: .none)
        let annexIHigh = annexI([.machinery], safety: true, thirdParty: true)
        #expect(row.run(annexI: annexIHigh).obligations.registration == .none)
        #expect(row.run(annexI: annexIHigh).tier == .high)
    }

    @Test func annexIIIHighCountsWhateverAnEarlierStepSet() {
        let row = Row(label: "", role: .provider, points: [.p4a], expected: .A)
        let o = row.run(annexI: annexI([.lifts], safety: true, thirdParty: true))
        #expect(o.tier == .high && o.annexIIIHigh)
        #expect(o.obligations.registration == .A)
    }

    @Test func aProhibitedSystemHasNoObligations() {
        let row = Row(label: "", role: .deployer, points: [.p5b], authority: true, expected: .none)
        let o = row.run(prohibited: [.c])
        #expect(o.tier == .prohibited && o.annexIIIHigh)
        #expect(o.obligations == .none)
    }

    static let fria: [(String, Row, Bool)] = [
        ("public authority, 5a", Row(label: "", role: .deployer, points: [.p5a], authority: true, expected: .C), true),
        ("public service, 3a", Row(label: "", role: .deployer, points: [.p3a], service: true, expected: .none), true),
        ("public authority, point 2 only", Row(label: "", role: .deployer, points: [.p2], authority: true, expected: .none), false),
        ("public service, point 2 only", Row(label: "", role: .deployer, points: [.p2], service: true, expected: .none), false),
        ("public authority, points 2 and 8b", Row(label: "", role: .deployer, points: [.p2, .p8b], authority: true, expected: .C), true),
        ("private, 5b", Row(label: "", role: .deployer, points: [.p5b], expected: .none), true),
        ("private, 5c", Row(label: "", role: .deployer, points: [.p4a, .p5c], authority: false, service: false, expected: .none), true),
        ("private, 5a", Row(label: "", role: .deployer, points: [.p5a], authority: false, service: false, expected: .none), false),
        ("private, 4a", Row(label: "", role: .deployer, points: [.p4a], expected: .none), false),
        ("provider, 5b", Row(label: "", role: .provider, points: [.p5b], authority: true, expected: .A), false),
        ("5b exempt", Row(label: "", role: .deployer, points: [.p5b], art63: [.d], expected: .none), false),
        ("5b exempt but profiling", Row(label: "", role: .deployer, points: [.p5b], profiling: true, art63: [.d], expected: .none), true),
        ("public authority exempt", Row(label: "", role: .deployer, points: [.p5a], art63: [.a], authority: true, expected: .none), false),
    ]

    @Test(arguments: fria)
    func friaRequired(_ label: String, _ row: Row, _ expected: Bool) {
        let o = row.run()
        #expect(o.obligations.friaRequired == expected, "\(label)")
        #expect(o.obligations.registration == row.expected, "\(label)")
    }

    static let transparency: [(OperatorRole?, [Art50Function], [AnnexIIIPoint], [String])] = [
        (.provider, [.interacts], [], ["50(1)"]),
        (.provider, [.syntheticContent], [], ["50(2)"]),
        (.provider, [.syntheticContent, .interacts], [], ["50(1)", "50(2)"]),
        (.provider, [.deepfake, .emotionOrBiometric, .publicInterestText], [], []),
        (.productManufacturer, [.interacts], [], ["50(1)"]),
        (.authorisedRepresentative, [.syntheticContent], [], ["50(2)"]),
        (.deployer, [.emotionOrBiometric], [], ["50(3)"]),
        (.deployer, [.deepfake], [], ["50(4)"]),
        (.deployer, [.publicInterestText], [], ["50(4)"]),
        (.deployer, [.publicInterestText, .deepfake], [], ["50(4)"]),
        (.deployer, [.deepfake, .emotionOrBiometric], [], ["50(3)", "50(4)"]),
        (.deployer, [.interacts, .syntheticContent], [], []),
        (.deployer, [], [.p1c], ["50(3)"]),
        (.deployer, [], [.p1a], []),
        (.importer, [.interacts, .deepfake], [], []),
        (.distributor, [.syntheticContent, .emotionOrBiometric], [], []),
        (nil, [.interacts], [], []),
    ]

    @Test(arguments: transparency)
    func transparencyDuties(_ role: OperatorRole?, _ functions: [Art50Function], _ points: [AnnexIIIPoint], _ expected: [String]) {
        let o = outcome(role) { $0.transparency = functions; $0.annexIII = points; $0.profiling = false }
        #expect(o.obligations.transparency == expected)
    }
}

/// `applied(to:)`, `changes(from:)` and `flagDifferences(from:)`.
@Suite struct OutcomeRecordTests {
    static let system: AISystem = {
        var s = AISystem(id: "x", name: "X", owner: "o", status: .production)
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .limited
        act.annexIII = .employment
        act.art63Exemption = true
        act.art63Reason = "Only orders the queue"
        act.profiling = true
        act.rationale = "Team considered it a preparatory task"
        s.euAiAct = act
        return s
    }()

    static let answerSets: [ClassificationAnswers] = [
        answers { $0.annexIII = [.p4a]; $0.profiling = true; $0.art63 = [.d]; $0.gpai = false; $0.publicAuthority = false },
        answers { $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.d, .a] },
        answers { $0.transparency = [.interacts, .deepfake]; $0.gpai = true },
        answers { $0.prohibited = [.g]; $0.annexIII = [.p1b] },
        answers { $0.annexI = annexI([.toys], safety: true, thirdParty: true); $0.publicService = true },
        answers(),
        answers { $0.aiSystem = .no; $0.profiling = false },
        answers { $0.aiSystem = nil },
        answers { $0.excluded = [.military]; $0.annexIII = [.p2] },
        answers { $0.excluded = [.openSource] },
    ]

    @Test(arguments: answerSets)
    func appliedAgreesWithTheAnswers(_ a: ClassificationAnswers) throws {
        var s = Self.system
        s.classification = classification(a)
        let o = try #require(ClassificationOutcome.of(s))
        let written = o.applied(to: s)
        #expect(written.tier == o.tier)
        #expect(written.euAiAct?.rationale == o.rationale)
        #expect(o.changes(from: written).isEmpty)
        #expect(o.flagDifferences(from: written).isEmpty)
        #expect(ClassificationOutcome.of(written) == o, "writing the outcome does not change it")
        let cls = RuleCatalog.builtIn.filter { $0.id == "CLS-001" || $0.id == "CLS-002" }
        #expect(cls.flatMap { $0.evaluate(written, context: context) }.isEmpty)
        // Everything that changed is listed, and nothing else.
        let listed = Set(o.changes(from: s).map(\.field))
        for (name, read) in Self.fields {
            #expect(listed.contains(name) == (read(s.euAiAct!) != read(written.euAiAct!)), "\(name)")
        }
    }

    static let fields: [(String, @Sendable (EUAIAct) -> String?)] = [
        ("eu_ai_act.tier", { $0.tier?.rawValue }), ("eu_ai_act.role", { $0.role?.rawValue }),
        ("eu_ai_act.annex_iii", { $0.annexIII?.rawValue }), ("eu_ai_act.annex_i_product", { $0.annexIProduct?.description }),
        ("eu_ai_act.art6_3_exemption", { $0.art63Exemption?.description }), ("eu_ai_act.art6_3_reason", { $0.art63Reason }),
        ("eu_ai_act.profiling", { $0.profiling?.description }), ("eu_ai_act.gpai", { $0.gpai?.description }),
        ("eu_ai_act.interacts_with_people", { $0.interactsWithPeople?.description }),
        ("eu_ai_act.synthetic_content", { $0.syntheticContent?.description }), ("eu_ai_act.deepfake", { $0.deepfake?.description }),
        ("eu_ai_act.emotion_or_biometric_categorisation", { $0.emotionOrBiometricCategorisation?.description }),
        ("eu_ai_act.public_body", { $0.publicBody?.description }), ("eu_ai_act.rationale", { $0.rationale }),
        ("eu_ai_act.eu_database_id", { $0.euDatabaseId }), ("eu_ai_act.conformity", { $0.conformity?.rawValue }),
    ]

    @Test func changesListTierFirstThenCatalogOrder() throws {
        var s = Self.system
        s.classification = classification(answers {
            $0.annexIII = [.p4a]; $0.profiling = true; $0.art63 = [.d]; $0.gpai = false; $0.publicAuthority = false
        })
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.changes(from: s) == [
            FlagChange(field: "eu_ai_act.tier", from: "limited", to: "high"),
            FlagChange(field: "eu_ai_act.art6_3_exemption", from: "true", to: "false"),
            FlagChange(field: "eu_ai_act.rationale", from: "Team considered it a preparatory task", to: o.rationale),
        ])
        // The record's own reason stays; an absent one is filled.
        #expect(o.applied(to: s).euAiAct?.art63Reason == "Only orders the queue")
        #expect(o.flagDifferences(from: s) == [FlagChange(field: "eu_ai_act.art6_3_exemption", from: "true", to: "false")])
    }

    @Test func reasonFilledOnlyWhenTheRecordHasNone() throws {
        var s = Self.system
        s.euAiAct?.profiling = false
        s.classification = classification(answers { $0.annexIII = [.p4a]; $0.profiling = false; $0.art63 = [.b] })
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.applied(to: s).euAiAct?.art63Reason == "Only orders the queue")
        s.euAiAct?.art63Reason = " "
        #expect(o.applied(to: s).euAiAct?.art63Reason == "Art. 6(3)(b)")
        #expect(o.changes(from: s).contains(FlagChange(field: "eu_ai_act.art6_3_reason", from: " ", to: "Art. 6(3)(b)")))
        s.euAiAct?.art63Reason = "something else entirely"
        #expect(o.flagDifferences(from: s).isEmpty, "art6_3_reason is never compared")
    }

    @Test func unansweredBooleansLeaveTheirFlag() throws {
        var s = Self.system
        s.euAiAct?.gpai = true
        s.euAiAct?.publicBody = true
        s.euAiAct?.art63Exemption = false
        s.classification = classification(answers { $0.annexIII = [.p4a]; $0.profiling = true })
        let o = try #require(ClassificationOutcome.of(s))
        let written = o.applied(to: s).euAiAct!
        #expect(written.gpai == true && written.publicBody == true)
        #expect(o.flagDifferences(from: s).isEmpty)
    }

    @Test func absentBooleansReadFalse() throws {
        var s = Self.system
        s.euAiAct?.art63Exemption = nil
        s.euAiAct?.profiling = nil
        s.classification = classification(answers { $0.annexIII = [.p4a]; $0.profiling = false; $0.gpai = false })
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.flagDifferences(from: s).isEmpty)
        #expect(!o.changes(from: s).contains { $0.field == "eu_ai_act.profiling" || $0.field == "eu_ai_act.gpai" })
        s.euAiAct?.profiling = true
        #expect(o.flagDifferences(from: s) == [FlagChange(field: "eu_ai_act.profiling", from: "true", to: "false")])
    }

    @Test func annexIIIIsDerivedEvenWhenNull() throws {
        var s = Self.system
        s.classification = classification(answers { $0.transparency = [.interacts] })
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.flagDifferences(from: s).first == FlagChange(field: "eu_ai_act.annex_iii", from: "employment", to: nil))
        #expect(o.applied(to: s).euAiAct?.annexIII == nil)
    }

    @Test func roleDifference() throws {
        var s = Self.system
        s.classification = classification(answers(), role: .provider)
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.flagDifferences(from: s).first == FlagChange(field: "eu_ai_act.role", from: "deployer", to: "provider"))
        #expect(o.applied(to: s).euAiAct?.role == .provider)
    }

    @Test func afterAStopNothingIsCompared() throws {
        var s = Self.system
        s.classification = classification(answers { $0.aiSystem = .uncertain; $0.profiling = false })
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.flagDifferences(from: s).isEmpty)
        let written = o.applied(to: s).euAiAct!
        #expect(written.tier == .unassessed)
        #expect(written.profiling == true && written.annexIII == .employment, "only tier and rationale are written after a stop")
        var blank = s
        blank.euAiAct = nil
        #expect(o.applied(to: blank).euAiAct?.tier == nil, "an unassessed outcome leaves an absent tier absent")
    }

    @Test func noClassificationNoOutcome() {
        #expect(ClassificationOutcome.of(Self.system) == nil)
    }
}

/// The three records of the spec's examples-classification/, with the tier, flags and
/// obligations of its expected-outcomes.json (copied below into the test, so it needs no file outside the repository).
@Suite struct ClassificationExampleTests {
    static let expectedJSON = #"""
    [
      {"system": "benefit-eligibility", "questionnaire": "2026-07", "tier": "high",
       "flags": {"role": "deployer", "annex_iii": "essential-services", "annex_i_product": false,
                 "art6_3_exemption": false, "art6_3_reason": null, "profiling": true, "gpai": false,
                 "public_body": true, "interacts_with_people": false, "synthetic_content": false,
                 "deepfake": false, "emotion_or_biometric_categorisation": false},
       "obligations": {"fria_required": true, "registration": "C", "transparency": []}},
      {"system": "claims-router", "questionnaire": "2026-07", "tier": "minimal",
       "flags": {"role": "provider", "annex_iii": "essential-services", "annex_i_product": false,
                 "art6_3_exemption": true, "art6_3_reason": "Art. 6(3)(d)", "profiling": false, "gpai": false,
                 "public_body": null, "interacts_with_people": false, "synthetic_content": false,
                 "deepfake": false, "emotion_or_biometric_categorisation": false},
       "obligations": {"fria_required": false, "registration": "B", "transparency": []}},
      {"system": "hiring-ranker", "questionnaire": "2026-07", "tier": "high",
       "flags": {"role": "deployer", "annex_iii": "employment", "annex_i_product": false,
                 "art6_3_exemption": false, "art6_3_reason": null, "profiling": true, "gpai": false,
                 "public_body": false, "interacts_with_people": false, "synthetic_content": false,
                 "deepfake": false, "emotion_or_biometric_categorisation": false},
       "obligations": {"fria_required": false, "registration": "none", "transparency": []}}
    ]
    """#

    /// The outcome in the JSON shape of `classify -o json` (tier, flags, obligations).
    static func json(_ system: AISystem, _ o: ClassificationOutcome) -> [String: Any] {
        func v<T>(_ x: T?, _ f: (T) -> Any = { $0 }) -> Any { x.map(f) ?? NSNull() }
        let flags: [String: Any] = [
            "role": v(o.flags.role) { $0.rawValue }, "annex_iii": v(o.flags.annexIII) { $0.rawValue },
            "annex_i_product": v(o.flags.annexIProduct), "art6_3_exemption": v(o.flags.art63Exemption),
            "art6_3_reason": v(o.flags.art63Reason), "profiling": v(o.flags.profiling), "gpai": v(o.flags.gpai),
            "public_body": v(o.flags.publicBody), "interacts_with_people": v(o.flags.interactsWithPeople),
            "synthetic_content": v(o.flags.syntheticContent), "deepfake": v(o.flags.deepfake),
            "emotion_or_biometric_categorisation": v(o.flags.emotionOrBiometricCategorisation),
        ]
        let obligations: [String: Any] = [
            "fria_required": o.obligations.friaRequired, "registration": o.obligations.registration.rawValue,
            "transparency": o.obligations.transparency,
        ]
        return [
            "system": system.id, "questionnaire": system.classification!.questionnaire, "tier": o.tier.rawValue,
            "flags": flags, "obligations": obligations,
        ]
    }

    /// JSON text with sorted keys, so two values compare as text.
    static func canonical(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func outcomesMatchExpectedOutcomesJSON() throws {
        let expected = try #require(JSONSerialization.jsonObject(with: Data(Self.expectedJSON.utf8)) as? [Any])
        let actual = ClassificationExamples.all.map { Self.json($0, ClassificationOutcome.of($0)!) }
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) {
            #expect(try Self.canonical(a) == Self.canonical(e))
        }
    }

    @Test func hiringRankerChanges() throws {
        let s = ClassificationExamples.hiringRanker
        let o = try #require(ClassificationOutcome.of(s))
        #expect(o.trail == [
            TrailLine(article: "Art. 3(1)", text: "an AI system"),
            TrailLine(article: "Art. 6(3)", text: "Annex III point 4a with profiling: always high-risk"),
        ])
        #expect(o.changes(from: s).map(\.field) == ["eu_ai_act.tier", "eu_ai_act.art6_3_exemption", "eu_ai_act.rationale"])
        #expect(o.changes(from: s).first == FlagChange(field: "eu_ai_act.tier", from: "limited", to: "high"))
    }
}

/// examples-classification/*.yaml, built by hand (the test target does not read YAML).
enum ClassificationExamples {
    static let benefitEligibility: AISystem = {
        var s = AISystem(id: "benefit-eligibility", name: "Social assistance eligibility pre-check", owner: "social-services", status: .production)
        s.purpose = "Flag applications whose income data suggests they are not eligible, for a case worker to review"
        s.contact = "sociaal-domein@example.org"
        s.legalBasis = "Participatiewet art. 11"
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .high
        act.annexIII = .essentialServices
        act.profiling = true
        act.publicBody = true
        act.rationale = "Annex III 5(a), evaluates eligibility for public assistance benefits"
        s.euAiAct = act
        s.models = [model("eligibility-gbm", provider: "Kommunal-IT", version: "2026.2", hosting: .selfHosted, role: .primary)]
        var c = Classification(questionnaire: "2026-07", assessed: day("2026-10-01"), assessor: "privacy-officer@example.org")
        c.answers = answers {
            $0.annexI = AnnexIAnswers(); $0.annexIII = [.p5a]; $0.profiling = true; $0.gpai = false
            $0.publicAuthority = true; $0.publicService = false
        }
        s.classification = c
        return s
    }()

    static let claimsRouter: AISystem = {
        var s = AISystem(id: "claims-router", name: "Claim document router", owner: "claims-platform", status: .production)
        s.purpose = "Sort incoming life-insurance claim documents into the handling queue they belong to"
        s.contact = "claims-platform@example.com"
        var act = EUAIAct()
        act.role = .provider
        act.tier = .minimal
        act.annexIII = .essentialServices
        act.art63Exemption = true
        act.art63Reason = "Preparatory task (Art. 6(3)(d)); the claims handler makes the assessment"
        act.profiling = false
        act.rationale = "Document routing only"
        s.euAiAct = act
        s.models = [model("doc-classifier", provider: "internal", version: "1.4", hosting: .selfHosted, role: .primary)]
        var c = Classification(questionnaire: "2026-07", assessed: day("2026-09-20"), assessor: "compliance@example.com")
        c.answers = answers {
            $0.annexI = AnnexIAnswers(); $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.d]; $0.gpai = false
        }
        s.classification = c
        return s
    }()

    static let hiringRanker: AISystem = {
        var s = AISystem(id: "hiring-ranker", name: "Applicant ranking for warehouse roles", owner: "talent-acquisition", status: .pilot)
        s.purpose = "Rank incoming applications so recruiters read the most relevant first"
        s.contact = "ta-systems@example.com"
        var act = EUAIAct()
        act.role = .deployer
        act.tier = .limited
        act.annexIII = .employment
        act.art63Exemption = true
        act.art63Reason = "Only orders the queue; recruiters read every application"
        act.profiling = true
        act.rationale = "Team considered it a preparatory task"
        s.euAiAct = act
        s.models = [model("rank-encoder", provider: "HireTech", version: "3.2", hosting: .api, role: .primary)]
        var c = Classification(questionnaire: "2026-07", assessed: day("2026-11-12"), assessor: "dpo@example.com")
        c.role = .deployer
        c.answers = answers {
            $0.annexI = AnnexIAnswers(); $0.annexIII = [.p4a]; $0.profiling = true; $0.art63 = [.d]; $0.gpai = false
            $0.publicAuthority = false; $0.publicService = false
        }
        c.notes = "Ranking uses CV features and past hiring outcomes, i.e. it evaluates candidates."
        s.classification = c
        return s
    }()

    static let all = [benefitEligibility, claimsRouter, hiringRanker]
}
