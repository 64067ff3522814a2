import AIGovConsole
import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation
import Testing

/// The fixed day every console test runs on, so due dates and snapshots never drift.
let testToday = Day("2026-11-24") ?? Day(ordinal: 0)

/// A few systems in the interchange format: one in good shape, one full of gaps, one with
/// wide characters and an escape sequence in its name (which must never reach the terminal).
let fixtureYAML = #"""
id: loan-scoring
name: Consumer loan default scoring
purpose: Rank consumer loan applications by default risk
owner: credit-risk
contact: credit-ai@example.com
status: production
tags: [credit, scoring]
eu_ai_act:
  role: deployer
  tier: high
  annex_iii: essential-services
  profiling: true
  rationale: Creditworthiness of natural persons (Annex III, 5(b)).
review:
  last_reviewed: 2026-01-10
  interval_days: 365
  reviewer: model-risk-committee
models:
  - name: scorecard-gbm
    provider: internal
    version: 3.2.1
    role: primary
    end_of_life: 2027-01-15
oversight:
  - type: human-in-the-loop
    mechanism: Underwriter confirms every decline
    who: senior underwriter
    can_stop: true
    last_tested: 2026-06-01
---
id: support-chatbot
name: Customer support chatbot
owner: digital-channels
status: pilot
eu_ai_act:
  tier: limited
  interacts_with_people: true
models:
  - name: frontier-chat
    provider: BigLab
    version: latest
---
id: translation-help
name: "Übersetzungshilfe 翻訳 {ESC}[31mred"
owner: bürgerdienst
status: development
eu_ai_act:
  tier: minimal
---
id: old-forecast
name: Retired demand forecast
owner: supply
status: retired
"""#

/// A fresh registry file in a temporary folder, loaded with the fixture systems.
final class Fixture {
    let dir: String
    let path: String
    let registry: Registry

    init(yaml: String = fixtureYAML, systems extra: [AISystem] = []) throws {
        dir = NSTemporaryDirectory() + "aigov-console-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/registry.db"
        registry = try Registry.open(path: path, create: true)
        var input = ParsedInput()
        InputLoader.parse(data: Data(yaml.utf8), file: "fixture.yaml", into: &input)
        #expect(input.problems.isEmpty, "\(input.problems)")
        // The reader refuses control characters, so the escape sequence is put into the record
        // here, as one that reached the database another way (an older aigov, a hand edit) would be.
        let systems = input.systems.map(\.system).map { s -> AISystem in
            var s = s
            s.name = s.name.replacingOccurrences(of: "{ESC}", with: "\u{1B}")
            return s
        }
        _ = try registry.apply(systems: systems + extra, actor: "fixture")
    }

    /// A console on the fixture at 80×24, started and with its background check finished.
    func console(readOnly: Bool = false, width: Int = 80, height: Int = 24) -> Console {
        let c = Console(registry: registry, actor: "tester", readOnly: readOnly, title: "test", today: testToday,
                        width: width, height: height)
        c.start()
        c.finishBackgroundWork()
        return c
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }
}

/// Parses a key script: plain characters, and `<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<BS>`,
/// `<Up>`, `<Down>`, `<PgDn>`, `<PgUp>`, `<C-x>` for special keys.
func keys(_ script: String) -> [Key] {
    var out: [Key] = []
    var i = script.startIndex
    while i < script.endIndex {
        if script[i] == "<", let close = script[i...].firstIndex(of: ">"), close > script.index(after: i) {
            let name = String(script[script.index(after: i)..<close])
            let key: Key? = switch name {
            case "Enter": .enter
            case "Esc": .escape
            case "Tab": .tab
            case "S-Tab": .backTab
            case "BS": .backspace
            case "Del": .delete
            case "Up": .up
            case "Down": .down
            case "Left": .left
            case "Right": .right
            case "PgDn": .pageDown
            case "PgUp": .pageUp
            case "Home": .home
            case "End": .end
            default: name.hasPrefix("C-") && name.count == 3 ? .ctrl(name.last ?? "x") : nil
            }
            if let key {
                out.append(key)
                i = script.index(after: close)
                continue
            }
        }
        out.append(.char(script[i]))
        i = script.index(after: i)
    }
    return out
}

extension Console {
    /// Plays a key script the way the loop would, finishing background work after each key;
    /// returns the last effect.
    @discardableResult
    func play(_ script: String) -> Effect {
        var last = Effect.none
        for k in keys(script) {
            last = handle(k)
            finishBackgroundWork()
            if last == .quit { break }
        }
        return last
    }

    var screenText: String { render().text }

    /// Presses j or k until the form's cursor is on `row` (section headings are stepped over).
    func moveFormCursor(to row: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<1000 {
            guard let cursor = formController.form?.cursor, cursor != row else { return }
            play(cursor < row ? "j" : "k")
        }
        Issue.record("cursor never reached row \(row)", sourceLocation: sourceLocation)
    }
}

/// Compares a screen with `Snapshots/NAME.txt`; `AIGOV_RECORD_SNAPSHOTS=1` (re)writes the file.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = dir.appendingPathComponent(name + ".txt")
    let actual = buffer.text
    if ProcessInfo.processInfo.environment["AIGOV_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no snapshot \(name).txt; record it with AIGOV_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "screen differs from Snapshots/\(name).txt:\n\(actual)", sourceLocation: sourceLocation)
}
