import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// A waiver as a person types it (CLI options, the console's dialog): text, not yet checked.
public struct WaiverRequest: Sendable, Equatable {
    public var system: String
    public var rule: String
    public var reason: String
    public var approvedBy: String
    public var expires: String

    public init(system: String, rule: String, reason: String, approvedBy: String, expires: String) {
        self.system = system
        self.rule = rule
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
    }
}

/// The one validation of waivers, for `aigov waive`, the console's waive dialog and waiver
/// documents in files (`apply`, `check -f`): a known rule id (of this rule set, matched
/// case-insensitively and stored in its canonical spelling), a date, a reason and an approver.
/// A waiver *typed* with an expiry already past is refused. One *in a file* is history (a tree
/// exported a year ago, restored into a new registry): it is accepted and stored, covers
/// nothing since it has expired, and is named in one warning line (`expiredNotes`).
///
/// Two more limits (issue #27):
/// - **Art. 5 cannot be waived.** A waiver of INV-004 (a prohibited practice) is refused
///   everywhere: typed (`aigov waive`, the console's dialog) and in files (`apply -f`,
///   `check -f`), with the path `rule` named.
/// - **The longest expiry per severity** (`ExpiryLimits`, default critical 90 days, high 180,
///   every other severity 365) holds for waivers *typed* now: an expiry later than today plus
///   the limit is refused with a message naming the limit and the severity. The severity is
///   that of the finding the waiver would cover: the worst of the current findings of that
///   rule for that system, from the workspace's evaluation (in memory, nothing stored); when
///   the rule has no finding for the system (yet), the rule's own worst severity for the
///   system (`Rule.worstSeverity`). Waivers read from files are history (they may have been
///   approved long ago, under other limits) and are not held to this limit.
public enum WaiverPolicy {
    /// The rule whose findings no waiver may cover: prohibited practices (Art. 5).
    public static let unwaivableRule = "INV-004"

    /// The longest a waiver typed today may run, by the severity of the finding it covers.
    public struct ExpiryLimits: Sendable, Equatable {
        public var critical: Int
        public var high: Int
        /// Medium, low and info.
        public var other: Int

        public init(critical: Int = 90, high: Int = 180, other: Int = 365) {
            self.critical = critical
            self.high = high
            self.other = other
        }

        /// critical 90 days, high 180, every other severity 365.
        public static let standard = ExpiryLimits()

        /// The longest expiry, in days after today, for a finding of this severity.
        public func days(for severity: Severity) -> Int {
            switch severity {
            case .critical: critical
            case .high: high
            case .medium, .low, .info: other
            }
        }
    }

    static func art5Message(_ rule: String) -> String {
        "\(rule) findings (Art. 5, prohibited practices) cannot be waived: stop the practice or retire the system"
    }

    static func tooLateMessage(_ day: Day, severity: Severity, rule: String, limit: Int, latest: Day) -> String {
        "\(day) is too late: a waiver of a \(severity.rawValue) finding (\(rule)) runs at most \(limit) days, until \(latest)"
    }

    /// The expiry a new waiver is first offered with (the console's dialog): a suggestion the
    /// person edits, 90 days from today.
    public static func suggestedExpiry(from today: Day) -> Day { today.adding(days: 90) }

    public static func unknownRule(_ rule: String) -> String { "unknown rule id \"\(rule)\" (see `aigov rules`)" }

    /// The waiver, or every problem with it (paths named as in the file format). `severity` is
    /// that of the finding it covers (`Workspace.waiverSeverity`); nil skips the expiry limit
    /// (the system is unknown, and the registry refuses the waiver anyway).
    public static func validate(_ r: WaiverRequest, rules: RuleSet, today: Day, severity: Severity? = nil,
                                limits: ExpiryLimits = .standard, file: String = "waive") -> Result<Waiver, InputRejected> {
        var problems: [InputProblem] = []
        let canonical = rules.rule(id: r.rule)?.id
        if canonical == nil { problems.append(InputProblem(file: file, path: "rule", message: unknownRule(r.rule))) }
        if let canonical, canonical == unwaivableRule {
            problems.append(InputProblem(file: file, path: "rule", message: art5Message(canonical)))
        }
        let day = Day(r.expires)
        if day == nil { problems.append(InputProblem(file: file, path: "expires", message: "expected a date YYYY-MM-DD, got \"\(r.expires)\"")) }
        if r.reason.isBlank { problems.append(InputProblem(file: file, path: "reason", message: "must not be empty")) }
        if r.approvedBy.isBlank { problems.append(InputProblem(file: file, path: "approved_by", message: "must not be empty")) }
        for (path, text) in [("reason", r.reason), ("approved_by", r.approvedBy)] {
            if let bad = StoredText.problem(text) { problems.append(InputProblem(file: file, path: path, message: bad)) }
        }
        if let day, day < today { problems.append(InputProblem(file: file, path: "expires", message: expiredMessage(day))) }
        if let day, let severity, let canonical {
            let limit = limits.days(for: severity)
            let latest = today.adding(days: limit)
            if day > latest {
                problems.append(InputProblem(file: file, path: "expires",
                                             message: tooLateMessage(day, severity: severity, rule: canonical, limit: limit, latest: latest)))
            }
        }
        guard problems.isEmpty, let canonical, let day else { return .failure(InputRejected(problems)) }
        return .success(Waiver(system: r.system, rule: canonical, reason: r.reason, approvedBy: r.approvedBy, expires: day))
    }

    static func expiredMessage(_ day: Day) -> String { "\(day) is already past" }

    /// Problems of waiver documents read from files: unknown rule ids, and INV-004 (Art. 5).
    /// An expiry before today, or later than the per-severity limit, is not one: a file is
    /// history (see the type's comment).
    public static func problems(in waivers: [(waiver: Waiver, source: SourceRef)], rules: RuleSet) -> [InputProblem] {
        let known = rules.ids
        return waivers.compactMap { w, src in
            if !known.contains(w.rule) {
                return InputProblem(file: src.file, path: "rule", line: src.line(of: "rule"), message: unknownRule(w.rule))
            }
            if w.rule == unwaivableRule {
                return InputProblem(file: src.file, path: "rule", line: src.line(of: "rule"), message: art5Message(w.rule))
            }
            return nil
        }
    }

    /// One warning line for each waiver document whose expiry is before `today`, in input order.
    public static func expiredNotes(in waivers: [(waiver: Waiver, source: SourceRef)], today: Day) -> [String] {
        waivers.filter { $0.waiver.expires < today }.map { w, src in
            "\(src.file):\(src.line(of: "expires")): warning: waiver \(w.system)/\(w.rule) expired on \(w.expires): "
                + "kept as history, it covers nothing"
        }
    }
}

extension Workspace {
    /// Validates and records a waiver through the service layer (one transaction with its audit
    /// entry), with the expiry limit of the severity of the finding it covers.
    public func waive(_ request: WaiverRequest, actor: String,
                      limits: WaiverPolicy.ExpiryLimits = .standard) throws -> (outcome: ChangeOutcome, waiver: Waiver) {
        let severity = try waiverSeverity(system: request.system, rule: request.rule)
        let w = try WaiverPolicy.validate(request, rules: ruleSet, today: today, severity: severity, limits: limits).get()
        return (try registry.waive(w, actor: actor), w)
    }

    /// The severity a waiver of `rule` for `system` is measured by (`WaiverPolicy`): the worst of
    /// the rule's current findings for the system (open, waived or upcoming), evaluated in memory
    /// (nothing is stored, so a refused waiver writes nothing); with no finding, the rule's worst
    /// severity for the system. Nil when the system or the rule is unknown.
    public func waiverSeverity(system id: String, rule: String) throws -> Severity? {
        guard let r = ruleSet.rule(id: rule), let stored = try registry.system(id: id) else { return nil }
        let evaluation = try runner(for: [id]).evaluation(for: stored.system)
        return evaluation.findings.filter { $0.rule == r.id }.map(\.severity).max() ?? r.worstSeverity(for: stored.system)
    }

    /// Removes a waiver (rule ids match case-insensitively); nil when there was none.
    public func unwaive(system: String, rule: String, actor: String) throws -> ChangeOutcome? {
        try registry.unwaive(system: system, rule: ruleSet.rule(id: rule)?.id ?? rule.uppercased(), actor: actor)
    }
}
