import AIGovCore

/// INV: is the system classified, and is the classification coherent?
extension BuiltInRule {
    static let classification: [BuiltInRule] = [
        BuiltInRule(
            "INV-001", "An active system names a contact",
            applies: "active", fires: "`contact` empty",
            severity: .fixed(.low), reference: "ISO/IEC 42001 A.3.2",
            remediation: "Set `contact` to an email address or handle that answers questions about the system.",
            scope: { s, _ in s.isActive }
        ) { s, c in
            c.when(s.contact.isEmptyText, "contact", "no contact recorded for a \(s.status.rawValue) system")
        },
        BuiltInRule(
            "INV-002", "The system has an EU AI Act risk tier",
            applies: "status ≠ retired", fires: "tier unassessed",
            severity: .computed("critical if active, else high") { $0.isActive ? .critical : .high },
            reference: "Art. 6",
            remediation: "Classify the system: set `eu_ai_act.tier` and explain it in `eu_ai_act.rationale`."
        ) { s, c in
            c.when(s.tier == .unassessed, "eu_ai_act.tier", "risk tier is unassessed (status \(s.status.rawValue))")
        },
        BuiltInRule(
            "INV-003", "An assessed tier has a rationale",
            applies: "tier ≠ unassessed", fires: "`eu_ai_act.rationale` empty",
            severity: .fixed(.medium), reference: "Art. 6(4)",
            remediation: "Write in `eu_ai_act.rationale` why the system has this tier.",
            scope: { s, _ in s.tier != .unassessed }
        ) { s, c in
            c.when(s.act.rationale.isEmptyText, "eu_ai_act.rationale", "tier \(s.tier.rawValue) has no rationale")
        },
        BuiltInRule(
            "INV-004", "A prohibited system is not built or used",
            applies: "tier prohibited",
            fires: "status pilot or production → critical; development → high",
            severity: .computed("critical if active, high if in development") { $0.isActive ? .critical : .high },
            reference: "Art. 5", group: .fixed(.art5),
            picks: [.art5of2026], pick: { s in
                // RULES.md: `art5-2026` when the answers name only the practice Regulation (EU) 2026/1744 added.
                let practices = s.classification?.answers?.prohibited ?? []
                return !practices.isEmpty && practices.allSatisfy { $0 == .intimate } ? .art5of2026 : nil
            },
            remediation: "Stop development and use of the system, or re-design it so no Art. 5 practice remains and reclassify it.",
            scope: { s, _ in s.tier == .prohibited }
        ) { s, c in
            switch s.status {
            case .pilot, .production, .development:
                [c.finding("status", "a prohibited practice (Art. 5) is in \(s.status.rawValue)")]
            default: []
            }
        },
        BuiltInRule(
            "INV-005", "An Annex III system below high-risk claims the Art. 6(3) derogation",
            applies: "`annex_iii` set, tier limited or minimal", fires: "`art6_3_exemption` false",
            severity: .fixed(.high), reference: "Art. 6(2)",
            remediation: "Classify the system as high-risk, or document the Art. 6(3) derogation in `art6_3_exemption` and `art6_3_reason`.",
            scope: { s, _ in s.euAiAct?.annexIII != nil && (s.tier == .limited || s.tier == .minimal) }
        ) { s, c in
            c.when(
                s.act.art63Exemption != true, "eu_ai_act.art6_3_exemption",
                "Annex III area \(s.act.annexIII?.rawValue ?? "") with tier \(s.tier.rawValue) but no Art. 6(3) derogation")
        },
        BuiltInRule(
            "INV-006", "The Art. 6(3) derogation is not claimed for a profiling system",
            applies: "`art6_3_exemption` true", fires: "`profiling` true",
            severity: .fixed(.critical), reference: "Art. 6(3)",
            remediation: "A system that profiles natural persons is always high-risk: drop the derogation and classify it as high.",
            scope: { s, _ in s.euAiAct?.art63Exemption == true }
        ) { s, c in
            c.when(s.act.profiling == true, "eu_ai_act.profiling", "claims the Art. 6(3) derogation but profiles natural persons")
        },
        BuiltInRule(
            "INV-007", "The Art. 6(3) derogation gives its reason",
            applies: "`art6_3_exemption` true", fires: "`art6_3_reason` empty",
            severity: .fixed(.high), reference: "Art. 6(4)",
            remediation: "Write in `eu_ai_act.art6_3_reason` which Art. 6(3) condition applies and why.",
            scope: { s, _ in s.euAiAct?.art63Exemption == true }
        ) { s, c in
            c.when(s.act.art63Reason.isEmptyText, "eu_ai_act.art6_3_reason", "claims the Art. 6(3) derogation without a reason")
        },
        BuiltInRule(
            "INV-008", "An Annex I product is high-risk",
            applies: "`annex_i_product` true", fires: "tier ≠ high and ≠ prohibited",
            severity: .fixed(.high), reference: "Art. 6(1)",
            remediation: "Set `eu_ai_act.tier` to high: a safety component of an Annex I product is high-risk.",
            scope: { s, _ in s.euAiAct?.annexIProduct == true }
        ) { s, c in
            c.when(
                s.tier != .high && s.tier != .prohibited, "eu_ai_act.tier",
                "an Annex I product with tier \(s.tier.rawValue)")
        },
        BuiltInRule(
            "INV-009", "Emotion recognition or biometric categorisation is not classed low-risk",
            applies: "`emotion_or_biometric_categorisation` true",
            fires: "tier minimal or limited, `annex_iii` ≠ biometrics",
            severity: .fixed(.high), reference: "Art. 5(1)(f)(g), Annex III 1",
            remediation: "Reclassify: emotion recognition and biometric categorisation are prohibited (Art. 5) or high-risk (Annex III 1).",
            scope: { s, _ in s.euAiAct?.emotionOrBiometricCategorisation == true }
        ) { s, c in
            c.when(
                (s.tier == .minimal || s.tier == .limited) && s.act.annexIII != .biometrics,
                "eu_ai_act.tier", "emotion recognition or biometric categorisation with tier \(s.tier.rawValue)")
        },
        BuiltInRule(
            "INV-010", "The intended purpose is written down",
            applies: "any", fires: "`purpose` empty",
            severity: .fixed(.medium), reference: "Art. 3(12)",
            remediation: "Describe the intended purpose in `purpose`, in plain words."
        ) { s, c in
            c.when(s.purpose.isEmptyText, "purpose", "no intended purpose recorded")
        },
        BuiltInRule(
            "INV-011", "A high-risk system says why it is high-risk",
            applies: "HR", fires: "`annex_iii` empty and `annex_i_product` false",
            severity: .fixed(.medium), reference: "Art. 6",
            remediation: "Set `eu_ai_act.annex_iii` to the Annex III area, or `annex_i_product: true` for an Annex I product.",
            scope: { s, _ in s.isHighRisk }
        ) { s, c in
            c.when(
                s.act.annexIII == nil && s.act.annexIProduct != true, "eu_ai_act.annex_iii",
                "high-risk without an Annex III area or Annex I product")
        },
        BuiltInRule(
            "INV-012", "An out-of-scope system uses no machine learning",
            applies: "tier out-of-scope, and no `classification` or its `ai_system` is `no`",
            fires: "a model has technique machine-learning, deep-learning or generative",
            severity: .fixed(.medium), reference: "Art. 3(1)",
            remediation: "Reclassify the system: a learned model makes it an AI system under Art. 3(1); or correct the model's technique.",
            scope: { s, _ in
                // Answers that settle the system is an AI system put it out of scope for another
                // reason (Art. 2); CLS-001 holds the tier against them.
                s.tier == .outOfScope && (s.classification == nil || s.classification?.answers?.aiSystem == .no)
            }
        ) { s, c in
            c.perEntry(s.models, "models", field: "technique") { _, m in
                switch m.technique {
                case .machineLearning, .deepLearning, .generative:
                    "tier out-of-scope but model \"\(m.name)\" is \(m.technique?.rawValue ?? "")"
                default: nil
                }
            }
        },
        BuiltInRule(
            "INV-013", "A legacy high-risk system is named, with what ends its grace",
            applies: "HR, legacy (`on_market_since` before the high-risk date C, no `significant_change` on or after C)",
            fires: "always: on the market since D, before C: Chapter III applies only from a significant change in its design (and, for a public authority, in any case by 2030-08-02)",
            severity: .fixed(.info), reference: "Art. 111(2)",
            remediation: "Record `eu_ai_act.significant_change` when the design changes significantly: the high-risk duties then apply from that day.",
            scope: { s, c in s.isHighRisk && s.isLegacy(timeline: c.timeline) }
        ) { s, c in
            let since = s.act.onMarketSince.map(String.init(describing:)) ?? ""
            let backstop = s.isAuthority ? " and in any case by \(c.timeline.inForce(RecordGroup.hrLegacy).map(String.init(describing:)) ?? "")" : ""
            return c.when(true, "eu_ai_act.on_market_since",
                          "on the market since \(since), before \(s.legacyCutoff(timeline: c.timeline)): Chapter III applies only from a significant change in its design" + backstop)
        },
        BuiltInRule(
            "INV-014", "An Annex I Section B product gets its high-risk requirements through its sectoral law",
            applies: "HR, `annex_i_product`, `annex_i_section` B, no `annex_iii`",
            fires: "always",
            severity: .fixed(.info), reference: "Art. 2(2)",
            remediation: "Nothing to do under the AI Act beyond Art. 6(1), 60a and 102–112: follow the sectoral law's requirements; set `annex_iii` if the system also serves an Annex III area.",
            scope: { s, _ in s.isHighRisk && s.isSectionBProduct }
        ) { _, c in
            c.when(true, "eu_ai_act.annex_i_section",
                   "an Annex I Section B product: the high-risk requirements reach it through its sectoral law; of the AI Act only Art. 6(1), 60a and 102–112 apply")
        },
    ]
}
