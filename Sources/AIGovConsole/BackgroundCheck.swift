import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore

/// Evaluates every system in small batches between key presses, so the console never freezes
/// however large the registry; what it gathers is the workspace's `RegistryOverview` (findings
/// by severity, vendor exposure, what falls due), the same tally the pack's index uses.
public final class BackgroundCheck {
    /// Systems evaluated per step: about 10 ms of work, so a key is never kept waiting long.
    public static let batch = 250

    public private(set) var scan: Scan?

    /// Whether `step` has work to do.
    public var isRunning: Bool { scan.map { !$0.finished } ?? false }

    /// Starts (or restarts) the pass; `collect` keeps the open findings for the Findings screen.
    func start(total: Int, today: Day, dueWithinDays: Int, timeline: Timeline, collect: Bool) {
        scan = Scan(total: total, overview: RegistryOverview(today: today, dueWithinDays: dueWithinDays, timeline: timeline),
                    collect: collect)
    }

    /// Evaluates the next batch through the workspace's runner. Returns true when the pass is
    /// over; an error ends it too, and is thrown for the status line.
    func step(_ workspace: Workspace) throws -> Bool {
        guard var s = scan, !s.finished else { return false }
        defer { scan = s }
        do {
            let batch = try workspace.registry.batch(after: s.after, limit: BackgroundCheck.batch)
            guard !batch.isEmpty else {
                s.finished = true
                return true
            }
            let results = try workspace.results(for: batch)
            for r in results {
                s.overview.add(r)
                if s.collect { s.findings += r.findings.filter { $0.status == .open } }
            }
            s.done += batch.count
            s.after = batch.last?.system.id ?? s.after
            s.finished = batch.count < BackgroundCheck.batch
        } catch {
            s.finished = true
            throw error
        }
        return s.finished
    }

    /// Takes a waived rule's findings off the list at once, before the recheck confirms it.
    func dropFindings(system: String, rule: String) {
        scan?.findings.removeAll { $0.system == system && $0.rule == rule }
    }
}

/// Notices commits by other processes through SQLite's data version.
struct ChangeWatch {
    private var last: Int?

    /// Takes the current version as seen (at start, and after the console's own writes).
    mutating func acknowledge(_ registry: Registry) { last = try? registry.dataVersion() }

    /// True when someone else committed since the last look.
    mutating func poll(_ registry: Registry) -> Bool {
        guard let v = try? registry.dataVersion() else { return false }
        defer { last = v }
        guard let l = last else { return false }
        return l != v
    }
}
