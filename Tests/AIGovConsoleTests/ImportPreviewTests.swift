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

extension ImportPreviewTests {
    @Test func aSourceChangedAfterThePreviewIsNotWritten() throws {
        let f = try Fixture()
        let c = f.console()
        // The folder name says who the model's owner is, as a Hub download's does.
        let root = NSTemporaryDirectory() + "aigov-card-" + UUID().uuidString
        let dir = root + "/distilbert--distilbert-base-uncased-finetuned-sst-2-english"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let card = dir + "/README.md"
        let text = try String(contentsOfFile: Self.card + "/README.md", encoding: .utf8)
        try text.write(toFile: card, atomically: true, encoding: .utf8)
        let before = try f.registry.history().count
        c.play(":import hf \(card) loan-scoring<Enter>")
        guard case .importPreview? = c.overlay else {
            Issue.record("no preview: \(c.message?.text ?? "")")
            return
        }
        try text.replacingOccurrences(of: "license: apache-2.0", with: "license: mit").write(toFile: card, atomically: true, encoding: .utf8)
        c.play("<Enter>")
        guard case let .importPreview(p)? = c.overlay else {
            Issue.record("the preview closed")
            return
        }
        #expect(p.problem?.contains("changed since the preview") == true, "\(p.problem ?? "")")
        #expect(try f.registry.history().count == before)
    }
}

/// `:classify` and `:import` open what writes, so a read-only console refuses them centrally,
/// as it refuses writing keys.
@Suite struct WritingCommandsTests {
    @Test func readOnlyRefusesClassifyAndImport() throws {
        let f = try Fixture()
        for line in [":classify loan-scoring<Enter>", ":import hf \(ImportPreviewTests.card) loan-scoring<Enter>"] {
            let c = f.console(readOnly: true)
            c.play(line)
            #expect(c.overlay == nil, "\(line)")
            #expect(c.message?.text == Console.readOnlyMessage, "\(line): \(c.message?.text ?? "")")
        }
        let c = f.console()
        c.play(":classify loan-scoring<Enter>")
        guard case .classify? = c.overlay else {
            Issue.record("the wizard did not open: \(c.message?.text ?? "")")
            return
        }
    }
}
