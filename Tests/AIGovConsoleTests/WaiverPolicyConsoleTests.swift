@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovStore
import Foundation
import Testing

/// The waive dialog validates with the application layer's one waiver policy: the same
/// checks and the same messages as `aigov waive`.
@Suite struct WaiverPolicyConsoleTests {
    @Test func anUnknownRuleIsRefusedWithTheMessageOfAigovWaive() throws {
        let fx = try Fixture()
        let c = fx.console()
        let before = try fx.registry.history().count
        // A rule that is not in the console's rule set (a rules.d/ file removed since the check).
        c.overlay = .waive(WaiveState(system: "loan-scoring", rule: "ORG-404", reason: "r", approvedBy: "tester",
                                      expires: "2099-01-01"))
        _ = c.handle(.char("s"))
        guard case let .waive(w)? = c.overlay else {
            Issue.record("the dialog closed: \(String(describing: c.overlay))")
            return
        }
        // Exactly the line `aigov waive loan-scoring ORG-404 …` prints.
        #expect(w.problem == "waive:rule: unknown rule id \"ORG-404\" (see `aigov rules`)")
        #expect(try fx.registry.history().count == before)
    }

    @Test func aPastExpiryIsRefusedLikeTheCLI() throws {
        let fx = try Fixture()
        let c = fx.console()
        c.overlay = .waive(WaiveState(system: "loan-scoring", rule: "FBK-001", reason: "r", approvedBy: "tester",
                                      expires: "2020-01-01"))
        _ = c.handle(.char("s"))
        guard case let .waive(w)? = c.overlay else {
            Issue.record("the dialog closed")
            return
        }
        #expect(w.problem == "waive:expires: 2020-01-01 is already past")
    }
}
