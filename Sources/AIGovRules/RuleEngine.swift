import AIGovCore

/// Runs rules over systems and decides each finding's status.
public struct RuleEngine: Sendable {
    /// The rules it runs, in order.
    public var rules: [any Rule]

    /// An engine with the built-in rules, or any other set (e.g. plus organisation rules).
    public init(rules: [any Rule] = RuleCatalog.builtIn) { self.rules = rules }

    /// All findings for one system with statuses decided, in rule order: upcoming if the
    /// obligation (`rule.inForce(for:timeline:)`) is not in force on `context.today` (`due` = that date),
    /// else waived if a waiver for (system id, rule id) covers today, else open.
    public func evaluate(_ system: AISystem, context: RuleContext, waivers: [Waiver]) -> [Finding] {
        let mine = waivers.filter { $0.system == system.id }
        return evaluate(system, context: context, ownWaivers: mine)
    }

    /// Findings for many systems, matching waivers through one index (fast for large registries).
    public func evaluate(_ systems: [AISystem], context: RuleContext, waivers: [Waiver]) -> [Finding] {
        let index = Dictionary(grouping: waivers, by: \.system)
        var out: [Finding] = []
        // Indexes rather than `for … in` borrow each element instead of copying it.
        for i in systems.indices {
            out += evaluate(systems[i], context: context, ownWaivers: index[systems[i].id] ?? [])
        }
        return out
    }

    private func evaluate(_ system: AISystem, context: RuleContext, ownWaivers: [Waiver]) -> [Finding] {
        // A retired system yields no findings but those of rules that outlive retirement (INC).
        let retired = system.status == .retired
        var out: [Finding] = []
        for r in rules.indices {
            if retired, !rules[r].outlivesRetirement { continue }
            var found = rules[r].evaluate(system, context: context)
            guard !found.isEmpty else { continue }
            let rule = rules[r]
            let due = rule.due(for: system, context: context)
            let waiver = due == nil ? RuleEngine.waiver(for: rule.id, in: ownWaivers, on: context.today) : nil
            let status: FindingStatus = due != nil ? .upcoming : waiver != nil ? .waived : .open
            for i in found.indices {
                found[i].status = status
                found[i].due = due
                found[i].waiver = waiver
            }
            out += found
        }
        return out
    }

    /// Everything one system's evaluation gives, and until when it holds: the findings in report
    /// order (`Finding.precedes`), the score, the rules whose scope covers it, and the first day
    /// after `context.today` on which any of it may differ (nil: only a change of the record, its
    /// waivers or incidents, the timeline or the rules changes it). The store keeps this and
    /// trusts it from `context.today` until `validUntil`.
    public func evaluation(_ system: AISystem, context: RuleContext, waivers: [Waiver]) -> Evaluation {
        let findings = evaluate(system, context: context, ownWaivers: waivers.filter { $0.system == system.id })
            .sorted(by: Finding.precedes)
        let score = score(system, context: context, findings: findings)
        let applicable = rules.filter { $0.applies(to: system, context: context) }.map(\.id)
        return Evaluation(findings: findings, score: score, applicable: applicable,
                          validUntil: nextChange(system, context: context, waivers: waivers))
    }

    /// The first day after today on which the system's evaluation may change with the day alone:
    /// a rule's change day, an obligation coming into force, a waiver lapsing.
    public func nextChange(_ system: AISystem, context: RuleContext, waivers: [Waiver]) -> Day? {
        let today = context.today
        var next: Day?
        func consider(_ d: Day) { if d > today, next.map({ d < $0 }) ?? true { next = d } }
        let retired = system.status == .retired
        for r in rules.indices {
            if retired, !rules[r].outlivesRetirement { continue }
            if let start = rules[r].inForce(for: system, timeline: context.timeline) { consider(start) }
            for d in rules[r].changeDays(for: system, context: context) { consider(d) }
        }
        // A waiver covers through its `expires` day.
        for w in waivers where w.system == system.id { consider(w.expires.adding(days: 1)) }
        return next
    }

    /// The waiver for a rule that covers `today`; when several do, the one that lasts longest.
    static func waiver(for rule: String, in waivers: [Waiver], on today: Day) -> Waiver? {
        waivers.filter { $0.rule == rule && $0.covers(today) }.max { $0.expires < $1.expires }
    }

    /// Completeness score 0...100 with the checks behind it.
    ///
    /// Each rule that applies to the system and whose obligation is in force is one check,
    /// weighted by the worst severity it can give this system (`Score.weight(of:)`). A check
    /// loses the weight of its most severe open finding; waived and upcoming findings lose
    /// nothing. The score is the kept weight as a rounded percentage of the total, 100 when
    /// no check applies, and never 100 while a check has lost points.
    public func score(_ system: AISystem, context: RuleContext, findings: [Finding]) -> Score {
        var worstByRule: [String: Severity] = [:]
        for f in findings where f.system == system.id && f.status == .open {
            worstByRule[f.rule] = max(worstByRule[f.rule] ?? f.severity, f.severity)
        }
        var total = 0, lost = 0, applicable = 0
        var failed: [Score.FailedCheck] = []
        for rule in rules where rule.applies(to: system, context: context)
            && rule.isInForce(for: system, context: context) {
            applicable += 1
            let worstOpen = worstByRule[rule.id]
            // A custom rule may under-report its worst severity; never lose more than the check weighs.
            let weight = max(Score.weight(of: rule.worstSeverity(for: system)), worstOpen.map(Score.weight(of:)) ?? 0)
            total += weight
            if let worstOpen {
                let points = Score.weight(of: worstOpen)
                lost += points
                failed.append(Score.FailedCheck(rule: rule.id, weight: weight, lost: points))
            }
        }
        return Score(applicable: applicable, totalWeight: total, lostWeight: lost, failed: failed)
    }
}

/// One system's evaluation (`RuleEngine.evaluation`): what reads show, stored at write time.
public struct Evaluation: Sendable, Equatable {
    /// In report order (`Finding.precedes`).
    public var findings: [Finding]
    public var score: Score
    /// Ids of the rules whose scope covers the system, in rule order.
    public var applicable: [String]
    /// The first day on which it may no longer hold; nil when the day alone never changes it.
    public var validUntil: Day?

    /// Whether a finding depends on timing (`Finding.undecided`): such an evaluation is
    /// never stored, so the next read evaluates again.
    public var isTimingDependent: Bool { findings.contains { $0.undecided } }

    public init(findings: [Finding], score: Score, applicable: [String], validUntil: Day?) {
        self.findings = findings
        self.score = score
        self.applicable = applicable
        self.validUntil = validUntil
    }
}

/// A system's completeness score: the severity-weighted share of applicable checks that pass.
public struct Score: Sendable, Equatable {
    /// 0...100.
    public var value: Int
    /// Checks that apply and are in force.
    public var applicable: Int
    /// Checks with no open finding.
    public var passed: Int
    /// Sum of the checks' weights.
    public var totalWeight: Int
    /// Weight lost to open findings; `totalWeight - lostWeight` is kept.
    public var lostWeight: Int
    /// The checks that lost points, in rule order. The open findings that cost each one are
    /// the evaluation's findings of its rule (they are not copied here: #25 measured the copy
    /// at a fifth of `check -o json`).
    public var failed: [FailedCheck]

    /// One check that lost points.
    public struct FailedCheck: Sendable, Equatable {
        /// Rule id.
        public var rule: String
        /// What the check weighs in the total.
        public var weight: Int
        /// What it lost: the weight of its most severe open finding.
        public var lost: Int

        public init(rule: String, weight: Int, lost: Int) {
            self.rule = rule
            self.weight = weight
            self.lost = lost
        }
    }

    /// A score from its parts; `value` and `passed` are derived.
    public init(applicable: Int, totalWeight: Int, lostWeight: Int, failed: [FailedCheck]) {
        self.applicable = applicable
        self.passed = applicable - failed.count
        self.totalWeight = totalWeight
        self.lostWeight = lostWeight
        self.failed = failed
        if totalWeight <= 0 {
            value = 100
        } else {
            let kept = max(0, totalWeight - lostWeight)
            let rounded = (200 * kept + totalWeight) / (2 * totalWeight)
            value = failed.isEmpty ? rounded : min(rounded, 99)
        }
    }

    /// A check's weight by severity: critical 16, high 8, medium 4, low 2, info 1 (each
    /// level counts twice the one below).
    public static func weight(of severity: Severity) -> Int {
        switch severity {
        case .critical: 16
        case .high: 8
        case .medium: 4
        case .low: 2
        case .info: 1
        }
    }
}
