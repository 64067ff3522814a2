import AIGovCore
import Testing
@testable import AIGovRules

/// INC-001 … INC-004 and the deadlines of OPERATIONS.md ("Serious incidents"): each rule fires
/// and stays quiet, on the exact day boundaries, through the engine (statuses, waivers).
@Suite struct IncidentRuleTests {
    static let aware = Day("2026-11-01")!

    /// A high-risk provider (Clean.provider) or deployer (Clean.deployer) with its incidents.
    static func provider() -> AISystem { Clean.provider }
    static func deployer() -> AISystem { Clean.deployer }

    static func incident(_ harm: IncidentClass = .fundamentalRights, system: String, widespread: Bool? = nil,
                         edit: (inout Incident) -> Void = { _ in }) -> Incident {
        var i = Incident(id: "inc-1", system: system, title: "An incident", harm: harm, aware: aware)
        i.occurred = aware.adding(days: -1)
        i.widespread = widespread
        edit(&i)
        return i
    }

    /// The engine's findings of one INC rule for `system` with `incidents`, on `date`, on the
    /// original timeline: INC-001…003 are in the system's high-risk group (rules v3), which that
    /// timeline puts in force on 2026-08-02, so the statuses here turn on the deadlines alone
    /// (RulesV3Tests covers the group on the amended timeline).
    static func findings(_ rule: String, _ system: AISystem, _ incidents: [Incident], on date: Day,
                         waivers: [Waiver] = []) -> [Finding] {
        var ctx = RuleContext(today: date, timeline: Timeline(.original))
        ctx.incidents = Dictionary(grouping: incidents, by: \.system)
        return RuleEngine().evaluate(system, context: ctx, waivers: waivers).filter { $0.rule == rule }
    }

    static func on(_ days: Int) -> Day { aware.adding(days: days) }

    // MARK: deadlines

    @Test(arguments: [
        // (class, widespread, days allowed)
        (IncidentClass.fundamentalRights, false, 15), (.health, false, 15), (.propertyEnvironment, false, 15),
        (.death, false, 10), (.criticalInfrastructure, false, 2), (.fundamentalRights, true, 2), (.death, true, 2),
    ])
    func reportDeadline(_ harm: IncidentClass, _ widespread: Bool, _ days: Int) {
        let i = Self.incident(harm, system: "s", widespread: widespread)
        #expect(IncidentDeadlines.reportDays(i) == days)
        #expect(i.reportDue == Self.on(days))
    }

    @Test func providerNoticeIsDueTheDayAfterAwarenessForADeployerOnly() {
        let i = Self.incident(system: "s")
        #expect(i.providerDue(role: .deployer) == Day("2026-11-02"))
        for role in [OperatorRole.provider, .productManufacturer, .importer, nil] { #expect(i.providerDue(role: role) == nil) }
    }

    // MARK: INC-001 on the day boundaries

    @Test(arguments: [
        // (class, widespread, last quiet day, first firing day)
        (IncidentClass.fundamentalRights, false, "2026-11-16", "2026-11-17"),
        (.fundamentalRights, true, "2026-11-03", "2026-11-04"),
        (.criticalInfrastructure, false, "2026-11-03", "2026-11-04"),
        (.death, false, "2026-11-11", "2026-11-12"),
    ])
    func inc001FiresTheDayAfterReportDue(_ harm: IncidentClass, _ widespread: Bool, _ quiet: String, _ fires: String) throws {
        let s = Self.provider()
        let i = Self.incident(harm, system: s.id, widespread: widespread)
        #expect(Self.findings("INC-001", s, [i], on: Day(quiet)!).isEmpty)
        let f = try #require(Self.findings("INC-001", s, [i], on: Day(fires)!).first)
        #expect(f.severity == .critical)
        #expect(f.status == .open)
        #expect(f.system == s.id)
        #expect(f.path == "incidents[inc-1]")
        #expect(f.reference == "Art. 73")
        #expect(f.message.contains("due on \(i.reportDue)"))
        // Product manufacturers report too.
        var pm = s
        pm.euAiAct?.role = .productManufacturer
        #expect(Self.findings("INC-001", pm, [i], on: Day(fires)!).count == 1)
    }

    @Test func inc001OnlyForHighRiskProvidersAndManufacturers() {
        let late = Self.on(30)
        var s = Self.provider()
        let i = Self.incident(system: s.id)
        s.euAiAct?.tier = .limited
        #expect(Self.findings("INC-001", s, [i], on: late).isEmpty)
        #expect(Self.findings("INC-001", Self.deployer(), [Self.incident(system: Self.deployer().id)], on: late).isEmpty)
    }

    @Test func aReportWithinTheWindowSilencesInc001() {
        let s = Self.provider()
        let reported = Self.incident(system: s.id) { $0.reports = [IncidentReport(kind: .initial, date: Self.on(5))] }
        #expect(Self.findings("INC-001", s, [reported], on: Self.on(16)).isEmpty)
        #expect(Self.findings("INC-003", s, [reported], on: Self.on(10)).isEmpty)
        // Any kind counts as the first report (Art. 73(5)).
        let followUp = Self.incident(system: s.id) { $0.reports = [IncidentReport(kind: .followUp, date: Self.on(15))] }
        #expect(Self.findings("INC-001", s, [followUp], on: Self.on(40)).isEmpty)
        // A report dated after today has not been made yet.
        let planned = Self.incident(system: s.id) { $0.reports = [IncidentReport(kind: .initial, date: Self.on(20))] }
        #expect(Self.findings("INC-001", s, [planned], on: Self.on(16)).count == 1)
    }

    // MARK: INC-002

    @Test func inc002FiresTwoDaysAfterAwarenessWithoutNotice() throws {
        let s = Self.deployer()
        let i = Self.incident(system: s.id)
        #expect(Self.findings("INC-002", s, [i], on: Self.on(1)).isEmpty)
        let f = try #require(Self.findings("INC-002", s, [i], on: Self.on(2)).first)
        #expect(f.severity == .high)
        #expect(f.path == "incidents[inc-1]")
        #expect(f.reference == "Art. 26(5)")
        let told = Self.incident(system: s.id) { $0.providerInformed = Self.on(1) }
        #expect(Self.findings("INC-002", s, [told], on: Self.on(30)).isEmpty)
        // Only high-risk deployers; never a provider.
        var limited = s
        limited.euAiAct?.tier = .limited
        #expect(Self.findings("INC-002", limited, [i], on: Self.on(30)).isEmpty)
        #expect(Self.findings("INC-002", Self.provider(), [Self.incident(system: Self.provider().id)], on: Self.on(30)).isEmpty)
    }

    // MARK: INC-003

    @Test func inc003SaysWhenTheReportIsDueUntilTheDueDay() throws {
        let s = Self.provider()
        let i = Self.incident(system: s.id)
        let f = try #require(Self.findings("INC-003", s, [i], on: Self.on(15)).first)
        #expect(f.severity == .info)
        #expect(f.message.contains("report due on 2026-11-16"))
        #expect(f.path == "incidents[inc-1]")
        #expect(Self.findings("INC-003", s, [i], on: Self.on(0)).count == 1)
        // Past the due day INC-001 takes over.
        #expect(Self.findings("INC-003", s, [i], on: Self.on(16)).isEmpty)
        // Any system is in scope, but only a high-risk provider is told.
        #expect(Self.findings("INC-003", Self.deployer(), [Self.incident(system: Self.deployer().id)], on: Self.on(3)).isEmpty)
        let rule = try #require(RuleCatalog.rule(id: "INC-003"))
        var ctx = RuleContext(today: Self.on(3))
        ctx.incidents = [Self.deployer().id: [Self.incident(system: Self.deployer().id)]]
        #expect(rule.applies(to: Self.deployer(), context: ctx))
    }

    // MARK: INC-004

    @Test func inc004WantsACorrectiveActionAfter90Days() throws {
        let s = Self.deployer()
        let i = Self.incident(system: s.id) { $0.providerInformed = Self.aware }
        #expect(Self.findings("INC-004", s, [i], on: Self.on(90)).isEmpty)
        let f = try #require(Self.findings("INC-004", s, [i], on: Self.on(91)).first)
        #expect(f.severity == .medium)
        #expect(f.reference == "Art. 20")
        let fixed = Self.incident(system: s.id) { $0.correctiveAction = "Retrained and re-validated" }
        #expect(Self.findings("INC-004", s, [fixed], on: Self.on(200)).isEmpty)
        let blank = Self.incident(system: s.id) { $0.correctiveAction = "  " }
        #expect(Self.findings("INC-004", s, [blank], on: Self.on(200)).count == 1)
    }

    // MARK: scope

    @Test func closingAnIncidentSilencesEveryRule() {
        for s in [Self.provider(), Self.deployer()] {
            let open = Self.incident(system: s.id)
            let all = IncidentRule.all.flatMap { Self.findings($0.id, s, [open], on: Self.on(200)) }
            #expect(all.count == 2, "\(s.id): \(all.map(\.rule))")
            var closed = open
            closed.status = .closed
            closed.closed = Self.on(199)
            var ctx = RuleContext(today: Self.on(200))
            ctx.incidents = [s.id: [closed]]
            for rule in IncidentRule.all {
                #expect(Self.findings(rule.id, s, [closed], on: Self.on(200)).isEmpty)
                #expect(!rule.applies(to: s, context: ctx))
            }
        }
    }

    @Test func aRetiredSystemsIncidentsStillYieldFindings() {
        var s = Self.provider()
        s.status = .retired
        let i = Self.incident(system: s.id)
        var ctx = RuleContext(today: Self.on(100))
        ctx.incidents = [s.id: [i]]
        let found = RuleEngine().evaluate(s, context: ctx, waivers: [])
        #expect(Set(found.map(\.rule)) == ["INC-001", "INC-004"])
        // Nothing else speaks for a retired system.
        #expect(RuleEngine().evaluate(s, context: RuleContext(today: Self.on(100)), waivers: []).isEmpty)
    }

    @Test func incidentsOfOtherSystemsAreNotTheirs() {
        let s = Self.provider()
        let other = Self.incident(system: "someone-else")
        #expect(IncidentRule.all.flatMap { Self.findings($0.id, s, [other], on: Self.on(100)) }.isEmpty)
    }

    @Test func aSystemWithoutIncidentsScoresAsBefore() {
        let s = Examples.loanScoring
        let plain = RuleEngine(rules: RuleCatalog.builtIn.filter { !($0 is IncidentRule) })
        let all = RuleEngine()
        let a = plain.score(s, context: context, findings: plain.evaluate(s, context: context, waivers: []))
        let b = all.score(s, context: context, findings: all.evaluate(s, context: context, waivers: []))
        #expect(a == b)
    }

    // MARK: waivers and --fail-on work unchanged

    @Test func aWaiverCoversAnIncidentFinding() throws {
        let s = Self.provider()
        let i = Self.incident(system: s.id)
        let w = Waiver(system: s.id, rule: "INC-001", reason: "reported by phone, form pending", approvedBy: "cro", expires: Self.on(30))
        let f = try #require(Self.findings("INC-001", s, [i], on: Self.on(20), waivers: [w]).first)
        #expect(f.status == .waived)
        #expect(f.waiver == w)
        var ctx = RuleContext(today: Self.on(20))
        ctx.incidents = [s.id: [i]]
        let summary = FindingSummary(RuleEngine().evaluate(s, context: ctx, waivers: [w]).filter { $0.rule.hasPrefix("INC-") })
        #expect(!summary.hasOpen(atLeast: .critical))
        let open = FindingSummary(Self.findings("INC-001", s, [i], on: Self.on(20)))
        #expect(open.hasOpen(atLeast: .critical))
    }

    // MARK: the catalogue

    @Test func everyIncidentRuleIsCataloguedAndFiresAndStaysQuiet() throws {
        let expected: [(String, Severity, String)] = [
            ("INC-001", .critical, "Art. 73"), ("INC-002", .high, "Art. 26(5)"), ("INC-003", .info, "Art. 73"), ("INC-004", .medium, "Art. 20"),
        ]
        for (id, severity, reference) in expected {
            let rule = try #require(RuleCatalog.rule(id: id.lowercased()))
            #expect(rule.reference == reference)
            #expect(rule.severityText == severity.rawValue)
            #expect(rule.obligation.text == (id == "INC-004" ? "ops" : "hr"))
            #expect(rule.outlivesRetirement)
            for text in [rule.title, rule.appliesWhen, rule.firesWhen, rule.remediation] {
                #expect(!text.isBlank && !text.contains("\n"))
            }
        }
        // Fires and quiet, one case each (the cases above cover the boundaries).
        let p = Self.provider(), d = Self.deployer()
        let cases: [(String, AISystem, Day, Bool)] = [
            ("INC-001", p, Self.on(16), true), ("INC-001", p, Self.on(15), false),
            ("INC-002", d, Self.on(2), true), ("INC-002", d, Self.on(1), false),
            ("INC-003", p, Self.on(3), true), ("INC-003", d, Self.on(3), false),
            ("INC-004", d, Self.on(91), true), ("INC-004", d, Self.on(90), false),
        ]
        for (rule, s, date, fires) in cases {
            #expect(Self.findings(rule, s, [Self.incident(system: s.id)], on: date).isEmpty != fires, "\(rule) on \(date)")
        }
    }

    // MARK: the clock every face reads

    @Test func clockCountsDaysLeftAndNamesTheNextDeadline() throws {
        let i = Self.incident(system: "s")
        let c = IncidentClock(i, role: .deployer, today: Self.on(1))
        #expect(c.reportDaysLeft == 14)
        #expect(c.providerDaysLeft == 0)
        let next = try #require(c.next)
        #expect(next.duty == .providerNotice && next.due == Self.on(1))
        #expect(!c.isOverdue)
        let late = IncidentClock(i, role: .deployer, today: Self.on(16))
        #expect(late.reportOverdue && late.providerNoticeOverdue)
        #expect(IncidentClock.countdown(3) == "3d left")
        #expect(IncidentClock.countdown(0) == "due today")
        #expect(IncidentClock.countdown(-2) == "2d overdue")
        var closed = i
        closed.status = .closed
        closed.closed = Self.on(3)
        let done = IncidentClock(closed, role: .deployer, today: Self.on(30))
        #expect(done.next == nil && done.reportDaysLeft == nil && !done.isOverdue)
    }
}
