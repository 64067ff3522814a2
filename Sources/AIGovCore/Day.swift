/// A calendar date without time or zone, written `YYYY-MM-DD`.
///
/// Rules compare dates by whole days, so a day is stored as its proleptic
/// Gregorian ordinal (days since 1970-01-01); no `Calendar` or locale is involved.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01, always within `Day.min ... Day.max`.
    public let ordinal: Int

    /// The first and last representable days (0001-01-01 and 9999-12-31): every `Day` lies
    /// between them, so no arithmetic on a day or its parts can overflow, whatever a file or a
    /// database row holds.
    public static let minOrdinal = -719_162
    public static let maxOrdinal = 2_932_896

    /// A day from its ordinal, clamped to 0001-01-01 … 9999-12-31.
    public init(ordinal: Int) { self.ordinal = Swift.min(Swift.max(ordinal, Day.minOrdinal), Day.maxOrdinal) }

    /// A valid date from its parts, or nil (month 13, 31 April, 29 February of a common year …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        ordinal = Day.daysFromCivil(year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (times, slashes, short parts) is nil.
    public init?(_ text: String) {
        guard text.utf8.count == 10 else { return nil }
        var text = text
        // On the string's own bytes: reports read a date from every stored finding.
        let parts = text.withUTF8 { u -> (Int, Int, Int)? in
            guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
            func num(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r {
                    let c = u[i]
                    guard c >= 48, c <= 57 else { return nil }
                    v = v * 10 + Int(c - 48)
                }
                return v
            }
            guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = parts else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The UTC day of a Unix timestamp.
    public init(unixSeconds: Int) {
        self.init(ordinal: unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds / 86_400) - (unixSeconds % 86_400 == 0 ? 0 : 1))
    }

    public var parts: (year: Int, month: Int, day: Int) { Day.civilFromDays(ordinal) }

    /// `YYYY-MM-DD`. Every day lies within 0001…9999, so it is always ten ASCII bytes, written
    /// into a small string in one go (reports write a date for many findings).
    public var description: String {
        let (y, m, d) = parts
        return String(unsafeUninitializedCapacity: 10) { b in
            func digit(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: 48 + v % 10) }
            b[0] = digit(y / 1000)
            b[1] = digit(y / 100)
            b[2] = digit(y / 10)
            b[3] = digit(y)
            b[4] = UInt8(ascii: "-")
            b[5] = digit(m / 10)
            b[6] = digit(m)
            b[7] = UInt8(ascii: "-")
            b[8] = digit(d / 10)
            b[9] = digit(d)
            return 10
        }
    }

    /// The day `days` later (earlier when negative), saturating at 0001-01-01 and 9999-12-31:
    /// an interval of `Int.max` days from a record yields 9999-12-31, never a trap.
    public func adding(days: Int) -> Day {
        let (sum, overflow) = ordinal.addingReportingOverflow(days)
        return Day(ordinal: overflow ? (days > 0 ? Day.maxOrdinal : Day.minOrdinal) : sum)
    }

    /// Whole days from `other` to `self` (positive when `self` is later).
    public func days(since other: Day) -> Int { ordinal - other.ordinal }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = Day(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a date YYYY-MM-DD, got \"\(s)\"")
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
