import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import Foundation
import Testing

/// The duties after go-live (OPERATIONS.md) as the application layer decides them: which
/// FRIA and registration a system owes, the FRIA draft and the Annex VIII entry.
@Suite struct OperationsTests {
    static let today = Day("2026-11-30")!

    /// One system read from YAML exactly as `apply -f` reads it.
    static func system(_ yaml: String) throws -> AISystem {
        var input = ParsedInput()
        InputLoader.parse(data: Data(yaml.utf8), file: "test.yaml", into: &input)
        #expect(input.problems.isEmpty, "\(input.problems)")
        return try #require(input.systems.first?.system)
    }

    static func flags(role: OperatorRole, tier: RiskTier = .high, area: AnnexIIIArea?, publicBody: Bool? = nil,
                      exemption: Bool? = nil) -> AISystem {
        var s = AISystem(id: "s", name: "S", owner: "o", status: .production)
        var act = EUAIAct()
        act.role = role
        act.tier = tier
        act.annexIII = area
        act.publicBody = publicBody
        act.art63Exemption = exemption
        s.euAiAct = act
        return s
    }

    @Test func recordedFlagsDecideWithoutAClassification() {
        typealias D = OperationsDuties
        let publicDeployer = D.of(Self.flags(role: .deployer, area: .education, publicBody: true))
        #expect(publicDeployer.friaRequired && publicDeployer.registration == .C && publicDeployer.basis == .recordedFlags)
        // Essential services need a FRIA even for a private deployer; registration is not its duty.
        let bank = D.of(Self.flags(role: .deployer, area: .essentialServices, publicBody: false))
        #expect(bank.friaRequired && bank.registration == .none)
        // Critical infrastructure: no FRIA for a public deployer, national registration for the provider.
        #expect(!D.of(Self.flags(role: .deployer, area: .criticalInfrastructure, publicBody: true)).friaRequired)
        #expect(D.of(Self.flags(role: .deployer, area: .criticalInfrastructure, publicBody: true)).registration == .none)
        #expect(D.of(Self.flags(role: .provider, area: .criticalInfrastructure)).registration == .national)
        #expect(D.of(Self.flags(role: .provider, area: .employment)).registration == .A)
        #expect(D.of(Self.flags(role: .productManufacturer, area: .employment)).registration == .A)
        #expect(D.of(Self.flags(role: .authorisedRepresentative, area: .education)).registration == .A)
        #expect(D.of(Self.flags(role: .provider, area: nil)).registration == .none, "Annex I only: no Annex III entry")
        #expect(D.of(Self.flags(role: .provider, tier: .minimal, area: .essentialServices, exemption: true)).registration == .B)
        #expect(D.of(Self.flags(role: .provider, area: .lawEnforcement)).registration == .aRestricted)
        #expect(D.of(Self.flags(role: .provider, tier: .limited, area: .migration, exemption: true)).registration == .bRestricted)
        #expect(D.of(Self.flags(role: .deployer, area: .migration, publicBody: true)).registration == .cRestricted)
        // Not high-risk: nothing for a deployer.
        let limited = D.of(Self.flags(role: .deployer, tier: .limited, area: .education, publicBody: true))
        #expect(!limited.friaRequired && limited.registration == .none)
        #expect(D.of(AISystem(id: "x", name: "X", owner: "o", status: .pilot)).registration == .none)
    }

    static let benefitYAML = """
        id: benefit-eligibility
        name: Social assistance eligibility pre-check
        purpose: Flag applications whose income data suggests they are not eligible
        owner: social-services
        contact: sociaal-domein@example.org
        status: production
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: essential-services
          profiling: true
          public_body: true
        impact:
          affected_groups: [applicants for social assistance, household members]
          appeal: Objection within six weeks to the objections committee
        review:
          last_reviewed: 2026-10-01
          interval_days: 365
          reviewer: privacy board
        datasets:
          - name: applications
            personal_data: true
        oversight:
          - type: human-in-the-loop
            mechanism: A case worker decides every application
            who: case worker
            can_stop: true
        fallbacks:
          - trigger: model-failure
            strategy: manual-process
            uses_ai: false
            target: manual assessment queue
        risks:
          - description: Applicants with irregular income are flagged more often
            severity: high
            mitigation: Flags are never a reason for refusal
        classification:
          questionnaire: "2026-07"
          assessed: 2026-10-01
          assessor: privacy-officer@example.org
          answers:
            ai_system: yes
            annex_iii: [5a]
            profiling: true
            public_authority: true
            public_service: false
        """

    @Test func classificationDecidesWhenItDidNotStop() throws {
        var s = try Self.system(Self.benefitYAML)
        var d = OperationsDuties.of(s)
        #expect(d.basis == .classification && d.friaRequired && d.registration == .C && d.areas == [.essentialServices])
        // An outcome that stopped at step 1 falls back to the recorded flags.
        s.classification?.answers?.aiSystem = .uncertain
        d = OperationsDuties.of(s)
        #expect(d.basis == .recordedFlags && d.friaRequired && d.registration == .C)
    }

    @Test func friaDraftFillsAndNamesSections() throws {
        var s = try Self.system(Self.benefitYAML)
        var draft = FRIADraft(s, today: Self.today)
        #expect(draft.required)
        #expect(draft.sections.map(\.letter) == ["a", "b", "c", "d", "e", "f"])
        #expect(draft.missing.map(\.path) == ["fria.process", "fria.period_and_frequency"])
        #expect(draft.sections[2].items.first == "applicants for social assistance")
        #expect(draft.sections[3].items.first?.contains("irregular income") == true)
        #expect(draft.sections[5].items.contains { $0.hasPrefix("Complaints: Objection") })
        #expect(draft.sections[5].items.contains { $0.hasPrefix("Governance: last reviewed 2026-10-01") })

        var f = FRIA()
        f.performed = Day("2026-10-05")
        f.process = "Intake of applications"
        f.periodAndFrequency = "Daily"
        f.nextReview = Day("2026-11-01")
        s.fria = f
        draft = FRIADraft(s, today: Self.today)
        #expect(draft.complete && draft.reviewOverdue && draft.notified == nil)
        s.risks = []
        draft = FRIADraft(s, today: Self.today)
        #expect(draft.missing.map { "\($0.section) \($0.path)" } == ["d risks"])
        #expect(draft.markdown().contains("**Missing:** (d) `risks`"))
    }

    @Test func sectionCNeedsTheDeployersFacts() throws {
        var s = try Self.system(Self.benefitYAML)
        var entry = RegistrationEntry(s, today: Self.today)
        #expect(entry.section == "C" && !entry.restricted)
        #expect(entry.items.map(\.point) == ["1", "2", "3", "4", "5"])
        #expect(entry.missing.map(\.path) == ["registration.organisation", "registration.address", "registration.submitted_by",
                                              "registration.provider_entry_url", "fria.performed", "fria.dpia_reference"])
        var r = Registration()
        r.organisation = "Gemeente Voorbeeld"
        r.address = "Markt 1, Voorbeeld"
        r.submittedBy = "CIO office"
        r.providerEntryUrl = "https://eu-db.example.eu/entries/1"
        s.registration = r
        var f = FRIA()
        f.performed = Day("2026-10-05")
        f.dpiaReference = "DPIA 2026-04"
        s.fria = f
        entry = RegistrationEntry(s, today: Self.today)
        #expect(entry.complete, "\(entry.missing)")
        #expect(entry.items[3].value?.contains("Assessed on 2026-10-05") == true)
        #expect(entry.items[3].value?.contains("Empty sections: (a) fria.process") == true)
    }

    @Test func noneAndNationalHaveNoEntry() {
        let none = RegistrationEntry(Self.flags(role: .deployer, tier: .minimal, area: nil), today: Self.today)
        #expect(none.registration == .none && none.items.isEmpty && none.complete && none.section == nil)
        let national = RegistrationEntry(Self.flags(role: .provider, area: .criticalInfrastructure), today: Self.today)
        #expect(national.registration == .national && national.items.isEmpty && national.note.contains("national level"))
    }

    @Test func restrictedSectionsEnterOnlyArticle49_4Items() {
        let entry = RegistrationEntry(Self.flags(role: .provider, area: .lawEnforcement), today: Self.today)
        #expect(entry.registration == .aRestricted && entry.restricted && entry.section == "A")
        let notEntered = entry.items.filter { $0.status == .notEntered }.map(\.point)
        #expect(notEntered == ["6", "8", "9", "11", "12", "13"])
        #expect(!entry.missing.contains { ["6", "8", "9", "11", "12", "13"].contains($0.point) })
        #expect(entry.note.contains("secure non-public section"))
    }
}
