import AIGovCore

/// TRN: what people are told, and how they contest an outcome.
extension BuiltInRule {
    static let transparencyRules: [BuiltInRule] = [
        BuiltInRule(
            "TRN-001", "People are told they are talking to an AI system",
            applies: "active, `interacts_with_people`", fires: "no `evidence(ai-disclosure)`",
            severity: .fixed(.high), reference: "Art. 50(1)", group: .fixed(.art50),
            remediation: "Tell people they are interacting with an AI system and add the notice as evidence of kind ai-disclosure.",
            scope: { s, _ in s.isActive && s.euAiAct?.interactsWithPeople == true }
        ) { s, c in
            c.when(!s.hasEvidence(.aiDisclosure), "evidence", "talks to people without ai-disclosure evidence")
        },
        BuiltInRule(
            "TRN-002", "A provider marks synthetic content as AI-generated",
            applies: "active, `synthetic_content`, role provider", fires: "no `evidence(content-marking)`",
            severity: .fixed(.high), reference: "Art. 50(2)", group: .fixed(.art50),
            picks: [.art50Legacy], pick: { s in
                // RULES.md v3: `art50-legacy` for a system on the market before 2026-08-02
                // (Art. 111(4)): `on_market_since` when recorded, else in production since before.
                let before = s.euAiAct?.onMarketSince.map { $0 < RecordGroup.legacyMarketCutoff }
                    ?? (s.isLive && s.statusSince.map { $0 < RecordGroup.legacyMarketCutoff } == true)
                return before ? .art50Legacy : nil
            },
            remediation: "Mark generated output in a machine-readable way (watermark, metadata) and add the design as evidence of kind content-marking.",
            scope: { s, _ in s.isActive && s.euAiAct?.syntheticContent == true && s.operatorRole == .provider }
        ) { s, c in
            c.when(!s.hasEvidence(.contentMarking), "evidence", "generates content without content-marking evidence")
        },
        BuiltInRule(
            "TRN-003", "A deployer discloses emotion recognition, biometric categorisation or deep fakes",
            applies: "active, role deployer, `emotion_or_biometric_categorisation` or `deepfake`",
            fires: "no `evidence(ai-disclosure)`",
            severity: .fixed(.high), reference: "Art. 50(3)(4)", group: .fixed(.art50),
            remediation: "Inform the people exposed (or label the deep fake) and add the notice as evidence of kind ai-disclosure.",
            scope: { s, _ in
                s.isActive && s.operatorRole == .deployer
                    && (s.euAiAct?.emotionOrBiometricCategorisation == true || s.euAiAct?.deepfake == true)
            }
        ) { s, c in
            c.when(
                !s.hasEvidence(.aiDisclosure), "evidence",
                "emotion recognition, biometric categorisation or deep fakes without ai-disclosure evidence")
        },
        BuiltInRule(
            "TRN-004", "Affected people get an explanation of the outcome",
            applies: "`people`", fires: "`impact.explanation` empty",
            severity: .highIfHighRisk, reference: "Art. 86; Art. 13(3)(b)",
            remediation: "Describe in `impact.explanation` what an affected person is told about how the outcome was reached.",
            scope: { s, _ in s.decidesAboutPeople }
        ) { s, c in
            c.when(s.impact?.explanation.isEmptyText ?? true, "impact.explanation", "decides about people but records no explanation given to them")
        },
        BuiltInRule(
            "TRN-005", "The groups affected are named",
            applies: "`people`", fires: "`impact.affected_groups` empty",
            severity: .fixed(.medium), reference: "Art. 27(1)(c)",
            remediation: "List in `impact.affected_groups` the categories of people the system affects.",
            scope: { s, _ in s.decidesAboutPeople }
        ) { s, c in
            c.when(s.impact?.affectedGroups.isEmpty ?? true, "impact.affected_groups", "decides about people but names no affected groups")
        },
        BuiltInRule(
            "TRN-006", "Stakeholders were consulted about a high-risk system",
            applies: "HR", fires: "`impact.stakeholders_consulted` empty",
            severity: .fixed(.low), reference: "NIST AI RMF Govern 5.1",
            remediation: "Consult affected groups or their representatives and list them in `impact.stakeholders_consulted`.",
            scope: { s, _ in s.isHighRisk }
        ) { s, c in
            c.when(
                s.impact?.stakeholdersConsulted.isEmpty ?? true, "impact.stakeholders_consulted",
                "high-risk with no stakeholders consulted")
        },
        BuiltInRule(
            "TRN-007", "Affected people can contest an outcome",
            applies: "`people`", fires: "`impact.appeal` empty",
            severity: .fixed(.medium), reference: "Art. 86; GDPR Art. 22(3)",
            remediation: "Describe in `impact.appeal` how a person contests an outcome and reaches a human.",
            scope: { s, _ in s.decidesAboutPeople }
        ) { s, c in
            c.when(s.impact?.appeal.isEmptyText ?? true, "impact.appeal", "decides about people but records no appeal route")
        },
    ]
}
