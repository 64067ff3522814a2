import AIGovCore

/// RSK, MET and REV: identified risks, performance targets and periodic review.
extension BuiltInRule {
    static let riskRules: [BuiltInRule] = [
        BuiltInRule(
            "RSK-001", "An active system deciding about people records its risks",
            applies: "active and `people`", fires: "`risks` empty",
            severity: .highIfHighRisk, reference: "Art. 9(2)(a); NIST AI RMF Map 5.1",
            remediation: "Identify the foreseeable risks to health, safety and rights and record them under `risks` with mitigations.",
            scope: { s, _ in s.isActive && s.decidesAboutPeople }
        ) { s, c in
            c.when(s.risks.isEmpty, "risks", "decides about people but records no risks")
        },
        BuiltInRule(
            "RSK-002", "Each risk has a mitigation",
            applies: "any", fires: "a risk has empty `mitigation` (per entry)",
            severity: .fixed(.low), reference: "Art. 9(2)(d)",
            remediation: "Record in `mitigation` the measure that addresses the risk, or why it is accepted."
        ) { s, c in
            c.perEntry(s.risks, "risks", field: "mitigation") { _, r in
                r.mitigation.isEmptyText ? "risk \"\(r.description)\" has no mitigation" : nil
            }
        },
        BuiltInRule(
            "MET-001", "An active high-risk system has performance targets",
            applies: "active and HR", fires: "`metrics` empty",
            severity: .fixed(.medium), reference: "Art. 15(3)", group: .highRisk,
            remediation: "Declare accuracy metrics with targets and measured values under `metrics`, per group where it matters.",
            scope: { s, _ in s.isActive && s.isHighRisk }
        ) { s, c in
            c.when(s.metrics.isEmpty, "metrics", "high-risk and \(s.status.rawValue) with no performance metrics")
        },
    ]

    static let reviewRules: [BuiltInRule] = [
        BuiltInRule(
            "REV-001", "An active system has been reviewed",
            applies: "active", fires: "`review.last_reviewed` empty",
            severity: .fixed(.medium), reference: "Art. 9(2)",
            remediation: "Review the record and the system's risks and set `review.last_reviewed`.",
            scope: { s, _ in s.isActive }
        ) { s, c in
            c.when(s.review?.lastReviewed == nil, "review.last_reviewed", "has never been reviewed")
        },
        BuiltInRule(
            "REV-002", "Reviews are not overdue",
            applies: "active",
            fires: "last reviewed + `interval_days` (default \(Intervals.defaultReviewDays)) is before today",
            severity: .highIfHighRisk, reference: "Art. 9(2)",
            remediation: "Review the system again and update `review.last_reviewed`.",
            scope: { s, _ in s.isActive },
            changes: { s, _ in
                guard let review = s.review, let last = review.lastReviewed else { return [] }
                return [last.adding(days: review.effectiveInterval).adding(days: 1)]
            }
        ) { s, c in
            guard let review = s.review, let last = review.lastReviewed else { return [] }
            let due = last.adding(days: review.effectiveInterval)
            return c.when(
                due < c.today, "review.last_reviewed",
                "review was due on \(due) (last reviewed \(last), every \(review.effectiveInterval) days)")
        },
        BuiltInRule(
            "REV-003", "A high-risk system is reviewed at least yearly",
            applies: "HR", fires: "`interval_days` > \(Intervals.highRiskMaxReviewDays)",
            severity: .fixed(.low), reference: "Art. 9(2)",
            remediation: "Set `review.interval_days` to \(Intervals.highRiskMaxReviewDays) or less.",
            scope: { s, _ in s.isHighRisk }
        ) { s, c in
            guard let days = s.review?.intervalDays, days > Intervals.highRiskMaxReviewDays else { return [] }
            return [c.finding("review.interval_days", "high-risk but reviewed only every \(days) days")]
        },
    ]
}
