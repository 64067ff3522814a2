import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a `matches` condition has no answer for one text.
enum PatternFailureReason: Sendable, Equatable {
    /// The match used more than the pattern's budget of CPU time.
    case timeLimit
    /// The pattern ran out of time earlier in this run and is no longer run (`Pattern.isSpent`).
    case spent
    /// ICU stopped the match with an error, e.g. its backtracking stack overflowed on a long text.
    case engine
}

/// A `matches` condition that could not be decided; `CustomRule` turns it into an error finding.
struct PatternFailure: Error, Sendable, Equatable {
    /// The regular expression as the rule wrote it.
    let pattern: String
    /// The field path it was matched against, as the rule wrote it.
    let field: String
    let reason: PatternFailureReason
    /// The pattern's time budget, for the message.
    let budgetMilliseconds: UInt64

    /// One clause for a finding message, e.g. `matching /(x|xx)+y/ against purpose took longer than 250 ms`.
    var explanation: String {
        let ms = budgetMilliseconds
        switch reason {
        case .timeLimit:
            return "matching /\(pattern)/ against \(field) took longer than \(ms) ms"
        case .spent:
            return "/\(pattern)/ on \(field) is no longer run: it took longer than \(ms) ms on an earlier text in this run"
        case .engine:
            return "the regular expression engine gave up matching /\(pattern)/ against \(field) (the text is too long for this pattern)"
        }
    }
}

/// A regular expression for `matches`, compiled once when the rule file is loaded, whose
/// every match is bounded in time.
///
/// ICU (behind `NSRegularExpression`, on Linux as on macOS) is a backtracking matcher: a
/// pattern such as `(x+x+)+y` takes exponential time on a text that almost matches, and a
/// plain `firstMatch` cannot be interrupted (5,000 × `x` ran past 150 s). So every match
/// runs through `enumerateMatches` with `.reportProgress`, whose block ICU calls about every
/// 10,000 backtracking steps and at every start position; the block stops the match once
/// it has used `budget` of CPU time. `.reportCompletion` exposes the other silent failure:
/// ICU giving up (its backtracking stack is capped at 8 MB) reads as "no match" otherwise.
///
/// A pattern that runs out of time once is spent: later matches return `.spent` at once, so
/// a hostile pattern costs one budget per run rather than one per system.
final class Pattern: @unchecked Sendable {
    /// CPU time one match may use: far above any sane pattern on a record's text (microseconds),
    /// low enough that a spent pattern costs a check a fraction of a second.
    static let budgetNanoseconds: UInt64 = 250_000_000

    // NSRegularExpression is immutable and documented as safe to use from several threads.
    let regex: NSRegularExpression
    let source: String
    /// CPU time one match may use; `budgetNanoseconds` except in tests.
    let budget: UInt64
    private let lock = NSLock()
    private var spent = false

    init(_ regex: NSRegularExpression, source: String, budgetNanoseconds: UInt64 = Pattern.budgetNanoseconds) {
        self.regex = regex
        self.source = source
        budget = budgetNanoseconds
    }

    /// The outcome of one match.
    enum Outcome: Sendable, Equatable {
        case match, noMatch
        case failed(PatternFailureReason)
    }

    /// Whether the pattern has run out of time once, so it is no longer run.
    var isSpent: Bool {
        lock.lock()
        defer { lock.unlock() }
        return spent
    }

    /// Whether the pattern matches anywhere in `text` (unanchored, like `grep -E`), within the budget.
    func match(_ text: String) -> Outcome {
        if isSpent { return .failed(.spent) }
        var outcome = Outcome.noMatch
        let wallStart = Self.wallNanoseconds()
        let cpuStart = Self.threadCPUNanoseconds()
        let budget = budget
        var deadline = wallStart &+ budget
        let range = NSRange(text.startIndex..., in: text)
        regex.enumerateMatches(in: text, options: [.reportProgress, .reportCompletion], range: range) { result, flags, stop in
            if result != nil {
                outcome = .match
                stop.pointee = true
                return
            }
            if flags.contains(.completed) {
                if flags.contains(.internalError) { outcome = .failed(.engine) }
                return
            }
            let now = Self.wallNanoseconds()
            guard now >= deadline else { return }
            // Past the wall deadline: decide on the CPU the thread really used, so time spent
            // descheduled on a loaded machine is not charged to the pattern.
            let wall = now &- wallStart
            let used = Self.threadCPUNanoseconds().map { cpu in cpuStart.map { cpu &- $0 } ?? wall } ?? wall
            if used >= budget || wall >= Self.wallLimit(budget) {
                outcome = .failed(.timeLimit)
                stop.pointee = true
            } else {
                deadline = now &+ (budget - used)
            }
        }
        if outcome == .failed(.timeLimit) {
            lock.lock()
            spent = true
            lock.unlock()
        }
        return outcome
    }

    /// Wall-clock time after which a match stops even if its thread got less CPU than the
    /// budget (a starved machine). CPU time rather than wall time decides in normal runs, so a
    /// busy CI host does not turn a fast pattern into an error, yet a match always ends.
    private static func wallLimit(_ budget: UInt64) -> UInt64 {
        budget > UInt64.max / 4 ? UInt64.max : 4 * budget
    }

    private static func wallNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// CPU time of the calling thread; nil where the clock is unavailable (the wall clock then decides).
    private static func threadCPUNanoseconds() -> UInt64? {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0, ts.tv_sec >= 0, ts.tv_nsec >= 0 else { return nil }
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

