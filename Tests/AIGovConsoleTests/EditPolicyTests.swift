@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation
import Testing

/// One `edit` use case (#27): the console's edit form validates and saves through
/// `Workspace.edit`, like `aigov set`, so it cannot store what `set` refuses. Before, the form
/// stored `classification.assessed: 2030-01-01`; the same policy bounds `eu_ai_act.on_market_since`.
@Suite struct EditPolicyTests {
    @Test func theFormRefusesADateAfterTodayThatSetRefuses() throws {
        let f = try Fixture()
        let c = f.console()
        let stored = try #require(try c.registry.system(id: "loan-scoring"))
        var form = FormState(stored: stored.system, version: stored.rowVersion, today: c.today)
        let accepted = form.assign(path: "eu_ai_act.on_market_since", value: "2030-01-01")
        #expect(!accepted)
        #expect(form.refused["eu_ai_act.on_market_since"]?.message.contains("after") == true,
                "\(String(describing: form.refused["eu_ai_act.on_market_since"]))")
        // Saving the same edit directly meets the same policy, and writes nothing.
        let before = try c.registry.system(id: "loan-scoring")
        #expect(throws: InputRejected.self) {
            try c.workspace.edit(id: "loan-scoring", assignments: ["eu_ai_act.on_market_since=2030-01-01"], actor: "tester")
        }
        #expect(try c.registry.system(id: "loan-scoring") == before)
        // A day on or before today is accepted and saved from the form.
        let onToday = form.assign(path: "eu_ai_act.on_market_since", value: c.today.description)
        #expect(onToday)
        c.formController.form = form
        c.stack.append(.edit)
        c.play("s")
        #expect(try c.registry.system(id: "loan-scoring")?.system.euAiAct?.onMarketSince == c.today)
    }
}
