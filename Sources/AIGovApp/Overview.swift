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

    public init(today: Day, dueWithinDays: Int) {
        vendors = VendorExposure.Accumulator(today: today)
        dueUntil = today.adding(days: dueWithinDays)
    }

    /// Adds one evaluated system.
    public mutating func add(_ r: SystemResult) {
        systems += 1
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
}
