import AIGovCore
import AIGovRules
import AIGovStore

/// One thing the compliance officer must do by a day: an incident's report or provider notice,
/// a waiver that expires, a FRIA review, a review, a test, a model's end of life.
public struct AgendaItem: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Encodable, CaseIterable {
        case incidentReport = "incident report"
        case providerNotice = "provider notice"
        case waiverExpiry = "waiver expiry"
        case friaReview = "FRIA review"
        case review
        case oversightTest = "oversight test"
        case fallbackTest = "fallback test"
        case modelEndOfLife = "model end of life"
    }

    public var date: Day
    /// Days from today to `date` (negative: overdue).
    public var daysLeft: Int
    public var kind: Kind
    public var system: String
    /// What is due, in a few words.
    public var what: String
    /// What it links back to: the incident id, the waiver `SYSTEM/RULE`, or the rule that reports
    /// it once overdue.
    public var reference: String

    public var isOverdue: Bool { daysLeft < 0 }

    enum CodingKeys: String, CodingKey {
        case date, daysLeft = "days_left", kind, system, what, reference
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date.description, forKey: .date)
        try c.encode(daysLeft, forKey: .daysLeft)
        try c.encode(kind, forKey: .kind)
        try c.encode(system, forKey: .system)
        try c.encode(what, forKey: .what)
        try c.encode(reference, forKey: .reference)
    }
}

/// The officer's agenda (`aigov agenda`, the console's dashboard): everything due, overdue
/// items first (oldest first), then the rest by day, up to a horizon. One definition for every
/// face: each source keeps its own rule for when a thing is due (`DueSchedule` for reviews,
/// tests, ends of life and FRIA reviews, `IncidentClock` for Art. 73 and Art. 26(5), the
/// waiver's expiry), and the agenda only gathers and orders them.
public enum Agenda {
    /// How far ahead the agenda looks unless told otherwise (overdue items always show).
    public static let defaultDays = DueWindows.dashboardDays

    public static func items(due: [DueItem], incidents: [IncidentClock], waivers: [WaiverStanding], today: Day,
                             days: Int = defaultDays) -> [AgendaItem] {
        let until = today.adding(days: max(0, days))
        var out: [AgendaItem] = []
        func add(_ date: Day, _ kind: AgendaItem.Kind, _ system: String, _ what: String, _ reference: String) {
            guard date <= until else { return }
            out.append(AgendaItem(date: date, daysLeft: date.days(since: today), kind: kind, system: system, what: what,
                                  reference: reference))
        }
        for d in due {
            let kind: AgendaItem.Kind = switch d.kind {
            case .review: .review
            case .oversightTest: .oversightTest
            case .fallbackTest: .fallbackTest
            case .modelEndOfLife: .modelEndOfLife
            case .friaReview: .friaReview
            }
            add(d.due, kind, d.system, d.detail, d.rule)
        }
        for c in incidents where c.incident.isOpen {
            let i = c.incident
            if c.reportDaysLeft != nil {
                add(c.reportDue, .incidentReport, i.system, "\(i.id): report to the market surveillance authority (Art. 73)", i.id)
            }
            if c.providerDaysLeft != nil, let due = c.providerDue {
                add(due, .providerNotice, i.system, "\(i.id): tell the provider (Art. 26(5))", i.id)
            }
        }
        for w in waivers where w.isActive {
            let x = w.stored.waiver
            add(x.expires, .waiverExpiry, x.system, "waiver of \(x.rule) expires; its findings reopen", "\(x.system)/\(x.rule)")
        }
        return out.sorted { a, b in
            if a.isOverdue != b.isOverdue { return a.isOverdue }
            return (a.date, a.system, a.kind.rawValue, a.what) < (b.date, b.system, b.kind.rawValue, b.what)
        }
    }
}

extension Workspace {
    /// The agenda over the whole registry (streamed), its open incidents and its waivers,
    /// looking `days` ahead.
    public func agenda(days: Int = Agenda.defaultDays) throws -> [AgendaItem] {
        var due: [DueItem] = []
        let until = today.adding(days: max(0, days))
        try registry.forEachSystem { due += DueSchedule.items(for: $0.system).filter { $0.due <= until } }
        return Agenda.items(due: due, incidents: try incidentClocks(openOnly: true), waivers: try waiverStandings(), today: today,
                            days: days)
    }
}
