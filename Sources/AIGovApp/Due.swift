import AIGovCore
import AIGovRules

/// How pressing a due date is on a day: every face colours and sorts by this, so the console's
/// system view, its dashboard and the pack agree on what is "soon".
public enum DueUrgency: Sendable, Equatable {
    case overdue, soon, later
}

extension DueItem {
    /// Overdue, soon (a model's end of life within the warning window of MOD-003, anything else
    /// within `DueWindows.soonDays`), or later.
    public func urgency(on today: Day) -> DueUrgency {
        let n = due.days(since: today)
        if n < 0 { return .overdue }
        let window = kind == .modelEndOfLife ? Intervals.endOfLifeWarningDays : DueWindows.soonDays
        return n <= window ? .soon : .later
    }
}

/// One day of the AI Act's timeline still to come, with the groups of obligations that start
/// then (the dashboard's "Upcoming obligations", the pack's index).
public struct UpcomingObligation: Sendable, Equatable {
    public var day: Day
    /// The timeline's rows that start on `day`, in the timeline's order.
    public var groups: [TimelineRow]
}

extension Workspace {
    /// The days after today on which obligations start, on this workspace's timeline (the
    /// amended one unless `--timeline original`), earliest first.
    public func upcomingObligations() -> [UpcomingObligation] {
        var byDay: [Day: [TimelineRow]] = [:]
        for r in Timeline(timeline).rows {
            guard let day = r.inForce, day > today else { continue }
            byDay[day, default: []].append(r)
        }
        return byDay.keys.sorted().map { UpcomingObligation(day: $0, groups: byDay[$0] ?? []) }
    }
}
