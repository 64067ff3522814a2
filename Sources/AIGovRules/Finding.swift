import AIGovCore

/// Whether a finding counts: open, covered by a waiver, or not in force yet.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    case open, waived, upcoming
}

/// One gap a rule found in one system.
public struct Finding: Sendable, Equatable {
    /// Rule id, e.g. `FBK-002`.
    public var rule: String
    /// System id.
    public var system: String
    /// How serious it is.
    public var severity: Severity
    /// Open, waived or upcoming; decided by the engine.
    public var status: FindingStatus
    /// Field path in the record (FORMAT.md keys, 0-based list indexes), e.g. `models[1].version`.
    public var path: String
    /// One sentence that names the system and the entry at fault.
    public var message: String
    /// Legal or operational reference, e.g. `Art. 15(4)`.
    public var reference: String
    /// How to fix it.
    public var remediation: String
    /// The date an upcoming finding comes into force.
    public var due: Day?
    /// The waiver covering it when the status is `waived`.
    public var waiver: Waiver?
    /// The rule could not decide (a custom rule's pattern ran out of its time budget): the
    /// finding depends on timing, not on the record and the day, so it is never stored.
    public var undecided = false

    /// A finding; open with no due date or waiver unless told otherwise.
    public init(
        rule: String, system: String, severity: Severity, status: FindingStatus = .open,
        path: String, message: String, reference: String, remediation: String,
        due: Day? = nil, waiver: Waiver? = nil
    ) {
        self.rule = rule
        self.system = system
        self.severity = severity
        self.status = status
        self.path = path
        self.message = message
        self.reference = reference
        self.remediation = remediation
        self.due = due
        self.waiver = waiver
    }

    /// The usual report order: by system, most severe first, then rule id and path.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.system != b.system { return a.system < b.system }
        if a.severity != b.severity { return a.severity > b.severity }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.path < b.path
    }
}

/// Counts of findings by status, and open findings by severity (the `summary` of `check -o json`).
public struct FindingSummary: Sendable, Equatable {
    public static func == (a: FindingSummary, b: FindingSummary) -> Bool {
        a.open == b.open && a.waived == b.waived && a.upcoming == b.upcoming && a.openBySeverity == b.openBySeverity
    }

    /// Findings that count for `--fail-on`.
    public var open = 0
    /// Findings an unexpired waiver covers.
    public var waived = 0
    /// Findings whose obligation is not in force yet.
    public var upcoming = 0
    /// Open findings per severity, one count each, kept in a fixed tuple: a report adds up to a
    /// million findings, and a dictionary would hash each one (#25).
    private var counts = (critical: 0, high: 0, medium: 0, low: 0, info: 0)

    /// Open findings per severity; every severity has an entry, zero when none.
    public var openBySeverity: [Severity: Int] {
        [.critical: counts.critical, .high: counts.high, .medium: counts.medium, .low: counts.low, .info: counts.info]
    }

    /// The open findings of one severity.
    public func open(_ severity: Severity) -> Int {
        switch severity {
        case .critical: counts.critical
        case .high: counts.high
        case .medium: counts.medium
        case .low: counts.low
        case .info: counts.info
        }
    }

    /// The counts of these findings.
    public init(_ findings: [Finding] = []) {
        add(contentsOf: findings)
    }

    /// Counts these findings too, each borrowed from the array's buffer rather than copied.
    public mutating func add(contentsOf findings: [Finding]) {
        findings.withUnsafeBufferPointer { b in
            for i in b.indices { add(b[i]) }
        }
    }

    /// Counts one more finding.
    public mutating func add(_ f: Finding) {
        switch f.status {
        case .open:
            open += 1
            switch f.severity {
            case .critical: counts.critical += 1
            case .high: counts.high += 1
            case .medium: counts.medium += 1
            case .low: counts.low += 1
            case .info: counts.info += 1
            }
        case .waived: waived += 1
        case .upcoming: upcoming += 1
        }
    }

    /// The most severe open finding's severity, nil when nothing is open.
    public var worstOpen: Severity? {
        Severity.allCases.first { open($0) > 0 }
    }

    /// True when some open finding is at least as severe as `threshold` (`--fail-on`).
    public func hasOpen(atLeast threshold: Severity) -> Bool {
        Severity.allCases.contains { $0 >= threshold && open($0) > 0 }
    }
}
