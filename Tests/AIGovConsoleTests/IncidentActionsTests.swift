@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovStore
import Foundation
import Testing

/// Recording an incident's report, provider notice and closure from the Incidents screen (#27),
/// through the validation `apply -f` gives an incident document, at 80×24.
@Suite struct IncidentActionsTests {
    @Test func aReportANoticeAndAClosureAreRecordedWithTheirAuditEntries() throws {
        let f = try IncidentsScreenTests.fixture()
        let c = f.console()
        c.play("4")
        #expect(c.render().text.contains("R report"), "the status bar offers it: \(c.render().text)")
        let before = try f.registry.history().count
        // inc-late is selected first (overdue); R offers "initial <today> ".
        c.play("R")
        #expect(c.overlay?.prompt?.editor.text == "initial \(testToday) ")
        c.play("Dutch AP<Enter>")
        var late = try #require(try f.registry.incident(id: "inc-late")).incident
        #expect(late.reports == [IncidentReport(kind: .initial, date: testToday, authority: "Dutch AP", reference: nil)], "\(c.message?.text ?? "")")
        c.play("p<Enter>")
        late = try #require(try f.registry.incident(id: "inc-late")).incident
        #expect(late.providerInformed == testToday)
        c.play("c2026-11-20<Enter>")
        late = try #require(try f.registry.incident(id: "inc-late")).incident
        #expect(late.status == .closed && late.closed == Day("2026-11-20"))
        #expect(try f.registry.history().count == before + 3, "one audit entry per step")
    }

    @Test func aStepApplyWouldRefuseIsRefusedAndWritesNothing() throws {
        let f = try IncidentsScreenTests.fixture()
        let c = f.console()
        c.play("4")
        let before = try f.registry.history().count
        // Closed before the organisation was aware (2026-11-02): the reader's rule.
        c.play("c2026-10-01<Enter>")
        #expect(c.message?.isError == true && c.message?.text.contains("before aware") == true, "\(c.message?.text ?? "")")
        // A date after today: IncidentPolicy's rule.
        c.play("p2099-01-01<Enter>")
        #expect(c.message?.text.contains("after today") == true, "\(c.message?.text ?? "")")
        // A report kind that does not exist, with the nearest one.
        c.play("R<C-u>inital 2026-11-20<Enter>")
        #expect(c.message?.text.contains("did you mean \"initial\"") == true, "\(c.message?.text ?? "")")
        #expect(try f.registry.history().count == before)
    }

    @Test func aReadOnlyConsoleRefusesThem() throws {
        let f = try IncidentsScreenTests.fixture()
        let c = f.console(readOnly: true)
        c.play("4")
        for key in ["R", "p", "c"] {
            c.play(key)
            #expect(c.overlay == nil, "\(key)")
            #expect(c.message?.text == Console.readOnlyMessage, "\(key): \(c.message?.text ?? "")")
        }
    }
}
