#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AIGovCore

/// UTC timestamps for the audit log, `YYYY-MM-DDTHH:MM:SS.mmmZ`, without Foundation's formatters.
enum Timestamp {
    static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let secs = Int(ts.tv_sec)
        let ms = Int(ts.tv_nsec) / 1_000_000
        let day = Day(unixSeconds: secs)
        let rem = secs - day.ordinal * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(day)T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60)).\(msText)Z"
    }
}
