@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// The system view's due dates come from the rules' schedule (#27): before, the view added the
/// intervals itself, showed a "next review" and "next test" that no rule would report (a
/// retired system, an oversight test of a system that decides about no one), and coloured an
/// end of life with a literal 90.
@Suite struct SystemViewDueTests {
    static func lines(_ s: AISystem, tab: SystemTab) -> [String] {
        let state = SystemState(stored: StoredSystem.of(s, rowVersion: 1, updatedAt: "", updatedBy: ""), findings: [], score: 100,
                                history: [], tab: tab)
        return SystemView.lines(state, today: testToday, width: 100).map { $0.map(\.text).joined() }
    }

    @Test func aRetiredSystemHasNoNextReview() throws {
        let f = try Fixture()
        var s = try #require(try f.registry.system(id: "loan-scoring")).system
        var review = Review()
        review.lastReviewed = Day("2026-01-10")
        s.review = review
        #expect(Self.lines(s, tab: .overview).contains { $0.contains("next review") })
        s.status = .retired
        #expect(!Self.lines(s, tab: .overview).contains { $0.contains("next review") })
    }

    @Test func anOversightTestOfASystemDecidingAboutNoOneIsNotDue() throws {
        var s = AISystem(id: "notes", name: "Notes", owner: "ops", status: .production)
        var o = Oversight(mechanism: "manual review")
        o.lastTested = Day("2026-06-01")
        s.oversight = [o]
        #expect(!Self.lines(s, tab: .oversight).contains { $0.contains("next test") })
        // Deciding about people (profiling), OVR-004 applies and the test falls due after 180 days.
        var e = EUAIAct()
        e.profiling = true
        s.euAiAct = e
        #expect(Self.lines(s, tab: .oversight).contains { $0.contains("next test") && $0.contains("2026-11-28") })
    }

    @Test func anEndOfLifeIsSoonWithinTheRulesWarningWindow() throws {
        var s = AISystem(id: "notes", name: "Notes", owner: "ops", status: .production)
        var m = Model(name: "m", provider: "p")
        m.endOfLife = testToday.adding(days: Intervals.endOfLifeWarningDays)
        s.models = [m]
        let item = try #require(DueSchedule.items(for: s).first)
        #expect(item.urgency(on: testToday) == .soon)
        #expect(item.urgency(on: testToday.adding(days: -1)) == .later)
    }
}
