import AIGovCore

/// One evidence entry a framework row shows: which system holds it and what it is.
public struct EvidenceRef: Sendable, Equatable {
    public var system: String
    public var kind: EvidenceKind
    public var title: String
    public var uri: String?
}

/// What the rules mapped to one article, control or subcategory found across the systems
/// counted: the tally behind a row of the Statement of Applicability, the NIST and AI Act
/// views, and `check --framework`'s groups.
public struct FrameworkRowTally: Sendable {
    /// The rules mapped to the entry, in rule order.
    public var rules: [String] = []
    /// Systems at least one mapped rule applies to, in the order counted.
    public var covered: [String] = []
    /// Of those, the systems with an open finding of a mapped rule.
    public var failing: [String] = []
    /// Findings of the mapped rules: open by severity, waived, upcoming.
    public var summary = FindingSummary()
    /// The evidence entries of the kinds the mapped rules look for, on the covered systems.
    public var evidence: [EvidenceRef] = []
    /// Where the row's findings are in the tally's `kept` findings, when it keeps them
    /// (`keepFindings`): a finding under several entries is stored once (`FrameworkTally.findings(of:)`).
    public var findingIndices: [Int] = []
    /// How many findings the row has (kept or not).
    public var findingCount: Int { summary.open + summary.waived + summary.upcoming }

    /// Covered systems with no open finding of a mapped rule.
    public var passing: Int { covered.count - failing.count }

    public init() {}

    /// Counts one finding, kept at `index` of the tally's findings when given.
    mutating func count(_ f: Finding, at index: Int?) {
        summary.add(f)
        if let index { findingIndices.append(index) }
    }
}

/// Counts, per entry of one framework, the systems the mapped rules cover and the findings
/// they yield. Policy lives here once: the SoA, the console's Frameworks screen, the pack's
/// pages and `check --framework` all add systems to one of these.
public struct FrameworkTally: Sendable {
    public let framework: Framework
    /// Rows by entry id (only entries some rule maps to).
    public private(set) var rows: [String: FrameworkRowTally] = [:]
    /// The findings of rules that map to no entry of this framework.
    public private(set) var unmapped = FrameworkRowTally()
    /// How many systems were added.
    public private(set) var systems = 0
    /// Every finding added, once, when the tally keeps them.
    public private(set) var kept: [Finding] = []
    private let entries: [String: [String]]
    private let evidenceKinds: [String: [EvidenceKind]]
    private let keepFindings: Bool

    /// A tally over `rules` (the rule set in use, built-in and custom).
    public init(_ framework: Framework, rules: [any Rule], keepFindings: Bool = false) {
        self.framework = framework
        self.keepFindings = keepFindings
        var entries: [String: [String]] = [:]
        var kinds: [String: [EvidenceKind]] = [:]
        var rows: [String: FrameworkRowTally] = [:]
        var unmapped = FrameworkRowTally()
        for rule in rules {
            let ids = rule.frameworks.ids(framework).filter { framework.item($0) != nil }
            entries[rule.id] = ids
            kinds[rule.id] = FrameworkTally.evidenceKinds(rule)
            if ids.isEmpty { unmapped.rules.append(rule.id) }
            for id in ids { rows[id, default: FrameworkRowTally()].rules.append(rule.id) }
        }
        self.entries = entries
        evidenceKinds = kinds
        self.rows = rows
        self.unmapped = unmapped
    }

    /// The evidence kinds a rule looks for: those its "fires when" text names as
    /// `evidence(kind)`, the same text `aigov rules` and RULES.md show.
    public static func evidenceKinds(_ rule: any Rule) -> [EvidenceKind] {
        var out: [EvidenceKind] = []
        var rest = Substring(rule.firesWhen)
        while let start = rest.range(of: "evidence(") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: ")") else { break }
            if let kind = EvidenceKind(rawValue: String(rest[..<end])), !out.contains(kind) { out.append(kind) }
            rest = rest[end...]
        }
        return out
    }

    /// The entry ids a rule maps to in this framework.
    public func entries(of rule: String) -> [String] { entries[rule] ?? [] }

    /// Counts one system: `applicable` are the ids of the rules whose scope covers it.
    public mutating func add(_ system: AISystem, findings: [Finding], applicable: [String]) {
        systems += 1
        var touched: [String: Bool] = [:]  // entry id → has an open finding
        for rule in applicable {
            for id in entries[rule] ?? [] where touched[id] == nil { touched[id] = false }
        }
        for f in findings {
            let ids = entries[f.rule] ?? []
            let index = kept.count
            if keepFindings { kept.append(f) }
            if ids.isEmpty {
                unmapped.summary.add(f)
                if keepFindings { unmapped.findingIndices.append(index) }
            }
            for id in ids {
                // One lookup per entry and finding: a check of 100,000 systems adds millions.
                rows[id, default: FrameworkRowTally()].count(f, at: keepFindings ? index : nil)
                if f.status == .open { touched[id] = true } else if touched[id] == nil { touched[id] = false }
            }
        }
        for (id, failing) in touched {
            rows[id, default: FrameworkRowTally()].covered.append(system.id)
            if failing { rows[id, default: FrameworkRowTally()].failing.append(system.id) }
        }
        // Evidence of the kinds the rules covering the system look for.
        var kindsByEntry: [String: Set<EvidenceKind>] = [:]
        for rule in applicable {
            guard let kinds = evidenceKinds[rule], !kinds.isEmpty else { continue }
            for id in entries[rule] ?? [] { kindsByEntry[id, default: []].formUnion(kinds) }
        }
        for (id, kinds) in kindsByEntry {
            for e in system.evidence {
                guard let k = e.kind, kinds.contains(k) else { continue }
                rows[id, default: FrameworkRowTally()].evidence.append(EvidenceRef(system: system.id, kind: k, title: e.title, uri: e.uri))
            }
        }
    }

    /// A row's findings (empty unless the tally keeps them).
    public func findings(of row: FrameworkRowTally) -> [Finding] { row.findingIndices.map { kept[$0] } }

    /// The rows in the framework's order, with an empty row for an entry no rule maps to.
    public var ordered: [(item: FrameworkItem, row: FrameworkRowTally)] {
        framework.items.map { ($0, rows[$0.id] ?? FrameworkRowTally()) }
    }
}
