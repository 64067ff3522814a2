@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// Issue #27, waivers in the console at 80×24: no pre-filled approver, the expiry limit per
/// severity and Art. 5 (the application layer's `WaiverPolicy`), waive and unwaive from a
/// system's Findings tab and the Findings screen.
@Suite struct WaiverLoopConsoleTests {
    /// The System screen of loan-scoring on its Findings tab.
    static func findingsTab(_ c: Console) {
        c.play(":system loan-scoring<Enter>")
        while c.systemController.state?.tab != .findings { c.play("<Tab>") }
    }

    @Test func theApproverStartsEmptyAndAnEmptyApproverIsRefused() throws {
        let f = try Fixture()
        let c = f.console()
        #expect(c.width == 80 && c.height == 24)
        c.play("3w")
        let w = try #require(c.overlay?.waive)
        #expect(w.approvedBy == "", "never the person typing (\(c.actor))")
        #expect(c.screenText.contains("approved_by  (empty)"))
        let before = try f.registry.history().count
        c.play("<Enter>vendor fix in Q1<Enter>s")
        #expect(c.overlay?.waive?.problem == "waive:approved_by: must not be empty")
        #expect(c.screenText.contains("approved_by: must not be empty"))
        #expect(try f.registry.history().count == before)
    }

    @Test func anExpiryPastTheSeverityLimitIsRefusedNamingTheLimitAndTheSeverity() throws {
        let f = try Fixture()
        let c = f.console()
        // FBK-001's finding for loan-scoring (a production high-risk system) is high: 180 days.
        let severity = try c.workspace.waiverSeverity(system: "loan-scoring", rule: "FBK-001")
        #expect(severity == .high)
        c.overlay = .waive(WaiveState(system: "loan-scoring", rule: "FBK-001", reason: "vendor fix", approvedBy: "Head of credit risk",
                                      expires: "2027-05-24"))
        let before = try f.registry.history().count
        c.play("s")
        let expected = "waive:expires: 2027-05-24 is too late: a waiver of a high finding (FBK-001) runs at most 180 days, until 2027-05-23"
        #expect(c.overlay?.waive?.problem == expected)
        #expect(try f.registry.history().count == before)
        // The last day the limit allows is accepted.
        c.play("jj<Enter><C-u>2027-05-23<Enter>s")
        #expect(c.overlay == nil, "\(c.overlay?.waive?.problem ?? "")")
        #expect(try f.registry.waivers(system: "loan-scoring").map(\.waiver.expires) == [Day("2027-05-23")!])
    }

    @Test func artFiveIsNeverWaived() throws {
        let f = try Fixture()
        let c = f.console()
        c.overlay = .waive(WaiveState(system: "loan-scoring", rule: "inv-004", reason: "r", approvedBy: "Board", expires: "2026-12-01"))
        let before = try f.registry.history().count
        c.play("s")
        #expect(c.overlay?.waive?.problem?.hasPrefix("waive:rule: INV-004 findings (Art. 5, prohibited practices) cannot be waived") == true,
                "\(c.overlay?.waive?.problem ?? "")")
        #expect(try f.registry.history().count == before)
    }

    @Test func waiveAndUnwaiveFromTheSystemsFindingsTab() throws {
        let f = try Fixture()
        let c = f.console()
        WaiverLoopConsoleTests.findingsTab(c)
        #expect(c.render().line(23).contains("w waive"))
        #expect(c.render().line(23).contains("u unwaive"))
        let findings = try #require(c.systemController.state?.findings)
        #expect(findings.count >= 2)
        // j selects the second finding; the mark moves with it.
        c.play("j")
        #expect(c.systemController.state?.findingCursor == 1)
        let chosen = findings[1]
        #expect(c.screenText.contains("›" + TextWidth.fit(chosen.severity.rawValue, 9) + TextWidth.fit(chosen.rule, 9)))
        c.play("w")
        let w = try #require(c.overlay?.waive)
        #expect((w.system, w.rule, w.approvedBy) == ("loan-scoring", chosen.rule, ""))
        c.play("<Enter>vendor fix in Q1<Enter>j<Enter>Head of credit risk<Enter>s")
        #expect(c.overlay == nil, "\(c.overlay?.waive?.problem ?? "")")
        let stored = try f.registry.waivers(system: "loan-scoring")
        #expect(stored.map(\.waiver.rule) == [chosen.rule])
        #expect(stored.first?.createdBy == "tester")
        // The tab shows it waived, the same finding still selected; u removes the waiver (aigov unwaive's call).
        #expect(c.screen == .system && c.systemController.state?.selectedFinding?.rule == chosen.rule)
        #expect(c.systemController.state?.selectedFinding?.status == .waived)
        #expect(c.screenText.contains("waived until \(WaiverPolicy.suggestedExpiry(from: testToday))"))
        let before = try f.registry.history().count
        c.play("u")
        #expect(try f.registry.waivers(system: "loan-scoring").isEmpty)
        #expect(try f.registry.history().count == before + 1)
        #expect(try f.registry.history().first.map { "\($0.action) \($0.actor)" } == "unwaive tester")
        #expect(c.message?.text == "removed waiver loan-scoring/\(chosen.rule): its findings are open again")
        #expect(c.systemController.state?.selectedFinding?.status == .open)
        // u again: nothing to remove, and nothing written.
        c.play("u")
        #expect(c.message?.text == "no waiver for loan-scoring / \(chosen.rule)")
        #expect(try f.registry.history().count == before + 1)
    }

    @Test func waiveAndUnwaiveOnOtherTabsSayWhereTheyWork() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":system loan-scoring<Enter>")
        let before = try f.registry.history().count
        c.play("w")
        #expect(c.overlay == nil)
        #expect(c.message?.text.contains("Findings tab") == true)
        c.play("u")
        #expect(try f.registry.history().count == before)
    }

    @Test func unwaiveOnTheFindingsScreenGoesThroughTheWorkspace() throws {
        let f = try Fixture()
        let c = f.console()
        c.play("3")
        let x = try #require(c.findingsController.selected)
        // A waiver that has expired leaves its finding open, and on this screen: u removes it.
        _ = try f.registry.waive(Waiver(system: x.system, rule: x.rule, reason: "old", approvedBy: "Board", expires: Day("2026-01-01")!),
                                 actor: "fixture")
        c.play("r")
        #expect(c.findingsController.selected == x)
        c.play("u")
        #expect(try f.registry.waivers(system: x.system).isEmpty)
        #expect(c.message?.text.hasPrefix("removed waiver \(x.system)/\(x.rule)") == true)
    }
}
