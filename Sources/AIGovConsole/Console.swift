import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore

/// The console: the screen stack, the overlay over it, the status line, and the services the
/// screens' controllers share.
///
/// Each screen's keys, state and handlers live in its controller (lazygit's controllers); the
/// prompt, the waiver dialog and help are overlays. `handle` decides in one place who gets a
/// key — the overlay if one is open, else the screen's bindings, then the global ones — and
/// refuses writing bindings in one place when read-only. Handlers never draw; `render()` turns
/// the state into a `ScreenBuffer`. Reads and writes go through the workspace and the registry's
/// service layer, the calls the CLI makes, so both write the same rows and audit entries.
public final class Console {
    /// The registry, the day, the timeline and the rule set (built-in plus `rules.d/`): the
    /// same workspace the CLI's commands use, so scores and findings agree everywhere.
    public private(set) var workspace: Workspace
    /// Opened with `--read-only` (or on a registry that cannot be written).
    let openedReadOnly: Bool
    /// Whether writes are refused: opened read-only, or browsing the past (`:asof`).
    public var readOnly: Bool { openedReadOnly || past != nil }
    /// While browsing the registry as it stood then (`:asof`): the point shown, and the live
    /// workspace `:asof now` returns to.
    private(set) var away: (point: PastPoint, live: Workspace)?
    public let actor: String
    public let title: String?
    /// True when no day was pinned: the loop then moves the console on with the clock's day.
    let followsClock: Bool
    public private(set) var width: Int
    public private(set) var height: Int

    public internal(set) var stack: [ScreenID] = [.dashboard]
    /// What takes keys before the screen does; nil when nothing is open.
    public internal(set) var overlay: Overlay?
    public internal(set) var message: StatusMessage?

    public let dashboardController = DashboardController()
    public let registryController = RegistryController()
    public let systemController = SystemController()
    public let findingsController = FindingsController()
    public let incidentsController = IncidentsController()
    public let frameworksController = FrameworksController()
    public let formController = FormController()
    /// The evaluation of every system that runs between keys.
    public let checker = BackgroundCheck()
    var watch = ChangeWatch()
    /// What every refused write says.
    public static let readOnlyMessage = "read-only: writes are disabled (opened with --read-only)"

    public init(workspace: Workspace, actor: String, readOnly: Bool, title: String?, width: Int = 80, height: Int = 24,
                followsClock: Bool = false) {
        self.workspace = workspace
        self.actor = actor
        self.openedReadOnly = readOnly || workspace.registry.readOnly
        self.title = title
        self.followsClock = followsClock
        self.width = width
        self.height = height
    }

    /// A console on `registry` with the built-in rules on a pinned day (tests): it stores no
    /// evaluation (`Today`).
    public convenience init(registry: Registry, actor: String, readOnly: Bool, title: String?, today: Day,
                            ruleSet: RuleSet = .builtIn, width: Int = 80, height: Int = 24) {
        self.init(workspace: Workspace(registry: registry, today: today, pinned: true, ruleSet: ruleSet).storingEvaluationsOnWrite(), actor: actor,
                  readOnly: readOnly,
                  title: title, width: width, height: height)
    }

    /// Opens the registry at `path` (which must exist) with the rules beside it and makes a
    /// console on it; `today` is the `AIGOV_TODAY` value (YYYY-MM-DD; a bad one is refused),
    /// which pins the day, else the clock's UTC day (the workspace's when no clock is given), as
    /// for `aigov check`. Unpinned, the day follows the clock and evaluations are stored;
    /// pinned, they are not (`Today`).
    public static func open(path: String, readOnly: Bool, actor: String, title: String?, today: String?,
                            clock: (any ConsoleClock)? = nil) throws -> Console {
        var day = try Today.resolve(option: nil, environment: today)
        if !day.isPinned, let clock { day = .clock(unixTime: clock.unixTime()) }
        let workspace = try Workspace.open(path: path, readOnly: readOnly, today: day)
        return Console(workspace: workspace, actor: actor, readOnly: readOnly, title: title,
                       followsClock: !day.isPinned && clock != nil)
    }

    public var registry: Registry { workspace.registry }
    /// The day rules and due dates are measured from (fixed in tests so snapshots are stable).
    public var today: Day { workspace.today }
    public var screen: ScreenID { stack.last ?? .dashboard }
    /// The background check as far as it got.
    public var scan: Scan? { checker.scan }

    /// Every screen's controller, in the order help lists them.
    public var controllers: [any ScreenController] {
        [dashboardController, registryController, systemController, findingsController, incidentsController, frameworksController,
         formController]
    }

    /// The controller of the screen on top of the stack.
    public var controller: any ScreenController { controllers.first { $0.screen == screen } ?? dashboardController }

    /// Loads what the first screen shows; call once before the first frame.
    public func start() {
        watch.acknowledge(registry)
        reloadAll()
    }

    /// Tells the console the terminal's size; each controller keeps its cursor on screen.
    public func resize(width: Int, height: Int) {
        guard width != self.width || height != self.height else { return }
        self.width = width
        self.height = height
        for c in controllers { c.resized(self) }
    }

    /// Reloads every screen's data from the database (after `r`, a write, or another process's).
    public func reloadAll() {
        incidentsController.load(self)
        dashboardController.load(self)
        frameworksController.invalidate(self)
        do {
            try registryController.loadPage(self, force: true)
            try systemController.reload(self)
        } catch {
            show(error)
        }
        startScan(collect: scan?.collect ?? stack.contains(.findings))
    }

    /// After the console's own write: not "someone else's change", and every screen re-read.
    func didWrite() {
        watch.acknowledge(registry)
        reloadAll()
    }

    /// Moves a console whose day follows the clock onto the clock's day (left open over
    /// midnight). Returns true when the day changed.
    @discardableResult
    public func follow(unixTime: Int) -> Bool {
        let day = Day(unixSeconds: unixTime)
        guard followsClock, day != today else { return false }
        workspace = workspace.on(day)
        if let a = away { away = (a.point, a.live.on(day)) }
        reloadAll()
        return true
    }

    // MARK: keys

    /// Shows the registry as it stood at a point (`past`: its read-only replica and the point),
    /// or the live one again (nil); every screen is reloaded.
    func travel(to past: (workspace: Workspace, point: PastPoint)?) {
        if let past {
            away = (past.point, away?.live ?? workspace)
            workspace = past.workspace
        } else if let away {
            (workspace, self.away) = (away.live, nil)
            watch.acknowledge(registry)
        }
        reloadAll()
    }

    /// Handles one key and says what the loop should do next.
    public func handle(_ key: Key) -> Effect {
        if key == .resize { return .redraw }
        if let m = message, !m.sticky { message = nil }
        // An overlay is modal: it takes every key, and only its own bindings apply.
        switch overlay {
        case let .prompt(p, over)?:
            return dispatch(key, [PromptController.bindings], unbound: { PromptController.edit($0, p, over: over, in: self) }) {
                PromptController.perform($0, p, over: over, in: self)
            }
        case let .waive(w)?:
            return dispatch(key, [WaiveDialog.bindings]) { WaiveDialog.perform($0, w, in: self) }
        case let .classify(w)?:
            return dispatch(key, [ClassifyWizard.bindings]) { ClassifyWizard.perform($0, w, in: self) }
        case let .importPreview(p)?:
            return dispatch(key, [ImportPreview.bindings]) { ImportPreview.perform($0, p, in: self) }
        case let .help(scroll)?:
            return dispatch(key, [HelpOverlay.bindings]) { HelpOverlay.perform($0, scroll: scroll, in: self) }
        case let .whatIf(s)?:
            return dispatch(key, [WhatIfView.bindings]) { WhatIfView.perform($0, s, in: self) }
        case nil:
            let c = controller
            return dispatch(key, [c.bindings, KeyMap.global], unbound: noSuchKey) { c.perform($0, in: self) ?? performGlobal($0) }
        }
    }

    /// Runs what `key` is bound to in `groups` (first group first). The one place read-only is
    /// enforced: a binding that writes is refused here, before any handler sees it.
    func dispatch(_ key: Key, _ groups: [[Binding]], unbound: (Key) -> Effect = { _ in .redraw },
                  perform: (Action) -> Effect) -> Effect {
        guard let binding = KeyMap.binding(for: key, in: groups) else { return unbound(key) }
        if binding.writes, readOnly {
            refuseWrite()
            return .redraw
        }
        return perform(binding.action)
    }

    /// A key bound nowhere here: say so for printable keys, so a typo is not silently lost.
    func noSuchKey(_ key: Key) -> Effect {
        if case let .char(c) = key, c != " " { info("\(key.label): no such key here (? shows every key)") }
        return .redraw
    }

    /// The global actions a controller left to the console.
    func performGlobal(_ action: Action) -> Effect {
        switch action {
        case .quit: return .quit
        case .help: overlay = .help(scroll: 0)
        case .command: prompt(Prompt(kind: .command, label: ":", editor: LineEditor()))
        case .refresh:
            reloadAll()
            info("refreshed")
        case .showDashboard: return go(to: .dashboard)
        case .showRegistry: return go(to: .registry)
        case .showFindings: return go(to: .findings)
        case .showIncidents: return go(to: .incidents)
        case .showFrameworks: return go(to: .frameworks)
        case .back:
            if stack.count <= 1 { return .quit }
            stack.removeLast()
            if screen == .findings { findingsController.rebuild(self) }
        default: return .none
        }
        return .redraw
    }

    /// Switches to a top-level screen, dropping anything above it, if the screen shown lets go.
    func go(to target: ScreenID) -> Effect {
        guard controller.leave(self) else { return .redraw }
        stack = target == .dashboard ? [.dashboard] : [.dashboard, target]
        if target == .dashboard { dashboardController.load(self) }
        if target == .frameworks { frameworksController.load(self) }
        if target == .findings {
            // The Findings screen needs the open findings themselves, not only their counts.
            if let s = scan, s.collect {
                if s.finished { findingsController.rebuild(self) }
            } else {
                startScan(collect: true)
            }
        }
        return .redraw
    }

    /// Opens a prompt line over whatever is open.
    func prompt(_ p: Prompt) { overlay = .prompt(p, over: overlay) }

    /// Opens the guided classification on system `id` (`c`, `:classify ID`); with `exitOnClose`
    /// the console quits when it closes (`aigov classify ID` on a terminal).
    public func classify(_ id: String, exitOnClose: Bool = false) {
        ClassifyWizard.open(id, exitOnClose: exitOnClose, in: self)
    }

    /// Says why a write is refused: opened read-only, or browsing the past.
    func refuseWrite() {
        fail(past == nil || openedReadOnly ? Console.readOnlyMessage : Console.pastMessage)
    }

    /// Runs a `:` command.
    public func run(_ command: ConsoleCommand) -> Effect { CommandRunner.run(command, in: self) }
}
