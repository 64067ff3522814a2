import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation

/// The console: its state, and the handlers that change it in answer to keys and to the database.
///
/// Handlers never draw; `render()` turns the state into a `ScreenBuffer` in one place. Reads go
/// through the `Registry` paging queries, writes through its service layer (`update`, `waive`),
/// the same calls the CLI makes, so both write the same rows and audit entries.
public final class Console {
    public let registry: Registry
    public let engine: RuleEngine
    public let readOnly: Bool
    public let actor: String
    public let title: String?
    /// The day rules and due dates are measured from (fixed in tests so snapshots are stable).
    public let today: Day
    public private(set) var width: Int
    public private(set) var height: Int

    public internal(set) var stack: [ScreenID] = [.dashboard]
    public internal(set) var registryState = RegistryState()
    public internal(set) var systemState: SystemState?
    public internal(set) var findingsState = FindingsState()
    public internal(set) var dashboard = DashboardState()
    public internal(set) var form: FormState?
    public internal(set) var waive: WaiveState?
    public internal(set) var prompt: Prompt?
    public internal(set) var message: StatusMessage?
    public internal(set) var scan: Scan?
    public internal(set) var helpScroll = 0
    /// Data version last seen; a different one means another process committed.
    var lastDataVersion: Int?

    /// Systems evaluated per background step: about 10 ms of work, so a key is never kept waiting long.
    public static let scanBatch = 250
    /// The dashboard's "due soon" window.
    public static let dueWindowDays = 90

    public init(registry: Registry, actor: String, readOnly: Bool, title: String?, today: Day,
                engine: RuleEngine = RuleEngine(), width: Int = 80, height: Int = 24) {
        self.registry = registry
        self.actor = actor
        self.readOnly = readOnly || registry.readOnly
        self.title = title
        self.today = today
        self.engine = engine
        self.width = width
        self.height = height
    }

    /// Opens the registry at `path` (which must exist) and makes a console on it; `today` is a
    /// `YYYY-MM-DD` override, else the UTC day, as for `aigov check`.
    public static func open(path: String, readOnly: Bool, actor: String, title: String?, today: String?) throws -> Console {
        let registry = try Registry.open(path: path, create: false, readOnly: readOnly)
        let day = today.flatMap(Day.init) ?? Day(unixSeconds: Int(Date().timeIntervalSince1970))
        return Console(registry: registry, actor: actor, readOnly: readOnly, title: title, today: day)
    }

    public var screen: ScreenID { stack.last ?? .dashboard }

    var context: RuleContext { RuleContext(today: today) }

    /// Loads what the first screen shows; call once before the first frame.
    public func start() {
        lastDataVersion = try? registry.dataVersion()
        reloadAll()
    }

    // MARK: size

    /// Tells the console the terminal's size; reloads the registry page when more rows fit.
    public func resize(width: Int, height: Int) {
        guard width != self.width || height != self.height else { return }
        self.width = width
        self.height = height
        registryState.top = min(registryState.top, registryState.cursor)
        keepRegistryCursorVisible()
        if let f = form {
            var g = f
            keepVisible(cursor: g.cursor, top: &g.top, rows: formVisibleRows)
            form = g
        }
    }

    /// Rows of the registry table that fit: title, filter line, header and status bar take four.
    var registryVisibleRows: Int { max(1, height - 4) }
    var bodyRows: Int { max(1, height - 2) }
    var formVisibleRows: Int { max(1, height - 4) }

    // MARK: loading

    /// Reloads every screen's data from the database (after `r`, or when another process wrote).
    public func reloadAll() {
        do {
            loadDashboard()
            try loadRegistryPage(force: true)
            if let s = systemState { try openSystem(s.stored.system.id, tab: s.tab, push: false, scroll: s.scroll) }
            startScan(collect: scan?.collect ?? (stack.contains(.findings)))
        } catch {
            show(error)
        }
    }

    func loadDashboard() {
        do {
            dashboard.counts = try registry.consoleCounts()
            let due = try registry.consoleDue(until: today.adding(days: Console.dueWindowDays), limit: 200)
            dashboard.due = due.items
            dashboard.dueTotal = due.total
            dashboard.cursor = min(dashboard.cursor, max(0, due.items.count - 1))
        } catch {
            show(error)
        }
    }

    /// Makes sure the rows on screen are loaded; `force` re-reads count and page.
    func loadRegistryPage(force: Bool = false) throws {
        var r = registryState
        if force { r.total = try registry.consoleCount(r.query) }
        r.cursor = max(0, min(r.cursor, r.total - 1))
        let visible = registryVisibleRows
        if r.cursor < r.top { r.top = r.cursor }
        if r.cursor >= r.top + visible { r.top = r.cursor - visible + 1 }
        r.top = max(0, min(r.top, max(0, r.total - visible)))
        let needEnd = min(r.total, r.top + visible)
        let loaded = r.pageOffset..<(r.pageOffset + r.page.count)
        if force || r.top < loaded.lowerBound || needEnd > loaded.upperBound {
            // Load a window of three screens around the visible one so scrolling rarely queries.
            let offset = max(0, r.top - visible)
            let stored = try registry.consolePage(r.query, offset: offset, limit: visible * 3)
            r.pageOffset = offset
            r.page = scoreRows(stored)
        }
        registryState = r
    }

    /// Scores one page of systems: only these records are evaluated, whatever the registry's size.
    func scoreRows(_ stored: [StoredSystem]) -> [RegistryRow] {
        let waivers = (try? registry.consoleWaivers(systems: stored.map(\.system.id))) ?? []
        let runner = CheckRunner(engine: engine, context: context, waivers: waivers)
        return stored.map { s in
            let r = runner.result(for: s.system)
            let open = r.findings.filter { $0.status == .open }
            return RegistryRow(stored: s, score: r.score.value, worst: open.map(\.severity).max(), open: open.count)
        }
    }

    func keepRegistryCursorVisible() {
        do { try loadRegistryPage() } catch { show(error) }
    }

    /// Opens (or reloads) the System screen for `id`.
    func openSystem(_ id: String, tab: SystemTab = .overview, push: Bool = true, scroll: Int = 0) throws {
        guard let stored = try registry.system(id: id) else {
            if !push { systemState = nil; stack.removeAll { $0 == .system || $0 == .edit }; if stack.isEmpty { stack = [.registry] } }
            throw RegistryError.notFound(id: id)
        }
        let waivers = try registry.consoleWaivers(systems: [id])
        let result = CheckRunner(engine: engine, context: context, waivers: waivers).result(for: stored.system)
        let history = try registry.history(entityId: id, limit: 200)
        systemState = SystemState(stored: stored, findings: result.findings, score: result.score.value, history: history,
                                  tab: tab, scroll: scroll)
        if push {
            if screen == .system { stack.removeLast() }
            stack.append(.system)
        }
    }

    // MARK: background work

    /// Starts (or restarts) evaluating every system; `collect` keeps the open findings for the Findings screen.
    func startScan(collect: Bool) {
        scan = Scan(total: dashboard.counts.total, collect: collect)
        if collect { findingsState.rows = [] }
    }

    /// Whether `step()` has work to do.
    public var hasBackgroundWork: Bool { scan.map { !$0.finished } ?? false }

    /// Evaluates the next batch of systems. Returns true when something on screen changed.
    @discardableResult
    public func step() -> Bool {
        guard var s = scan, !s.finished else { return false }
        do {
            let batch = try registry.consoleBatch(after: s.after, limit: Console.scanBatch)
            if batch.isEmpty {
                s.finished = true
            } else {
                let waivers = try registry.consoleWaivers(systems: batch.map(\.system.id))
                let found = engine.evaluate(batch.map(\.system), context: context, waivers: waivers)
                for f in found { s.summary.add(f) }
                if s.vendors == nil { s.vendors = VendorExposure.Accumulator(today: context.today) }
                for sys in batch { s.vendors?.add(sys.system) }
                if s.collect { s.findings += found.filter { $0.status == .open } }
                s.done += batch.count
                s.after = batch.last?.system.id ?? s.after
                if batch.count < Console.scanBatch { s.finished = true }
            }
        } catch {
            s.finished = true
            show(error)
        }
        scan = s
        if s.finished, s.collect { rebuildFindingsRows() }
        return true
    }

    /// Runs background work to the end (tests, and `:check` on small registries).
    public func finishBackgroundWork() {
        while hasBackgroundWork { step() }
    }

    /// Polls the database's data version; when another process committed, reloads. Returns true if it did.
    @discardableResult
    public func pollForChanges() -> Bool {
        guard let v = try? registry.dataVersion() else { return false }
        defer { lastDataVersion = v }
        guard let last = lastDataVersion, last != v else { return false }
        if var f = form, screen == .edit {
            // Never replace what is being typed; say that saving will meet a conflict.
            if let current = try? registry.system(id: f.systemId), current.rowVersion != f.baseVersion {
                f.conflictVersion = current.rowVersion
                form = f
                message = StatusMessage(text: "\(f.systemId) was changed by someone else (now version \(current.rowVersion)); your edits are kept — R reloads and re-applies them",
                                        isError: true, sticky: true)
            }
            loadDashboard()
            try? loadRegistryPage(force: true)
            return true
        }
        reloadAll()
        return true
    }

    // MARK: messages

    func show(_ error: any Error) {
        let text: String
        if let e = error as? RegistryError { text = e.description } else if let e = error as? InputRejected {
            text = e.problems.map(\.description).joined(separator: "; ")
        } else { text = Registry.describe(error) }
        message = StatusMessage(text: text, isError: true)
    }

    func info(_ text: String) { message = StatusMessage(text: text, isError: false) }

    func refuseReadOnly() -> Effect {
        message = StatusMessage(text: "read-only: writes are disabled (opened with --read-only)", isError: true)
        return .redraw
    }

    // MARK: keys

    /// Handles one key and says what the loop should do next.
    public func handle(_ key: Key) -> Effect {
        if key == .resize { return .redraw }
        if let m = message, !m.sticky { message = nil }
        if prompt != nil { return handlePrompt(key) }
        if screen == .help { return handleHelp(key) }
        if waive != nil { return handleWaive(key) }
        let ctx: KeyContext
        switch screen {
        case .dashboard: ctx = .dashboard
        case .registry: ctx = .registry
        case .system: ctx = .system
        case .findings: ctx = .findings
        case .edit: ctx = .form
        case .help: ctx = .global
        }
        guard let action = KeyMap.action(for: key, in: ctx) else {
            if case let .char(c) = key, c != " " { info("\(key.label): no such key here (? shows every key)") }
            return .redraw
        }
        return perform(action)
    }

    func perform(_ action: Action) -> Effect {
        switch action {
        case .quit: return .quit
        case .help:
            stack.append(.help)
            helpScroll = 0
            return .redraw
        case .command:
            prompt = Prompt(kind: .command, label: ":", editor: LineEditor())
            return .redraw
        case .refresh:
            if screen == .edit {
                info("refresh is off while editing; R reloads the record after a conflict")
                return .redraw
            }
            reloadAll()
            info("refreshed")
            return .redraw
        case .showDashboard: return go(to: .dashboard)
        case .showRegistry: return go(to: .registry)
        case .showFindings: return go(to: .findings)
        case .back:
            if screen == .edit { return leaveForm() }
            if stack.count <= 1 { return .quit }
            stack.removeLast()
            if screen == .findings { rebuildFindingsRows() }
            return .redraw
        default: break
        }
        switch screen {
        case .dashboard: return dashboardAction(action)
        case .registry: return registryAction(action)
        case .system: return systemAction(action)
        case .findings: return findingsAction(action)
        case .edit: return formAction(action)
        case .help: return .none
        }
    }

    /// Switches to a top-level screen, dropping anything above it.
    func go(to target: ScreenID) -> Effect {
        if screen == .edit, let f = form, f.hasChanges {
            info("save (s) or discard (Esc Esc) your edits first")
            return .redraw
        }
        form = nil
        stack = target == .dashboard ? [.dashboard] : [.dashboard, target]
        if target == .findings { ensureFindingsScan() }
        if target == .dashboard { loadDashboard() }
        return .redraw
    }

    /// The Findings screen needs the open findings themselves, not only their counts.
    func ensureFindingsScan() {
        if let s = scan, s.collect { if s.finished { rebuildFindingsRows() }; return }
        startScan(collect: true)
    }

    /// Moves a list cursor by an action; returns nil when the action is not a movement.
    func move(_ action: Action, cursor: inout Int, count: Int, page: Int) -> Bool {
        let old = cursor
        switch action {
        case .down: cursor += 1
        case .up: cursor -= 1
        case .top: cursor = 0
        case .bottom: cursor = count - 1
        case .pageDown: cursor += page
        case .pageUp: cursor -= page
        default: return false
        }
        cursor = max(0, min(cursor, count - 1))
        _ = old
        return true
    }

    func keepVisible(cursor: Int, top: inout Int, rows: Int) {
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
        top = max(0, top)
    }

    // MARK: dashboard

    var dashboardListRows: Int { max(1, height - 15) }

    func dashboardAction(_ action: Action) -> Effect {
        var d = dashboard
        if move(action, cursor: &d.cursor, count: d.due.count, page: dashboardListRows) {
            keepVisible(cursor: d.cursor, top: &d.top, rows: dashboardListRows)
            dashboard = d
            return .redraw
        }
        if action == .open, d.due.indices.contains(d.cursor) {
            do { try openSystem(d.due[d.cursor].system, tab: .overview) } catch { show(error) }
            return .redraw
        }
        return .none
    }

    // MARK: registry

    func registryAction(_ action: Action) -> Effect {
        var r = registryState
        if move(action, cursor: &r.cursor, count: r.total, page: registryVisibleRows) {
            registryState.cursor = r.cursor
            keepRegistryCursorVisible()
            return .redraw
        }
        switch action {
        case .open:
            guard let row = registryState.selected else { return .none }
            do { try openSystem(row.stored.system.id) } catch { show(error) }
        case .search:
            prompt = Prompt(kind: .registryFilter, label: "filter: ", editor: LineEditor(registryState.filterText))
        case .sort, .reverseSort:
            var q = registryState.query
            if action == .sort {
                let all = RegistrySort.allCases
                q.sort = all[((all.firstIndex(of: q.sort) ?? 0) + 1) % all.count]
                q.descending = false
            } else {
                q.descending.toggle()
            }
            applyQuery(q, filterText: registryState.filterText)
            info("sorted by \(q.sort.rawValue) \(q.descending ? "descending" : "ascending")")
        case .edit:
            guard let row = registryState.selected else { return .none }
            return openForm(row.stored.system.id)
        default: return .none
        }
        return .redraw
    }

    /// Shows the rows of a new query, keeping the selected system selected when it still matches.
    func applyQuery(_ q: RegistryQuery, filterText: String) {
        let keep = registryState.selected?.stored.system.id
        registryState.query = q
        registryState.filterText = filterText
        do {
            registryState.total = try registry.consoleCount(q)
            registryState.cursor = try keep.flatMap { try registry.consolePosition(of: $0, in: q) } ?? 0
            registryState.top = max(0, registryState.cursor - registryVisibleRows / 2)
            try loadRegistryPage(force: true)
        } catch {
            show(error)
        }
    }

    // MARK: system

    func systemAction(_ action: Action) -> Effect {
        guard var s = systemState else { return .none }
        let tabs = SystemTab.allCases
        switch action {
        case .nextTab, .prevTab:
            let i = tabs.firstIndex(of: s.tab) ?? 0
            s.tab = tabs[(i + (action == .nextTab ? 1 : tabs.count - 1)) % tabs.count]
            s.scroll = 0
        case .edit:
            return openForm(s.stored.system.id)
        default:
            let lines = SystemView.lines(s, today: today, width: width)
            var scroll = s.scroll
            let page = max(1, height - 5)
            guard move(action, cursor: &scroll, count: max(1, lines.count - page + 1), page: page) else { return .none }
            s.scroll = scroll
        }
        systemState = s
        return .redraw
    }

    // MARK: findings

    func rebuildFindingsRows() {
        guard let s = scan, s.collect else { return }
        var f = findingsState
        let words = f.filterText.lowercased().split(separator: " ").map(String.init)
        let list = s.findings.filter { finding in
            words.allSatisfy { w in
                finding.system.lowercased().contains(w) || finding.rule.lowercased().contains(w)
                    || finding.message.lowercased().contains(w) || finding.severity.rawValue == w
            }
        }
        var rows: [FindingsRow] = []
        if f.byRule {
            let groups = Dictionary(grouping: list, by: \.rule)
            for rule in groups.keys.sorted() {
                let items = (groups[rule] ?? []).sorted { ($0.severity, $1.system) > ($1.severity, $0.system) }
                let title = RuleCatalog.rule(id: rule).map { "\(rule)  \($0.title)" } ?? rule
                rows.append(.group(title, count: items.count))
                rows += items.map(FindingsRow.finding)
            }
        } else {
            let groups = Dictionary(grouping: list, by: \.system)
            for system in groups.keys.sorted() {
                let items = (groups[system] ?? []).sorted(by: Finding.precedes)
                rows.append(.group(system, count: items.count))
                rows += items.map(FindingsRow.finding)
            }
        }
        f.rows = rows
        f.cursor = min(f.cursor, max(0, rows.count - 1))
        if case .group? = rows.indices.contains(f.cursor) ? rows[f.cursor] : nil, rows.count > f.cursor + 1 { f.cursor += 1 }
        findingsState = f
    }

    var findingsVisibleRows: Int { max(1, height - 4) }

    var selectedFinding: Finding? {
        let f = findingsState
        guard f.rows.indices.contains(f.cursor), case let .finding(x) = f.rows[f.cursor] else { return nil }
        return x
    }

    func findingsAction(_ action: Action) -> Effect {
        var f = findingsState
        if move(action, cursor: &f.cursor, count: f.rows.count, page: findingsVisibleRows) {
            // Skip group headings when stepping, so the cursor always rests on a finding.
            if f.rows.indices.contains(f.cursor), case .group = f.rows[f.cursor] {
                if action == .up || action == .pageUp, f.cursor > 0 { f.cursor -= 1 } else if f.cursor + 1 < f.rows.count { f.cursor += 1 }
            }
            keepVisible(cursor: f.cursor, top: &f.top, rows: findingsVisibleRows)
            findingsState = f
            return .redraw
        }
        switch action {
        case .toggleGroup:
            findingsState.byRule.toggle()
            findingsState.cursor = 0
            findingsState.top = 0
            rebuildFindingsRows()
        case .search:
            prompt = Prompt(kind: .findingsFilter, label: "find: ", editor: LineEditor(f.filterText))
        case .open:
            guard let x = selectedFinding else { return .none }
            do { try openSystem(x.system, tab: .findings) } catch { show(error) }
        case .waive:
            if readOnly { return refuseReadOnly() }
            guard let x = selectedFinding else { return .none }
            waive = WaiveState(system: x.system, rule: x.rule, approvedBy: actor,
                               expires: today.adding(days: 90).description)
        default: return .none
        }
        return .redraw
    }

    func handleWaive(_ key: Key) -> Effect {
        guard var w = waive else { return .none }
        switch key {
        case .escape, .char("q"):
            waive = nil
            info("waiver not recorded")
        case .down, .char("j"), .tab: w.cursor = min(2, w.cursor + 1)
        case .up, .char("k"), .backTab: w.cursor = max(0, w.cursor - 1)
        case .enter:
            prompt = Prompt(kind: .waiveField(w.cursor), label: WaiveState.labels[w.cursor] + ": ",
                            editor: LineEditor(w.value(w.cursor)))
        case .char("s"), .ctrl("s"):
            return submitWaiver()
        default: break
        }
        if waive != nil { waive?.cursor = w.cursor }
        return .redraw
    }

    /// Validates the waiver dialog like `aigov waive` and records it through the service layer.
    func submitWaiver() -> Effect {
        guard var w = waive else { return .none }
        var problems: [String] = []
        if w.reason.isBlank { problems.append("reason must not be empty") }
        if w.approvedBy.isBlank { problems.append("approved_by must not be empty") }
        let day = Day(w.expires.trimmingCharacters(in: .whitespaces))
        if day == nil { problems.append("expires: expected a date YYYY-MM-DD, got \"\(w.expires)\"") }
        if let day, day < today { problems.append("expires: \(day) is already past") }
        guard problems.isEmpty, let day else {
            w.problem = problems.joined(separator: "; ")
            waive = w
            return .redraw
        }
        do {
            _ = try registry.waive(Waiver(system: w.system, rule: w.rule, reason: w.reason, approvedBy: w.approvedBy,
                                          expires: day), actor: actor)
            waive = nil
            lastDataVersion = try? registry.dataVersion()
            // The waived findings leave the open list at once; the rest follows from a rescan.
            if var s = scan {
                s.findings.removeAll { $0.system == w.system && $0.rule == w.rule }
                scan = s
            }
            rebuildFindingsRows()
            loadDashboard()
            startScan(collect: true)
            info("waived \(w.rule) for \(w.system) until \(day)")
        } catch {
            w.problem = (error as? RegistryError)?.description ?? Registry.describe(error)
            waive = w
        }
        return .redraw
    }

    // MARK: help

    func handleHelp(_ key: Key) -> Effect {
        switch KeyMap.action(for: key, in: .global) {
        case .back?, .help?, .quit?:
            stack.removeLast()
        case .down?: helpScroll += 1
        case .up?: helpScroll = max(0, helpScroll - 1)
        case .pageDown?: helpScroll += max(1, height - 4)
        case .pageUp?: helpScroll = max(0, helpScroll - max(1, height - 4))
        case .top?: helpScroll = 0
        default: break
        }
        helpScroll = min(helpScroll, max(0, KeyMap.helpLines().count - (height - 3)))
        return .redraw
    }

    // MARK: prompt

    func handlePrompt(_ key: Key) -> Effect {
        guard var p = prompt else { return .none }
        switch key {
        case .escape:
            prompt = nil
            return .redraw
        case .enter:
            prompt = nil
            return submit(p)
        case .tab where !p.choices.isEmpty:
            let current = p.editor.text
            let next = p.choices.firstIndex(of: current).map { (p.choices.index(after: $0)) % p.choices.count } ?? 0
            p.editor.set(p.choices[next])
        default:
            _ = p.editor.handle(key)
        }
        prompt = p
        return .redraw
    }

    func submit(_ p: Prompt) -> Effect {
        let text = p.editor.text
        switch p.kind {
        case .command: return run(ConsoleCommand.parse(text))
        case .registryFilter:
            switch FilterParser.parse(text, base: registryState.query) {
            case let .success(q):
                applyQuery(q, filterText: text.trimmingCharacters(in: .whitespaces))
                info("\(registryState.total) system\(registryState.total == 1 ? "" : "s") match")
            case let .failure(e):
                message = StatusMessage(text: e.message, isError: true)
            }
        case .findingsFilter:
            findingsState.filterText = text
            findingsState.cursor = 0
            findingsState.top = 0
            rebuildFindingsRows()
        case let .formValue(path):
            guard var f = form else { return .none }
            let before = f.refused[path]?.value ?? f.values[path] ?? ""
            if text == before, f.refused[path] == nil { return .redraw }
            if !f.assign(path: path, value: text) { message = StatusMessage(text: "\(path): \(f.refused[path]?.message ?? "refused")", isError: true) }
            form = f
        case let .formAdd(list, index):
            guard var f = form else { return .none }
            if f.assign(path: "\(list)[\(index)]", value: text) {
                info("added \(list)[\(index)]")
            } else {
                message = StatusMessage(text: "\(list)[\(index)]: \(f.refused["\(list)[\(index)]"]?.message ?? "refused")", isError: true)
            }
            form = f
        case let .waiveField(i):
            waive?.set(i, text)
            waive?.problem = nil
        }
        return .redraw
    }

    /// Runs a `:` command.
    public func run(_ command: ConsoleCommand) -> Effect {
        switch command {
        case .quit:
            if screen == .edit, let f = form, f.hasChanges {
                info("unsaved edits: save with s, or Esc twice to discard, then :q")
                return .redraw
            }
            return .quit
        case .check:
            startScan(collect: true)
            _ = go(to: .findings)
            info("checking \(dashboard.counts.total) systems…")
        case let .system(id):
            do { try openSystem(id) } catch { show(error) }
        case .findings: return go(to: .findings)
        case .dashboard: return go(to: .dashboard)
        case .registry: return go(to: .registry)
        case .help: return perform(.help)
        case .refresh: return perform(.refresh)
        case let .whatIf(vendor):
            // The same simulation as `aigov what-if --vendor`, streamed over the registry.
            let scenario = ExitScenario(providers: [vendor], today: context.today)
            var byKind: [ExitOutcome.Kind: [String]] = [:]
            do {
                try registry.forEachSystem { s in
                    if let o = scenario.outcome(for: s.system) { byKind[o.kind, default: []].append(s.system.id) }
                }
                let down = byKind[.down] ?? []
                let text = "what if \(vendor) disappeared: \(down.count) down" + (down.isEmpty ? "" : " (\(down.prefix(4).joined(separator: ", "))\(down.count > 4 ? ", …" : ""))")
                    + ", \(byKind[.degraded]?.count ?? 0) degraded, \(byKind[.continues]?.count ?? 0) continue"
                message = StatusMessage(text: TextTable.sanitize(text), isError: !down.isEmpty)
            } catch { show(error) }
        case let .unavailable(m), let .invalid(m):
            message = StatusMessage(text: m, isError: true)
        }
        return .redraw
    }

    // MARK: edit form

    /// Opens the edit form on the record as stored now, remembering its row version.
    func openForm(_ id: String) -> Effect {
        if readOnly { return refuseReadOnly() }
        do {
            guard let stored = try registry.system(id: id) else { throw RegistryError.notFound(id: id) }
            form = FormState(stored: stored.system, version: stored.rowVersion)
            stack.append(.edit)
        } catch {
            show(error)
        }
        return .redraw
    }

    func leaveForm() -> Effect {
        guard var f = form else {
            stack.removeLast()
            return .redraw
        }
        if f.hasChanges, !f.confirmDiscard {
            f.confirmDiscard = true
            form = f
            message = StatusMessage(text: "\(f.edits.count + f.refused.count) unsaved edit(s): s saves, Esc again discards", isError: true)
            return .redraw
        }
        form = nil
        if message?.sticky == true { message = nil }
        stack.removeLast()
        if f.hasChanges { info("edits discarded") }
        return .redraw
    }

    func formAction(_ action: Action) -> Effect {
        guard var f = form else { return .none }
        f.confirmDiscard = false
        if move(action, cursor: &f.cursor, count: f.rows.count, page: formVisibleRows) {
            if case .section = f.rows[f.cursor] {
                if action == .up || action == .pageUp, f.cursor > 0 { f.cursor -= 1 } else if f.cursor + 1 < f.rows.count { f.cursor += 1 }
            }
            keepVisible(cursor: f.cursor, top: &f.top, rows: formVisibleRows)
            form = f
            return .redraw
        }
        let row = f.rows[f.cursor]
        switch action {
        case .open:
            switch row {
            case let .field(path):
                let current = f.refused[path]?.value ?? f.values[path] ?? ""
                prompt = Prompt(kind: .formValue(path: path), label: "\(path) = ", editor: LineEditor(current),
                                choices: FormFields.choices(for: path) ?? [])
            case let .add(list):
                return beginAdd(list, in: f)
            case .entry, .section: break
            }
        case .clearField:
            guard case let .field(path) = row else { return .none }
            if !f.assign(path: path, value: "") {
                message = StatusMessage(text: "\(path): \(f.refused[path]?.message ?? "refused")", isError: true)
            }
        case .addEntry:
            let list: String?
            switch row {
            case let .add(l), let .entry(l, _): list = l
            case let .field(path): list = FormFields.lists.first { path.hasPrefix($0.key + "[") }?.key
            case .section: list = nil
            }
            guard let list else {
                info("a adds an entry to a list: move to models, datasets, oversight …")
                return .redraw
            }
            return beginAdd(list, in: f)
        case .removeEntry:
            guard case let .entry(list, index) = row else {
                info("d removes a list entry: move to its heading (e.g. models[0])")
                return .redraw
            }
            if f.assign(path: "\(list)[\(index)]", value: "") { info("removed \(list)[\(index)]") }
        case .save:
            return save(&f)
        case .reload:
            guard f.conflictVersion != nil else {
                info("R reloads after a conflict; there is none")
                return .redraw
            }
            do {
                guard let fresh = try registry.system(id: f.systemId) else { throw RegistryError.notFound(id: f.systemId) }
                f.rebase(on: fresh.system, version: fresh.rowVersion)
                message = nil
                info("reloaded \(f.systemId) at version \(fresh.rowVersion); your edits are re-applied — check them and save (s)")
            } catch {
                show(error)
            }
        default: return .none
        }
        form = f
        return .redraw
    }

    func beginAdd(_ list: String, in f: FormState) -> Effect {
        let index = FormFields.listCount(f.working, list)
        let template = FormFields.lists.first { $0.key == list }?.template ?? "{}"
        prompt = Prompt(kind: .formAdd(list: list, index: index), label: "\(list)[\(index)] = ", editor: LineEditor(template))
        return .redraw
    }

    /// Saves through `Registry.update` with the version read when the form opened; a conflict
    /// keeps the form and everything typed, and offers to reload.
    func save(_ f: inout FormState) -> Effect {
        if !f.refused.isEmpty {
            message = StatusMessage(text: "\(f.refused.count) field(s) have problems: fix them (Enter) or clear them (x) before saving", isError: true)
            form = f
            return .redraw
        }
        if f.edits.isEmpty {
            info("nothing to save")
            form = f
            return .redraw
        }
        let edits = f.edits
        do {
            let outcome = try registry.update(id: f.systemId, actor: actor, ifVersion: f.baseVersion) { system in
                try FormState.apply(edits, to: system)
            }
            lastDataVersion = try? registry.dataVersion()
            form = nil
            if message?.sticky == true { message = nil }
            stack.removeLast()
            let id = f.systemId
            let tab = systemState?.tab ?? .overview
            if screen == .system { try openSystem(id, tab: tab, push: false) }
            loadDashboard()
            try loadRegistryPage(force: true)
            startScan(collect: scan?.collect ?? false)
            switch outcome.kind {
            case .unchanged: info("\(id) unchanged")
            default: info("saved \(id) (\(outcome.fields.joined(separator: ", "))), now version \(outcome.rowVersion ?? 0)")
            }
            return .redraw
        } catch let RegistryError.versionConflict(_, _, actual) {
            f.conflictVersion = actual
            message = StatusMessage(text: "not saved: \(f.systemId) was changed meanwhile (now version \(actual), you opened \(f.baseVersion)); your edits are kept — R reloads and re-applies them",
                                    isError: true, sticky: true)
        } catch {
            show(error)
        }
        form = f
        return .redraw
    }
}
