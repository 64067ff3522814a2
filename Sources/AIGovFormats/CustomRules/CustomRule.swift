import AIGovCore
import AIGovRules

/// An organisation rule read from a YAML rule file (docs/custom-rules.md).
///
/// It behaves like a built-in rule: the engine decides its findings' status from its
/// obligation group, the timeline and waivers, and it counts in the score.
public struct CustomRule: Rule {
    public let id: String
    public let title: String
    /// The severity of every finding of this rule.
    public let severity: Severity
    public let reference: String
    public let remediation: String
    public let obligation: RuleObligation
    /// The field path findings point at, e.g. `fallbacks`.
    public let path: String
    /// The rule file it was read from.
    public let file: String
    /// Its index in the file's `rules` list.
    public let index: Int
    public let appliesWhen: String
    public let firesWhen: String
    /// The articles, controls and subcategories its file declares (`frameworks:`).
    public let frameworks: FrameworkMapping

    let scope: Condition?
    let requirement: Condition
    let message: MessageTemplate

    init(
        id: String, title: String, severity: Severity, reference: String, remediation: String,
        obligation: RuleObligation, path: String, message: MessageTemplate, when scope: Condition?,
        require requirement: Condition, frameworks: FrameworkMapping = .none, file: String, index: Int
    ) {
        self.frameworks = frameworks
        self.id = id
        self.title = title
        self.severity = severity
        self.reference = reference
        self.remediation = remediation
        self.obligation = obligation
        self.path = path
        self.message = message
        self.scope = scope
        self.requirement = requirement
        self.file = file
        self.index = index
        appliesWhen = scope.map { "status ≠ retired and " + $0.rendered } ?? "status ≠ retired"
        firesWhen = "not (" + requirement.rendered + ")"
    }

    public var severityText: String { severity.rawValue }

    public func worstSeverity(for system: AISystem) -> Severity { severity }

    /// A scope whose `matches` has no answer counts as applying, so the error finding that
    /// `evaluate` gives for it also counts in the score.
    public func applies(to system: AISystem, context: RuleContext) -> Bool {
        guard system.status != .retired else { return false }
        guard let scope else { return true }
        do {
            return try scope.holds(.record, system, context.today)
        } catch {
            return true
        }
    }

    /// An `age_days` comparison flips on the day its date's age reaches the compared number
    /// and the day after; the days of every entry it may read count.
    public func changeDays(for system: AISystem, context: RuleContext) -> [Day] {
        guard system.status != .retired else { return [] }
        var days: [Day] = []
        scope?.changeDays(.record, system, into: &days)
        requirement.changeDays(.record, system, into: &days)
        return days
    }

    /// One finding when the requirement does not hold. When a `matches` in the scope or the
    /// requirement has no answer (it ran out of time, or ICU gave up), the result is unknown
    /// and must not pass silently: the rule yields an error finding that names the rule, the
    /// system and the pattern, and counts as failed (fail closed) until the pattern is fixed.
    public func evaluate(_ system: AISystem, context: RuleContext) -> [Finding] {
        guard system.status != .retired else { return [] }
        do {
            if let scope, try !scope.holds(.record, system, context.today) { return [] }
            guard try !requirement.holds(.record, system, context.today) else { return [] }
        } catch {
            return [patternError(error, system)]
        }
        return [Finding(
            rule: id, system: system.id, severity: severity, path: path, message: message.fill(system),
            reference: reference, remediation: remediation)]
    }

    /// The finding for a rule that could not be evaluated for `system`.
    func patternError(_ failure: PatternFailure, _ system: AISystem) -> Finding {
        var f = Finding(
            rule: id, system: system.id, severity: severity, path: path,
            message: "\(system.id): rule \(id) could not be evaluated: \(failure.explanation); the rule counts as failed",
            reference: reference,
            remediation: "Fix the rule, not the system: simplify the regular expression of \(id) (rules[\(index)] in \(file)); "
                + "see \"matches\" in docs/custom-rules.md.")
        f.undecided = true
        return f
    }
}

/// A finding message with `{id}`, `{name}`, `{owner}`, `{status}`, `{tier}` placeholders.
struct MessageTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    static let placeholders = ["id", "name", "owner", "status", "tier"]

    let parts: [Part]

    /// Splits a template; `unknown` receives each `{word}` that is not a placeholder.
    init(_ text: String, unknown: (String) -> Void = { _ in }) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"),
               case let word = String(after[..<close]),
               !word.isEmpty, word.allSatisfy({ $0.isLetter || $0 == "_" }) {
                if MessageTemplate.placeholders.contains(word) {
                    if !literal.isEmpty { parts.append(.literal(literal)) }
                    literal = ""
                    parts.append(.placeholder(word))
                } else {
                    unknown(word)
                    literal += "{" + word + "}"
                }
                rest = after[after.index(after: close)...]
            } else {
                literal += "{"
                rest = after
            }
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    func fill(_ s: AISystem) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let t): out += t
            case .placeholder("id"): out += s.id
            case .placeholder("name"): out += s.name
            case .placeholder("owner"): out += s.owner
            case .placeholder("status"): out += s.status.rawValue
            case .placeholder("tier"): out += s.tier.rawValue
            case .placeholder(let other): out += "{" + other + "}"
            }
        }
        return out
    }
}
