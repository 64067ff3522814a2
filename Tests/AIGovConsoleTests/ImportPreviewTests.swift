@testable import AIGovConsole
import AIGovApp
import Foundation
import Testing

/// `:import KIND PATH [ID]`: the importer's field diff first; Enter writes it, Esc writes nothing.
@Suite struct ImportPreviewTests {
    /// A real model card from the CLI tests' fixtures (the console tests read no other files).
    static let card = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AIGovCLITests/Fixtures/import/hf/distilbert--distilbert-base-uncased-finetuned-sst-2-english").path

    @Test func previewThenImportOrCancel() throws {
        let f = try Fixture()
        let c = f.console()
        let before = try f.registry.history().count
        c.play(":import hf \(Self.card) loan-scoring<Enter>")
        guard case let .importPreview(p)? = c.overlay else {
            Issue.record("no preview: \(c.message?.text ?? "")")
            return
        }
        #expect(p.changed == 1)
        #expect(p.lines.first == "changed loan-scoring")
        #expect(p.lines.contains { $0.contains("models[") && $0.contains("→") }, "\(p.lines)")
        #expect(try f.registry.history().count == before, "the preview writes nothing")
        c.play("<Esc>")
        #expect(c.overlay == nil)
        #expect(try f.registry.history().count == before)

        c.play(":import hf \(Self.card) loan-scoring<Enter>")
        c.play("<Enter>")
        #expect(c.overlay == nil)
        #expect(c.message?.text.hasPrefix("imported hf") == true, "\(c.message?.text ?? "")")
        let after = try f.registry.history()
        #expect(after.count == before + 1)
        #expect(after.first?.actor.contains("via import hf sha256:") == true, "\(after.first?.actor ?? "")")
        #expect(try f.registry.system(id: "loan-scoring")?.system.models.contains { $0.name.contains("distilbert") } == true)
    }

    @Test func aBadSourceSaysWhyAndOpensNothing() throws {
        let f = try Fixture()
        let c = f.console()
        c.play(":import hf /nonexistent/card.md loan-scoring<Enter>")
        #expect(c.overlay == nil)
        #expect(c.message?.isError == true)
        #expect(c.message?.text.contains("no such file") == true, "\(c.message?.text ?? "")")
    }
}
