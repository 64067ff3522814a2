/// Where the console's loop gets the time from.
///
/// Injected rather than read from `Date()`, so the loop's polling and the day the console
/// measures from can be driven by a test; `SystemClock` in AIGovCurses is the real one.
public protocol ConsoleClock: AnyObject {
    /// Seconds on a clock that never goes back (only differences matter): polling intervals.
    func uptime() -> Double
    /// Seconds since 1970-01-01 UTC: the day, when it is not pinned.
    func unixTime() -> Int
}

/// A clock that stands still until told to move (tests).
public final class ManualClock: ConsoleClock {
    public var seconds: Double
    public var unixSeconds: Int

    public init(seconds: Double = 0, unixSeconds: Int = 0) {
        self.seconds = seconds
        self.unixSeconds = unixSeconds
    }

    public func uptime() -> Double { seconds }
    public func unixTime() -> Int { unixSeconds }

    /// Moves both readings on by `interval` seconds.
    public func advance(by interval: Double) {
        seconds += interval
        unixSeconds += Int(interval)
    }
}
