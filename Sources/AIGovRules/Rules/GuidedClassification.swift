import AIGovCore

/// CLS: does the recorded classification rest on answers, and do they agree (CLASSIFY.md, "Rules")?
extension BuiltInRule {
    static let guidedClassification: [BuiltInRule] = [
        BuiltInRule(
            "CLS-001", "The recorded tier is the tier the classification answers give",
            applies: "`classification` present, outcome tier ≠ unassessed", fires: "outcome tier ≠ recorded tier",
            severity: .computed("critical if active, else high") { $0.isActive ? .critical : .high },
            reference: "Art. 6",
            remediation: "Record the tier the answers give (`aigov classify ID --write`), or correct the answers if they are wrong.",
            scope: { s, _ in
                guard let o = ClassificationOutcome.of(s) else { return false }
                return o.tier != .unassessed
            }
        ) { s, c in
            guard let o = ClassificationOutcome.of(s) else { return [] }
            return c.when(
                o.tier != s.tier, "eu_ai_act.tier",
                "the classification answers give tier \(o.tier.rawValue), the record says \(s.tier.rawValue)")
        },
        BuiltInRule(
            "CLS-002", "The recorded flags are the flags the classification answers give",
            applies: "`classification` present",
            fires: "a derived flag other than tier and rationale differs from the outcome (one finding per flag)",
            severity: .fixed(.medium), reference: "Art. 6(4)",
            remediation: "Record the flags the answers give (`aigov classify ID --write`), or correct the answers if they are wrong.",
            scope: { s, _ in s.classification != nil }
        ) { s, c in
            guard let o = ClassificationOutcome.of(s) else { return [] }
            return o.flagDifferences(from: s).map { d in
                let flag = d.field.dropFirst("eu_ai_act.".count)
                return c.finding(
                    d.field, "the classification answers give \(flag) \(d.to ?? "null"), the record says \(d.from ?? "null")")
            }
        },
        BuiltInRule(
            "CLS-003", "An assessed active system keeps the answers behind its tier",
            applies: "active, tier ≠ unassessed, no `classification`", fires: "always",
            severity: .fixed(.low), reference: "Art. 6(4)",
            remediation: "Answer the guided classification (`aigov classify ID`) so the tier rests on recorded answers.",
            scope: { s, _ in s.isActive && s.tier != .unassessed && s.classification == nil }
        ) { s, c in
            [c.finding("", "tier \(s.tier.rawValue) is recorded without classification answers")]
        },
        BuiltInRule(
            "CLS-004", "The classification answers settle every question the tier turns on",
            applies: "`classification` present",
            fires: "`ai_system` unanswered or uncertain; or Annex III points without a `profiling` answer; or Annex I legislation without a `safety_component` or `third_party_assessment` answer",
            severity: .fixed(.medium), reference: "Art. 3(1), Art. 6",
            remediation: "Answer the open questions (`aigov classify ID`): an unsettled answer leaves the tier unproven.",
            scope: { s, _ in s.classification != nil }
        ) { s, c in
            let open = s.classification?.openQuestions ?? []
            return c.when(
                !open.isEmpty, "classification.answers",
                "the classification leaves open: " + open.joined(separator: ", "))
        },
        BuiltInRule(
            "CLS-005", "The classification answers the current questionnaire",
            applies: "`classification` present", fires: "`questionnaire` ≠ `\(Classification.currentQuestionnaire)`",
            severity: .fixed(.low), reference: "Art. 6(4)",
            remediation: "Answer the current questionnaire (`aigov classify ID`) and record its answers.",
            scope: { s, _ in s.classification != nil }
        ) { s, c in
            let version = s.classification?.questionnaire ?? ""
            return c.when(
                version != Classification.currentQuestionnaire, "classification.questionnaire",
                "the classification answers questionnaire \"\(version)\", not the current \(Classification.currentQuestionnaire)")
        },
        BuiltInRule(
            "CLS-006", "The classification answers are reviewed every year",
            applies: "`classification` present", fires: "`assessed` more than 365 days ago",
            severity: .fixed(.low), reference: "Art. 9(2)",
            remediation: "Review the classification answers with the system's owner and record the new `classification.assessed` date.",
            scope: { s, _ in s.classification != nil },
            changes: { s, _ in
                (s.classification?.assessed).map { [RuleContext.staleFrom($0, days: Intervals.classificationReviewDays)] } ?? []
            }
        ) { s, c in
            guard let assessed = s.classification?.assessed else { return [] }
            return c.when(
                c.isStale(assessed, days: Intervals.classificationReviewDays), "classification.assessed",
                "the classification answers date from \(assessed), more than \(Intervals.classificationReviewDays) days ago")
        },
        BuiltInRule(
            "CLS-007", "A provider claiming the Art. 6(3) derogation registers the system",
            applies: "`classification` present, status ≠ proposed",
            fires: "registration `B` or `B-restricted` and `eu_database_id` empty",
            severity: .fixed(.high), reference: "Art. 49(2)", group: .fixed(.hr3),
            remediation: "Register the system in Section B of the EU database before placing it on the market and record the id in `eu_ai_act.eu_database_id`.",
            scope: { s, _ in s.classification != nil && s.status != .proposed }
        ) { s, c in
            guard let o = ClassificationOutcome.of(s) else { return [] }
            return c.when(
                o.obligations.registration.isSectionB && s.act.euDatabaseId.isEmptyText, "eu_ai_act.eu_database_id",
                "Art. 6(3) derogation (registration section \(o.obligations.registration.rawValue)) without an EU database registration id")
        },
    ]
}

extension Classification {
    /// CLS-004: the questions the outcome turns on that the answers leave open, by answer path.
    var openQuestions: [String] {
        let a = answers ?? ClassificationAnswers()
        var out: [String] = []
        if a.aiSystem == nil { out.append("ai_system (unanswered)") }
        if a.aiSystem == .uncertain { out.append("ai_system (uncertain)") }
        if !a.annexIII.isEmpty && a.profiling == nil { out.append("profiling") }
        if let i = a.annexI, !i.legislation.isEmpty {
            if i.safetyComponent == nil { out.append("annex_i.safety_component") }
            if i.thirdPartyAssessment == nil { out.append("annex_i.third_party_assessment") }
        }
        return out
    }
}
