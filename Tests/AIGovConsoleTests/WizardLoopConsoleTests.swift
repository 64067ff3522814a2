@testable import AIGovConsole
import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// Issue #27, the classification wizard at 80×24: Enter does not leave a step with nothing
/// ticked, storing asks "store? y/n" and only `y` writes, Esc on the full text closes only it.
@Suite struct WizardLoopConsoleTests {
    @Test func enterOnAStepWithNothingTickedStaysAndSaysWhatToDo() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":classify loan-scoring<Enter>")
        guard case let .classify(s0)? = c.overlay else { Issue.record("no wizard"); return }
        #expect(s0.wizard.current?.id == .role)
        c.play("<Enter>")   // the role is recorded (deployer): ticked, so Enter goes on
        guard case let .classify(s1)? = c.overlay else { Issue.record("wizard closed"); return }
        #expect(s1.wizard.current?.id == .aiSystem)
        c.play("<Enter>")
        guard case let .classify(s2)? = c.overlay else { Issue.record("wizard closed"); return }
        #expect(s2.wizard.current?.id == .aiSystem, "nothing ticked: Enter does not move on")
        #expect(c.message?.text == ClassificationWizard.unansweredHint)
        #expect(c.render().line(23).contains("nothing is ticked on this step"))
        c.play(" <Enter>")  // yes
        guard case let .classify(s3)? = c.overlay else { Issue.record("wizard closed"); return }
        #expect(s3.wizard.current?.id == .excluded)
        // A list step: "none of these" is its last option and counts as an answer.
        c.play("<Enter>")
        guard case let .classify(s4)? = c.overlay else { Issue.record("wizard closed"); return }
        #expect(s4.wizard.current?.id == .excluded)
        c.play("G")
        #expect(c.screenText.contains("[ ] none of these"))
        c.play(" ")
        #expect(c.screenText.contains("[x] none of these"))
        c.play("<Enter>")
        guard case let .classify(s5)? = c.overlay else { Issue.record("wizard closed"); return }
        #expect(s5.wizard.current?.id == .prohibited)
        #expect(s5.wizard.classification.answers?.excluded == [])
    }

    @Test func storingAsksFirstAndOnlyYWrites() throws {
        let f = try Fixture()
        let c = f.console()
        try openWizardAtReview(c)
        let before = try f.registry.history().count
        c.play("<Enter>")
        guard case let .classify(s)? = c.overlay else { Issue.record("the wizard closed on Enter"); return }
        #expect(s.confirming)
        #expect(try f.registry.history().count == before, "Enter at the outcome does not write")
        #expect(c.screenText.contains("store? y/n"))
        #expect(c.message?.text.hasSuffix("? y/n") == true)
        // Any key but y takes the question back.
        c.play("n")
        guard case let .classify(s2)? = c.overlay else { Issue.record("the wizard closed on n"); return }
        #expect(!s2.confirming)
        #expect(try f.registry.history().count == before)
        // y without Enter first does not write either.
        c.play("y")
        #expect(try f.registry.history().count == before)
        #expect(c.overlay != nil)
        c.play("<Enter>y")
        #expect(c.overlay == nil)
        #expect(try f.registry.history().count == before + 1)
        #expect(c.message?.text.hasPrefix("classified loan-scoring") == true)
    }

    @Test func escOnTheFullTextClosesOnlyIt() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":classify loan-scoring<Enter>?")
        guard case let .classify(s)? = c.overlay, s.detail else { Issue.record("the full text is not shown"); return }
        let shown = c.screenText
        c.play("<Esc>")
        guard case let .classify(s2)? = c.overlay else { Issue.record("Esc closed the wizard"); return }
        #expect(!s2.detail)
        #expect(c.screenText != shown)
        #expect(c.screenText.contains("Classify loan-scoring"))
        c.play("<Esc>")
        #expect(c.overlay == nil, "a second Esc cancels the wizard")
        #expect(c.message?.text == "classification not stored")
    }
}
