import AIGovCore
@testable import AIGovRules

/// Gives the system a classification of the current questionnaire, assessed on `today`.
func classify(
    _ s: inout AISystem, role: OperatorRole? = nil, assessed: Day = today,
    _ edit: (inout ClassificationAnswers) -> Void
) {
    var c = Classification(assessed: assessed, assessor: "dpo@example.com")
    c.role = role
    c.answers = answers(edit)
    s.classification = c
}

/// The answers that agree with the deployer baseline (loan-scoring: Annex III point 5(b) with profiling).
func loanScoringAnswers(_ a: inout ClassificationAnswers) {
    a.annexIII = [.p5b]
    a.profiling = true
    a.gpai = false
    a.publicAuthority = false
    a.publicService = false
}

extension Clean {
    /// A baseline with the classification answers that agree with its record: every rule,
    /// CLS-003 included, stays quiet.
    static func classified(_ s: AISystem) -> AISystem {
        var out = s
        if s.tier == .minimal {
            classify(&out) { $0.gpai = s.euAiAct?.gpai }
        } else {
            classify(&out, loanScoringAnswers)
        }
        return out
    }
}

func performedFRIA(_ s: inout AISystem) {
    var f = FRIA()
    f.performed = day("2026-10-01")
    s.fria = f
}

extension RuleCase {
    /// CLS-001 … CLS-007, and the rules whose condition a classification changes
    /// (HRD-001, HRD-005, HRP-007, INV-012).
    static let guidedClassification: [RuleCase] = [
        fires("CLS-001", "answers give high, record limited", .deployer, ["eu_ai_act.tier"], .critical) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.tier = .limited
        },
        fires("CLS-001", "record unassessed", .deployer, ["eu_ai_act.tier"], .critical) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.tier = nil
        },
        fires("CLS-001", "in development", .deployer, ["eu_ai_act.tier"], .high) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.tier = .minimal; $0.status = .development
        },
        fires("CLS-001", "answers say not an AI system", .minimal, ["eu_ai_act.tier"], .critical) {
            classify(&$0) { $0.aiSystem = .no }
        },
        quiet("CLS-001", "tiers agree", .deployer) { classify(&$0, loanScoringAnswers) },
        quiet("CLS-001", "outcome unassessed", .deployer) { classify(&$0) { $0.aiSystem = .uncertain } },
        quiet("CLS-001", "no classification", .deployer) { $0.euAiAct?.tier = .limited },

        fires("CLS-002", "Art. 6(3) derogation recorded, answers profile", .deployer, ["eu_ai_act.art6_3_exemption"], .medium) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.art63Exemption = true
        },
        fires("CLS-002", "area and gpai", .deployer, ["eu_ai_act.annex_iii", "eu_ai_act.gpai"], .medium) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.annexIII = .employment; $0.euAiAct?.gpai = true
        },
        fires("CLS-002", "role from the block", .deployer, ["eu_ai_act.role"], .medium) {
            classify(&$0, role: .provider, loanScoringAnswers)
        },
        fires("CLS-002", "public service answered, public_body absent", .deployer, ["eu_ai_act.public_body"], .medium) {
            classify(&$0) { loanScoringAnswers(&$0); $0.publicService = true }; $0.euAiAct?.publicBody = nil
        },
        fires("CLS-002", "no Annex III point, area recorded", .deployer, ["eu_ai_act.annex_iii"], .medium) {
            classify(&$0) { loanScoringAnswers(&$0); $0.annexIII = []; $0.annexI = annexI([.lifts], safety: true, thirdParty: true) }
            $0.euAiAct?.annexIProduct = true; $0.euAiAct?.annexISection = .a
        },
        fires("CLS-002", "machinery derives Section B", .deployer, ["eu_ai_act.annex_iii", "eu_ai_act.annex_i_section"], .medium) {
            classify(&$0) { loanScoringAnswers(&$0); $0.annexIII = []; $0.annexI = annexI([.machinery], safety: true, thirdParty: true) }
            $0.euAiAct?.annexIProduct = true; $0.euAiAct?.annexISection = .a
        },
        quiet("CLS-002", "flags agree", .deployer) { classify(&$0, loanScoringAnswers) },
        quiet("CLS-002", "unanswered booleans are not compared", .deployer) {
            classify(&$0) { $0.annexIII = [.p5b]; $0.profiling = true }; $0.euAiAct?.gpai = true; $0.euAiAct?.publicBody = true
        },
        quiet("CLS-002", "absent recorded booleans read false", .deployer) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.gpai = nil; $0.euAiAct?.deepfake = nil; $0.euAiAct?.publicBody = nil
        },
        quiet("CLS-002", "art6_3_reason is never compared", .minimal) {
            classify(&$0) { $0.annexIII = [.p3b]; $0.profiling = false; $0.art63 = [.a] }
            $0.euAiAct?.annexIII = .education; $0.euAiAct?.art63Exemption = true; $0.euAiAct?.art63Reason = "own words"
        },
        quiet("CLS-002", "stopped at step 2", .deployer) {
            classify(&$0) { $0.excluded = [.military]; $0.annexIII = [.p4a] }; $0.euAiAct?.gpai = true
        },

        fires("CLS-003", "production without answers", .deployer, [""], .low) { _ in },
        fires("CLS-003", "pilot, minimal", .minimal, [""], .low) { $0.status = .pilot },
        quiet("CLS-003", "with answers", .deployer) { classify(&$0, loanScoringAnswers) },
        quiet("CLS-003", "development", .deployer) { $0.status = .development },
        quiet("CLS-003", "unassessed", .deployer) { $0.euAiAct?.tier = nil },

        fires("CLS-004", "ai_system unanswered", .deployer, ["classification.answers"], .medium) {
            classify(&$0) { loanScoringAnswers(&$0); $0.aiSystem = nil }
        },
        fires("CLS-004", "ai_system uncertain", .deployer, ["classification.answers"], .medium) {
            classify(&$0) { loanScoringAnswers(&$0); $0.aiSystem = .uncertain }
        },
        fires("CLS-004", "no answers block", .deployer, ["classification.answers"], .medium) {
            classify(&$0) { _ in }; $0.classification?.answers = nil
        },
        fires("CLS-004", "Annex III without a profiling answer", .deployer, ["classification.answers"], .medium) {
            classify(&$0) { loanScoringAnswers(&$0); $0.profiling = nil }
        },
        fires("CLS-004", "Annex I without safety_component", .minimal, ["classification.answers"], .medium) {
            classify(&$0) { $0.annexI = annexI([.machinery], safety: nil, thirdParty: false) }
        },
        fires("CLS-004", "Annex I without third_party_assessment", .minimal, ["classification.answers"], .medium) {
            classify(&$0) { $0.annexI = annexI([.machinery], safety: false, thirdParty: nil) }
        },
        quiet("CLS-004", "all settled", .deployer) { classify(&$0, loanScoringAnswers) },
        quiet("CLS-004", "no Annex III, profiling unanswered", .minimal) { classify(&$0) { _ in } },
        quiet("CLS-004", "no Annex I legislation, conditions unanswered", .minimal) {
            classify(&$0) { $0.annexI = annexI([], safety: nil, thirdParty: nil) }
        },
        quiet("CLS-004", "ai_system no", .minimal) { classify(&$0) { $0.aiSystem = .no } },

        fires("CLS-005", "older questionnaire", .deployer, ["classification.questionnaire"], .low) {
            classify(&$0, loanScoringAnswers); $0.classification?.questionnaire = "2025-11"
        },
        quiet("CLS-005", "current questionnaire", .deployer) { classify(&$0, loanScoringAnswers) },

        fires("CLS-006", "assessed 366 days ago", .deployer, ["classification.assessed"], .low) {
            classify(&$0, assessed: daysFromToday(-366), loanScoringAnswers)
        },
        quiet("CLS-006", "assessed 365 days ago", .deployer) { classify(&$0, assessed: daysFromToday(-365), loanScoringAnswers) },

        fires("CLS-007", "section B without id", .provider, ["eu_ai_act.eu_database_id"], .high) {
            classify(&$0) { $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.d] }; $0.euAiAct?.euDatabaseId = nil
        },
        fires("CLS-007", "B-restricted, development", .provider, ["eu_ai_act.eu_database_id"], .high) {
            classify(&$0) { $0.annexIII = [.p6c]; $0.profiling = false; $0.art63 = [.a] }
            $0.euAiAct?.euDatabaseId = " "; $0.status = .development
        },
        quiet("CLS-007", "section B with id", .provider) {
            classify(&$0) { $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.d] }
        },
        quiet("CLS-007", "proposed", .provider) {
            classify(&$0) { $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.d] }
            $0.euAiAct?.euDatabaseId = nil; $0.status = .proposed
        },
        quiet("CLS-007", "section A", .provider) {
            classify(&$0) { $0.annexIII = [.p5c]; $0.profiling = true; $0.art63 = [.d] }; $0.euAiAct?.euDatabaseId = nil
        },
        quiet("CLS-007", "deployer claims the derogation", .deployer) {
            classify(&$0) { $0.annexIII = [.p5c]; $0.profiling = false; $0.art63 = [.d] }
        },

        // HRD-001: with a classification, `fria_required`; silenced by evidence(fria) or fria.performed.
        fires("HRD-001", "fria_required, no assessment", .deployer, ["evidence"], .high) {
            classify(&$0, loanScoringAnswers); dropEvidence(.fria)(&$0)
        },
        fires("HRD-001", "public authority in employment, record says private", .deployer, ["evidence"], .high) {
            classify(&$0) { $0.annexIII = [.p4a]; $0.profiling = true; $0.publicAuthority = true }
            $0.euAiAct?.annexIII = .employment; dropEvidence(.fria)(&$0)
        },
        fires("HRD-001", "stopped classification falls back to the record", .deployer, ["evidence"], .medium) {
            classify(&$0) { $0.aiSystem = .uncertain }; dropEvidence(.fria)(&$0)
        },
        quiet("HRD-001", "fria_required, fria.performed", .deployer) {
            classify(&$0, loanScoringAnswers); dropEvidence(.fria)(&$0); performedFRIA(&$0)
        },
        quiet("HRD-001", "no classification, fria.performed", .deployer) { dropEvidence(.fria)(&$0); performedFRIA(&$0) },
        quiet("HRD-001", "answers need none, record says essential services", .deployer) {
            classify(&$0) { $0.annexIII = [.p5a]; $0.profiling = true; $0.publicAuthority = false; $0.publicService = false }
            dropEvidence(.fria)(&$0)
        },
        fires("HRD-001", "a fria block without performed does not count", .deployer, ["evidence"], .high) {
            classify(&$0, loanScoringAnswers); dropEvidence(.fria)(&$0); $0.fria = FRIA()
        },

        // HRD-005: with a classification, registration C or C-restricted.
        fires("HRD-005", "section C, record not a public body", .deployer, ["eu_ai_act.eu_database_id"], .high) {
            classify(&$0) { $0.annexIII = [.p5a]; $0.profiling = true; $0.publicAuthority = true }
        },
        fires("HRD-005", "C-restricted", .deployer, ["eu_ai_act.eu_database_id"], .high) {
            classify(&$0) { $0.annexIII = [.p6a]; $0.profiling = false; $0.publicAuthority = true }
        },
        quiet("HRD-005", "section C with id", .deployer) {
            classify(&$0) { $0.annexIII = [.p5a]; $0.profiling = true; $0.publicAuthority = true }
            $0.euAiAct?.euDatabaseId = "EU-C-1"
        },
        quiet("HRD-005", "public service is no section C", .deployer) {
            classify(&$0) { $0.annexIII = [.p5a]; $0.profiling = true; $0.publicService = true }
            $0.euAiAct?.publicBody = true
        },
        quiet("HRD-005", "public authority, point 2 only", .deployer) {
            classify(&$0) { $0.annexIII = [.p2]; $0.profiling = true; $0.publicAuthority = true }
            $0.euAiAct?.publicBody = true
        },

        // HRP-007: with a classification, registration A or A-restricted.
        fires("HRP-007", "section A", .provider, ["eu_ai_act.eu_database_id"], .high) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.euDatabaseId = nil
        },
        fires("HRP-007", "A-restricted, recorded as Annex I product", .provider, ["eu_ai_act.eu_database_id"], .high) {
            classify(&$0) { $0.annexIII = [.p7b]; $0.profiling = true }
            $0.euAiAct?.euDatabaseId = nil; $0.euAiAct?.annexIProduct = true
        },
        quiet("HRP-007", "national registration", .provider) {
            classify(&$0) { $0.annexIII = [.p2]; $0.profiling = false }; $0.euAiAct?.euDatabaseId = nil
        },
        quiet("HRP-007", "Annex I product by the answers", .provider) {
            classify(&$0) { $0.annexI = annexI([.lifts], safety: true, thirdParty: true) }; $0.euAiAct?.euDatabaseId = nil
        },
        quiet("HRP-007", "section A, pilot", .provider) {
            classify(&$0, loanScoringAnswers); $0.euAiAct?.euDatabaseId = nil; $0.status = .pilot
        },

        // INV-012: only without a classification, or when the answers say it is no AI system.
        fires("INV-012", "answers say not an AI system", .minimal, ["models[0].technique"], .medium) {
            classify(&$0) { $0.aiSystem = .no }; $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .deepLearning
        },
        quiet("INV-012", "an AI system excluded by Art. 2", .minimal) {
            classify(&$0) { $0.excluded = [.military] }; $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .deepLearning
        },
        quiet("INV-012", "not settled whether an AI system", .minimal) {
            classify(&$0) { $0.aiSystem = .uncertain }; $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .machineLearning
        },
    ]
}
