@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovStore
import Foundation
import Testing

/// Puts a console on `screen` the way a user would get there, or, for the edit form (which a
/// read-only console never opens), directly, with one edit that saving would write.
func arrive(at screen: ScreenID, _ c: Console) throws {
    switch screen {
    case .dashboard, .help: break
    case .registry: c.play("2")
    case .system: c.play(":system loan-scoring<Enter>")
    case .findings: c.play("3j")
    case .incidents: c.play("4")
    case .frameworks: c.play("5")
    case .edit:
        let stored = try #require(try c.registry.system(id: "loan-scoring"))
        var form = FormState(stored: stored.system, version: stored.rowVersion, today: Day("2026-11-30")!)
        form.assign(path: "contact", value: "someone-else@example.com")
        c.formController.form = form
        c.stack.append(.edit)
    }
    #expect(c.screen == screen)
}

/// Puts the classification wizard on screen at its last step, where Enter would store the
/// answers (a read-only console never opens it, so it is placed directly).
func openWizardAtReview(_ c: Console) throws {
    let stored = try #require(try c.registry.system(id: "loan-scoring"))
    var w = ClassificationWizard(system: stored.system, today: c.today, assessor: "tester")
    w.pick(.aiSystem, "yes")
    while !w.atReview { w.next() }
    c.overlay = .classify(WizardState(wizard: w, version: stored.rowVersion))
}

/// Puts an import preview on screen whose Enter would write (a read-only console never opens it).
func openImportPreview(_ c: Console) {
    c.overlay = .importPreview(ImportPreviewState(kind: .hf, path: "/nonexistent/README.md", system: "loan-scoring",
                                                  lines: ["changed loan-scoring"], changed: 1))
}

/// Opens the waiver dialog with a waiver that recording would accept.
func openWaiveDialog(_ c: Console) {
    c.overlay = .waive(WaiveState(system: "loan-scoring", rule: "FBK-001", reason: "vendor fix in Q1", approvedBy: "Head of credit risk",
                                  expires: "2027-03-31"))
}

@Suite struct ReadOnlyTests {
    /// Where each group of bindings applies, and how to get a console there.
    static func places(_ c: Console) -> [(title: String, bindings: [Binding], arrive: (Console) throws -> Void)] {
        [("Everywhere", KeyMap.global, { _ in })]
            + c.controllers.map { controller in
                let screen = controller.screen
                return (controller.title, controller.bindings, { try arrive(at: screen, $0) })
            }
            + [(WaiveDialog.title, WaiveDialog.bindings, openWaiveDialog),
               (ClassifyWizard.title, ClassifyWizard.bindings, openWizardAtReview),
               (ImportPreview.title, ImportPreview.bindings, openImportPreview),
               (WhatIfView.title, WhatIfView.bindings, { $0.overlay = .whatIf(WhatIfState(headline: "what if", lines: ["DOWN (0)"])) }),
               (HelpOverlay.title, HelpOverlay.bindings, { $0.play("?") }),
               (PromptController.title, PromptController.bindings, { $0.play(":") })]
    }

    @Test func everyWritingBindingIsRefusedCentrallyAndWritesNothing() throws {
        let f = try Fixture()
        let probe = f.console(readOnly: true)
        let places = ReadOnlyTests.places(probe)
        // Every group help lists has a place here, so a new controller cannot slip past this test.
        #expect(Set(HelpOverlay.groups(probe).map(\.title)).isSubset(of: Set(places.map(\.title))))
        var pressed = 0
        for place in places {
            for binding in place.bindings where binding.writes {
                for key in binding.keys {
                    let c = f.console(readOnly: true)
                    try place.arrive(c)
                    let before = try f.registry.history().count
                    let screen = c.screen
                    let overlay = c.overlay
                    c.play(keyScript(key))
                    #expect(c.message?.text == Console.readOnlyMessage, "\(place.title): \(key.label) (\(binding.action))")
                    #expect(c.message?.isError == true)
                    #expect(try f.registry.history().count == before, "\(place.title): \(key.label) wrote")
                    #expect(c.screen == screen, "\(place.title): \(key.label) moved to \(c.screen)")
                    #expect(c.overlay == overlay, "\(place.title): \(key.label) opened or closed an overlay")
                    pressed += 1
                }
            }
        }
        // e (registry, system), w and u (findings, system), s and Ctrl-S (form, waiver dialog), y (wizard).
        #expect(pressed >= 12)
    }

    /// The same keys in a writable console do write: the refusal above is read-only mode's doing.
    @Test func theSameKeysWriteWhenWritable() throws {
        let f = try Fixture()
        let c = f.console()
        try arrive(at: .edit, c)
        var before = try f.registry.history().count
        c.play("s")
        #expect(try f.registry.history().count == before + 1)
        #expect(c.message?.text.hasPrefix("saved loan-scoring") == true)
        c.play("3")
        openWaiveDialog(c)
        before = try f.registry.history().count
        c.play("s")
        #expect(try f.registry.history().count > before)
        #expect(c.overlay == nil)
    }

    @Test func readOnlyStatusBarLeavesOutWritingKeys() throws {
        let f = try Fixture()
        let c = f.console(readOnly: true)
        c.play("2")
        let status = c.render().line(23)
        #expect(status.contains("s sort"))
        #expect(!status.contains("e edit"))
    }
}

/// The key script for one key (Support's `keys` reads it back).
func keyScript(_ key: Key) -> String {
    switch key {
    case let .char(ch): String(ch)
    case let .ctrl(ch): "<C-\(ch)>"
    case .enter: "<Enter>"
    case .escape: "<Esc>"
    case .tab: "<Tab>"
    case .backTab: "<S-Tab>"
    case .backspace: "<BS>"
    case .delete: "<Del>"
    case .up: "<Up>"
    case .down: "<Down>"
    case .pageUp: "<PgUp>"
    case .pageDown: "<PgDn>"
    case .home: "<Home>"
    case .end: "<End>"
    case .left: "<Left>"
    case .right: "<Right>"
    case .resize: ""
    }
}

@Suite struct HelpAndHintTests {
    /// Every line the help overlay shows, collected by scrolling it from top to bottom.
    static func helpScreenLines(_ c: Console) -> [String] {
        c.play("?g")
        var seen: [String] = []
        for _ in 0..<200 {
            let b = c.render()
            for row in 2..<(b.height - 1) where !seen.contains(b.line(row)) { seen.append(b.line(row)) }
            let before = c.overlay
            c.play("j")
            if c.overlay == before { break }
        }
        return seen
    }

    @Test func helpListsEveryBindingOfEveryControllerAndEveryCommand() throws {
        let f = try Fixture()
        let c = f.console()
        let lines = HelpAndHintTests.helpScreenLines(c)
        // Collected independently of the help's own list of groups.
        let groups: [(String, [Binding])] = [("Everywhere", KeyMap.global)] + c.controllers.map { ($0.title, $0.bindings) }
            + [(WaiveDialog.title, WaiveDialog.bindings), (ClassifyWizard.title, ClassifyWizard.bindings),
               (ImportPreview.title, ImportPreview.bindings),
               (HelpOverlay.title, HelpOverlay.bindings), (PromptController.title, PromptController.bindings)]
        for (title, bindings) in groups where !bindings.isEmpty {
            #expect(lines.contains(" " + title), "no heading \(title)")
            for b in bindings {
                let line = " " + (b.writes ? "*" : " ") + " " + TextWidth.fit(b.keyLabel, 20) + b.text
                let shown = String(line.prefix(c.width - 1))
                #expect(lines.contains { $0.hasPrefix(shown) }, "\(title): \(b.keyLabel) \(b.text) missing from help")
            }
        }
        #expect(ConsoleCommand.table.count >= 10)
        for command in ConsoleCommand.table {
            let line = "   " + TextWidth.fit(command.usage, 20) + command.text
            #expect(lines.contains { $0.hasPrefix(String(line.prefix(c.width - 1))) }, "\(command.usage) missing from help")
        }
        #expect(lines.contains { $0.hasPrefix("   :whatif VENDOR") })
        // Every command help names parses to what it says, not to "unknown command".
        for command in ConsoleCommand.table {
            for name in command.names {
                if case let .invalid(m) = ConsoleCommand.parse(name) { #expect(!m.hasPrefix("unknown"), "\(name)") }
            }
        }
    }

    @Test func statusHintsComeFromTheBindings() throws {
        let f = try Fixture()
        let c = f.console()
        for controller in c.controllers {
            for hint in controller.statusHints(in: c) where hint.key != "✗" && hint.key != "one of:" {
                for label in hint.key.split(separator: "/") {
                    let bound = (controller.bindings + KeyMap.global).contains { $0.keys.contains { $0.label == label } }
                    #expect(bound, "\(controller.title): hint key \(label) is not bound")
                }
            }
        }
        #expect(c.controller.statusHints(in: c).map(\.key).prefix(3) == ["Enter", "2", "3"])
    }
}

@Suite struct ClockTests {
    /// A clock that moves on by `tick` seconds every time it is read.
    final class SteppingClock: ConsoleClock {
        var now = 0.0
        var unix: Int
        let tick: Double

        init(tick: Double, unix: Int = 0) {
            self.tick = tick
            self.unix = unix
        }

        func uptime() -> Double {
            defer { now += tick }
            return now
        }

        func unixTime() -> Int { unix }
    }

    @Test func theLoopPollsOnlyWhenTheInjectedClockSaysSo() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2")
        let other = try Registry.open(path: f.path, create: false)
        _ = try other.apply(systems: [AISystem(id: "new-system", name: "New", owner: "x", status: .pilot)], actor: "script")
        ConsoleLoop.run(c, on: TestTerminal(), clock: ManualClock(seconds: 50), maxIterations: 20)
        #expect(c.registryController.state.total == 4, "a clock standing still never reaches the poll interval")
        ConsoleLoop.run(c, on: TestTerminal(), clock: SteppingClock(tick: 0.5), maxIterations: 20)
        #expect(c.registryController.state.total == 5)
    }

    @Test func anUnpinnedDayFollowsTheClock() throws {
        let f = try Fixture()
        let nextDay = 1_795_564_800 // 2026-11-25T00:00:00Z
        let pinned = f.console()
        #expect(!pinned.follow(unixTime: nextDay))
        #expect(pinned.today == testToday)
        let c = Console(workspace: Workspace(registry: f.registry, today: testToday), actor: "tester", readOnly: false,
                        title: nil, followsClock: true)
        c.start()
        ConsoleLoop.run(c, on: TestTerminal(), clock: SteppingClock(tick: 0.5, unix: nextDay), maxIterations: 20)
        #expect(c.today == Day("2026-11-25"))
    }
}
