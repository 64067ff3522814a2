import AIGovCore

// Serious incidents (OPERATIONS.md, "Serious incidents"): the deadlines an incident sets and the
// INC rules that hold them against today. The deadlines are defined here once; the rules, the
// CLI's `aigov incidents`, the console's Incidents screen and dashboard, and the audit pack's
// incident register all read them from `IncidentClock`.

/// The deadlines of OPERATIONS.md, in calendar days counted from `aware`.
public enum IncidentDeadlines {
    /// Art. 73(3)–(4): a widespread infringement, or a serious and irreversible disruption of
    /// critical infrastructure.
    public static let widespreadOrCriticalInfrastructureDays = 2
    /// Art. 73(4): a person's death.
    public static let deathDays = 10
    /// Art. 73(2): every other serious incident.
    public static let otherDays = 15
    /// Art. 26(5): a deployer informs the provider "immediately", read as the day after awareness.
    public static let providerNoticeDays = 1
    /// INC-004: an incident open this long after awareness has a corrective action.
    public static let correctiveActionDays = 90

    /// Days allowed for the first report of `incident`.
    public static func reportDays(_ incident: Incident) -> Int {
        if incident.isWidespread || incident.harm == .criticalInfrastructure { return widespreadOrCriticalInfrastructureDays }
        return incident.harm == .death ? deathDays : otherDays
    }
}

extension Incident {
    /// `report_due`: awareness plus the days allowed for the first report.
    public var reportDue: Day { aware.adding(days: IncidentDeadlines.reportDays(self)) }

    /// `provider_due` for the organisation in `role`: the day after awareness for a deployer,
    /// nil for every other role (only a deployer informs a provider).
    public func providerDue(role: OperatorRole?) -> Day? {
        role == .deployer ? aware.adding(days: IncidentDeadlines.providerNoticeDays) : nil
    }

    /// The first report made by `day`: any kind counts (Art. 73(5) allows an incomplete initial
    /// report), and a report dated after `day` has not been made yet on `day`.
    public func firstReport(by day: Day) -> IncidentReport? {
        reports.filter { $0.date <= day }.min { $0.date < $1.date }
    }

    /// Whether the provider had been told by `day`.
    public func providerInformed(by day: Day) -> Bool {
        providerInformed.map { $0 <= day } ?? false
    }
}

/// Where one incident stands on a day: its deadlines, what was done about them, and how many
/// days are left. What every face shows (days left, overdue) comes from here, so it always
/// agrees with the rules.
public struct IncidentClock: Sendable, Equatable {
    /// A pending deadline: what is due and when.
    public enum Duty: String, Sendable, Equatable {
        case report, providerNotice = "provider notice"
    }

    public let incident: Incident
    /// The role of the organisation for the incident's system; nil when not recorded or the
    /// system is unknown.
    public let role: OperatorRole?
    public let today: Day

    public init(_ incident: Incident, role: OperatorRole?, today: Day) {
        self.incident = incident
        self.role = role
        self.today = today
    }

    /// Days allowed for the first report.
    public var reportDays: Int { IncidentDeadlines.reportDays(incident) }
    public var reportDue: Day { incident.reportDue }
    /// The first report made by today.
    public var firstReport: IncidentReport? { incident.firstReport(by: today) }
    /// For a deployer: the day the provider must be told by.
    public var providerDue: Day? { incident.providerDue(role: role) }

    /// Days left to report (0 on the due day, negative when overdue); nil when the incident is
    /// closed or a report was made.
    public var reportDaysLeft: Int? {
        guard incident.isOpen, firstReport == nil else { return nil }
        return reportDue.days(since: today)
    }

    /// Days left to tell the provider; nil when not a deployer, the provider was told, or closed.
    public var providerDaysLeft: Int? {
        guard incident.isOpen, let due = providerDue, !incident.providerInformed(by: today) else { return nil }
        return due.days(since: today)
    }

    /// Open, unreported and past `report_due` (INC-001's condition, whatever the role).
    public var reportOverdue: Bool { (reportDaysLeft ?? 0) < 0 }
    /// A deployer's notice to the provider is past due (INC-002's condition, whatever the tier).
    public var providerNoticeOverdue: Bool { (providerDaysLeft ?? 0) < 0 }
    public var isOverdue: Bool { reportOverdue || providerNoticeOverdue }

    /// The earliest deadline still pending (overdue ones included), nil when none is.
    public var next: (duty: Duty, due: Day)? {
        var pending: [(duty: Duty, due: Day)] = []
        if let due = providerDue, providerDaysLeft != nil { pending.append((.providerNotice, due)) }
        if reportDaysLeft != nil { pending.append((.report, reportDue)) }
        return pending.min { $0.due < $1.due }
    }

    /// Days before a pending deadline from which it counts as close (the console warns).
    public static let warnDays = 2

    /// How close the nearest pending deadline is: overdue, within `warnDays`, or neither.
    public var urgency: Urgency {
        guard let next else { return .calm }
        let days = next.due.days(since: today)
        return days < 0 ? .overdue : days <= Self.warnDays ? .soon : .calm
    }

    public enum Urgency: Sendable { case overdue, soon, calm }

    /// How a number of days left reads: "3d left", "due today", "2d overdue".
    public static func countdown(_ daysLeft: Int) -> String {
        daysLeft > 0 ? "\(daysLeft)d left" : daysLeft == 0 ? "due today" : "\(-daysLeft)d overdue"
    }
}

extension RuleContext {
    /// The incidents of one system (empty unless the caller loaded them into `incidents`).
    public func incidents(of system: String) -> [Incident] { incidents[system] ?? [] }
}

/// A rule over a system's serious incidents: one finding per incident it fires for, with the
/// path `incidents[ID]` so that waivers and `--fail-on` work as for every other rule.
///
/// An incident outlives its system's retirement, so these rules still look at a retired system;
/// a closed incident is out of every INC rule's scope.
public struct IncidentRule: Rule {
    public let id: String
    public let title: String
    public let appliesWhen: String
    public let firesWhen: String
    public let severity: Severity
    public let reference: String
    public let remediation: String
    /// Whether the rule looks at this open incident of this system ("applies when").
    let scope: @Sendable (Incident, AISystem, Day) -> Bool
    /// The finding's message when the rule fires for an incident in scope, else nil.
    let check: @Sendable (IncidentClock, AISystem) -> String?

    public var severityText: String { severity.rawValue }
    /// INC-001…003 belong to the system's high-risk group (rules v3: they turn on the Art. 6
    /// classification, which applies from the high-risk dates); INC-004 is `ops`.
    public var obligation: RuleObligation { id == "INC-004" ? .fixed(.ops) : .highRisk }
    public var outlivesRetirement: Bool { true }
    public func worstSeverity(for system: AISystem) -> Severity { severity }

    /// The open incidents of the system this rule looks at.
    func inScope(_ system: AISystem, _ context: RuleContext) -> [Incident] {
        context.incidents(of: system.id).filter { $0.isOpen && scope($0, system, context.today) }
    }

    public func applies(to system: AISystem, context: RuleContext) -> Bool {
        obligation.reaches(system, timeline: context.timeline) && !inScope(system, context).isEmpty
    }

    /// An open incident's countdown is in its message, so its findings change every day; a
    /// closed one yields nothing on any day.
    public func changeDays(for system: AISystem, context: RuleContext) -> [Day] {
        context.incidents(of: system.id).contains(where: \.isOpen) ? [context.today.adding(days: 1)] : []
    }

    public func evaluate(_ system: AISystem, context: RuleContext) -> [Finding] {
        guard obligation.reaches(system, timeline: context.timeline) else { return [] }
        return inScope(system, context).compactMap { i in
            guard let message = check(IncidentClock(i, role: system.operatorRole, today: context.today), system) else { return nil }
            return Finding(rule: id, system: system.id, severity: severity, path: "incidents[\(i.id)]",
                           message: system.id + ": incident " + i.id + " " + message, reference: reference,
                           remediation: remediation)
        }
    }

    /// HR with role provider or product-manufacturer: who reports to the authority (Art. 73(1)).
    static func reportsToAuthority(_ s: AISystem) -> Bool {
        s.isHighRisk && (s.operatorRole == .provider || s.operatorRole == .productManufacturer)
    }

    /// INC-001 … INC-004, in OPERATIONS.md order.
    public static let all: [IncidentRule] = [
        IncidentRule(
            id: "INC-001", title: "A serious incident is reported to the market surveillance authority in time",
            appliesWhen: "incident open, system HR, role provider or product-manufacturer",
            firesWhen: "no report and today > `report_due` (`aware` + 2 days when widespread or critical-infrastructure, + 10 for a death, else + 15)",
            severity: .critical, reference: "Art. 73",
            remediation: "Report the incident to the market surveillance authority of the member state where it occurred (an incomplete initial report is allowed) and record it under `reports`.",
            scope: { _, s, _ in reportsToAuthority(s) },
            check: { c, _ in
                guard c.reportOverdue else { return nil }
                return "(\(c.incident.harm.rawValue)) is not reported: the first report was due on \(c.reportDue), \(c.reportDays) days after awareness on \(c.incident.aware); \(-(c.reportDaysLeft ?? 0)) days overdue"
            }),
        IncidentRule(
            id: "INC-002", title: "A deployer informs the provider of a serious incident immediately",
            appliesWhen: "incident open, system HR, role deployer",
            firesWhen: "`provider_informed` empty and today > `provider_due` (`aware` + 1 day)",
            severity: .high, reference: "Art. 26(5)",
            remediation: "Inform the provider (and, where applicable, the importer or distributor) and record the day in `provider_informed`.",
            scope: { _, s, _ in s.isHighRisk && s.operatorRole == .deployer },
            check: { c, _ in
                guard c.providerNoticeOverdue, let due = c.providerDue else { return nil }
                return "(\(c.incident.harm.rawValue)): the provider was not informed; the notice was due on \(due), the day after awareness on \(c.incident.aware)"
            }),
        IncidentRule(
            id: "INC-003", title: "A serious incident's report falls due",
            appliesWhen: "incident open, any system",
            firesWhen: "no report, today ≤ `report_due`, system HR and role provider or product-manufacturer",
            severity: .info, reference: "Art. 73",
            remediation: "Prepare the report to the market surveillance authority; an incomplete initial report may be followed by a complete one.",
            scope: { _, _, _ in true },
            check: { c, s in
                guard reportsToAuthority(s), let left = c.reportDaysLeft, left >= 0 else { return nil }
                return "report due on \(c.reportDue) (\(IncidentClock.countdown(left)))"
            }),
        IncidentRule(
            id: "INC-004", title: "A serious incident open for long has a corrective action",
            appliesWhen: "incident open for more than \(IncidentDeadlines.correctiveActionDays) days after `aware`",
            firesWhen: "`corrective_action` empty",
            severity: .medium, reference: "Art. 20",
            remediation: "Record in `corrective_action` what was done to bring the system into conformity, withdraw, disable or recall it.",
            scope: { i, _, today in today > i.aware.adding(days: IncidentDeadlines.correctiveActionDays) },
            check: { c, _ in
                guard c.incident.correctiveAction.isEmptyText else { return nil }
                return "has been open for \(c.today.days(since: c.incident.aware)) days since awareness on \(c.incident.aware) with no corrective action"
            }),
    ]
}
