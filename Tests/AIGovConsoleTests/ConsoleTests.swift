import AIGovApp
import AIGovConsole
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation
import Testing

@Suite struct ScreenBufferTests {
    @Test func wideCharactersTakeTwoColumnsAndNeverSplit() {
        var b = ScreenBuffer(width: 10, height: 1)
        let end = b.put("a翻訳b", row: 0, col: 0)
        #expect(end == 6)
        #expect(b[0, 1].width == 2)
        #expect(b[0, 2].width == 0)
        #expect(b.line(0) == "a翻訳b")
        // A wide character that would straddle the edge leaves a blank instead.
        var c = ScreenBuffer(width: 4, height: 1)
        c.put("abc翻", row: 0, col: 0)
        #expect(c.line(0) == "abc")
        // Overwriting half of a wide character blanks the other half.
        b.put("x", row: 0, col: 2)
        #expect(b.line(0) == "a x訳b")
    }

    @Test func escapeSequencesAreShownNotSent() {
        var b = ScreenBuffer(width: 20, height: 1)
        b.put("a\u{1B}[31mred\u{7}", row: 0, col: 0)
        #expect(!b.text.contains("\u{1B}"))
        #expect(b.line(0) == "a␛[31mred�")
    }

    @Test func combiningMarksJoinTheirBase() {
        var b = ScreenBuffer(width: 5, height: 1)
        b.put("e\u{301}x", row: 0, col: 0)
        #expect(b.line(0) == "e\u{301}x")
        #expect(TextWidth.of("e\u{301}x") == 2)
    }

    @Test(arguments: [("hello", 3, "he…"), ("翻訳翻訳", 5, "翻訳…"), ("ok", 5, "ok")])
    func truncation(input: String, width: Int, expected: String) {
        #expect(TextWidth.truncate(input, to: width) == expected)
    }
}

@Suite struct CommandAndFilterTests {
    @Test(arguments: [
        ("q", ConsoleCommand.quit), ("quit", .quit), ("check", .check), ("system loan-scoring", .system("loan-scoring")),
        ("findings", .findings), ("dashboard", .dashboard), ("registry", .registry), ("help", .help),
    ])
    func parsesCommands(line: String, expected: ConsoleCommand) {
        #expect(ConsoleCommand.parse(line) == expected)
    }

    @Test func unknownAndUnavailableCommandsSaySo() {
        guard case .unavailable = ConsoleCommand.parse("export") else { Issue.record("export"); return }
        guard case .invalid = ConsoleCommand.parse("frobnicate") else { Issue.record("frobnicate"); return }
        guard case .invalid = ConsoleCommand.parse("system") else { Issue.record("system without id"); return }
    }

    @Test func filterReadsKeysAndFreeText() throws {
        let q = try FilterParser.parse("tier:high,limited status:production owner:x loan score").get()
        #expect(q.filter.tiers == [.high, .limited])
        #expect(q.filter.statuses == [.production])
        #expect(q.filter.owners == ["x"])
        #expect(q.text == "loan score")
        #expect(throws: FilterError.self) { try FilterParser.parse("tier:huge").get() }
        #expect(throws: FilterError.self) { try FilterParser.parse("colour:red").get() }
    }

    @Test func lineEditorEdits() {
        var e = LineEditor("abc")
        _ = e.handle(.left)
        _ = e.handle(.char("X"))
        #expect(e.text == "abXc")
        _ = e.handle(.backspace)
        _ = e.handle(.ctrl("u"))
        #expect(e.text == "")
    }

    @Test func keysResolveScreenBindingsBeforeGlobalOnes() throws {
        let f = try Fixture()
        let c = f.console()
        let registry = [c.registryController.bindings, KeyMap.global]
        #expect(KeyMap.binding(for: .char("j"), in: registry)?.action == .down)
        #expect(KeyMap.binding(for: .char("s"), in: registry)?.action == .sort)
        #expect(KeyMap.binding(for: .char("s"), in: [c.formController.bindings, KeyMap.global])?.action == .save)
    }
}

@Suite struct SnapshotTests {
    @Test func dashboard() throws {
        let f = try Fixture()
        let c = f.console()
        assertSnapshot(c.render(), named: "dashboard")
    }

    @Test func registry() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2")
        assertSnapshot(c.render(), named: "registry")
    }

    @Test func systemTabs() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system loan-scoring<Enter>")
        assertSnapshot(c.render(), named: "system-overview")
        c.play("<Tab>")
        assertSnapshot(c.render(), named: "system-models")
        c.play("<Tab><Tab><Tab><Tab><Tab>")
        #expect(c.systemController.state?.tab == .findings)
        assertSnapshot(c.render(), named: "system-findings")
    }

    @Test func findingsAndHelpAndForm() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("3")
        assertSnapshot(c.render(), named: "findings")
        c.play("?")
        assertSnapshot(c.render(), named: "help")
        c.play("<Esc>2e")
        assertSnapshot(c.render(), named: "edit-form")
    }

    @Test func tooSmallTerminalSaysSo() throws {
        let f = try Fixture()
        let c = f.console(width: 60, height: 20)
        #expect(c.screenText.contains("at least 80×24"))
    }
}

@Suite struct NavigationTests {
    @Test func movesPagesAndOpens() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2")
        #expect(c.screen == .registry)
        #expect(c.registryController.state.total == 4)
        c.play("G")
        #expect(c.registryController.state.cursor == 3)
        c.play("g")
        #expect(c.registryController.state.cursor == 0)
        c.play("jj")
        #expect(c.registryController.state.selected?.stored.system.id == "support-chatbot")
        c.play("<Enter>")
        #expect(c.screen == .system)
        #expect(c.systemController.state?.stored.system.id == "support-chatbot")
        c.play("<Tab>")
        #expect(c.systemController.state?.tab == .models)
        c.play("<S-Tab><S-Tab>")
        #expect(c.systemController.state?.tab == .history)
        c.play("q")
        #expect(c.screen == .registry)
        c.play("q")
        #expect(c.screen == .dashboard)
        #expect(c.play("q") == .quit)
    }

    @Test func filterNarrowsTheTableFromSQL() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2/tier:high<Enter>")
        #expect(c.registryController.state.total == 1)
        #expect(c.registryController.state.selected?.stored.system.id == "loan-scoring")
        #expect(c.screenText.contains("filter: tier:high"))
        c.play("/<C-u>chatbot<Enter>")
        #expect(c.registryController.state.total == 1)
        #expect(c.registryController.state.selected?.stored.system.id == "support-chatbot")
        c.play("/<C-u>tier:bogus<Enter>")
        #expect(c.message?.isError == true)
        #expect(c.registryController.state.total == 1, "a bad filter keeps the last good one")
        c.play("/<C-u><Enter>s")
        #expect(c.registryController.state.query.sort == .name)
        #expect(c.registryController.state.selected?.stored.system.id == "support-chatbot", "the selection survives a re-sort")
        c.play("Sg")
        #expect(c.registryController.state.query.descending)
        #expect(c.registryController.state.selected?.stored.system.name.hasPrefix("Übersetzungshilfe") == true)
    }

    @Test func pagesFromSQLOverALargeRegistry() throws {
        var many: [AISystem] = []
        for i in 0..<500 {
            var s = AISystem(id: String(format: "sys-%04d", i), name: "System \(i)", owner: "team-\(i % 7)", status: .production)
            var e = EUAIAct()
            e.tier = i % 3 == 0 ? .high : .minimal
            s.euAiAct = e
            many.append(s)
        }
        let f = try Fixture(systems: many)
        let c = f.console()
        c.play("2")
        #expect(c.registryController.state.total == 504)
        #expect(c.registryController.state.page.count <= 3 * 20, "only a window of rows is loaded")
        c.play("G")
        #expect(c.registryController.state.selected?.stored.system.id == "translation-help")
        c.play("<PgUp>")
        #expect(c.registryController.state.cursor == 503 - 20)
        c.play("/tier:high owner:team-3<Enter>")
        let expected = (0..<500).filter { $0 % 3 == 0 && $0 % 7 == 3 }.count
        #expect(c.registryController.state.total == expected)
    }

    @Test func commandLine() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system support-chatbot<Enter>")
        #expect(c.screen == .system)
        c.play(":findings<Enter>")
        #expect(c.screen == .findings)
        c.play(":export<Enter>")
        #expect(c.message?.text.contains("aigov export pack") == true)
        c.play(":system nope<Enter>")
        #expect(c.message?.isError == true)
        c.play(":registry<Enter>")
        #expect(c.screen == .registry)
        #expect(c.play(":q<Enter>") == .quit)
    }

    @Test func refreshesWhenAnotherProcessWrites() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2")
        #expect(!c.pollForChanges())
        // A second connection stands in for a script run while the console is open.
        let other = try Registry.open(path: f.path, create: false)
        _ = try other.apply(systems: [AISystem(id: "new-system", name: "New", owner: "x", status: .pilot)], actor: "script")
        #expect(c.pollForChanges())
        #expect(c.registryController.state.total == 5)
    }

    @Test func loopRunsOnATestTerminalAndHandlesResize() throws {
        let f = try Fixture()
        let c = f.console()
        let t = TestTerminal(width: 80, height: 24, keys: keys("2j"))
        t.keys.append(.resize)
        ConsoleLoop.run(c, on: t, clock: ManualClock(), maxIterations: 5)
        t.size = (100, 30)
        t.keys = keys("<Enter>Q")
        ConsoleLoop.run(c, on: t, clock: ManualClock(), maxIterations: 100)
        #expect(t.frames.last?.width == 100)
        #expect(c.screen == .system)
        #expect(t.screen.contains("Retired demand forecast"))
    }
}

@Suite struct EditTests {
    @Test func editValidatesInPlaceAndSavesThroughTheServiceLayer() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system loan-scoring<Enter>e")
        #expect(c.screen == .edit)
        #expect(c.formController.form?.baseVersion == 1)
        // contact is the fourth field after name, purpose, owner.
        c.play("jjj<Enter><C-u>risk-team@example.com<Enter>")
        #expect(c.formController.form?.edits == ["contact=risk-team@example.com"])
        // review.interval_days must be a positive integer: refused, kept, and shown in place.
        let intervalRow = try #require(c.formController.form?.rows.firstIndex(of: .field(path: "review.interval_days")))
        c.moveFormCursor(to: intervalRow)
        c.play("<Enter><C-u>soon<Enter>")
        #expect(c.formController.form?.refused["review.interval_days"]?.value == "soon")
        #expect(c.screenText.contains("soon"))
        c.play("s")
        #expect(c.message?.isError == true, "saving with a refused value is refused")
        c.play("<Enter><C-u>180<Enter>")
        #expect(c.formController.form?.refused.isEmpty == true)
        // A list entry's field by its dotted path.
        let versionRow = try #require(c.formController.form?.rows.firstIndex(of: .field(path: "models[0].version")))
        c.moveFormCursor(to: versionRow)
        c.play("<Enter><C-u>3.3.0<Enter>")
        c.play("s")
        #expect(c.screen == .system)
        let saved = try #require(try f.registry.system(id: "loan-scoring"))
        #expect(saved.rowVersion == 2)
        #expect(saved.system.contact == "risk-team@example.com")
        #expect(saved.system.review?.intervalDays == 180)
        #expect(saved.system.models.first?.version == "3.3.0")
        #expect(try f.registry.history(entityId: "loan-scoring").first?.actor == "tester")
    }

    @Test func addAndRemoveListEntries() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system support-chatbot<Enter>e")
        let addRow = try #require(c.formController.form?.rows.firstIndex(of: .add(list: "oversight")))
        c.moveFormCursor(to: addRow)
        c.play("a<C-u>{type: human-on-the-loop, mechanism: Agent takes over}<Enter>")
        #expect(c.formController.form?.working.oversight.count == 1)
        let entryRow = try #require(c.formController.form?.rows.firstIndex(of: .entry(list: "models", index: 0)))
        c.moveFormCursor(to: entryRow)
        c.play("d")
        #expect(c.formController.form?.working.models.isEmpty == true)
        c.play("s")
        let saved = try #require(try f.registry.system(id: "support-chatbot"))
        #expect(saved.system.oversight.first?.mechanism == "Agent takes over")
        #expect(saved.system.models.isEmpty)
    }

    @Test func conflictRefusesWithoutLosingEditsAndOffersReload() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system loan-scoring<Enter>ejjj<Enter><C-u>mine@example.com<Enter>")
        // Someone else saves meanwhile.
        let other = try Registry.open(path: f.path, create: false)
        _ = try other.update(id: "loan-scoring", actor: "script") { s in
            var s = s
            s.owner = "credit-risk-2"
            return s
        }
        c.play("s")
        #expect(c.screen == .edit)
        #expect(c.formController.form?.conflictVersion == 2)
        #expect(c.formController.form?.edits == ["contact=mine@example.com"])
        #expect(c.message?.sticky == true)
        #expect(try f.registry.system(id: "loan-scoring")?.system.contact == "credit-ai@example.com")
        c.play("R")
        #expect(c.formController.form?.baseVersion == 2)
        #expect(c.formController.form?.working.owner == "credit-risk-2")
        #expect(c.formController.form?.working.contact == "mine@example.com")
        c.play("s")
        let saved = try #require(try f.registry.system(id: "loan-scoring"))
        #expect(saved.rowVersion == 3)
        #expect(saved.system.owner == "credit-risk-2")
        #expect(saved.system.contact == "mine@example.com")
    }

    @Test func escapeAsksBeforeDiscardingEdits() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2e<Enter><C-u>Renamed<Enter><Esc>")
        #expect(c.screen == .edit, "the first Esc only warns")
        c.play("<Esc>")
        #expect(c.screen == .registry)
        #expect(try f.registry.system(id: "loan-scoring")?.rowVersion == 1)
    }

    @Test func readOnlyRefusesEveryWrite() throws {
        let f = try Fixture()
        let c = f.console(readOnly: true)
        c.play("2e")
        #expect(c.screen == .registry)
        #expect(c.message?.text.contains("read-only") == true)
        c.play("3jw")
        #expect(c.overlay?.waive == nil)
        #expect(c.screenText.contains("read-only"))
    }
}

@Suite struct FindingsTests {
    @Test func groupsAndWaives() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("3")
        #expect(c.screen == .findings)
        let open = c.scan?.summary.open ?? 0
        #expect(open > 0)
        guard case .finding(let first)? = c.findingsController.state.rows.first(where: { if case .finding = $0 { true } else { false } }) else {
            Issue.record("no finding rows")
            return
        }
        c.play("<Tab>")
        #expect(c.findingsController.state.grouping == .severity)
        c.play("<Tab>")
        #expect(c.findingsController.state.grouping == .system)
        c.play("<Tab>")
        #expect(c.findingsController.state.grouping == .rule)
        c.play("w")
        #expect(c.overlay?.waive?.rule == first.rule)
        #expect(c.overlay?.waive?.approvedBy == "", "the approver is never pre-filled with the person typing")
        c.play("s")
        #expect(c.overlay?.waive?.problem?.contains("reason") == true, "an empty reason is refused")
        #expect(c.overlay?.waive?.problem?.contains("approved_by: must not be empty") == true, "an empty approver is refused")
        c.play("<Enter>Vendor fix due in Q1<Enter>j<Enter>Head of credit risk<Enter>j<Enter><C-u>2020-01-01<Enter>s")
        #expect(c.overlay?.waive?.problem?.contains("past") == true)
        c.play("<Enter><C-u>2027-01-31<Enter>s")
        #expect(c.overlay?.waive == nil)
        let w = try f.registry.waivers(system: first.system)
        #expect(w.contains { $0.waiver.rule == first.rule && $0.waiver.approvedBy == "Head of credit risk" })
        #expect((c.scan?.summary.open ?? 0) < open)
    }

    @Test func openFromFindingsShowsTheSystemsFindingsTab() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("3<Enter>")
        #expect(c.screen == .system)
        #expect(c.systemController.state?.tab == .findings)
    }
}

@Suite struct VendorExposureConsoleTests {
    @Test func dashboardShowsVendorExposureAndWhatIfAnswers() throws {
        let f = try Fixture()
        let c = f.console()
        c.finishBackgroundWork()
        let screen = c.render()
        #expect(screen.text.contains("Vendor exposure"))
        _ = c.run(.whatIf("BigLab"))
        // The console shows the application layer's answer, word for word.
        let report = try c.workspace.whatIf(ExitScenario(providers: ["BigLab"], today: testToday))
        #expect(c.message?.text == TextTable.sanitize(report.headline))
        #expect(c.message?.text.hasPrefix("what if \"BigLab\" disappeared:") == true)
        #expect(ConsoleCommand.parse("whatif BigLab AI") == .whatIf("BigLab AI"))
        #expect(ConsoleCommand.parse("whatif") == .invalid("usage: :whatif VENDOR NAME"))
    }
}
