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
public enum WaiverPolicy {
    /// The expiry a new waiver is first offered with (the console's dialog): a suggestion the
    /// person edits, 90 days from today.
    public static func suggestedExpiry(from today: Day) -> Day { today.adding(days: 90) }

    public static func unknownRule(_ rule: String) -> String { "unknown rule id \"\(rule)\" (see `aigov rules`)" }

    /// The waiver, or every problem with it (paths named as in the file format).
    public static func validate(_ r: WaiverRequest, rules: RuleSet, today: Day, file: String = "waive") -> Result<Waiver, InputRejected> {
        var problems: [InputProblem] = []
        let canonical = rules.rule(id: r.rule)?.id
        if canonical == nil { problems.append(InputProblem(file: file, path: "rule", message: unknownRule(r.rule))) }
        let day = Day(r.expires)
        if day == nil { problems.append(InputProblem(file: file, path: "expires", message: "expected a date YYYY-MM-DD, got \"\(r.expires)\"")) }
        if r.reason.isBlank { problems.append(InputProblem(file: file, path: "reason", message: "must not be empty")) }
        if r.approvedBy.isBlank { problems.append(InputProblem(file: file, path: "approved_by", message: "must not be empty")) }
        for (path, text) in [("reason", r.reason), ("approved_by", r.approvedBy)] {
            if let bad = StoredText.problem(text) { problems.append(InputProblem(file: file, path: path, message: bad)) }
        }
        if let day, day < today { problems.append(InputProblem(file: file, path: "expires", message: expiredMessage(day))) }
        guard problems.isEmpty, let canonical, let day else { return .failure(InputRejected(problems)) }
        return .success(Waiver(system: r.system, rule: canonical, reason: r.reason, approvedBy: r.approvedBy, expires: day))
    }

    static func expiredMessage(_ day: Day) -> String { "\(day) is already past" }

    /// Problems of waiver documents read from files: unknown rule ids. An expiry before today
    /// is not one (see the type's comment).
    public static func problems(in waivers: [(waiver: Waiver, source: SourceRef)], rules: RuleSet) -> [InputProblem] {
        let known = rules.ids
        return waivers.filter { !known.contains($0.waiver.rule) }.map { w, src in
            InputProblem(file: src.file, path: "rule", line: src.line(of: "rule"), message: unknownRule(w.rule))
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
    /// Validates and records a waiver through the service layer (one transaction with its audit entry).
    public func waive(_ request: WaiverRequest, actor: String) throws -> (outcome: ChangeOutcome, waiver: Waiver) {
        let w = try WaiverPolicy.validate(request, rules: ruleSet, today: today).get()
        return (try registry.waive(w, actor: actor), w)
    }

    /// Removes a waiver (rule ids match case-insensitively); nil when there was none.
    public func unwaive(system: String, rule: String, actor: String) throws -> ChangeOutcome? {
        try registry.unwaive(system: system, rule: ruleSet.rule(id: rule)?.id ?? rule.uppercased(), actor: actor)
    }
}
