@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// The Frameworks screen (key 5, #24) on the demo registry, day pinned: the ISO/IEC 42001 SoA,
/// the NIST AI RMF by function and category, the AI Act by article, and the drill-down behind a
/// row, at 80×24 and 200×50. Every number is the workspace's, as `aigov soa` prints it.
@Suite struct FrameworksScreenTests {
    /// A registry file in a temporary folder holding the demo registry (systems, waivers, incidents).
    final class Demo {
        let dir: String
        let registry: Registry

        init() throws {
            dir = NSTemporaryDirectory() + "aigov-console-fw-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            registry = try Registry.open(path: dir + "/registry.db", create: true)
            let input = DemoRegistry.input()
            try #require(input.problems.isEmpty)
            _ = try registry.apply(systems: input.systems.map(\.system), waivers: input.waivers.map(\.waiver),
                                   incidents: input.incidents.map(\.incident), actor: "fixture")
        }

        func console(width: Int = 80, height: Int = 24, readOnly: Bool = false) -> Console {
            let c = Console(registry: registry, actor: "tester", readOnly: readOnly, title: "demo", today: testToday,
                            width: width, height: height)
            c.start()
            c.finishBackgroundWork()
            return c
        }

        deinit { try? FileManager.default.removeItem(atPath: dir) }
    }

    /// Every line of the screen fits the terminal's width.
    static func expectFits(_ b: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for row in 0..<b.height {
            #expect(TextWidth.of(b.line(row)) <= b.width, "row \(row) too long: \(b.line(row))", sourceLocation: sourceLocation)
        }
    }

    /// Every row of every view, laid out for the console's width, fits it without the screen
    /// having to clip it (long texts end in `…`).
    static func expectRowsFit(_ c: Console, sourceLocation: SourceLocation = #_sourceLocation) {
        for view in FrameworksViewKind.allCases {
            c.frameworksController.show(view, in: c)
            let cols = FrameworksView.columns(view, width: c.width)
            #expect(TextWidth.of(FrameworksView.format(cols.map(\.title), cols)) <= c.width, sourceLocation: sourceLocation)
            for row in c.frameworksController.state.rows {
                guard let e = row.entry else { continue }
                let line = FrameworksView.format(FrameworksView.cells(view, item: e.item, tally: e.tally, soa: e.soa, width: c.width), cols)
                #expect(TextWidth.of(line) <= c.width, "\(view) \(e.item.id): \(line)", sourceLocation: sourceLocation)
            }
        }
        c.frameworksController.show(.soa, in: c)
    }

    /// Moves the cursor onto the entry `id` of the view shown.
    static func select(_ id: String, in c: Console, sourceLocation: SourceLocation = #_sourceLocation) {
        c.play("g")
        for _ in 0..<200 {
            if c.frameworksController.state.selected?.item.id == id { return }
            c.play("j")
        }
        Issue.record("\(id) never selected", sourceLocation: sourceLocation)
    }

    @Test func keyFiveShowsTheStatementOfApplicability() throws {
        let demo = try Demo()
        let c = demo.console()
        c.play("5")
        #expect(c.screen == .frameworks)
        let b = c.render()
        Self.expectFits(b)
        #expect(b.line(0).contains("5 Frameworks"), "\(b.text)")
        Self.expectRowsFit(c)
        #expect(b.line(1).contains("ISO/IEC 42001 SoA") && b.line(1).contains("NIST AI RMF") && b.line(1).contains("AI Act"))
        #expect(b.line(2).contains("38 controls over"), "\(b.text)")
        #expect(b.line(3).contains("CONTROL") && b.line(3).contains("STATUS"))
        // The rows are the workspace's SoA, in its order.
        let soa = try c.workspace.statementOfApplicability()
        let first = try #require(soa.registryRows.first)
        #expect(b.line(4).contains(first.control.id) && b.line(4).contains(first.status.rawValue), "\(b.text)")
        #expect(c.frameworksController.state.rows.compactMap(\.entry).map(\.item.id) == soa.rows.map(\.control.id))

        // A.7.5, data provenance: partially implemented, as `aigov soa` says.
        Self.select("A.7.5", in: c)
        let a75 = try #require(soa.rows.first { $0.control.id == "A.7.5" })
        #expect(a75.status == .partiallyImplemented)
        let line = try #require(c.render().text.split(separator: "\n").first { $0.contains("A.7.5") })
        #expect(line.contains("Data provenance") && line.contains("partially implemented") && line.contains(a75.tally.coverageText),
                "\(line)")

        // The controls no rule maps to come last, under their heading: A.2.2, the AI policy.
        c.play("G")
        let bottom = c.render().text
        #expect(bottom.contains("Outside the registry: record elsewhere"), "\(bottom)")
        Self.select("A.2.2", in: c)
        let text = c.render().text
        let a22 = try #require(text.split(separator: "\n").first { $0.contains("A.2.2") })
        #expect(a22.contains("AI policy") && a22.contains("outside the registry"), "\(text)")
        let rows = c.frameworksController.state.rows
        let heading = try #require(rows.firstIndex { if case .heading = $0 { true } else { false } })
        let a22Index = try #require(rows.firstIndex { $0.entry?.item.id == "A.2.2" })
        #expect(heading < a22Index)
        #expect(rows[..<heading].allSatisfy { $0.entry?.soa?.inRegistry == true })
    }

    @Test func tabSwitchesToTheNISTAndAIActViews() throws {
        let demo = try Demo()
        let c = demo.console()
        c.play("5<Tab>")
        #expect(c.frameworksController.state.view == .nist)
        let b = c.render()
        Self.expectFits(b)
        #expect(b.line(3).contains("SUBCATEGORY"), "\(b.text)")
        #expect(b.text.contains("GOVERN  Govern") && b.text.contains("GOVERN 1  Policies"), "\(b.text)")
        // The cursor rests on a subcategory, never on a heading.
        #expect(c.frameworksController.state.selected?.item.id == "GOVERN 1.1")
        let headings = c.frameworksController.state.rows.compactMap { row -> String? in
            if case let .heading(t, 0) = row { t } else { nil }
        }
        #expect(headings == ["GOVERN  Govern", "MAP  Map", "MEASURE  Measure", "MANAGE  Manage"])
        // Every subcategory is listed once, with the workspace's tally.
        let view = try c.workspace.frameworkView(.nistAIRMF)
        let entries = c.frameworksController.state.rows.compactMap(\.entry)
        #expect(entries.map(\.item.id) == view.rows.map(\.item.id))
        #expect(entries.map(\.tally.coverageText) == view.rows.map(\.row.coverageText))
        // The headings of MAP, MEASURE and MANAGE come on screen as the cursor goes down.
        var seen = Set<String>()
        for _ in 0..<80 {
            let t = c.render().text
            for h in ["MAP  Map", "MEASURE  Measure", "MANAGE  Manage"] where t.contains(h) { seen.insert(h) }
            c.play("<PgDn>")
        }
        #expect(seen.count == 3)

        c.play("<Tab>")
        #expect(c.frameworksController.state.view == .aiAct)
        let act = c.render()
        Self.expectFits(act)
        #expect(act.line(3).contains("ARTICLE"))
        #expect(act.text.contains("Chapter III  High-risk AI systems"), "\(act.text)")
        Self.select("Art. 10", in: c)
        let art10 = try #require(c.render().text.split(separator: "\n").first { $0.contains("Art. 10") })
        #expect(art10.contains("Data and data governance"), "\(art10)")

        // Back to the SoA; each view kept its own cursor.
        c.play("<Tab>")
        #expect(c.frameworksController.state.view == .soa)
        c.play("<S-Tab>")
        #expect(c.frameworksController.state.selected?.item.id == "Art. 10")
    }

    @Test func enterDrillsIntoTheSystemsAndFindingsAndEscReturns() throws {
        let demo = try Demo()
        let c = demo.console()
        c.play("5")
        Self.select("A.7.5", in: c)
        let cursor = c.frameworksController.state.cursor
        c.play("<Enter>")
        let drill = try #require(c.frameworksController.state.drill)
        #expect(drill.item.id == "A.7.5")
        // Not passing: the two systems whose datasets lack a source or licence, with their DAT-002 findings.
        let failing = drill.rows.compactMap { row -> String? in
            if case let .system(id, false) = row { id } else { nil }
        }
        #expect(Set(failing) == ["cv-screening", "seller-listing-writer"], "\(drill.rows)")
        let findings = drill.rows.compactMap { row -> Finding? in
            if case let .finding(f) = row { f } else { nil }
        }
        #expect(findings.contains { $0.system == "cv-screening" && $0.rule == "DAT-002" && $0.status == .open })
        #expect(findings.contains { $0.system == "seller-listing-writer" && $0.rule == "DAT-002" && $0.status == .open })
        // The same tally `aigov soa` counts.
        let soa = try c.workspace.statementOfApplicability()
        let row = try #require(soa.rows.first { $0.control.id == "A.7.5" })
        #expect(Set(drill.tally.failing) == Set(row.tally.failing) && drill.tally.covered.count == row.tally.covered.count)

        let b = c.render()
        Self.expectFits(b)
        let text = b.text
        #expect(b.line(2).contains("A.7.5") && b.line(2).contains("Data provenance") && b.line(2).contains("partially implemented"),
                "\(text)")
        #expect(text.contains("Not passing (2)") && text.contains("Passing ("), "\(text)")
        #expect(text.contains("cv-screening") && text.contains("seller-listing-writer"))
        #expect(text.contains("DAT-002"), "\(text)")
        // The cursor starts on the first system; the status bar says how to go back.
        #expect(drill.selectedSystem == failing.first)
        #expect(b.line(b.height - 1).contains("Esc table"), "\(b.line(b.height - 1))")

        // Enter on a system opens it; q comes back to the drill-down, Esc to the table.
        c.play("<Enter>")
        #expect(c.screen == .system)
        #expect(c.systemController.state?.stored.system.id == failing.first)
        c.play("q")
        #expect(c.screen == .frameworks && c.frameworksController.state.drill != nil)
        c.play("<Esc>")
        #expect(c.frameworksController.state.drill == nil)
        #expect(c.screen == .frameworks)
        #expect(c.frameworksController.state.cursor == cursor)
        #expect(c.frameworksController.state.selected?.item.id == "A.7.5")
        // Esc on the table goes back to the dashboard.
        c.play("<Esc>")
        #expect(c.screen == .dashboard)
    }

    @Test func theScreenUsesTheRoomOfALargeTerminal() throws {
        let demo = try Demo()
        let c = demo.console(width: 200, height: 50)
        c.play("5")
        let b = c.render()
        Self.expectFits(b)
        // The wide columns: the full applicability, the evidence and where the status comes from.
        #expect(b.line(3).contains("APPLICABLE") && b.line(3).contains("EVIDENCE") && b.line(3).contains("SOURCE"), "\(b.text)")
        Self.expectRowsFit(c)
        // 45 rows of controls between the header and the status line.
        #expect(c.frameworksController.visibleRows(c) == 45)
        #expect(b.text.contains("A.7.5") && b.text.contains("Data provenance"), "\(b.text)")
        c.play("<Tab>")
        let nist = c.render()
        Self.expectFits(nist)
        #expect(nist.line(3).contains("RULES") && nist.line(3).contains("NOT PASSING"))
        c.play("<Tab>")
        Self.select("Art. 10", in: c)
        c.play("<Enter>")
        let drill = c.render()
        Self.expectFits(drill)
        #expect(drill.line(2).contains("Art. 10"), "\(drill.text)")
        #expect(drill.text.contains("Findings of the mapped rules"), "\(drill.text)")
    }

    /// A read-only console shows the screen and its drill-down: nothing on it writes.
    @Test func theScreenIsReadOnly() throws {
        let demo = try Demo()
        let c = demo.console(readOnly: true)
        c.play("5")
        #expect(c.frameworksController.bindings.allSatisfy { !$0.writes })
        Self.select("A.7.5", in: c)
        c.play("<Enter>")
        #expect(c.frameworksController.state.drill != nil)
        #expect(c.message?.isError != true, "\(c.message?.text ?? "")")
    }

    /// A control written by hand in soa.yaml shows the hand-written status, marked.
    @Test func aHandWrittenStatusWins() throws {
        let demo = try Demo()
        let yaml = """
            controls:
              A.10.4:
                status: not applicable
                justification: no customers of AI systems
            """
        try yaml.write(toFile: demo.dir + "/soa.yaml", atomically: true, encoding: .utf8)
        let c = demo.console(width: 200, height: 50)
        c.play("5")
        Self.select("A.10.4", in: c)
        let line = try #require(c.render().text.split(separator: "\n").first { $0.contains("A.10.4") })
        #expect(line.contains("not applicable *") && line.contains("soa.yaml"), "\(line)")
        c.play("<Enter>")
        #expect(c.render().text.contains("no customers of AI systems"))
    }

    /// Text from the registry is sanitised: an escape sequence in a finding never reaches the terminal.
    @Test func drillDownLinesAreSanitised() {
        let f = Finding(rule: "DAT-002", system: "evil\u{1B}[31m", severity: .medium, path: "datasets[0]",
                        message: "bad\u{1B}]0;x\u{07}\nline", reference: "ISO/IEC 42001 A.7.5", remediation: "")
        let (text, _) = FrameworksView.drillLine(.finding(f))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}") && !text.contains("\n"), "\(text)")
    }
}
