@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovStore
import Foundation
import Testing

/// The fixture with a scripted history after the first apply: a system renamed, another deleted.
///
/// Without the fixture's escape sequence: a record holding one cannot be read back from its
/// audit entry, so no point after it can be rebuilt (`anUnreadableEntryIsAnError`).
struct ScriptedHistory {
    let fixture: Fixture
    /// The audit entry just before the rename (the fixture's apply).
    let beforeRename: Int64
    /// The rename's entry, and the deletion's (the last).
    let rename: Int64
    let deletion: Int64

    static let oldName = "Customer support chatbot"
    static let newName = "Helpdesk bot"
    /// The old name as the registry table's NAME column shows it (cut with an ellipsis).
    static let oldNameShown = String(oldName.prefix(14))

    init() throws {
        fixture = try Fixture(yaml: fixtureYAML.replacingOccurrences(of: "{ESC}[31mred", with: "red"))
        let r = fixture.registry
        beforeRename = try #require(try r.history(limit: 1).first?.seq)
        _ = try r.update(id: "support-chatbot", actor: "alice") { s in
            var s = s
            s.name = ScriptedHistory.newName
            return s
        }
        rename = try #require(try r.history(limit: 1).first?.seq)
        _ = try r.delete(id: "old-forecast", actor: "bob")
        deletion = try #require(try r.history(limit: 1).first?.seq)
    }

    /// Changes audit entry `seq` behind aigov's back, as a hand edit of the file would.
    func tamper(_ seq: Int64) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", fixture.path, "UPDATE audit_log SET actor = 'mallory' WHERE seq = \(seq)"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}

extension Console {
    /// Every row of the screen but the status line.
    var screenAboveStatus: String { (0..<(height - 1)).map(render().line).joined(separator: "\n") }
}

@Suite struct AsOfTests {
    @Test func browsesThePastReadOnlyAndReturns() throws {
        let h = try ScriptedHistory()
        let c = h.fixture.console()
        c.play("2")
        #expect(c.screenText.contains(ScriptedHistory.newName))
        #expect(!c.screenText.contains("old-forecast"))

        c.play(":asof \(h.beforeRename)<Enter>")
        #expect(c.past?.seq == h.beforeRename)
        #expect(c.readOnly)
        #expect(c.screen == .registry)
        let title = c.render().line(0)
        #expect(title.contains("AS OF"), "\(title)")
        #expect(title.contains("(entry \(h.beforeRename)) — read-only; :asof now returns"), "\(title)")
        #expect(c.screenText.contains(ScriptedHistory.oldNameShown))
        #expect(!c.screenText.contains(ScriptedHistory.newName))
        // The deleted system was still there, on every screen.
        #expect(c.screenText.contains("old-forecast"))
        #expect(c.registryController.state.total == 4)
        #expect(c.dashboardController.state.counts.total == 4)

        // Writing keys are refused centrally; nothing reaches the audit log.
        let before = try h.fixture.registry.history().count
        c.play("e")
        #expect(c.message?.text == Console.pastMessage)
        #expect(c.message?.isError == true)
        #expect(c.screen == .registry)
        c.play(":system support-chatbot<Enter>")
        #expect(c.systemController.state?.stored.system.name == ScriptedHistory.oldName)
        #expect(c.render().line(0).contains("AS OF"))
        c.play("e")
        #expect(c.message?.text == Console.pastMessage)
        #expect(c.screen == .system)
        c.play(":findings<Enter>")
        #expect(c.screen == .findings)
        #expect(c.scan?.finished == true)
        c.play("w")
        #expect(c.message?.text == Console.pastMessage)
        #expect(c.overlay == nil)
        #expect(try h.fixture.registry.history().count == before)
        // The status bar leaves the writing keys out, as for --read-only.
        c.play(":registry<Enter>")
        #expect(!c.render().line(23).contains("e edit"))

        // No polling for changes while in the past, even when someone writes.
        let other = try Registry.open(path: h.fixture.path, create: false)
        _ = try other.apply(systems: [AISystem(id: "new-system", name: "New", owner: "x", status: .pilot)], actor: "script")
        #expect(!c.pollForChanges())
        #expect(c.registryController.state.total == 4)

        c.play(":asof now<Enter>")
        #expect(c.past == nil)
        #expect(!c.readOnly)
        #expect(c.message?.text == "back to the live registry")
        #expect(!c.render().line(0).contains("AS OF"))
        #expect(c.screenText.contains(ScriptedHistory.newName))
        #expect(!c.screenText.contains("old-forecast"))
        #expect(c.registryController.state.total == 4) // three left, plus the script's new one
        #expect(c.dashboardController.state.counts.total == 4)

        // Writing works again: the form opens and saving writes one audit entry.
        c.play(":system support-chatbot<Enter>e")
        #expect(c.screen == .edit)
        c.formController.form?.assign(path: "contact", value: "helpdesk@example.com")
        let live = try h.fixture.registry.history().count
        c.play("s")
        #expect(try h.fixture.registry.history().count == live + 1)
    }

    @Test func aDayShowsTheEndOfThatDayAndAnEmptyAsofReturns() throws {
        let h = try ScriptedHistory()
        let c = h.fixture.console()
        let today = String(try #require(try h.fixture.registry.history(limit: 1).first?.at).prefix(10))
        c.play(":asof \(today)<Enter>")
        #expect(c.past?.seq == h.deletion)
        #expect(c.render().line(0).contains("AS OF \(today) (entry \(h.deletion))"))
        #expect(c.readOnly)
        c.play(":asof<Enter>")
        #expect(c.past == nil)
        #expect(!c.readOnly)
    }

    @Test func aBadPointChangesNothing() throws {
        let h = try ScriptedHistory()
        let c = h.fixture.console()
        c.play("2")
        let screen = c.screenAboveStatus
        for bad in ["yesterday", "2026-13-01", "0", "\(h.deletion + 1)", "1999-01-01", "2999-01-01", "1 2"] {
            c.play(":asof \(bad)<Enter>")
            #expect(c.message?.isError == true, "\(bad): \(String(describing: c.message))")
            #expect(c.past == nil, "\(bad)")
            #expect(!c.readOnly, "\(bad)")
            #expect(c.screen == .registry, "\(bad)")
            #expect(c.screenAboveStatus == screen, "\(bad)")
        }
        c.play(":asof \(h.deletion + 1)<Enter>")
        #expect(c.message?.text.contains("there is no audit entry \(h.deletion + 1)") == true)
        c.play(":asof 0<Enter>")
        #expect(c.message?.text.contains("before the first audit entry") == true)
        c.play(":asof 2999-01-01<Enter>")
        #expect(c.message?.text.contains("after the last audit entry") == true)

        // A bad point while in the past keeps the past shown.
        c.play(":asof \(h.rename)<Enter>")
        let past = c.screenAboveStatus
        c.play(":asof nonsense<Enter>")
        #expect(c.message?.isError == true)
        #expect(c.past?.seq == h.rename)
        #expect(c.screenAboveStatus == past)
    }

    @Test func damageAtOrBeforeThePointIsAnErrorAfterItAWarning() throws {
        let h = try ScriptedHistory()
        try h.tamper(h.rename)
        let c = h.fixture.console()
        c.play("2")
        let screen = c.screenAboveStatus
        c.play(":asof \(h.rename)<Enter>")
        #expect(c.past == nil)
        #expect(c.message?.isError == true)
        #expect(c.message?.text.contains("audit log broken at entry \(h.rename)") == true, "\(String(describing: c.message))")
        #expect(c.screenAboveStatus == screen)

        c.play(":asof \(h.beforeRename)<Enter>")
        #expect(c.past?.seq == h.beforeRename)
        #expect(c.message?.text.contains("warning: audit log broken at entry \(h.rename), after the point") == true,
                "\(String(describing: c.message))")
        #expect(c.screenText.contains(ScriptedHistory.oldNameShown))
    }

    @Test func aRecordStoredBeforeTheTextLimitsStillReadsBack() throws {
        // The fixture's escape sequence reached the database another way (as a record stored
        // by an older aigov would have): history reads it back as recorded, and the screen
        // shows it sanitised.
        let f = try Fixture()
        let c = f.console()
        c.play("2")
        let seq = try #require(try f.registry.history(entityId: "translation-help").first?.seq)
        c.play(":asof \(seq)<Enter>")
        #expect(c.past != nil, "\(String(describing: c.message))")
        let text = c.render().text
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("translation-help"))
    }

    @Test func helpListsAsof() throws {
        let f = try Fixture()
        let c = f.console()
        #expect(HelpAndHintTests.helpScreenLines(c).contains { $0.contains(":asof DATE|SEQ") })
        #expect(ConsoleCommand.parse("asof now") == .asOf(nil))
        #expect(ConsoleCommand.parse("asof 41") == .asOf(.seq(41)))
        #expect(ConsoleCommand.parse("as-of 2026-08-02") == .asOf(AuditPoint("2026-08-02")))
    }
}

@Suite struct HistoryTabTests {
    @Test func historyTabShowsFieldLevelDiffs() throws {
        let h = try ScriptedHistory()
        let c = h.fixture.console()
        c.play(":system support-chatbot<Enter>")
        for _ in SystemTab.allCases where c.systemController.state?.tab != .history { c.play("<Tab>") }
        #expect(c.systemController.state?.tab == .history)
        let b = c.render()
        #expect(b.width == 80 && b.height == 24)
        let lines = (0..<b.height).map(b.line)
        #expect(lines.contains { $0.contains("name: \(ScriptedHistory.oldName) → \(ScriptedHistory.newName)") },
                "\(lines.joined(separator: "\n"))")
    }
}
