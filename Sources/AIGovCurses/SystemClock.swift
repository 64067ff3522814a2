import AIGovConsole
import Foundation

/// The real clock: the one place the console's time comes from the operating system.
public final class SystemClock: ConsoleClock {
    public init() {}

    /// The monotonic clock, so polling never stalls or races when the wall clock is set.
    public func uptime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1_000_000_000
    }

    public func unixTime() -> Int { Int(time(nil)) }
}
