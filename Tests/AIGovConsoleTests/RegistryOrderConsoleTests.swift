@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// Issue #27 at 80×24: the registry sorted by score, worst finding and open count (the scored
/// rows the table shows), and the findings grouped by severity.
@Suite struct RegistryAndFindingsOrderTests {
    /// The ids of the registry's rows in screen order.
    static func ids(_ c: Console) -> [String] { c.registryController.state.page.map(\.stored.system.id) }

    @Test func sSortsByScoreWorstAndOpenFromTheScoredRows() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("2")
        // The same rows the table shows, from the application layer.
        let scored = try c.workspace.scored(try c.registry.page(RegistryQuery(), offset: 0, limit: 100))
        func expected(_ less: (ScoredSystem, ScoredSystem) -> Bool) -> [String] { scored.sorted(by: less).map(\.stored.system.id) }
        c.play("sssss")     // id → name → owner → status → tier → score
        #expect(c.registryController.state.scoredOrder == .score)
        #expect(c.render().line(1).contains("sort: score, worst first"))
        #expect(c.message?.text == "sorted by score, worst first")
        #expect(Self.ids(c) == expected { ($0.score, $0.stored.system.id) < ($1.score, $1.stored.system.id) })
        let screen = c.render()
        let rows = (3..<7).map { screen.line($0) }
        #expect(rows[0].hasPrefix(" " + TextWidth.fit(Self.ids(c)[0], 18)))
        c.play("S")
        #expect(c.render().line(1).contains("sort: score, best first"))
        #expect(Self.ids(c) == expected { ($0.score, $1.stored.system.id) > ($1.score, $0.stored.system.id) })
        c.play("s")
        #expect(c.render().line(1).contains("sort: worst, worst first"))
        let rank = { (s: ScoredSystem) in s.worstOpen.map { $0.rank + 1 } ?? 0 }
        #expect(Self.ids(c) == expected { (rank($0), $1.stored.system.id) > (rank($1), $0.stored.system.id) })
        c.play("s")
        #expect(c.render().line(1).contains("sort: open, worst first"))
        #expect(Self.ids(c) == expected { ($0.open, $1.stored.system.id) > ($1.open, $0.stored.system.id) })
        #expect(Self.ids(c).first == "loan-scoring")
        // The selected system stays selected across a change of order.
        c.play("j")
        let selected = c.registryController.state.selected?.stored.system.id
        c.play("s")
        #expect(c.render().line(1).contains("sort: id ↑"))
        #expect(c.registryController.state.selected?.stored.system.id == selected)
        // Enter opens the selected row in a scored order too.
        c.play("ssssss<Enter>")
        #expect(c.screen == .system)
    }

    @Test func findingsGroupBySeverityCriticalFirst() throws {
        // A prohibited system in production: INV-004 is critical.
        let f = try Fixture(yaml: fixtureYAML + "\n---\nid: social-score\nname: Social scoring\nowner: x\nstatus: production\neu_ai_act:\n  tier: prohibited\n")
        let c = f.console()
        c.play("3<Tab>")
        #expect(c.findingsController.state.grouping == .severity)
        let screen = c.render()
        #expect(screen.line(1).contains("grouped by severity"))
        #expect(screen.line(2).hasPrefix(" SEVERITY RULE     SYSTEM"))
        let open = try #require(c.scan?.findings)
        var headings: [String] = []
        var current: Severity?
        for row in c.findingsController.state.rows {
            switch row {
            case let .group(title, count):
                headings.append(title)
                current = Severity(rawValue: title)
                #expect(count == open.filter { $0.severity == current }.count)
            case let .finding(x):
                #expect(x.severity == current, "\(x.rule) \(x.system) under \(current?.rawValue ?? "-")")
            }
        }
        let present = Severity.allCases.sorted(by: >).filter { s in open.contains { $0.severity == s } }
        #expect(headings == present.map(\.rawValue))
        #expect(headings.first == "critical")
        #expect(screen.line(3).hasPrefix(" ▸ critical ("))
    }
}
