import AIGovCore

/// The intervals the review and test rules measure (REV-002, REV-003, OVR-004, FBK-005),
/// defined once: the rules, the due lists of the console and the audit pack, and the system
/// view all name these.
public enum Intervals {
    /// OVR-004: an oversight path is tested at least this often.
    public static let oversightTestDays = 180
    /// FBK-005: a fallback is tested at least this often.
    public static let fallbackTestDays = 365
    /// REV-002: the review interval when `review.interval_days` is not recorded.
    public static let defaultReviewDays = 365
    /// REV-003: the longest review interval a high-risk system may have.
    public static let highRiskMaxReviewDays = 365
    /// MOD-003: an end of life this close is reported before it passes.
    public static let endOfLifeWarningDays = 90
    /// CLS-006: classification answers are reviewed at least this often.
    public static let classificationReviewDays = 365
}

extension Review {
    /// The review interval, `Intervals.defaultReviewDays` when none is recorded.
    public var effectiveInterval: Int { intervalDays ?? Intervals.defaultReviewDays }
}

/// Something that falls due for a system on a day: a review, a test, a model's end of life.
public struct DueItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case review
        case oversightTest = "oversight test"
        case fallbackTest = "fallback test"
        case modelEndOfLife = "model end of life"
        case friaReview = "FRIA review"
    }

    /// The rule that reports the item once it is overdue.
    public var rule: String {
        switch kind {
        case .review: "REV-002"
        case .oversightTest: "OVR-004"
        case .fallbackTest: "FBK-005"
        case .modelEndOfLife: "MOD-003"
        case .friaReview: "FRI-003"
        }
    }

    public var kind: Kind
    public var system: String
    /// What is due: the reviewer, the override mechanism, the fallback, the model.
    public var detail: String
    public var due: Day
    /// The position of the entry it belongs to in its list (`oversight`, `fallbacks`,
    /// `models`); nil for the review.
    public var entry: Int?

    public init(kind: Kind, system: String, detail: String, due: Day, entry: Int? = nil) {
        self.kind = kind
        self.system = system
        self.detail = detail
        self.due = due
        self.entry = entry
    }

    /// Earliest first, then by system and detail.
    public static func precedes(_ a: DueItem, _ b: DueItem) -> Bool {
        (a.due, a.system, a.kind.rawValue, a.detail) < (b.due, b.system, b.kind.rawValue, b.detail)
    }
}

/// When each recurring duty of a system next falls due, with the scope of the rule that
/// checks it, so that nothing is listed as due that no rule would report as overdue.
public enum DueSchedule {
    public static func items(for s: AISystem) -> [DueItem] {
        var out: [DueItem] = []
        // REV-002: active systems.
        if s.isActive, let rv = s.review, let last = rv.lastReviewed {
            out.append(DueItem(kind: .review, system: s.id, detail: rv.reviewer ?? "review every \(rv.effectiveInterval) days",
                               due: last.adding(days: rv.effectiveInterval)))
        }
        // OVR-004: active systems that decide about people.
        if s.isActive, s.decidesAboutPeople {
            for (i, o) in s.oversight.enumerated() {
                if let t = o.lastTested {
                    out.append(DueItem(kind: .oversightTest, system: s.id, detail: o.who ?? o.mechanism,
                                       due: t.adding(days: Intervals.oversightTestDays), entry: i))
                }
            }
        }
        // FBK-005 applies to every system; a retired one has nothing left to drill.
        if s.status != .retired {
            for (i, f) in s.fallbacks.enumerated() {
                if let t = f.lastTested {
                    let what = [f.trigger?.rawValue, f.strategy?.rawValue].compactMap { $0 }.joined(separator: " → ")
                    out.append(DueItem(kind: .fallbackTest, system: s.id, detail: what.isEmpty ? "fallback" : what,
                                       due: t.adding(days: Intervals.fallbackTestDays), entry: i))
                }
            }
            // FRI-003: a performed impact assessment is reviewed by `fria.next_review`.
            if s.fria?.performed != nil, let next = s.fria?.nextReview {
                out.append(DueItem(kind: .friaReview, system: s.id, detail: "impact assessment review (Art. 27)", due: next))
            }
            // MOD-003: every model of a system that is not retired.
            for (i, m) in s.models.enumerated() {
                if let eol = m.endOfLife {
                    out.append(DueItem(kind: .modelEndOfLife, system: s.id, detail: "\(m.name) (\(m.provider))", due: eol, entry: i))
                }
            }
        }
        return out
    }
}
