@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovRules
import Foundation
import Testing

/// `:whatif VENDOR` lists the systems that go down, degrade or continue (#27), from the same
/// `WhatIfReport` as `aigov what-if`, at 80×24; an unknown vendor names the near miss.
@Suite struct WhatIfConsoleTests {
    @Test func theSystemsAreListedByOutcome() throws {
        let f = try Fixture()
        let c = f.console()
        let provider = try #require(try c.registry.systems().flatMap(\.system.models).first?.provider)
        c.play(":whatif \(provider)<Enter>")
        guard case let .whatIf(s)? = c.overlay else {
            Issue.record("no list: \(c.message?.text ?? "")")
            return
        }
        let report = try c.workspace.whatIf(ExitScenario(providers: [provider], today: c.today))
        #expect(s.lines == WhatIfView.lines(report))
        let text = c.render().text
        #expect(text.contains("DOWN (\(report.count(.down)))") && text.contains("DEGRADED (\(report.count(.degraded)))")
                && text.contains("CONTINUES (\(report.count(.continues)))"), "\(text)")
        for o in report.outcomes.prefix(2) { #expect(text.contains(o.system.id), "\(text)") }
        c.play("<Esc>")
        #expect(c.overlay == nil)
    }

    @Test func anUnknownVendorNamesTheNearMiss() throws {
        let f = try Fixture()
        let c = f.console()
        let provider = try #require(try c.registry.systems().flatMap(\.system.models).first?.provider)
        c.play(":whatif \(provider)x<Enter>")
        #expect(c.overlay == nil)
        #expect(c.message?.text.contains("did you mean \"\(provider)\"") == true, "\(c.message?.text ?? "")")
    }
}
