import AIGovApp
import AIGovStore

/// A point of the registry's history the console is showing (`:asof`).
public struct PastPoint: Equatable, Sendable {
    /// The last audit entry included.
    public var seq: Int64
    /// The UTC day of that entry (`YYYY-MM-DD`), or the day asked for.
    public var day: String
    /// What the time-travel use case warned about (damage after the point, drift).
    public var warnings: [String]

    /// The line the title bar shows while the console is in the past.
    public var banner: String { "AS OF \(day) (entry \(seq)) — read-only; :asof now returns" }
}

extension Console {
    /// What every refused write says while browsing the past.
    public static let pastMessage = "read-only: this is the registry as it stood then (:asof now returns to the live one)"

    /// The point shown while browsing the registry as it stood then (`:asof`); nil: live.
    public var past: PastPoint? { away?.point }

    /// `:asof POINT` browses the registry read-only as it stood at `point` (rebuilt by the
    /// workspace's time-travel use case, as `aigov get --as-of` does); `:asof now` (nil) returns.
    /// A bad point or a damaged chain at or before it changes nothing and says why.
    func browse(asOf point: AuditPoint?) {
        guard controller.leave(self) else { return }
        guard let point else {
            guard past != nil else { return info("already on the live registry") }
            overlay = nil
            travel(to: nil)
            return info("back to the live registry")
        }
        let base = away?.live ?? workspace
        do {
            let last = try base.registry.history(limit: 1).first
            guard let last else { return fail(":asof: the audit log is empty; there is no past to show") }
            if case let .endOfDay(d) = point, d.description > Self.day(of: last.at) {
                return fail(":asof: \(d) is after the last audit entry (\(last.seq), \(Self.day(of: last.at))); :asof now shows the registry as it is")
            }
            let (replica, warnings) = try base.asOf(point)
            guard let newest = try replica.registry.history(limit: 1).first else {
                return fail(":asof: \(point) is before the first audit entry; there was no registry yet")
            }
            let day: String = if case let .endOfDay(d) = point { d.description } else { Self.day(of: newest.at) }
            let shown = PastPoint(seq: newest.seq, day: day, warnings: warnings)
            overlay = nil
            travel(to: (replica, shown))
            if !warnings.isEmpty {
                fail(warnings.joined(separator: "; "))
            } else if message?.isError != true {
                // A reload error (the system on screen did not exist then) is worth more than this note.
                info("browsing the registry as of \(shown.day) (entry \(shown.seq)), read-only")
            }
        } catch let e as TimeTravelError {
            fail(":asof: \(e)")
        } catch {
            fail(":asof: " + Console.describe(error))
        }
    }

    /// The `YYYY-MM-DD` of an audit timestamp.
    static func day(of timestamp: String) -> String { String(timestamp.prefix(10)) }
}
