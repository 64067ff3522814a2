import AIGovCore
import AIGovFormats
import AIGovRules
import Foundation

extension FindingSummary {
    /// The open findings by severity as a row of the SoA or the NIST view writes them:
    /// `3 high, 1 medium`, or `0`.
    public var openText: String {
        let parts = Severity.allCases.compactMap { sev in (openBySeverity[sev] ?? 0) > 0 ? "\(openBySeverity[sev] ?? 0) \(sev.rawValue)" : nil }
        return parts.isEmpty ? "0" : parts.joined(separator: ", ")
    }
}

extension FrameworkRowTally {
    /// `passing/covered`, e.g. `3/5`: the covered systems that pass the mapped rules, of those covered.
    public var coverageText: String { "\(passing)/\(covered.count)" }
}

/// One control of the Statement of Applicability.
public struct SoARow: Sendable {
    public var control: FrameworkItem
    /// What the mapped rules found on the active systems.
    public var tally: FrameworkRowTally
    /// The status the registry drafts from the tally.
    public var drafted: ControlStatus
    /// The status and justification written by hand in `soa.yaml`, which wins.
    public var override: SoAOverride?

    /// The status shown: the hand-written one, else the drafted one.
    public var status: ControlStatus { override?.status ?? drafted }
    /// Whether any rule maps to the control.
    public var inRegistry: Bool { !tally.rules.isEmpty }
    /// Whether a mapped rule applies to an active system.
    public var applicable: Bool { !tally.covered.isEmpty }
    /// The applicability column: `yes`, `no mapped rule applies` (for the officer to justify),
    /// or `outside the registry: record elsewhere`.
    public var applicability: String {
        !inRegistry ? "outside the registry: record elsewhere" : applicable ? "yes" : "no mapped rule applies"
    }
    /// Where the status comes from: `soa.yaml:LINE` or `registry`.
    public var source: String { override?.source ?? (inRegistry ? "registry" : "none") }

    /// The registry's status for a tally: not applicable when no mapped rule covers an active
    /// system; implemented when every covered system passes; not implemented when none does;
    /// partially implemented otherwise.
    public static func draft(_ t: FrameworkRowTally) -> ControlStatus {
        if t.rules.isEmpty { return .outsideRegistry }
        if t.covered.isEmpty { return .notApplicable }
        if t.failing.isEmpty { return .implemented }
        return t.passing == 0 ? .notImplemented : .partiallyImplemented
    }
}

/// The ISO/IEC 42001 Statement of Applicability drafted from the registry (`aigov soa`, the
/// console's Frameworks screen, the pack's `soa.md`/`soa.html`).
public struct StatementOfApplicability: Sendable {
    public var today: Day
    /// Active systems (pilot or production): the systems the SoA counts.
    public var activeSystems: Int
    /// The 38 controls: those some rule maps to, in Annex A order, then those no rule maps to.
    public var rows: [SoARow]
    /// The `soa.yaml` read, if any.
    public var overridesFile: String?

    /// The rows of controls some rule maps to.
    public var registryRows: [SoARow] { rows.filter(\.inRegistry) }
    /// The rows of controls no rule maps to.
    public var outsideRows: [SoARow] { rows.filter { !$0.inRegistry } }

    /// The SoA from an ISO/IEC 42001 tally over the active systems, `overrides` winning.
    public init(tally: FrameworkTally, today: Day, overrides: [SoAOverride] = [], file: String? = nil) {
        let byControl = Dictionary(overrides.map { ($0.control, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = tally.ordered.map { item, row in
            SoARow(control: item, tally: row, drafted: SoARow.draft(row), override: byControl[item.id])
        }
        self.today = today
        activeSystems = tally.systems
        self.rows = rows.filter(\.inRegistry) + rows.filter { !$0.inRegistry }
        overridesFile = file
    }

    /// How many controls have each status, in `ControlStatus` order.
    public var statusCounts: [(ControlStatus, Int)] {
        ControlStatus.allCases.map { s in (s, rows.filter { $0.status == s }.count) }
    }
}

/// One framework's entries with what the mapped rules found (the NIST and AI Act views).
public struct FrameworkView: Sendable {
    public var framework: Framework
    public var systems: Int
    public var rows: [(item: FrameworkItem, row: FrameworkRowTally)]
    /// Findings of rules mapped to no entry of the framework.
    public var unmapped: FrameworkRowTally

    public init(tally: FrameworkTally) {
        framework = tally.framework
        systems = tally.systems
        rows = tally.ordered
        unmapped = tally.unmapped
    }
}

extension FrameworkTally {
    /// A tally of the active systems among `results` (what the SoA and the views count).
    public static func active(_ framework: Framework, rules: [any Rule], results: [SystemResult]) -> FrameworkTally {
        var tally = FrameworkTally(framework, rules: rules)
        tally.add(results, activeOnly: true)
        return tally
    }

    /// Counts `results`; with `activeOnly`, only the active systems (pilot or production),
    /// which are what the SoA and the framework views count.
    mutating func add(_ results: [SystemResult], activeOnly: Bool) {
        for r in results where !activeOnly || r.system.isActive {
            add(r.system, findings: r.findings, applicable: r.applicable)
        }
    }
}

extension Workspace {
    /// `soa.yaml` beside the registry's database.
    public var defaultSoAFile: String {
        (registry.path as NSString).deletingLastPathComponent.appending("/soa.yaml")
    }

    /// The hand-written SoA entries: from `file` (which must exist), else from `soa.yaml` beside
    /// the database when it exists. Throws `InputRejected` listing every problem.
    public func soaOverrides(file: String? = nil) throws -> (overrides: [SoAOverride], file: String?) {
        let path = file ?? defaultSoAFile
        if file == nil, !FileManager.default.fileExists(atPath: path) { return ([], nil) }
        let (overrides, problems) = SoAOverridesReader.load(file: path)
        if !problems.isEmpty { throw InputRejected(problems) }
        return (overrides, path)
    }

    /// Tallies one framework over the systems (only the active ones with `activeOnly`), from
    /// the same evaluations `check` reads.
    public func frameworkTally(_ framework: Framework, activeOnly: Bool, keepFindings: Bool = false) throws -> FrameworkTally {
        var tally = FrameworkTally(framework, rules: ruleSet.rules, keepFindings: keepFindings)
        try check(withEvidence: true) { tally.add($0, activeOnly: activeOnly) }
        return tally
    }

    /// The Statement of Applicability on this workspace's day, with `overrides` winning.
    public func statementOfApplicability(overrides: [SoAOverride] = [], file: String? = nil) throws -> StatementOfApplicability {
        StatementOfApplicability(tally: try frameworkTally(.iso42001, activeOnly: true), today: today,
                                 overrides: overrides, file: file)
    }

    /// The NIST AI RMF or AI Act view: every entry with what its rules found on the active systems.
    public func frameworkView(_ framework: Framework) throws -> FrameworkView {
        FrameworkView(tally: try frameworkTally(framework, activeOnly: true))
    }
}
