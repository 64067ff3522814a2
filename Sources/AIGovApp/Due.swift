import AIGovCore
import AIGovRules

/// How pressing a due date is on a day: every face colours and sorts by this, so the console's
/// system view, its dashboard and the pack agree on what is "soon".
public enum DueUrgency: Sendable, Equatable {
    case overdue, soon, later
}

extension DueWindows {
    /// A review or test due within this many days is soon.
    public static let soonDays = 30
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
