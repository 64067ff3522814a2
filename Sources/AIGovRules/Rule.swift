import AIGovCore

/// What a rule evaluation knows besides the record: the day and the timeline.
public struct RuleContext: Sendable {
    public var today: Day
    public var timeline: Timeline

    public init(today: Day, timeline: Timeline = Timeline(.amended)) {
        self.today = today
        self.timeline = timeline
    }

    /// `stale(d, n)` of RULES.md: `d` is more than `n` days before today.
    public func isStale(_ d: Day, days n: Int) -> Bool { d < today.adding(days: -n) }
}

/// Which obligation group a rule belongs to (the "group" column of RULES.md).
public enum RuleObligation: Sendable, Equatable {
    /// Always the same group.
    case fixed(ObligationGroup)
    /// `hr1` when the system is an Annex I product, else `hr3`.
    case highRisk

    /// The group for one system.
    public func group(for system: AISystem) -> ObligationGroup {
        switch self {
        case .fixed(let g): g
        case .highRisk: system.euAiAct?.annexIProduct == true ? .hr1 : .hr3
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
    /// How to fix a finding.
    var remediation: String { get }
    /// The obligation group column: fixed, or `hr` (hr1 or hr3 by system).
    var obligation: RuleObligation { get }
    /// The obligation group for this system (hr1 vs hr3 depends on `annex_i_product`).
    func group(for system: AISystem) -> ObligationGroup
    /// Whether the rule's scope covers the system ("applies when" column; retired systems never).
    func applies(to system: AISystem, context: RuleContext) -> Bool
    /// The most severe finding the rule can yield for this system: the weight of its score check.
    func worstSeverity(for system: AISystem) -> Severity
    /// Findings before status decision (status is decided by the engine).
    func evaluate(_ system: AISystem, context: RuleContext) -> [Finding]
}

extension Rule {
    /// The obligation group for this system, from `obligation`.
    public func group(for system: AISystem) -> ObligationGroup { obligation.group(for: system) }
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
    public let id: String
    public let title: String
    public let appliesWhen: String
    public let firesWhen: String
    public let reference: String
    public let remediation: String
    public let obligation: RuleObligation
    public let severity: SeverityRule
    let scope: @Sendable (AISystem, RuleContext) -> Bool
    let check: @Sendable (RuleCheck) -> [Finding]

    init(
        _ id: String, _ title: String,
        applies appliesWhen: String, fires firesWhen: String,
        severity: SeverityRule, reference: String, group obligation: RuleObligation = .fixed(.ops),
        remediation: String,
        scope: @escaping @Sendable (AISystem, RuleContext) -> Bool = { _, _ in true },
        check: @escaping @Sendable (RuleCheck) -> [Finding]
    ) {
        self.id = id
        self.title = title
        self.appliesWhen = appliesWhen
        self.firesWhen = firesWhen
        self.severity = severity
        self.reference = reference
        self.obligation = obligation
        self.remediation = remediation
        self.scope = scope
        self.check = check
    }

    public var severityText: String { severity.text }

    public func applies(to system: AISystem, context: RuleContext) -> Bool {
        system.status != .retired && scope(system, context)
    }

    public func worstSeverity(for system: AISystem) -> Severity { severity.worst(for: system) }

    public func evaluate(_ system: AISystem, context: RuleContext) -> [Finding] {
        guard applies(to: system, context: context) else { return [] }
        return check(RuleCheck(rule: self, system: system, context: context))
    }
}

/// What a built-in rule's check closure sees, with a helper to build findings.
struct RuleCheck {
    let rule: BuiltInRule
    let system: AISystem
    let context: RuleContext

    var today: Day { context.today }
    /// The `eu_ai_act` block, empty when absent.
    var act: EUAIAct { system.euAiAct ?? EUAIAct() }

    /// A finding of this rule; the message is prefixed with the system id, the severity
    /// defaults to the rule's worst severity for the system.
    func finding(_ path: String, _ message: String, severity: Severity? = nil) -> Finding {
        Finding(
            rule: rule.id, system: system.id, severity: severity ?? rule.worstSeverity(for: system),
            path: path, message: system.id + ": " + message,
            reference: rule.reference, remediation: rule.remediation)
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
        for (i, entry) in list.enumerated() {
            if let text = message(i, entry) {
                out.append(finding("\(key)[\(i)]" + (field.map { "." + $0 } ?? ""), text))
            }
        }
        return out
    }
}
