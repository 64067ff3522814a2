import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// Everything the dashboard and the pack's index summarise, gathered in one pass over the
/// registry: findings by severity, scores, vendor exposure and what falls due.
public struct RegistryOverview: Sendable, Equatable {
    public var systems = 0
    public var findings = FindingSummary()
    public var vendors: VendorExposure.Accumulator
    public var due: [DueItem] = []
    /// The last day an item may fall due on to be listed.
    public let dueUntil: Day
    /// The timeline legacy status is measured on (rules v3, Art. 111(2)).
    public let timeline: Timeline
    /// High-risk systems that are legacy (on the market before their high-risk date, no
    /// significant change since), and how many of them a public authority uses, which the
    /// 2030-08-02 backstop reaches anyway.
    public var legacy = 0
    public var legacyBackstop = 0

    public init(today: Day, dueWithinDays: Int, timeline: Timeline = Timeline(.amended)) {
        vendors = VendorExposure.Accumulator(today: today)
        dueUntil = today.adding(days: dueWithinDays)
        self.timeline = timeline
    }

    /// Adds one evaluated system.
    public mutating func add(_ r: SystemResult) {
        systems += 1
        if r.system.tier == .high, r.system.status != .retired, r.system.isLegacy(timeline: timeline) {
            legacy += 1
            if r.system.isAuthority { legacyBackstop += 1 }
        }
        for f in r.findings { findings.add(f) }
        vendors.add(r.system)
        due += DueSchedule.items(for: r.system).filter { $0.due <= dueUntil }
    }

    /// Due items, earliest first.
    public var dueSorted: [DueItem] { due.sorted(by: DueItem.precedes) }
}

/// How far ahead the faces list what falls due: the dashboard's "due soon" window and the
/// audit pack's horizon. Defined here so that no face picks its own.
public enum DueWindows {
    /// The console dashboard lists what falls due within this many days (overdue included).
    public static let dashboardDays = 90
    /// The audit pack's index lists what falls due within this many days.
    public static let packDays = 365
    /// A review, test or deadline due within this many days is soon (`DueItem.urgency`, the
    /// dashboard's agenda).
    public static let soonDays = 30
}
