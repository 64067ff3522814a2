import AIGovApp
import AIGovFormats
import AIGovRules
import AIGovStore

/// The console's work between keys (the background check, polling for other processes'
/// writes) and its status line.
extension Console {
    // MARK: background work

    /// Starts (or restarts) the background check; `collect` keeps the open findings for the Findings screen.
    func startScan(collect: Bool) {
        checker.start(total: dashboardController.state.counts.total, today: today, dueWithinDays: DueWindows.dashboardDays,
                      timeline: Timeline(workspace.timeline), collect: collect)
    }

    /// Whether `step()` has work to do.
    public var hasBackgroundWork: Bool { checker.isRunning }

    /// Evaluates the next batch of systems. Returns true when something on screen changed.
    @discardableResult
    public func step() -> Bool {
        guard checker.isRunning else { return false }
        let finished: Bool
        do { finished = try checker.step(workspace) } catch {
            finished = true
            show(error)
        }
        if finished, let s = scan {
            dashboardController.showDue(s.overview, self)
            if s.collect { findingsController.rebuild(self) }
        }
        return true
    }

    /// Runs background work to the end (tests, and `:check` on small registries).
    public func finishBackgroundWork() {
        while hasBackgroundWork { step() }
    }

    /// Polls the database's data version; when another process committed, reloads. Returns true if it did.
    @discardableResult
    public func pollForChanges() -> Bool {
        guard past == nil, watch.poll(registry) else { return false }
        if screen == .edit {
            // Never replace what is being typed; the form says that saving will meet a conflict.
            formController.otherProcessWrote(self)
            dashboardController.load(self)
            try? registryController.loadPage(self, force: true)
        } else {
            reloadAll()
        }
        return true
    }

    // MARK: messages

    /// An error as one line for the status bar.
    static func describe(_ error: any Error) -> String {
        if let e = error as? RegistryError { return e.description }
        if let e = error as? InputRejected { return e.problems.map(\.description).joined(separator: "; ") }
        return "\(error)"
    }

    /// Puts an error, a note or a refusal on the status line (cleared by the next key unless sticky).
    func show(_ error: any Error) { fail(Console.describe(error)) }
    func info(_ text: String) { message = StatusMessage(text: text, isError: false) }
    func fail(_ text: String) { message = StatusMessage(text: text, isError: true) }
}
