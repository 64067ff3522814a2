import AIGovCore

/// Which text of the EU AI Act the dates come from.
public enum TimelineKind: String, CaseIterable, Sendable {
    /// Regulation (EU) 2024/1689 as published.
    case original
    /// The dates as amended by the digital omnibus (the default).
    case amended
}

/// A set of obligations that comes into force on one date (RULES.md, "When obligations apply").
public enum ObligationGroup: String, CaseIterable, Sendable {
    /// Art. 5 prohibitions.
    case art5
    /// Art. 4 AI literacy.
    case lit
    /// Art. 50 transparency.
    case art50
    /// High-risk obligations for Annex I products.
    case hr1
    /// High-risk obligations for Annex III areas.
    case hr3
    /// Operational good practice, in force from day one.
    case ops
    /// GDPR duties, already in force.
    case gdpr
}

/// The dates on which each obligation group applies, for one text of the Act.
public struct Timeline: Sendable, Equatable {
    /// Which text of the Act.
    public let kind: TimelineKind

    /// The timeline of one text of the Act.
    public init(_ kind: TimelineKind) { self.kind = kind }

    /// The first day the group's obligations apply; nil when they always have.
    public func inForce(_ g: ObligationGroup) -> Day? {
        switch (g, kind) {
        case (.art5, _), (.lit, _): Timeline.day(2025, 2, 2)
        case (.art50, _): Timeline.day(2026, 8, 2)
        case (.hr3, .original): Timeline.day(2026, 8, 2)
        case (.hr3, .amended): Timeline.day(2027, 12, 2)
        case (.hr1, .original): Timeline.day(2027, 8, 2)
        case (.hr1, .amended): Timeline.day(2028, 8, 2)
        case (.ops, _), (.gdpr, _): nil
        }
    }

    /// Whether the group's obligations apply on `day`.
    public func isInForce(_ g: ObligationGroup, on day: Day) -> Bool {
        guard let start = inForce(g) else { return true }
        return day >= start
    }

    /// The date an obligation not yet in force on `day` comes into force; nil when it already applies.
    public func due(_ g: ObligationGroup, on day: Day) -> Day? {
        guard let start = inForce(g), day < start else { return nil }
        return start
    }

    /// The first day a group a record selects applies (RULES.md's timeline table).
    public func inForce(_ g: RecordGroup) -> Day? {
        switch (g, kind) {
        case (.art5of2026, _): Timeline.day(2026, 12, 2)
        case (.art50Legacy, .original): Timeline.day(2026, 8, 2)
        case (.art50Legacy, .amended): Timeline.day(2026, 12, 2)
        case (.hrLegacy, _): Timeline.day(2030, 8, 2)
        }
    }

    /// Whether a group a record selects applies on `day`.
    public func isInForce(_ g: RecordGroup, on day: Day) -> Bool {
        guard let start = inForce(g) else { return true }
        return day >= start
    }

    /// The date a group a record selects comes into force when it does not apply on `day` yet.
    public func due(_ g: RecordGroup, on day: Day) -> Day? {
        guard let start = inForce(g), day < start else { return nil }
        return start
    }

    /// Every row of RULES.md's timeline table with its date on this timeline, in table order:
    /// what a listing of the timeline (`aigov explain`, the dashboard, the audit pack) shows.
    public var rows: [TimelineRow] {
        func row(_ name: String, _ title: String, _ day: Day?) -> TimelineRow { TimelineRow(group: name, title: title, inForce: day) }
        return [
            row(ObligationGroup.art5.rawValue, "prohibited practices (Art. 5)", inForce(.art5)),
            row(ObligationGroup.lit.rawValue, "AI literacy (Art. 4)", inForce(.lit)),
            row(RecordGroup.art5of2026.rawValue, RecordGroup.art5of2026.title, inForce(.art5of2026)),
            row(ObligationGroup.art50.rawValue, "transparency (Art. 50)", inForce(.art50)),
            row(RecordGroup.art50Legacy.rawValue, RecordGroup.art50Legacy.title, inForce(.art50Legacy)),
            row(ObligationGroup.hr3.rawValue, "high-risk requirements, Annex III areas", inForce(.hr3)),
            row(ObligationGroup.hr1.rawValue, "high-risk requirements, Annex I Section A products", inForce(.hr1)),
            row(RecordGroup.hrLegacy.rawValue, RecordGroup.hrLegacy.title, inForce(.hrLegacy)),
            row(ObligationGroup.ops.rawValue, "operational good practice", inForce(.ops)),
            row(ObligationGroup.gdpr.rawValue, "GDPR duties", inForce(.gdpr)),
        ]
    }

    /// A literal calendar date; the fallback is unreachable for the valid constants above.
    private static func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
        Day(year: y, month: m, day: d) ?? Day(ordinal: 0)
    }
}

/// The two groups of RULES.md's timeline that a rule picks from the record rather than always
/// having them ("Two rules pick their group from the record"): INV-004 `art5-2026`, TRN-002
/// `art50-legacy`. Each narrows `base` to some records and has dates of its own.
///
/// They are kept apart from `ObligationGroup` so that code switching over every case of that
/// enum keeps compiling; `Timeline.rows` lists both kinds.
public enum RecordGroup: String, CaseIterable, Sendable {
    /// The prohibition added by Regulation (EU) 2026/1744 (`5-1-intimate`).
    case art5of2026 = "art5-2026"
    /// Art. 50(2) marking for systems already on the market on 2026-08-02.
    case art50Legacy = "art50-legacy"
    /// A legacy high-risk system intended to be used by public authorities (Art. 111(2)): the
    /// high-risk rules apply to it by 2030-08-02 whatever its design does (`HighRiskReach`).
    case hrLegacy = "hr-legacy"

    /// The group the rule that picks it belongs to otherwise.
    public var base: ObligationGroup {
        switch self {
        case .art5of2026: .art5
        case .art50Legacy: .art50
        case .hrLegacy: .hr3
        }
    }

    /// `art50-legacy` covers systems in production since a day before this one.
    public static let legacyMarketCutoff = Day(year: 2026, month: 8, day: 2) ?? Day(ordinal: 0)

    /// A reader's name for it.
    public var title: String {
        switch self {
        case .art5of2026: "the prohibition added by Regulation (EU) 2026/1744 (Art. 5, non-consensual intimate imagery)"
        case .art50Legacy: "Art. 50(2) marking for systems on the market before 2026-08-02"
        case .hrLegacy: "legacy high-risk system intended to be used by public authorities (Art. 111(2))"
        }
    }
}

/// One row of the timeline: a group's name, what it covers, and the first day it applies.
public struct TimelineRow: Equatable, Sendable {
    /// `art5`, `art5-2026`, `hr3` …
    public var group: String
    public var title: String
    /// Nil when the group always applies.
    public var inForce: Day?
}
