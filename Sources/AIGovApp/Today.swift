import AIGovCore
import Foundation

/// The day a run measures ages and deadlines from, and whether it is the clock's.
///
/// One definition for every command, write and face: the `--today` option when given, then the
/// `AIGOV_TODAY` environment variable (YYYY-MM-DD; empty counts as unset), then the clock's UTC
/// day. A day given by the option or the variable (or set by a test) is *pinned*: stored
/// evaluations hold for the clock's day only, so a pinned run evaluates in memory and never
/// stores what it evaluated, and a past or future day cannot overwrite today's rows
/// (README "Storage").
public struct Today: Sendable, Equatable {
    public let day: Day
    /// True when the day was given rather than read from the clock.
    public let isPinned: Bool

    public init(day: Day, pinned: Bool) {
        self.day = day
        isPinned = pinned
    }

    /// The environment variable that pins the day for every command.
    public static let variable = "AIGOV_TODAY"

    /// The clock's UTC day, not pinned.
    public static func clock(unixTime: Int = Int(time(nil))) -> Today {
        Today(day: Day(unixSeconds: unixTime), pinned: false)
    }

    /// A day given by the user or a test.
    public static func pinned(_ day: Day) -> Today { Today(day: day, pinned: true) }

    /// `option`, then `AIGOV_TODAY`, then the clock. A value that is not a date is refused,
    /// naming where it came from.
    public static func resolve(option: String?, environment: String? = Today.environmentValue()) throws -> Today {
        if let option {
            guard let d = Day(option) else { throw TodayError.invalid(source: "--today", text: option) }
            return .pinned(d)
        }
        if let text = environment, !text.isEmpty {
            guard let d = Day(text) else { throw TodayError.invalid(source: variable, text: text) }
            return .pinned(d)
        }
        return .clock()
    }

    /// `AIGOV_TODAY` as set, or nil.
    public static func environmentValue() -> String? {
        getenv(variable).map { String(cString: $0) }
    }
}

/// A day that does not parse, from the option or the environment.
public enum TodayError: Error, CustomStringConvertible, Equatable {
    case invalid(source: String, text: String)

    public var description: String {
        switch self {
        case let .invalid(source, text):
            "\(source): expected a date YYYY-MM-DD, got \"\(text)\""
        }
    }
}
