import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore

/// A line of styled text segments: what presentation functions return and views draw.
public typealias Line = [(text: String, style: Style)]

extension ScreenBuffer {
    /// Draws a styled line at a row, clipped to the screen.
    mutating func draw(_ line: Line, row: Int, col: Int = 0) {
        var x = col
        for seg in line { x = put(seg.text, row: row, col: x, style: seg.style) }
    }
}

/// Splits text into lines of at most `width` columns at spaces (long words are cut).
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    for word in text.safe.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
        let candidate = current.isEmpty ? word : current + " " + word
        if TextWidth.of(candidate) <= width {
            current = candidate
        } else {
            if !current.isEmpty { lines.append(current) }
            current = TextWidth.of(word) <= width ? word : TextWidth.truncate(word, to: width)
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
}

extension Console {
    /// The minimum size the layout is designed for.
    public static let minimumSize = (width: 80, height: 24)

    /// Draws the whole screen from the state; the only place that draws.
    public func render() -> ScreenBuffer {
        var b = ScreenBuffer(width: width, height: height)
        guard width >= Console.minimumSize.width, height >= Console.minimumSize.height else {
            let lines = ["aigov needs a terminal of at least 80×24", "this one is \(width)×\(height)", "enlarge it, or press Q to quit"]
            for (i, l) in lines.enumerated() {
                b.put(l, row: max(0, height / 2 - 1 + i), col: max(0, (width - TextWidth.of(l)) / 2), style: i == 0 ? .error : .normal)
            }
            return b
        }
        drawTitle(&b)
        if case .help? = overlay {
            HelpView.draw(self, into: &b)
        } else {
            switch screen {
            case .dashboard: DashboardView.draw(self, into: &b)
            case .registry: RegistryView.draw(self, into: &b)
            case .system: SystemView.draw(self, into: &b)
            case .findings: FindingsView.draw(self, into: &b)
            case .incidents: IncidentsView.draw(self, into: &b)
            case .frameworks: FrameworksView.draw(self, into: &b)
            case .edit: FormView.draw(self, into: &b)
            case .help: HelpView.draw(self, into: &b)
            }
        }
        if overlay?.waive != nil { WaiveView.draw(self, into: &b) }
        if case .classify? = overlay { ClassifyWizard.draw(self, into: &b) }
        if case .importPreview? = overlay { ImportPreview.draw(self, into: &b) }
        if case .whatIf? = overlay { WhatIfView.draw(self, into: &b) }
        drawStatus(&b)
        return b
    }

    /// The screen the title bar names: help while its overlay is open.
    var shownScreen: ScreenID {
        if case .help? = overlay { return .help }
        return screen
    }

    /// The title bar: the screens and the day; while browsing the past, the banner that says so
    /// (and how to return) with the screen shown.
    func drawTitle(_ b: inout ScreenBuffer) {
        if let p = past {
            b.fill(row: 0, style: .tabActive)
            let right = " › \(shownScreen.rawValue) "
            b.put(" " + p.banner, row: 0, col: 0, style: .tabActive, maxWidth: width - TextWidth.of(right) - 1)
            b.put(right, row: 0, col: width - TextWidth.of(right), style: .title)
            return
        }
        b.fill(row: 0, style: .title)
        let shown = shownScreen
        let tabs: [ScreenID] = [.dashboard, .registry, .findings, .incidents, .frameworks]
        let current: ScreenID = stack.last(where: { tabs.contains($0) }) ?? .dashboard
        let sub = [.system, .edit, .help].contains(shown) ? " › \(shown.rawValue) " : ""
        var right = today.description + " "
        if readOnly { right = "read-only  " + right }
        let room = width - TextWidth.of(right)
        // The fullest title that fits: every tab named if it can be, with the name and the
        // registry's title, the name, or neither; else the tabs after the current one, from the
        // last, by number only.
        let named = title.map { " · \($0)" } ?? ""
        let heads = [" aigov" + named + "  ", " aigov  ", " "]
        let full = tabs.enumerated().map { " \($0.offset + 1) \($0.element.rawValue) " }
        let shrinkable = tabs.indices.reversed().filter { tabs[$0] != current }
        var layouts: [(head: String, labels: [String])] = []
        for k in 0...shrinkable.count {
            var labels = full
            for i in shrinkable.prefix(k) { labels[i] = " \(i + 1) " }
            layouts += heads.map { ($0, labels) }
        }
        let fits = { (l: (head: String, labels: [String])) in
            TextWidth.of(l.head) + l.labels.reduce(0) { $0 + TextWidth.of($1) } + TextWidth.of(sub) <= room
        }
        let layout = layouts.first(where: fits) ?? layouts[layouts.count - 1]
        var x = b.put(layout.head, row: 0, col: 0, style: .title)
        for (i, s) in tabs.enumerated() {
            x = b.put(layout.labels[i], row: 0, col: x, style: s == current && tabs.contains(shown) ? .tabActive : .title)
        }
        if !sub.isEmpty {
            x = b.put(sub, row: 0, col: x, style: .tabActive)
        }
        b.put(right, row: 0, col: width - TextWidth.of(right), style: .title)
    }

    func drawStatus(_ b: inout ScreenBuffer) {
        let row = height - 1
        if let p = overlay?.prompt {
            b.fill(row: row, style: .normal)
            var x = b.put(p.label, row: row, col: 0, style: .key)
            let chars = p.editor.characters
            // Keep the cursor in view on long input by scrolling the text left.
            let room = width - x - 1
            var start = 0
            while start < p.editor.cursor, TextWidth.of(String(chars[start..<p.editor.cursor])) >= room { start += 1 }
            for i in start..<chars.count {
                if x >= width - 1 { break }
                x = b.put(String(chars[i]), row: row, col: x, style: i == p.editor.cursor ? .selected : .input)
            }
            if p.editor.cursor == chars.count, x < width { b.put(" ", row: row, col: x, style: .selected) }
            return
        }
        if let m = message {
            b.fill(row: row, style: m.isError ? .error : .statusBar)
            b.put(" " + m.text, row: row, col: 0, style: m.isError ? .error : .statusBar)
            return
        }
        b.fill(row: row, style: .statusBar)
        var x = 1
        for (key, text) in statusHints() {
            if x + TextWidth.of(key) + TextWidth.of(text) + 3 > width { break }
            x = b.put(key, row: row, col: x, style: .statusBar)
            x = b.put(" " + text + "  ", row: row, col: x, style: .statusBar)
        }
    }

    /// The status bar's keys: those of whatever takes keys now, drawn from its bindings.
    func statusHints() -> [(key: String, text: String)] {
        switch overlay {
        case .help?: return KeyMap.resolve(HelpOverlay.hints, in: [HelpOverlay.bindings], readOnly: readOnly)
        case .waive?: return KeyMap.resolve(WaiveDialog.hints, in: [WaiveDialog.bindings], readOnly: readOnly)
        case .classify?: return KeyMap.resolve(ClassifyWizard.hints, in: [ClassifyWizard.bindings], readOnly: readOnly)
        case .importPreview?: return KeyMap.resolve(ImportPreview.hints, in: [ImportPreview.bindings], readOnly: readOnly)
        case .whatIf?: return KeyMap.resolve(WhatIfView.hints, in: [WhatIfView.bindings], readOnly: readOnly)
        case .prompt?, nil: return controller.statusHints(in: self)
        }
    }
}

/// The Dashboard: counts by tier, status and severity, and what falls due.
enum DashboardView {
    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        let d = c.dashboardController.state
        let colW = c.width / 3
        b.put(" Systems by tier (\(d.counts.total))", row: 1, col: 0, style: .header)
        b.put("Systems by status", row: 1, col: colW, style: .header)
        let scan = c.scan
        let scanNote: String
        if let s = scan, !s.finished {
            scanNote = " (checking \(s.total > 0 ? s.done * 100 / s.total : 0)%)"
        } else { scanNote = "" }
        b.put("Open findings\(scanNote)", row: 1, col: 2 * colW, style: .header)
        let tiers: [RiskTier] = [.prohibited, .high, .limited, .minimal, .outOfScope, .unassessed]
        for (i, t) in tiers.enumerated() {
            let n = d.counts.byTier[t] ?? 0
            let style: Style = t == .prohibited && n > 0 ? .critical : t == .high ? .high : n == 0 ? .dim : .normal
            b.put(" " + TextWidth.fit(t.rawValue, 14) + TextWidth.fit(String(n), 7, alignRight: true), row: 2 + i, col: 0, style: style)
        }
        let statuses: [SystemStatus] = [.production, .pilot, .development, .proposed, .retired]
        for (i, s) in statuses.enumerated() {
            let n = d.counts.byStatus[s] ?? 0
            b.put(TextWidth.fit(s.rawValue, 14) + TextWidth.fit(String(n), 7, alignRight: true), row: 2 + i, col: colW,
                  style: n == 0 ? .dim : .normal)
        }
        if let s = scan, s.finished || s.done > 0 {
            for (i, sev) in Severity.allCases.enumerated() {
                let n = s.summary.openBySeverity[sev] ?? 0
                b.put(TextWidth.fit(sev.rawValue, 14) + TextWidth.fit(String(n), 7, alignRight: true), row: 2 + i, col: 2 * colW,
                      style: n == 0 ? .dim : Style.severity(sev))
            }
            b.put(TextWidth.fit("waived", 14) + TextWidth.fit(String(s.summary.waived), 7, alignRight: true), row: 7, col: 2 * colW, style: .dim)
            b.put(TextWidth.fit("upcoming", 14) + TextWidth.fit(String(s.summary.upcoming), 7, alignRight: true), row: 8, col: 2 * colW, style: .dim)
        } else {
            b.put("checking…", row: 2, col: 2 * colW, style: .dim)
        }
        // Legacy high-risk systems (Art. 111(2)) and how many the 2030 public-authority backstop reaches.
        if let o = scan?.overview, scan?.finished == true, o.legacy > 0 {
            b.put(" " + TextWidth.fit("legacy HR", 14) + TextWidth.fit(String(o.legacy), 7, alignRight: true)
                  + " (\(o.legacyBackstop) by 2030)", row: 8, col: 0, style: .dim)
        }

        // Vendor exposure: the providers whose disappearance would take production systems down.
        if let v = scan?.vendors, scan?.finished == true {
            let top = v.topProductionDown(3)
            let text = top.isEmpty ? "no provider's loss takes a production system down"
                : top.map { "\($0.provider): \($0.productionDown) down" }.joined(separator: " · ") + "   (:whatif VENDOR)"
            b.put(" Vendor exposure  " + text, row: 9, col: 0, style: top.isEmpty ? .dim : .medium)
        }
        // The agenda: everything due, overdue first (`Agenda`), incidents' deadlines included.
        let dueRow = 10
        let until = c.today.adding(days: DueWindows.dashboardDays)
        let overdue = d.due.filter(\.isOverdue).count
        b.put(" Agenda to \(until) (next \(DueWindows.dashboardDays) days): \(d.dueTotal) item\(d.dueTotal == 1 ? "" : "s")\(overdue > 0 ? ", \(overdue)\(d.dueTotal > d.due.count ? "+" : "") overdue" : "")",
              row: dueRow, col: 0, style: .header)
        let rows = c.dashboardController.listRows(c)
        if d.due.isEmpty { b.put("   nothing falls due", row: dueRow + 1, col: 0, style: .dim) }
        for i in 0..<rows {
            let idx = d.top + i
            guard d.due.indices.contains(idx) else { break }
            let item = d.due[idx]
            let days = item.daysLeft
            let when = days < 0 ? "\(-days)d overdue" : days == 0 ? "today" : "in \(days)d"
            let text = " " + item.date.description + "  " + TextWidth.fit(when, 13) + TextWidth.fit(item.kind.rawValue, 18)
                + TextWidth.fit(item.system, 24) + " " + item.what
            let selected = idx == d.cursor && c.screen == .dashboard
            if selected { b.fill(row: dueRow + 1 + i, style: .selected) }
            let urgent: Style = days < 0 ? .high : days <= DueWindows.soonDays ? .medium : .normal
            b.put(text, row: dueRow + 1 + i, col: 0, style: selected ? .selected : urgent)
        }
        let below = d.dueTotal - d.top - rows
        if below > 0 { b.put("   +\(below) more (j/k scroll; aigov agenda lists them all)", row: dueRow + rows + 1, col: 0, style: .dim) }
        // The Act's obligations still to come, with how many systems they reach.
        let row = c.height - 4
        b.put(" Upcoming obligations (EU AI Act, \(c.workspace.timeline.rawValue) timeline)", row: row, col: 0, style: .header)
        let high = d.counts.byTier[.high] ?? 0
        // The days still to come come from the workspace (its timeline); only the dashboard's
        // short words for a group are chosen here (the full titles are in `aigov explain`).
        var byDay: [Day: [String]] = [:]
        for u in c.workspace.upcomingObligations() {
            for r in u.groups {
                let (group, title) = (r.group, r.title)
                let text = switch group {
                case ObligationGroup.hr3.rawValue: "\(title) — \(high) high-risk system\(high == 1 ? "" : "s") in the registry"
                case RecordGroup.art5of2026.rawValue: "new Art. 5 prohibition (intimate imagery)"
                case RecordGroup.art50Legacy.rawValue: "Art. 50(2) marking for systems on the market before 2026-08-02"
                default: title
                }
                byDay[u.day, default: []].append("\(group): \(text)")
            }
        }
        let items = byDay.keys.sorted().map { ($0, byDay[$0, default: []].joined(separator: "; ")) }
        if items.isEmpty { b.put("   every obligation already applies", row: row + 1, col: 0, style: .dim) }
        for (i, item) in items.prefix(2).enumerated() {
            let days = item.0.days(since: c.today)
            b.put(" \(item.0)  in \(days)d  \(item.1)", row: row + 1 + i, col: 0, style: days <= DueWindows.dashboardDays ? .medium : .normal)
        }
    }
}

/// The Registry table.
enum RegistryView {
    struct Column {
        var title: String
        var width: Int
        var right = false
    }

    static func columns(width: Int) -> [Column] {
        let showOwner = width >= 96
        var fixed = [Column(title: "ID", width: 18)]
        let rest = [Column(title: "STATUS", width: 11), Column(title: "TIER", width: 12),
                    Column(title: "SCORE", width: 5, right: true), Column(title: "WORST", width: 8),
                    Column(title: "OPEN", width: 4, right: true)]
        let owner = Column(title: "OWNER", width: 16)
        let used = fixed[0].width + rest.reduce(0) { $0 + $1.width } + (showOwner ? owner.width : 0)
        let count = 1 + 1 + rest.count + (showOwner ? 1 : 0)
        let nameWidth = max(8, width - used - count)
        fixed.append(Column(title: "NAME", width: nameWidth))
        if showOwner { fixed.append(owner) }
        return fixed + rest
    }

    static func cells(_ r: RegistryRow, width: Int) -> [String] {
        let s = r.stored.system
        var out = [s.id, s.name]
        if width >= 96 { out.append(s.owner) }
        out += [s.status.rawValue, s.tier.rawValue, String(r.score), r.worst?.rawValue ?? "-", String(r.open)]
        return out
    }

    static func format(_ cells: [String], _ cols: [Column]) -> String {
        var line = ""
        for (i, col) in cols.enumerated() {
            line += " " + TextWidth.fit(i < cells.count ? cells[i] : "", col.width, alignRight: col.right)
        }
        return line
    }

    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        let r = c.registryController.state
        var info = " Registry  \(r.total) system\(r.total == 1 ? "" : "s")"
        if !r.filterText.isEmpty { info += "  filter: \(r.filterText)" }
        info += "  sort: \(RegistryController.sortLabel(r))"
        if r.total > 0 { info += "  \(r.cursor + 1)/\(r.total)" }
        b.put(info, row: 1, col: 0, style: .header)
        let cols = columns(width: c.width)
        b.put(format(cols.map(\.title), cols), row: 2, col: 0, style: .header)
        if r.total == 0 {
            b.put(r.filterText.isEmpty ? "  the registry is empty: add systems with `aigov apply -f FILE`" : "  no system matches the filter (/ to change it)",
                  row: 3, col: 0, style: .dim)
        }
        for i in 0..<c.registryController.visibleRows(c) {
            let idx = r.top + i
            let p = idx - r.pageOffset
            guard idx < r.total, r.page.indices.contains(p) else { break }
            let row = r.page[p]
            let selected = idx == r.cursor
            if selected {
                b.fill(row: 3 + i, style: .selected)
                b.put(format(cells(row, width: c.width), cols), row: 3 + i, col: 0, style: .selected)
            } else {
                var x = 0
                for (j, (text, col)) in zip(cells(row, width: c.width), cols).enumerated() {
                    var style = Style.normal
                    if col.title == "WORST", let w = row.worst { style = .severity(w) }
                    if col.title == "TIER", row.stored.system.tier == .high || row.stored.system.tier == .prohibited { style = .high }
                    if col.title == "SCORE" { style = row.score >= 90 ? .ok : row.score >= 60 ? .medium : .high }
                    _ = j
                    x = b.put(" " + TextWidth.fit(text, col.width, alignRight: col.right), row: 3 + i, col: x, style: style)
                }
            }
        }
    }
}

/// The help overlay, generated from the bindings and the command table.
enum HelpView {
    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        b.put(" Keys (generated from the key bindings; * writes, refused when read-only)", row: 1, col: 0, style: .header)
        let lines = HelpOverlay.lines(c)
        var scroll = 0
        if case let .help(s)? = c.overlay { scroll = s }
        for i in 0..<HelpOverlay.rows(c) {
            let idx = scroll + i
            guard lines.indices.contains(idx) else { break }
            let l = lines[idx]
            if l.isHeading {
                b.put(" " + l.key, row: 2 + i, col: 0, style: .header)
            } else {
                let x = b.put(" " + (l.writes ? "*" : " ") + " " + TextWidth.fit(l.key, 20), row: 2 + i, col: 0, style: .key)
                b.put(l.text, row: 2 + i, col: x, style: .normal)
            }
        }
    }
}
