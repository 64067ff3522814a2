import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules

/// The three views of the Frameworks screen; Tab goes to the next.
public enum FrameworksViewKind: String, CaseIterable, Sendable {
    case soa = "ISO/IEC 42001 SoA"
    case nist = "NIST AI RMF"
    case aiAct = "AI Act"

    /// The framework the view shows.
    public var framework: Framework {
        switch self {
        case .soa: .iso42001
        case .nist: .nistAIRMF
        case .aiAct: .euAIAct
        }
    }

    func step(_ by: Int) -> FrameworksViewKind {
        let all = FrameworksViewKind.allCases
        let i = all.firstIndex(of: self) ?? 0
        return all[(i + by + all.count) % all.count]
    }
}

/// One row of a framework table: a heading (an AI Act chapter, a NIST function or category,
/// the SoA's outside-the-registry part) or an entry with what its mapped rules found.
public enum FrameworksRow: Sendable {
    /// `level` 0 is a function or chapter, 1 a NIST category.
    case heading(String, level: Int)
    /// An entry; `soa` is its SoA row (status, applicability, override) on the SoA view.
    case entry(FrameworkItem, FrameworkRowTally, soa: SoARow?)

    var entry: (item: FrameworkItem, tally: FrameworkRowTally, soa: SoARow?)? {
        if case let .entry(item, tally, soa) = self { return (item, tally, soa) }
        return nil
    }
}

/// One row of the drill-down: the systems and findings behind an entry.
public enum FrameworksDrillRow: Sendable, Equatable {
    case heading(String)
    /// A covered system: `passing` when it has no open finding of the mapped rules.
    case system(String, passing: Bool)
    case finding(Finding)
    case evidence(EvidenceRef)

    /// The system a row names, which Enter opens.
    var system: String? {
        switch self {
        case .heading: nil
        case let .system(id, _): id
        case let .finding(f): f.system
        case let .evidence(e): e.system
        }
    }
}

/// The drill-down of one entry: its tally with the findings kept.
public struct FrameworksDrill: Sendable {
    public var framework: Framework
    public var item: FrameworkItem
    public var tally: FrameworkRowTally
    /// The SoA row (status, override) when drilled from the SoA.
    public var soa: SoARow?
    public var rows: [FrameworksDrillRow]
    public var cursor = 0
    public var top = 0

    /// The row under the cursor when it names a system.
    public var selectedSystem: String? { rows.indices.contains(cursor) ? rows[cursor].system : nil }

    /// The lines of the drill-down: not passing, passing, the findings, the evidence.
    static func rows(_ t: FrameworkRowTally, findings: [Finding]) -> [FrameworksDrillRow] {
        var out: [FrameworksDrillRow] = []
        let failing = Set(t.failing)
        out.append(.heading("Not passing (\(t.failing.count))"))
        out += t.failing.map { .system($0, passing: false) }
        let passing = t.covered.filter { !failing.contains($0) }
        out.append(.heading("Passing (\(passing.count))"))
        out += passing.map { .system($0, passing: true) }
        out.append(.heading("Findings of the mapped rules (\(findings.count))"))
        out += findings.sorted(by: Finding.precedes).map(FrameworksDrillRow.finding)
        if !t.evidence.isEmpty {
            out.append(.heading("Evidence (\(t.evidence.count))"))
            out += t.evidence.map(FrameworksDrillRow.evidence)
        }
        return out
    }
}

/// The Frameworks screen: the registry against ISO/IEC 42001, the NIST AI RMF and the AI Act.
public struct FrameworksState: Sendable {
    public var view = FrameworksViewKind.soa
    /// What each view shows, loaded when first shown (each is a check of the registry).
    public var soa: StatementOfApplicability?
    public var nist: FrameworkView?
    public var aiAct: FrameworkView?
    /// The rows of the view shown.
    public var rows: [FrameworksRow] = []
    /// Each view's cursor and first row, kept while another view is shown.
    public var positions: [FrameworksViewKind: (cursor: Int, top: Int)] = [:]
    public var cursor = 0
    public var top = 0
    /// The drill-down over the table; nil shows the table.
    public var drill: FrameworksDrill?

    /// The entry under the cursor.
    public var selected: (item: FrameworkItem, tally: FrameworkRowTally, soa: SoARow?)? {
        rows.indices.contains(cursor) ? rows[cursor].entry : nil
    }
}

/// The Frameworks screen (key `5`): the ISO/IEC 42001 Statement of Applicability, the NIST AI
/// RMF by function and category, and the AI Act by article, from the workspace's tallies (the
/// same `aigov soa` and the pack print). Enter drills into the systems and findings behind a
/// row; Esc returns. Read-only.
public final class FrameworksController: ScreenController {
    public internal(set) var state = FrameworksState()

    public let screen = ScreenID.frameworks
    public let title = "Frameworks"
    public let bindings = [
        Binding([.tab, .char("]")], .nextTab, "next view: ISO/IEC 42001 SoA, NIST AI RMF, AI Act"),
        Binding([.backTab, .char("[")], .prevTab, "previous view"),
    ]
    public let hints = [
        Hint(.open, text: "systems & findings"), Hint(.nextTab, text: "view"), Hint(.down, .up, text: "move"),
        Hint(.help, text: "help"), Hint(.back, text: "back", key: .char("q")),
    ]
    let drillHints = [
        Hint(.open, text: "open system"), Hint(.back, text: "table", key: .escape), Hint(.down, .up, text: "move"),
        Hint(.nextTab, text: "view"), Hint(.help, text: "help"),
    ]

    public func statusHints(in c: Console) -> [(key: String, text: String)] {
        KeyMap.resolve(state.drill == nil ? hints : drillHints, in: [bindings, KeyMap.global], readOnly: c.readOnly)
    }

    /// Lines above the list: the view line, the summary line, the column titles.
    static let headerRows = 3

    /// Rows of the table (or the drill-down) that fit between the header and the status line.
    func visibleRows(_ c: Console) -> Int { max(1, c.height - 2 - FrameworksController.headerRows) }

    /// Forgets what was read (after `r`, a write, or a new day); the screen, if shown, reads again.
    func invalidate(_ c: Console) {
        state.soa = nil
        state.nist = nil
        state.aiAct = nil
        if c.stack.contains(.frameworks) { load(c) }
    }

    /// Reads the view shown, if not read yet, and rebuilds its rows; an open drill-down is read again.
    func load(_ c: Console) {
        do {
            switch state.view {
            case .soa where state.soa == nil:
                var overrides: [SoAOverride] = []
                var file: String?
                do {
                    (overrides, file) = try c.workspace.soaOverrides()
                } catch {
                    // The registry's draft is still shown; the status line says why soa.yaml was not used.
                    c.fail("soa.yaml not used: " + Console.describe(error))
                }
                state.soa = try c.workspace.statementOfApplicability(overrides: overrides, file: file)
            case .nist where state.nist == nil: state.nist = try c.workspace.frameworkView(.nistAIRMF)
            case .aiAct where state.aiAct == nil: state.aiAct = try c.workspace.frameworkView(.euAIAct)
            default: break
            }
        } catch {
            c.show(error)
        }
        state.rows = FrameworksController.rows(state)
        state.cursor = min(state.cursor, max(0, state.rows.count - 1))
        let rows = state.rows
        FrameworksController.settle(.down, cursor: &state.cursor, count: rows.count) { rows[$0].entry != nil }
        ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
        if let d = state.drill { drill(d.item, keeping: d, in: c) }
    }

    /// The rows of the view shown: the SoA's controls (those no rule maps to last, under their
    /// heading), the NIST subcategories under their function and category, the AI Act's
    /// articles under their chapter.
    static func rows(_ s: FrameworksState) -> [FrameworksRow] {
        switch s.view {
        case .soa:
            guard let soa = s.soa else { return [] }
            var out = soa.registryRows.map { FrameworksRow.entry($0.control, $0.tally, soa: $0) }
            let outside = soa.outsideRows
            if !outside.isEmpty {
                out.append(.heading("Outside the registry: record elsewhere (\(outside.count))", level: 0))
                out += outside.map { FrameworksRow.entry($0.control, $0.tally, soa: $0) }
            }
            return out
        case .nist:
            guard let v = s.nist else { return [] }
            let byCategory = Dictionary(grouping: v.rows, by: { $0.item.group })
            var out: [FrameworksRow] = []
            for function in NISTAIRMF.functions {
                out.append(.heading("\(function.id)  \(function.title)", level: 0))
                for category in NISTAIRMF.categories where category.parent == function.id {
                    out.append(.heading("\(category.id)  \(category.title)", level: 1))
                    out += (byCategory[category.id] ?? []).map { FrameworksRow.entry($0.item, $0.row, soa: nil) }
                }
            }
            return out
        case .aiAct:
            guard let v = s.aiAct else { return [] }
            let byChapter = Dictionary(grouping: v.rows, by: { $0.item.group })
            var out: [FrameworksRow] = []
            for chapter in AIActArticles.chapters {
                guard let items = byChapter[chapter.id], !items.isEmpty else { continue }
                out.append(.heading(chapter.id == "Annexes" ? chapter.title : "\(chapter.id)  \(chapter.title)", level: 0))
                out += items.map { FrameworksRow.entry($0.item, $0.row, soa: nil) }
            }
            return out
        }
    }

    /// After a move, steps past headings (a NIST function and its first category are two in a
    /// row) in the direction of travel, or back the other way at the end of the list, so the
    /// cursor rests on a row that can be opened when there is one.
    static func settle(_ action: Action, cursor: inout Int, count: Int, isItem: (Int) -> Bool) {
        guard count > 0, !isItem(cursor) else { return }
        let step = action == .up || action == .pageUp ? -1 : 1
        for direction in [step, -step] {
            var i = cursor
            while (0..<count).contains(i) {
                if isItem(i) {
                    cursor = i
                    return
                }
                i += direction
            }
        }
    }

    public func resized(_ c: Console) {
        ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
        if var d = state.drill {
            ListCursor.keepVisible(cursor: d.cursor, top: &d.top, rows: visibleRows(c))
            state.drill = d
        }
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        if var d = state.drill {
            if ListCursor.move(action, cursor: &d.cursor, count: d.rows.count, page: visibleRows(c)) {
                let rows = d.rows
                FrameworksController.settle(action, cursor: &d.cursor, count: rows.count) { rows[$0].system != nil }
                ListCursor.keepVisible(cursor: d.cursor, top: &d.top, rows: visibleRows(c))
                state.drill = d
                return .redraw
            }
            switch action {
            case .back:
                state.drill = nil
                return .redraw
            case .open:
                guard let id = d.selectedSystem else { return Effect.none }
                let tab: SystemTab = if case .finding = d.rows[d.cursor] { .findings } else { .overview }
                c.systemController.open(id, tab: tab, in: c)
                return .redraw
            case .nextTab, .prevTab:
                state.drill = nil
            default: return nil
            }
        }
        if ListCursor.move(action, cursor: &state.cursor, count: state.rows.count, page: visibleRows(c)) {
            let rows = state.rows
            FrameworksController.settle(action, cursor: &state.cursor, count: rows.count) { rows[$0].entry != nil }
            ListCursor.keepVisible(cursor: state.cursor, top: &state.top, rows: visibleRows(c))
            return .redraw
        }
        switch action {
        case .nextTab, .prevTab:
            show(state.view.step(action == .nextTab ? 1 : -1), in: c)
        case .open:
            guard let e = state.selected else { return Effect.none }
            drill(e.item, in: c)
        default: return nil
        }
        return .redraw
    }

    /// Shows another view, each keeping its own cursor.
    func show(_ view: FrameworksViewKind, in c: Console) {
        state.positions[state.view] = (state.cursor, state.top)
        state.view = view
        (state.cursor, state.top) = state.positions[view] ?? (0, 0)
        state.drill = nil
        load(c)
    }

    /// Opens the drill-down of `item`: the workspace's tally of the view's framework over the
    /// active systems, with the findings kept. `keeping` is a drill-down being read again,
    /// whose cursor stays.
    func drill(_ item: FrameworkItem, keeping old: FrameworksDrill? = nil, in c: Console) {
        let framework = state.view.framework
        do {
            let tally = try c.workspace.frameworkTally(framework, activeOnly: true, keepFindings: true)
            let row = tally.ordered.first { $0.item.id == item.id }?.row ?? FrameworkRowTally()
            let soa = state.view == .soa ? state.soa?.rows.first { $0.control.id == item.id } : nil
            var d = FrameworksDrill(framework: framework, item: item, tally: row, soa: soa, rows: FrameworksDrill.rows(row, findings: tally.findings(of: row)))
            d.cursor = min(old?.cursor ?? 0, max(0, d.rows.count - 1))
            d.top = old?.top ?? 0
            let rows = d.rows
            FrameworksController.settle(.down, cursor: &d.cursor, count: rows.count) { rows[$0].system != nil }
            ListCursor.keepVisible(cursor: d.cursor, top: &d.top, rows: visibleRows(c))
            state.drill = d
        } catch {
            state.drill = nil
            c.show(error)
        }
    }
}
