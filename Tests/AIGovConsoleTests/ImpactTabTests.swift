@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovStore
import Foundation
import Testing

/// The System screen's Impact tab: the duties after go-live and the six sections of the
/// fundamental rights impact assessment (Art. 27), drafted by the application layer.
@Suite struct ImpactTabTests {
    static func loanScoring(_ edit: (inout AISystem) -> Void = { _ in }) throws -> AISystem {
        let f = try Fixture()
        var s = try #require(try f.registry.system(id: "loan-scoring")).system
        edit(&s)
        return s
    }

    static func text(_ lines: [Line]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func theTabComesBeforeHistoryAndFitsIn80Columns() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system loan-scoring<Enter>")
        for _ in SystemTab.allCases where c.systemController.state?.tab != .impact { c.play("<Tab>") }
        #expect(c.systemController.state?.tab == .impact)
        let screen = c.screenText
        let row = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).first)
        #expect(row.contains("Impact") && row.contains("History"), "every tab shows at 80 columns: \(row)")
        #expect(screen.contains("Duties after go-live"))
        c.play("<Tab>")
        #expect(c.systemController.state?.tab == .history)
        // Wider terminals keep the roomy layout with the open count.
        let wide = f.console(width: 120)
        wide.play(":system loan-scoring<Enter>")
        let wideRow = wide.screenText.split(separator: "\n", omittingEmptySubsequences: false)[2]
        #expect(wideRow.contains("Findings (") && wideRow.contains(" Impact ") && wideRow.contains("History"))
    }

    @Test func showsTheSixSectionsAndNamesTheEmptyOnes() throws {
        let s = try Self.loanScoring { s in
            var f = FRIA()
            f.performed = Day("2026-10-01")
            f.process = "Retail credit underwriting"
            f.nextReview = Day("2026-11-01")
            s.fria = f
        }
        let lines = Self.text(ImpactTab.lines(s, today: testToday, width: 100))
        for letter in ["a", "b", "c", "d", "e", "f"] {
            #expect(lines.contains { $0.hasPrefix(" (\(letter)) ") }, "section (\(letter))")
        }
        #expect(lines.contains { $0.contains("Retail credit underwriting") })
        #expect(lines.contains { $0.contains("empty: record fria.period_and_frequency") })
        #expect(lines.contains { $0.contains("missing: (b) fria.period_and_frequency") })
        #expect(lines.contains { $0.contains("not notified (Art. 27(3))") })
        #expect(lines.contains { $0.contains("days overdue") })
    }

    @Test func recordTextIsSanitised() throws {
        let s = try Self.loanScoring { s in
            var f = FRIA()
            f.performed = Day("2026-10-01")
            f.process = "evil \u{1B}[2J text"
            s.fria = f
        }
        let lines = Self.text(ImpactTab.lines(s, today: testToday, width: 80))
        #expect(lines.contains { $0.contains("evil") })
        #expect(!lines.contains { $0.contains("\u{1B}") })
    }
}
