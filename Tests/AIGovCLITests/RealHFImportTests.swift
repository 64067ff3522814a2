import Foundation
import Testing

/// `aigov import hf` over real model cards (Fixtures/import/hf/real, sources in its README):
/// what arrives in the record for each card, the Hub's cache layout, identity from the folder
/// or `--model` only, and what the importer refuses.
@Suite(.serialized) struct RealHFImportTests {
    static let real = CLI.fixtures.appendingPathComponent("import/hf/real").path

    static func card(_ folder: String) -> String { real + "/" + folder }

    // record, list, auditCount and sha256 are ImportTests' own.

    /// Imports one card into a fresh system `sys` and returns the record and the run.
    static func importOne(_ path: String, _ extra: [String] = [], t: TempDir) throws -> (record: [String: Any], run: CLI.Result, db: String) {
        let db = t.file("r-\(UUID().uuidString.prefix(8)).db")
        let r = try CLI.run(["import", "hf", path, "--system", "sys"] + extra, db: db)
        #expect(r.code == 0, "\(path): \(r.err)")
        return (r.code == 0 ? try ImportTests.record("sys", db: db) : [:], r, db)
    }

    // MARK: Fault 6: the Hub's cache layout

    /// Builds `models--OWNER--NAME/` as huggingface_hub leaves it: the card's bytes in
    /// `blobs/SHA`, `snapshots/REV/README.md` a relative symlink to it, `refs/main` naming REV.
    static func hubCache(_ t: TempDir, from card: String, repo: String, revisions: [String], main: String?) throws -> String {
        let root = t.file("hub/models--" + repo.replacingOccurrences(of: "/", with: "--"))
        let fm = FileManager.default
        let bytes = try Data(contentsOf: URL(fileURLWithPath: card + "/README.md"))
        let blob = try ImportTests.sha256(card + "/README.md")
        try fm.createDirectory(atPath: root + "/blobs", withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: root + "/blobs/" + blob))
        for rev in revisions {
            try fm.createDirectory(atPath: root + "/snapshots/" + rev, withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: root + "/snapshots/\(rev)/README.md", withDestinationPath: "../../blobs/" + blob)
        }
        if let main {
            try fm.createDirectory(atPath: root + "/refs", withIntermediateDirectories: true)
            try Data(main.utf8).write(to: URL(fileURLWithPath: root + "/refs/main"))
        }
        return root
    }

    @Test func theHubCacheLayoutImportsWithRepoAndRevisionFromItsFolders() throws {
        let t = TempDir()
        let rev = "133a221b8aa7292a167afc5127cb63fb5005638b"
        let root = try Self.hubCache(t, from: Self.card("CompVis--stable-diffusion-v1-4"), repo: "CompVis/stable-diffusion-v1-4",
                                     revisions: [rev], main: rev)
        let (s, run, db) = try Self.importOne(root, t: t)
        #expect(run.code == 0)
        let m = ImportTests.list(s, "models").first ?? [:]
        #expect(m["name"] as? String == "stable-diffusion-v1-4")
        #expect(m["provider"] as? String == "CompVis")
        #expect(m["version"] as? String == rev)
        #expect(m["license"] as? String == "creativeml-openrail-m")
        #expect(m["technique"] as? String == "generative")
        let e = ImportTests.list(s, "evidence").first { $0["title"] as? String == "Hugging Face model card CompVis/stable-diffusion-v1-4" }
        #expect(e?["uri"] as? String == "https://huggingface.co/CompVis/stable-diffusion-v1-4/blob/\(rev)/README.md")
        #expect(e?["sha256"] as? String == (try ImportTests.sha256(Self.card("CompVis--stable-diffusion-v1-4") + "/README.md")))

        // The snapshot folder itself, and the symlinked README inside it, import the same.
        let count = try ImportTests.auditCount(db)
        for path in [root + "/snapshots/" + rev, root + "/snapshots/\(rev)/README.md"] {
            let again = try CLI.run(["import", "hf", path, "--system", "sys"], db: db)
            #expect(again.code == 0, "\(path): \(again.err)")
            #expect(again.out.contains("unchanged sys"), "\(again.out)")
        }
        #expect(try ImportTests.auditCount(db) == count)
    }

    @Test func severalSnapshotsTakeRefsMainOrTheGivenRevisionElseAreRefused() throws {
        let t = TempDir()
        let (a, b) = ("1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222")
        let withMain = try Self.hubCache(t, from: Self.card("sb3--ppo-LunarLander-v2"), repo: "sb3/ppo-LunarLander-v2",
                                         revisions: [a, b], main: b)
        let (s, _, _) = try Self.importOne(withMain, t: t)
        #expect(ImportTests.list(s, "models").first?["version"] as? String == b)

        let t2 = TempDir()
        let noMain = try Self.hubCache(t2, from: Self.card("sb3--ppo-LunarLander-v2"), repo: "sb3/ppo-LunarLander-v2",
                                       revisions: [a, b], main: nil)
        let db = t2.file("r.db")
        let refused = try CLI.run(["import", "hf", noMain, "--system", "sys"], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("--revision") && refused.err.contains(a) && refused.err.contains(b), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let picked = try CLI.run(["import", "hf", noMain, "--system", "sys", "--revision", a], db: db)
        #expect(picked.code == 0, "\(picked.err)")
        #expect(ImportTests.list(try ImportTests.record("sys", db: db), "models").first?["version"] as? String == a)
    }

    @Test func aSymlinkLeavingTheCacheFolderIsRefused() throws {
        let t = TempDir()
        let outside = t.write("outside/README.md", try String(contentsOfFile: Self.card("julien-c--wine-quality") + "/README.md", encoding: .utf8))
        let root = t.file("hub/models--julien-c--wine-quality")
        try FileManager.default.createDirectory(atPath: root + "/snapshots/abc", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/snapshots/abc/README.md", withDestinationPath: outside)
        let db = t.file("r.db")
        let r = try CLI.run(["import", "hf", root, "--system", "sys"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("outside"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    // MARK: Fault 7: identity is the repo id from the folder or --model

    @Test func aFreeTextModelIndexNameNeverOverridesTheFolder() throws {
        let t = TempDir()
        for (folder, name, provider) in [("sb3--ppo-LunarLander-v2", "ppo-LunarLander-v2", "sb3"),
                                         ("nomic-ai--nomic-embed-text-v1.5", "nomic-embed-text-v1.5", "nomic-ai"),
                                         ("Classroom-workshop--assignment1-francesco", "assignment1-francesco", "Classroom-workshop")] {
            let (s, run, _) = try Self.importOne(Self.card(folder), t: t)
            #expect(run.code == 0, "\(folder): \(run.err)")
            let m = ImportTests.list(s, "models")
            #expect(m.count == 1)
            #expect(m.first?["name"] as? String == name, "\(folder)")
            #expect(m.first?["provider"] as? String == provider, "\(folder)")
        }
    }

    @Test func aCardWithoutModelIndexOrOwnerAsksForModelWithoutBlamingModelIndex() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let r = try CLI.run(["import", "hf", Self.card("bert-base-uncased"), "--system", "sys"], db: db)
        #expect(r.code == 2)
        #expect(!r.err.contains("model-index"), "\(r.err)")
        #expect(r.err.contains("--model OWNER/bert-base-uncased"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let ok = try CLI.run(["import", "hf", Self.card("bert-base-uncased"), "--system", "sys", "--model", "google-bert/bert-base-uncased"], db: db)
        #expect(ok.code == 0, "\(ok.err)")
        let m = ImportTests.list(try ImportTests.record("sys", db: db), "models").first ?? [:]
        #expect(m["name"] as? String == "bert-base-uncased" && m["provider"] as? String == "google-bert")
    }

    // MARK: What arrives from each real card

    /// What one real card must give: the model's fields, its datasets (name and Hub URL, nil
    /// for none), its metrics (count and one name with its value), and the card's own words on
    /// intended use (the purpose) and limitations (a risk).
    struct Expect: Sendable, CustomTestStringConvertible {
        var path: String
        var model: String? = nil
        var name: String
        var provider: String
        var license: String?
        var technique: String?
        var parameters: String? = nil
        var datasets: [String] = []
        var sources: [String?] = []
        var metrics = 0
        var metric: (String, String)? = nil
        var purpose: String? = nil
        var risk: String? = nil
        var notes: [String] = []
        var testDescription: String { (path as NSString).lastPathComponent }
    }

    static func hub(_ d: String) -> String { "https://huggingface.co/datasets/" + d }

    static let cards: [Expect] = [
        Expect(path: card("Abdo96--whisper-small-en-accented"), name: "whisper-small-en-accented", provider: "Abdo96", license: nil,
               technique: "deep-learning", datasets: ["facebook/voxpopuli"], sources: [hub("facebook/voxpopuli")],
               notes: ["not mapped: language ×1 (aigov records no language of a model)"]),
        Expect(path: card("AdamOswald1--Anime"), name: "Anime", provider: "AdamOswald1", license: "creativeml-openrail-m", technique: "generative",
               datasets: ["Guizmus/AnimeChanStyle", "skytnt/fbanimehq", "skytnt/anime-segmentation", "Nerfgun3/bad_prompt",
                          "Nerfgun3/shatter_style", "Nerfgun3/ouroboros_embeddings"],
               sources: [hub("Guizmus/AnimeChanStyle"), hub("skytnt/fbanimehq"), hub("skytnt/anime-segmentation"), hub("Nerfgun3/bad_prompt"),
                         hub("Nerfgun3/shatter_style"), hub("Nerfgun3/ouroboros_embeddings")]),
        Expect(path: card("BlinkDL--rwkv-3-pile-169m"), name: "rwkv-3-pile-169m", provider: "BlinkDL", license: "apache-2.0",
               technique: "generative", parameters: "169M", datasets: ["The Pile"], sources: [nil]),
        Expect(path: card("Classroom-workshop--assignment1-francesco"), name: "assignment1-francesco", provider: "Classroom-workshop",
               license: "mit", technique: "deep-learning", datasets: ["librispeech_asr"], sources: [hub("librispeech_asr")], metrics: 2,
               metric: ("Test WER on LibriSpeech (clean) (clean, test)", "4.3"),
               purpose: "This model can be used for end-to-end speech recognition (ASR).",
               notes: ["not mapped: model-index.name ×1 (a name in the card, not the identity: the model is the repository Classroom-workshop/assignment1-francesco)"]),
        Expect(path: card("CompVis--stable-diffusion-v1-4"), name: "stable-diffusion-v1-4", provider: "CompVis", license: "creativeml-openrail-m",
               technique: "generative", purpose: "Direct Use\nThe model is intended for research purposes only.",
               risk: "Limitations stated in the model card of CompVis/stable-diffusion-v1-4: Limitations\n\n- The model does not achieve perfect photorealism",
               notes: ["not mapped: extra_gated_prompt ×1 (the Hub's access gating)", "not mapped: widget ×1 (the Hub's inference widget)"]),
        Expect(path: card("EleutherAI--gpt-j-6B"), name: "gpt-j-6B", provider: "EleutherAI", license: "apache-2.0", technique: "generative",
               parameters: "6B", datasets: ["the_pile"], sources: [hub("the_pile")],
               purpose: "GPT-J learns an inner representation of the English language",
               risk: "Limitations stated in the model card of EleutherAI/gpt-j-6B: The core functionality of GPT-J"),
        Expect(path: card("EleutherAI--pythia-70m"), name: "pythia-70m", provider: "EleutherAI", license: "apache-2.0", technique: "generative",
               parameters: "70M", datasets: ["EleutherAI/pile"], sources: [hub("EleutherAI/pile")],
               purpose: "The primary intended use of Pythia is research on the behavior, functionality,",
               risk: "Limitations stated in the model card of EleutherAI/pythia-70m: The core functionality of a"),
        Expect(path: card("NimaBoscarino--efficientformer-l1-1000"), name: "efficientformer-l1-1000", provider: "NimaBoscarino",
               license: "apache-2.0", technique: "deep-learning", datasets: ["imagenet-1k"], sources: [hub("imagenet-1k")],
               purpose: "Direct Use\n\nThis model can be used for image classification and semantic segmentation.",
               risk: "Limitations stated in the model card of NimaBoscarino/efficientformer-l1-1000: Though most designs in EfficientFormer"),
        Expect(path: card("bert-base-uncased"), model: "google-bert/bert-base-uncased", name: "bert-base-uncased", provider: "google-bert",
               license: "apache-2.0", technique: nil, datasets: ["bookcorpus", "wikipedia"], sources: [hub("bookcorpus"), hub("wikipedia")],
               purpose: "You can use the raw model for either masked language modeling or next sentence prediction",
               risk: "Limitations stated in the model card of google-bert/bert-base-uncased: Even if the training data used for this model"),
        Expect(path: card("facebook--bart-large-cnn"), name: "bart-large-cnn", provider: "facebook", license: "mit", technique: "generative",
               purpose: "You can use this model for text summarization."),
        Expect(path: card("facebook--wav2vec2-base-960h"), name: "wav2vec2-base-960h", provider: "facebook", license: "apache-2.0",
               technique: "deep-learning", datasets: ["librispeech_asr"], sources: [hub("librispeech_asr")]),
        Expect(path: card("google--vit-base-patch16-224"), name: "vit-base-patch16-224", provider: "google", license: "apache-2.0",
               technique: "deep-learning", datasets: ["imagenet", "imagenet-21k"], sources: [hub("imagenet"), hub("imagenet-21k")],
               purpose: "You can use the raw model for image classification."),
        Expect(path: card("julien-c--skops-digits"), name: "skops-digits", provider: "julien-c", license: nil, technique: "machine-learning"),
        Expect(path: card("julien-c--timm-dpn92"), name: "timm-dpn92", provider: "julien-c", license: "apache-2.0", technique: "deep-learning",
               datasets: ["imagenet"], sources: [hub("imagenet")],
               purpose: "You can use the raw model to classify images along the 1,000 ImageNet labels",
               risk: "Limitations stated in the model card of julien-c/timm-dpn92: The training images in the dataset"),
        Expect(path: card("julien-c--wine-quality"), name: "wine-quality", provider: "julien-c", license: nil, technique: "machine-learning",
               datasets: ["wine-quality", "lvwerra/red-wine"], sources: [hub("wine-quality"), hub("lvwerra/red-wine")]),
        Expect(path: card("nomic-ai--nomic-embed-text-v1.5"), name: "nomic-embed-text-v1.5", provider: "nomic-ai", license: "apache-2.0",
               technique: "deep-learning", metrics: 990,
               metric: ("accuracy on MTEB AmazonCounterfactualClassification (en) (en, test)", "75.20895522388058"),
               notes: ["not mapped: model-index.name ×1 (a name in the card, not the identity: the model is the repository nomic-ai/nomic-embed-text-v1.5)"]),
        Expect(path: card("runwayml--stable-diffusion-v1-5"), name: "stable-diffusion-v1-5", provider: "runwayml", license: "creativeml-openrail-m",
               technique: "generative", purpose: "Direct Use\nThe model is intended for research purposes only.",
               risk: "Limitations stated in the model card of runwayml/stable-diffusion-v1-5: Limitations"),
        Expect(path: card("sb3--ppo-LunarLander-v2"), name: "ppo-LunarLander-v2", provider: "sb3", license: nil, technique: "deep-learning",
               metrics: 1, metric: ("mean_reward on LunarLander-v2", "233.56 +/- 53.89"),
               notes: ["not mapped: model-index.results.task ×1 (the task evaluated; the metric names its dataset)"]),
        Expect(path: card("skops-tests--iris-sklearn-latest-logistic_regression-with-config"),
               name: "iris-sklearn-latest-logistic_regression-with-config", provider: "skops-tests", license: "apache-2.0",
               technique: "machine-learning"),
        Expect(path: card("timm--coatnet_0_rw_224.sw_in1k"), name: "coatnet_0_rw_224.sw_in1k", provider: "timm", license: "apache-2.0",
               technique: "deep-learning", datasets: ["imagenet-1k"], sources: [hub("imagenet-1k")],
               notes: ["not mapped: library_tag ×1 (no version of the Hub's card metadata defines it (see the warning))"]),
        Expect(path: real + "/huggingface_hub/sample_simple_model_index.md", model: "acme/my-cool-model", name: "my-cool-model", provider: "acme",
               license: "mit", technique: "deep-learning", datasets: ["beans"], sources: [hub("beans")], metrics: 2,
               metric: ("f1 on Beans (test)", "0.66")),
        Expect(path: real + "/huggingface_hub/sample_simple.md", model: "acme/my-cool-model", name: "my-cool-model", provider: "acme",
               license: "mit", technique: "deep-learning", datasets: ["beans"], sources: [hub("beans")],
               notes: ["not mapped: metrics ×1 (metric ids without values; the values come from model-index)"]),
        Expect(path: real + "/huggingface_hub/sample_windows_line_breaks.md", model: "acme/esperberto", name: "esperberto", provider: "acme",
               license: "mit", technique: nil, notes: ["not mapped: thumbnail ×1 (the Hub's display)"]),
    ]

    @Test(arguments: cards)
    func eachRealCardGivesItsFieldsAndASecondImportWritesNothing(_ e: Expect) throws {
        let t = TempDir()
        let (s, run, db) = try Self.importOne(e.path, e.model.map { ["--model", $0] } ?? [], t: t)
        guard run.code == 0 else { return }
        let models = ImportTests.list(s, "models")
        #expect(models.count == 1)
        let m = models.first ?? [:]
        #expect(m["name"] as? String == e.name)
        #expect(m["provider"] as? String == e.provider)
        #expect(m["license"] as? String == e.license)
        #expect(m["technique"] as? String == e.technique)
        #expect(m["parameters"] as? String == e.parameters)
        #expect(m["version"] == nil)
        let datasets = ImportTests.list(s, "datasets")
        #expect(datasets.map { $0["name"] as? String ?? "" } == e.datasets)
        #expect(datasets.map { $0["source"] as? String } == e.sources)
        #expect(datasets.allSatisfy { $0["purpose"] as? [String] == ["training"] })
        let metrics = ImportTests.list(s, "metrics")
        #expect(metrics.count == e.metrics)
        if let (name, value) = e.metric {
            #expect(metrics.first { $0["name"] as? String == name }?["value"] as? String == value, "\(metrics.prefix(3))")
        }
        if let p = e.purpose {
            #expect((s["purpose"] as? String)?.hasPrefix(p) == true, "\(s["purpose"] ?? "none")")
        } else {
            #expect(s["purpose"] == nil)
        }
        let risks = ImportTests.list(s, "risks").compactMap { $0["description"] as? String }
        if let r = e.risk {
            #expect(risks.count == 1 && risks[0].hasPrefix(r), "\(risks)")
        } else {
            #expect(risks.isEmpty, "\(risks)")
        }
        let repo = "\(e.provider)/\(e.name)"
        let evidence = ImportTests.list(s, "evidence")
        #expect(evidence.count == 1)
        #expect(evidence.first?["title"] as? String == "Hugging Face model card \(repo)")
        #expect(evidence.first?["uri"] as? String == "https://huggingface.co/\(repo)")
        let file = e.path.hasSuffix(".md") ? e.path : e.path + "/README.md"
        #expect(evidence.first?["sha256"] as? String == (try ImportTests.sha256(file)))
        for n in e.notes { #expect(run.err.contains("aigov: note: " + n), "\(run.err)") }

        // The same card again, into the same system or found by its model: nothing written.
        let count = try ImportTests.auditCount(db)
        let dump = try CLI.dump(db)
        let again = try CLI.run(["import", "hf", e.path, "--system", "sys"] + (e.model.map { ["--model", $0] } ?? []), db: db)
        #expect(again.code == 0 && again.out.contains("unchanged sys"), "\(again.out)\(again.err)")
        let found = try CLI.run(["import", "hf", e.path] + (e.model.map { ["--model", $0] } ?? []), db: db)
        #expect(found.code == 0 && found.out.contains("unchanged sys"), "\(found.out)\(found.err)")
        #expect(try ImportTests.auditCount(db) == count)
        #expect(try CLI.dump(db) == dump)
    }

    @Test func everyRealCardIntoOneSystemThenAgainWritesNothing() throws {
        let t = TempDir()
        let db = t.file("r.db")
        // Every card whose folder names its repository (bert-base-uncased needs --model).
        let folders = Self.cards.filter { $0.model == nil }.map(\.path)
        #expect(folders.count == 19)
        #expect(Self.cards.count + 2 >= 25)
        let first = try CLI.run(["import", "hf"] + folders + ["--system", "zoo"], db: db)
        #expect(first.code == 0, "\(first.err)")
        let s = try ImportTests.record("zoo", db: db)
        #expect(ImportTests.list(s, "models").count == folders.count)
        #expect(ImportTests.list(s, "evidence").count == folders.count)
        let count = try ImportTests.auditCount(db)
        #expect(count == 1)
        let again = try CLI.run(["import", "hf"] + folders + ["--system", "zoo"], db: db)
        #expect(again.code == 0 && again.out.contains("unchanged zoo"), "\(again.out)\(again.err)")
        #expect(try ImportTests.auditCount(db) == count)
    }

    // MARK: What is refused

    @Test func aDatasetCardIsRefusedAsADatasetCard() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let path = Self.real + "/huggingface_hub/sample_datasetcard_simple.md"
        let r = try CLI.run(["import", "hf", path, "--model", "acme/sample", "--system", "sys"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("\(path): a Hugging Face dataset card (annotations_creators, language_creators, multilinguality, size_categories, task_categories, task_ids, pretty_name), not a model card"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func aModelIndexResultWithoutADatasetIsRefusedAsHuggingfaceHubRefusesIt() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let path = Self.real + "/huggingface_hub/sample_invalid_model_index.md"
        let r = try CLI.run(["import", "hf", path, "--model", "acme/my-cool-model", "--system", "sys"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("\(path):model-index[0].results[0].dataset: missing: a result names the dataset it was measured on"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
