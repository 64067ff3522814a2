import AIGovCore
import AIGovStore

/// A stored waiver as the listings show it on a day: the days it has left and whether it still
/// covers its findings (`aigov waivers`, the pack's `waivers.csv`).
public struct WaiverStanding: Sendable, Equatable {
    public var stored: StoredWaiver
    /// Days from the day asked about to the expiry (negative once expired).
    public var daysLeft: Int
    /// `active` while the waiver covers its findings (through its expiry day), else `expired`.
    public var state: String { daysLeft >= 0 ? "active" : "expired" }
    public var isActive: Bool { daysLeft >= 0 }

    public init(_ stored: StoredWaiver, today: Day) {
        self.stored = stored
        daysLeft = stored.waiver.expires.days(since: today)
    }
}

extension Workspace {
    /// The waivers (of one system, or all), by system and rule, with where each stands today.
    public func waiverStandings(system: String? = nil) throws -> [WaiverStanding] {
        try registry.waivers(system: system).map { WaiverStanding($0, today: today) }
    }
}
