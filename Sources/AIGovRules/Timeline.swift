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

    /// A literal calendar date; the fallback is unreachable for the valid constants above.
    private static func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
        Day(year: y, month: m, day: d) ?? Day(ordinal: 0)
    }
}
