import AIGovCore

/// The six parts of a fundamental rights impact assessment (Art. 27(1)(a)–(f); OPERATIONS.md),
/// each with the record path it is read from and what "empty" means for it.
///
/// FRI-002 and the application layer's FRIA draft (`aigov fria`, the console's Impact tab,
/// the audit pack) both read emptiness from here, so they always name the same sections.
public enum FRIASection: String, CaseIterable, Sendable {
    case a, b, c, d, e, f

    /// The path a finding names and the draft lists as missing.
    public var path: String {
        switch self {
        case .a: "fria.process"
        case .b: "fria.period_and_frequency"
        case .c: "impact.affected_groups"
        case .d: "risks"
        case .e: "oversight"
        case .f: "fallbacks"
        }
    }

    /// Every record path the section is drawn from (the first is `path`).
    public var sources: [String] {
        switch self {
        case .f: ["fallbacks", "impact.appeal", "review"]
        default: [path]
        }
    }

    /// "(d)".
    public var label: String { "(\(rawValue))" }

    /// Art. 27(1)(x).
    public var article: String { "Art. 27(1)(\(rawValue))" }

    /// What the section describes, after Art. 27(1).
    public var title: String {
        switch self {
        case .a: "The deployer's processes in which the system is used"
        case .b: "Period of time and frequency of use"
        case .c: "Categories of natural persons and groups likely to be affected"
        case .d: "Specific risks of harm to the persons and groups affected"
        case .e: "Human oversight measures"
        case .f: "Measures when the risks materialise, internal governance and complaint mechanisms"
        }
    }

    /// Whether the section has nothing to say for this record.
    public func isEmpty(in s: AISystem) -> Bool {
        switch self {
        case .a: s.fria?.process.isEmptyText ?? true
        case .b: s.fria?.periodAndFrequency.isEmptyText ?? true
        case .c: !(s.impact?.affectedGroups.contains { !$0.isEmptyText } ?? false)
        case .d: s.risks.isEmpty
        case .e: s.oversight.isEmpty
        case .f: s.fallbacks.isEmpty
        }
    }
}

/// FRI: the fundamental rights impact assessment once it has been carried out (Art. 27).
extension BuiltInRule {
    static let friaRules: [BuiltInRule] = {
        let applies = "`fria.performed` set"
        let scope: @Sendable (AISystem, RuleContext) -> Bool = { s, _ in s.fria?.performed != nil }
        return [
            BuiltInRule(
                "FRI-001", "A fundamental rights impact assessment is notified to the market surveillance authority",
                applies: applies, fires: "`fria.notified` empty",
                severity: .fixed(.high), reference: "Art. 27(3)", group: .highRisk,
                remediation: "Notify the results of the assessment to the market surveillance authority and record the date in `fria.notified` and the authority in `fria.authority`.",
                scope: scope
            ) { s, c in
                c.when(
                    s.fria?.notified == nil, "fria.notified",
                    "impact assessment of \(s.fria?.performed?.description ?? "?") not notified to the market surveillance authority")
            },
            BuiltInRule(
                "FRI-002", "A fundamental rights impact assessment covers every part of Art. 27(1)",
                applies: applies,
                fires: "a section (a)–(f) is empty: one finding per section, path `fria.process`, `fria.period_and_frequency`, `impact.affected_groups`, `risks`, `oversight` or `fallbacks`",
                severity: .fixed(.medium), reference: "Art. 27(1)", group: .highRisk,
                remediation: "Complete the assessment: describe the processes and the period and frequency of use in the `fria` block, and record the affected groups, risks, oversight and fallbacks.",
                scope: scope
            ) { s, c in
                FRIASection.allCases.compactMap { section in
                    section.isEmpty(in: s)
                        ? c.finding(section.path, "impact assessment section \(section.label) is empty (\(section.title.lowercased()))")
                        : nil
                }
            },
            BuiltInRule(
                "FRI-003", "A fundamental rights impact assessment is reviewed when due",
                applies: applies, fires: "`fria.next_review` before today",
                severity: .fixed(.medium), reference: "Art. 27(2) (the article asks for an update when an element changed; a review date is aigov practice)", group: .highRisk,
                remediation: "Review the assessment, update what changed, and set `fria.next_review` to the next date.",
                scope: scope,
                changes: { s, _ in s.fria?.nextReview.map { [$0.adding(days: 1)] } ?? [] }
            ) { s, c in
                guard let due = s.fria?.nextReview else { return [] }
                return c.when(due < c.today, "fria.next_review", "impact assessment review was due on \(due)")
            },
        ]
    }()
}
