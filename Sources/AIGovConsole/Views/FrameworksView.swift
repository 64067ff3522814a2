import AIGovApp
import AIGovCore
import AIGovRules

/// The Frameworks screen: the view line (SoA, NIST AI RMF, AI Act), a summary, and the table of
/// entries, or the drill-down of one entry. Every number comes from the workspace's tallies
/// (`FrameworkRowTally`, `SoARow`); this only lays them out. `columns` and `cells` are
/// presentation functions, testable without a terminal.
public enum FrameworksView {
    /// The terminal width (in columns) from which the table shows the applicability, rules,
    /// evidence, source and not-passing columns. Layout only; the numbers in the cells are the
    /// tallies'.
    static let wideTerminal = 120

    /// How wide the open-findings column is: the count words at 80 columns; on a wide terminal
    /// 32, growing by one for every five columns more, up to the 44 that `2 critical, 2 high,
    /// 5 medium, 10 low, 1 info` needs.
    static func openColumnWidth(terminal width: Int) -> Int {
        guard width >= wideTerminal else { return 14 }
        return min(44, 32 + (width - wideTerminal) / 5)
    }

    struct Column {
        var title: String
        var width: Int
        var right = false
    }

    /// The table's columns at `width`: the title takes what the others leave; wide terminals
    /// get the full applicability and open-findings texts, and the rules, evidence and source.
    static func columns(_ view: FrameworksViewKind, width: Int) -> [Column] {
        let wide = width >= wideTerminal
        let openWidth = openColumnWidth(terminal: width)
        var cols: [Column]
        switch view {
        case .soa:
            // At 80 columns the status says what applicability would (not applicable), so the
            // column gives its room to the open findings.
            cols = [Column(title: "CONTROL", width: 7), Column(title: "TITLE", width: 0)]
            if wide { cols.append(Column(title: "APPLICABLE", width: 24)) }
            cols += [Column(title: "PASS/COV", width: 8, right: true), Column(title: "OPEN", width: openWidth),
                    Column(title: "WAIVED", width: 6, right: true)]
            if wide { cols.append(Column(title: "EVIDENCE", width: 8, right: true)) }
            cols.append(Column(title: "STATUS", width: wide ? 23 : 21))
            if wide { cols.append(Column(title: "SOURCE", width: 14)) }
        case .nist, .aiAct:
            cols = [Column(title: view == .nist ? "SUBCATEGORY" : "ARTICLE", width: view == .nist ? 12 : 9),
                    Column(title: "TITLE", width: 0)]
            if wide { cols.append(Column(title: "RULES", width: 30)) }
            cols += [Column(title: "PASS/COV", width: 8, right: true), Column(title: "OPEN", width: openWidth),
                     Column(title: "WAIVED", width: 6, right: true)]
            if wide { cols.append(Column(title: "NOT PASSING", width: 32)) }
        }
        let used = cols.reduce(0) { $0 + $1.width + 1 }
        cols[1].width = max(8, width - used - 1)
        return cols
    }

    /// The cells of an entry's row, as the columns order them. A control no rule maps to shows
    /// its status only; an article or subcategory no rule maps to says it is outside the registry.
    static func cells(_ view: FrameworksViewKind, item: FrameworkItem, tally t: FrameworkRowTally, soa: SoARow?, width: Int) -> [String] {
        let wide = width >= wideTerminal
        switch view {
        case .soa:
            let status = (soa?.status.rawValue ?? "") + (soa?.override == nil ? "" : " *")
            guard let soa, soa.inRegistry else {
                return [item.id, item.title] + (wide ? ["", ""] : []) + ["", "", ""] + [status] + (wide ? [source(soa)] : [])
            }
            return [item.id, item.title] + (wide ? [soa.applicability] : []) + [t.coverageText, t.summary.openText, String(t.summary.waived)]
                + (wide ? [String(t.evidence.count)] : []) + [status] + (wide ? [source(soa)] : [])
        case .nist, .aiAct:
            guard !t.rules.isEmpty else {
                return [item.id, item.title] + (wide ? ["outside the registry"] : []) + ["-", wide ? "" : "outside", ""]
                    + (wide ? [""] : [])
            }
            return [item.id, item.title] + (wide ? [t.rules.joined(separator: ", ")] : [])
                + [t.coverageText, t.summary.openText, String(t.summary.waived)] + (wide ? [t.failing.joined(separator: ", ")] : [])
        }
    }

    /// Where a control's status comes from, short: `soa.yaml:3` (the file's name and line), `registry`.
    static func source(_ soa: SoARow?) -> String {
        guard let s = soa?.source else { return "" }
        return s.split(separator: "/").last.map(String.init) ?? s
    }

    static func format(_ cells: [String], _ cols: [Column]) -> String {
        var line = ""
        for (i, col) in cols.enumerated() {
            line += " " + TextWidth.fit(i < cells.count ? cells[i].safe : "", col.width, alignRight: col.right)
        }
        return line
    }

    /// How a control's status looks.
    public static func style(_ s: ControlStatus) -> Style {
        switch s {
        case .implemented: .ok
        case .partiallyImplemented: .medium
        case .notImplemented: .high
        case .notApplicable, .outsideRegistry: .dim
        }
    }

    /// How an entry's row looks: by status on the SoA; elsewhere by whether its covered systems pass.
    static func style(_ view: FrameworksViewKind, tally t: FrameworkRowTally, soa: SoARow?) -> Style {
        if let soa { return style(soa.status) }
        if t.rules.isEmpty || t.covered.isEmpty { return .dim }
        if t.failing.isEmpty { return .ok }
        return t.passing == 0 ? .high : .medium
    }

    /// The line under the view line: what the view counts.
    static func summary(_ s: FrameworksState) -> String {
        switch s.view {
        case .soa:
            guard let soa = s.soa else { return "" }
            let counts = soa.statusCounts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
            let hand = soa.rows.filter { $0.override != nil }.count
            return " 38 controls over \(soa.activeSystems) active system\(soa.activeSystems == 1 ? "" : "s"): \(counts)"
                + (soa.overridesFile == nil ? "" : "; * \(hand) by hand in soa.yaml")
        case .nist, .aiAct:
            guard let v = s.view == .nist ? s.nist : s.aiAct else { return "" }
            let mapped = v.rows.filter { !$0.row.rules.isEmpty }.count
            return " \(v.rows.count) \(v.framework.entryName == "article" ? "articles and annexes" : "subcategories"), "
                + "\(mapped) mapped to rules, over \(v.systems) active system\(v.systems == 1 ? "" : "s")"
        }
    }

    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        let s = c.frameworksController.state
        // The view line: the three views, the one shown highlighted.
        var x = b.put(" ", row: 1, col: 0, style: .header)
        for v in FrameworksViewKind.allCases {
            x = b.put(" \(v.rawValue) ", row: 1, col: x, style: v == s.view ? .tabActive : .tab)
            x = b.put(" ", row: 1, col: x, style: .normal)
        }
        if let d = s.drill {
            drawDrill(d, c, into: &b)
            return
        }
        let entries = s.rows.filter { $0.entry != nil }.count
        if entries > 0, s.rows.indices.contains(s.cursor) {
            let index = s.rows[...s.cursor].filter { $0.entry != nil }.count
            b.put("\(index)/\(entries)", row: 1, col: x + 1, style: .dim)
        }
        b.put(TextWidth.truncate(summary(s), to: c.width), row: 2, col: 0, style: .dim)
        let cols = columns(s.view, width: c.width)
        b.put(format(cols.map(\.title), cols), row: 3, col: 0, style: .header)
        let top = FrameworksController.headerRows + 1
        if s.rows.isEmpty { b.put("  nothing to show (the registry could not be read)", row: top, col: 0, style: .dim) }
        for i in 0..<c.frameworksController.visibleRows(c) {
            let idx = s.top + i
            guard s.rows.indices.contains(idx) else { break }
            switch s.rows[idx] {
            case let .heading(text, level):
                b.put(TextWidth.truncate(String(repeating: " ", count: level + 1) + text, to: c.width), row: top + i, col: 0, style: level == 0 ? .header : .key)
            case let .entry(item, tally, soa):
                let line = format(cells(s.view, item: item, tally: tally, soa: soa, width: c.width), cols)
                if idx == s.cursor {
                    b.fill(row: top + i, style: .selected)
                    b.put(line, row: top + i, col: 0, style: .selected)
                } else {
                    b.put(line, row: top + i, col: 0, style: style(s.view, tally: tally, soa: soa))
                }
            }
        }
    }

    /// The drill-down's facts: the entry, its status or coverage, its rules and counts.
    static func drillFacts(_ d: FrameworksDrill) -> [String] {
        let t = d.tally
        var first = " \(d.item.id)  \(d.item.title)"
        if let soa = d.soa { first += "  —  \(soa.status.rawValue)" + (soa.override == nil ? "" : " (soa.yaml)") }
        var second = " \(t.coverageText) active systems pass · open \(t.summary.openText) · waived \(t.summary.waived) · rules "
            + (t.rules.isEmpty ? "none (outside the registry)" : t.rules.joined(separator: ", ")) + " · evidence \(t.evidence.count)"
        if let o = d.soa?.override { second = " \(o.source): \(oneLine(o.justification).safe) ·" + second }
        return [first, second]
    }

    /// One drill-down row.
    static func drillLine(_ r: FrameworksDrillRow) -> (String, Style) {
        switch r {
        case let .heading(text): return (" " + text, .header)
        case let .system(id, passing): return ("   " + id.safe, passing ? .ok : .high)
        case let .finding(f):
            let status = f.status == .open ? f.severity.rawValue : f.status.rawValue
            let text = "   " + TextWidth.fit(status, 8) + " " + TextWidth.fit(f.system.safe, 24) + " " + TextWidth.fit(f.rule, 8)
                + " " + oneLine(f.message).safe
            return (text, f.status == .open ? .severity(f.severity) : .dim)
        case let .evidence(e):
            return ("   " + TextWidth.fit(e.system.safe, 24) + " " + TextWidth.fit(e.kind.rawValue, 16) + " " + oneLine(e.title).safe, .normal)
        }
    }

    static func oneLine(_ s: String) -> String { s.split(whereSeparator: \.isNewline).joined(separator: " ") }

    static func drawDrill(_ d: FrameworksDrill, _ c: Console, into b: inout ScreenBuffer) {
        let facts = drillFacts(d)
        b.put(TextWidth.truncate(facts[0], to: c.width), row: 2, col: 0, style: .header)
        b.put(TextWidth.truncate(facts[1], to: c.width), row: 3, col: 0, style: d.soa.map { style($0.status) } ?? .normal)
        let top = FrameworksController.headerRows + 1
        for i in 0..<c.frameworksController.visibleRows(c) {
            let idx = d.top + i
            guard d.rows.indices.contains(idx) else { break }
            let (line, style) = drillLine(d.rows[idx])
            let text = TextWidth.truncate(line, to: c.width)
            if idx == d.cursor {
                b.fill(row: top + i, style: .selected)
                b.put(text, row: top + i, col: 0, style: .selected)
            } else {
                b.put(text, row: top + i, col: 0, style: style)
            }
        }
    }
}
