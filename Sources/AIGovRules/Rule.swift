import AIGovCore

/// What a rule evaluation knows besides the record: the day and the timeline.
public struct RuleContext: Sendable {
    /// The day ages and deadlines are measured from.
    public var today: Day
    /// Which dates obligations come into force on.
    public var timeline: Timeline
    /// Each system's serious incidents, by system id (OPERATIONS.md): what the INC rules read.
    /// Empty unless the caller loads them (the workspace's runner, the pack's analysis).
    public var incidents: [String: [Incident]] = [:]

    /// A context for `today`, on the amended timeline unless told otherwise.
    public init(today: Day, timeline: Timeline = Timeline(.amended)) {
        self.today = today
        self.timeline = timeline
    }

    /// `stale(d, n)` of RULES.md: `d` is more than `n` days before today.
    public func isStale(_ d: Day, days n: Int) -> Bool { d < today.adding(days: -n) }

    /// The first day on which `isStale(d, days: n)` holds.
    public static func staleFrom(_ d: Day, days n: Int) -> Day { d.adding(days: n).adding(days: 1) }
}

/// Which obligation group a rule belongs to (the "group" column of RULES.md).
public enum RuleObligation: Sendable, Equatable {
    /// Always the same group.
    case fixed(ObligationGroup)
    /// `hr1` when the system is an Annex I Section A product, else `hr3`; `hr-legacy` or none
    /// for a legacy system or a Section B product (`HighRiskReach`).
    case highRisk

    /// The group for one system (before `HighRiskReach` narrows it).
    public func group(for system: AISystem) -> ObligationGroup {
        switch self {
        case .fixed(let g): g
        case .highRisk: system.highRiskBaseGroup
        }
    }

    /// The column text: the group name, or `hr`.
    public var text: String {
        switch self {
        case .fixed(let g): g.rawValue
        case .highRisk: "hr"
        }
    }
}

/// A check of one system record that yields findings.
///
/// A rule decides its scope and its findings; the engine decides each finding's status
/// (upcoming, waived, open) from the rule's obligation group, the timeline and waivers.
public protocol Rule: Sendable {
    /// Stable id, e.g. `FBK-002`.
    var id: String { get }
    /// One line: what it checks.
    var title: String { get }
    /// Human text of the scope (the "applies when" column).
    var appliesWhen: String { get }
    /// Human text of the condition (the "fires when" column).
    var firesWhen: String { get }
    /// Human text of the severity, e.g. "high if high-risk, else medium".
    var severityText: String { get }
    /// Legal or operational reference, e.g. `Art. 15(4)`.
    var reference: String { get }
    /// The AI Act articles, ISO/IEC 42001 controls and NIST AI RMF subcategories the rule
    /// serves (the crosswalk for a built-in rule; `frameworks:` for a custom rule).
    var frameworks: FrameworkMapping { get }
    /// How to fix a finding.
    var remediation: String { get }
    /// The obligation group column: fixed, or `hr` (hr1 or hr3 by system).
    var obligation: RuleObligation { get }
    /// The obligation group for this system (hr1 vs hr3 depends on `annex_i_product`).
    func group(for system: AISystem) -> ObligationGroup
    /// The first day the rule's obligation applies to this system on `timeline`, nil when it
    /// always has: its group's date, or that of a group the record selects (`RecordGroup`).
    func inForce(for system: AISystem, timeline: Timeline) -> Day?
    /// Whether the rule's scope covers the system ("applies when" column; retired systems never).
    func applies(to system: AISystem, context: RuleContext) -> Bool
    /// The most severe finding the rule can yield for this system: the weight of its score check.
    func worstSeverity(for system: AISystem) -> Severity
    /// Findings before status decision (status is decided by the engine).
    func evaluate(_ system: AISystem, context: RuleContext) -> [Finding]
    /// Whether the rule still looks at a retired system (an incident outlives the system's
    /// retirement, OPERATIONS.md); false unless a rule says otherwise.
    var outlivesRetirement: Bool { get }
    /// The days on which this rule's result for the system (its scope, its findings or their
    /// messages) may change while the record, its waivers and incidents stay the same: a review
    /// falling due, an end of life, a test going stale, an incident's countdown. Days not after
    /// `context.today` are ignored; the engine adds the obligation's in-force date and waiver
    /// expiries itself. Stored evaluations are trusted until the earliest of these
    /// (`Evaluation.validUntil`), so a rule that reads the day must list every day it can flip on.
    func changeDays(for system: AISystem, context: RuleContext) -> [Day]
}

extension Rule {
    public var outlivesRetirement: Bool { false }

    /// The obligation group for this system, from `obligation`.
    public func group(for system: AISystem) -> ObligationGroup { obligation.group(for: system) }

    /// The date of the group's row of the timeline (`hr-legacy`'s for a legacy system of a
    /// public authority).
    public func inForce(for system: AISystem, timeline: Timeline) -> Day? { obligation.inForce(for: system, timeline: timeline) }

    /// Whether the rule's obligation applies to the system on the context's day.
    public func isInForce(for system: AISystem, context: RuleContext) -> Bool {
        guard let start = inForce(for: system, timeline: context.timeline) else { return true }
        return context.today >= start
    }

    /// The date the rule's obligation comes into force for the system; nil when it already applies.
    public func due(for system: AISystem, context: RuleContext) -> Day? {
        guard let start = inForce(for: system, timeline: context.timeline), context.today < start else { return nil }
        return start
    }
}

/// How a built-in rule grades its findings.
public enum SeverityRule: Sendable {
    /// Always this severity.
    case fixed(Severity)
    /// "H if HR else M": high for a high-risk system, medium otherwise.
    case highIfHighRisk
    /// Depends on the system (and sometimes the entry); the text explains it and the
    /// closure gives the worst severity possible for a system.
    case computed(String, @Sendable (AISystem) -> Severity)

    /// The worst severity for a system.
    public func worst(for system: AISystem) -> Severity {
        switch self {
        case .fixed(let s): s
        case .highIfHighRisk: system.isHighRisk ? .high : .medium
        case .computed(_, let f): f(system)
        }
    }

    /// Human text for listings.
    public var text: String {
        switch self {
        case .fixed(let s): s.rawValue
        case .highIfHighRisk: "high if high-risk, else medium"
        case .computed(let text, _): text
        }
    }
}

/// A rule of RULES.md, defined by its table row and two closures: scope and check.
public struct BuiltInRule: Rule {
    /// The table row, shared by reference so evaluating a rule copies one pointer.
    final class Row: Sendable {
        let id: String
        let title: String
        let appliesWhen: String
        let firesWhen: String
        let reference: String
        let remediation: String
        let obligation: RuleObligation
        let severity: SeverityRule
        /// The groups the rule may pick from a record instead of its obligation's (INV-004, TRN-002).
        let recordGroups: [RecordGroup]
        let pick: (@Sendable (AISystem) -> RecordGroup?)?
        /// The days the rule's result may change on (`Rule.changeDays`); nil for a rule that
        /// never reads the day, which its check then may not (`RuleCheck.today` asserts it).
        let changes: (@Sendable (AISystem, Day) -> [Day])?

        init(
            id: String, title: String, appliesWhen: String, firesWhen: String, reference: String,
            remediation: String, obligation: RuleObligation, severity: SeverityRule,
            recordGroups: [RecordGroup] = [], pick: (@Sendable (AISystem) -> RecordGroup?)? = nil,
            changes: (@Sendable (AISystem, Day) -> [Day])? = nil
        ) {
            self.id = id
            self.title = title
            self.appliesWhen = appliesWhen
            self.firesWhen = firesWhen
            self.reference = reference
            self.remediation = remediation
            self.obligation = obligation
            self.severity = severity
            self.recordGroups = recordGroups
            self.pick = pick
            self.changes = changes
        }
    }

    let row: Row
    let scope: @Sendable (AISystem, RuleContext) -> Bool
    let check: @Sendable (AISystem, RuleCheck) -> [Finding]

    init(
        _ id: String, _ title: String,
        applies appliesWhen: String, fires firesWhen: String,
        severity: SeverityRule, reference: String, group obligation: RuleObligation = .fixed(.ops),
        picks recordGroups: [RecordGroup] = [], pick: (@Sendable (AISystem) -> RecordGroup?)? = nil,
        remediation: String,
        scope: @escaping @Sendable (AISystem, RuleContext) -> Bool = { _, _ in true },
        changes: (@Sendable (AISystem, Day) -> [Day])? = nil,
        check: @escaping @Sendable (AISystem, RuleCheck) -> [Finding]
    ) {
        row = Row(
            id: id, title: title, appliesWhen: appliesWhen, firesWhen: firesWhen, reference: reference,
            remediation: remediation, obligation: obligation, severity: severity,
            recordGroups: recordGroups, pick: pick, changes: changes)
        self.scope = scope
        self.check = check
    }

    public var id: String { row.id }
    public var title: String { row.title }
    public var appliesWhen: String { row.appliesWhen }
    public var firesWhen: String { row.firesWhen }
    public var reference: String { row.reference }
    public var remediation: String { row.remediation }
    public var obligation: RuleObligation { row.obligation }
    /// How findings are graded.
    public var severity: SeverityRule { row.severity }
    public var severityText: String { row.severity.text }
    /// The groups the rule may pick from a record instead of `obligation`'s (RULES.md: INV-004
    /// `art5-2026`, TRN-002 `art50-legacy`); empty for the other rules.
    public var recordGroups: [RecordGroup] { row.recordGroups }

    /// The group this record selects for the rule, if it selects one.
    public func recordGroup(for system: AISystem) -> RecordGroup? { row.pick?(system) }

    public func inForce(for system: AISystem, timeline: Timeline) -> Day? {
        if let g = recordGroup(for: system) { return timeline.inForce(g) }
        return obligation.inForce(for: system, timeline: timeline)
    }

    public func applies(to system: AISystem, context: RuleContext) -> Bool {
        system.status != .retired && obligation.reaches(system, timeline: context.timeline) && scope(system, context)
    }

    public func worstSeverity(for system: AISystem) -> Severity { row.severity.worst(for: system) }

    public func changeDays(for system: AISystem, context: RuleContext) -> [Day] {
        guard applies(to: system, context: context) else { return [] }
        return row.changes?(system, context.today) ?? []
    }

    public func evaluate(_ system: AISystem, context: RuleContext) -> [Finding] {
        guard applies(to: system, context: context) else { return [] }
        return check(system, RuleCheck(row: row, systemId: system.id, worst: worstSeverity(for: system), context: context))
    }
}

/// What a built-in rule's check closure gets besides the system: the day, and a helper to
/// build findings. It holds no copy of the system, so evaluating a rule stays cheap.
struct RuleCheck {
    let row: BuiltInRule.Row
    let systemId: String
    /// The rule's worst severity for this system, the default for its findings.
    let worst: Severity
    private let context: RuleContext

    init(row: BuiltInRule.Row, systemId: String, worst: Severity, context: RuleContext) {
        self.row = row
        self.systemId = systemId
        self.worst = worst
        self.context = context
    }

    /// The day. Only a rule that declares the days its result changes on may read it, or a
    /// stored evaluation would outlive the day its findings changed (debug builds trap; this
    /// module is optimised in debug builds too, so the check is `#if DEBUG`, not `assert`).
    var today: Day {
        requireChangeDays()
        return context.today
    }

    /// `RuleContext.isStale` for a rule that declares its change days.
    func isStale(_ d: Day, days n: Int) -> Bool {
        requireChangeDays()
        return context.isStale(d, days: n)
    }

    private func requireChangeDays() {
        #if DEBUG
        if row.changes == nil { fatalError("\(row.id) reads the day but declares no change days (BuiltInRule changes:)") }
        #endif
    }

    /// The timeline in use (which dates apply; not the day, so reading it needs no change days).
    var timeline: Timeline { context.timeline }

    /// A finding of this rule; the message is prefixed with the system id.
    func finding(_ path: String, _ message: String, severity: Severity? = nil) -> Finding {
        Finding(
            rule: row.id, system: systemId, severity: severity ?? worst,
            path: path, message: systemId + ": " + message,
            reference: row.reference, remediation: row.remediation)
    }

    /// One finding when `condition` holds, else none.
    func when(
        _ condition: Bool, _ path: String, _ message: @autoclosure () -> String, severity: Severity? = nil
    ) -> [Finding] {
        condition ? [finding(path, message(), severity: severity)] : []
    }

    /// One finding per entry for which `message` returns text (per-entry rules).
    func perEntry<T>(
        _ list: [T], _ key: String, field: String? = nil, _ message: (Int, T) -> String?
    ) -> [Finding] {
        var out: [Finding] = []
        for i in list.indices {
            if let text = message(i, list[i]) {
                out.append(finding("\(key)[\(i)]" + (field.map { "." + $0 } ?? ""), text))
            }
        }
        return out
    }
}
