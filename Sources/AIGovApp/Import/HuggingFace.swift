import AIGovCore
import AIGovFormats
import Foundation
import Yams

/// `aigov import hf`: a Hugging Face model card (README.md with YAML front matter).
///
/// The model's identity is its repository on the Hub, `OWNER/NAME`: from `--model`, else the
/// Hub cache folder (`models--OWNER--NAME`), else a folder named `OWNER--NAME`, else a
/// `model-index[0].name` or `model_name` that is itself a repository id (`OWNER/NAME`). A
/// free-text name (`PPO`, `epoch_0_model`) is never an identity. The owner is the model's
/// provider; a card whose repository is not known needs `--model OWNER/NAME`.
///
/// One `models[]` entry (name, provider, version from `--revision` or the cache's snapshot,
/// licence, technique from what the card plainly states, parameters from a size in the name,
/// the base model into the rationale when the record has none), one `datasets[]` entry per
/// `datasets` item, one `metrics[]` entry per `model-index` result metric, the card's
/// "Intended uses" section as the purpose of a record without one and its "Limitations"
/// section as a risk. The card is recorded as `model-card` evidence. A dataset card and a
/// `model-index` that huggingface_hub would refuse are refused. Every other field read is
/// listed in the notes (`not mapped: FIELD ×N (REASON)`).
enum HuggingFaceImport {
    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String], warnings: inout [String]) -> [Contribution] {
        if options.model != nil, sources.count > 1 {
            problems.add(sources[0].name, "", "--model names one model; import one card at a time with it")
            return []
        }
        var unmapped = UnmappedFields()
        let out = sources.compactMap { card($0, options: options, problems: &problems, warnings: &warnings, unmapped: &unmapped) }
        notes += unmapped.notes()
        return out
    }

    /// Pipeline tags (and task tags) whose models generate content.
    static let generativeTasks: Set<String> = [
        "text-generation", "text2text-generation", "conversational", "text-to-image", "image-to-image",
        "text-to-speech", "text-to-audio", "text-to-video", "image-text-to-text", "image-to-text",
        "visual-question-answering", "summarization", "translation", "unconditional-image-generation",
        "image-to-video", "text-to-3d", "image-to-3d", "causal-lm",
    ]

    /// Libraries (`library_name` or a tag) of classical machine learning.
    static let classicalLibraries: Set<String> = ["sklearn", "scikit-learn", "xgboost", "lightgbm", "catboost"]

    /// Libraries (`library_name` or a tag) whose models are neural networks.
    static let neuralLibraries: Set<String> = [
        "transformers", "timm", "diffusers", "sentence-transformers", "pytorch", "tf", "tensorflow", "keras", "jax", "flax",
        "safetensors", "stable-baselines3", "speechbrain", "espnet", "nemo", "fairseq", "flair", "pytorch-lightning", "fastai",
        "asteroid", "paddlenlp", "paddlepaddle", "open_clip", "peft", "adapter-transformers", "allennlp", "gpt-neox",
        "ml-agents", "sample-factory", "mlx", "onnx", "tflite", "coreml", "transformers.js", "setfit", "span-marker",
        "pyannote-audio", "nemo", "unity-sentis", "gguf",
    ]

    /// Tasks that the Hub's models solve with neural networks.
    static let neuralTasks: Set<String> = [
        "automatic-speech-recognition", "audio-classification", "image-classification", "object-detection",
        "image-segmentation", "fill-mask", "token-classification", "question-answering", "feature-extraction",
        "sentence-similarity", "text-classification", "zero-shot-classification", "zero-shot-image-classification",
        "depth-estimation", "video-classification", "voice-activity-detection", "audio-to-audio", "table-question-answering",
        "document-question-answering", "mask-generation", "zero-shot-object-detection", "image-feature-extraction",
    ]

    /// Keys only a dataset card has.
    static let datasetCardKeys: Set<String> = [
        "task_categories", "task_ids", "dataset_info", "configs", "annotations_creators", "language_creators",
        "multilinguality", "size_categories", "source_datasets", "pretty_name", "paperswithcode_id", "train-eval-index",
        "viewer",
    ]

    /// Keys only a model card has.
    static let modelCardKeys: Set<String> = ["model-index", "pipeline_tag", "library_name", "base_model", "model_name", "inference", "widget"]

    /// Why each front matter key aigov reads has no place in the record.
    static let unmappedReasons: [String: String] = [
        "language": "aigov records no language of a model",
        "metrics": "metric ids without values; the values come from model-index",
        "widget": "the Hub's inference widget",
        "inference": "the Hub's inference setting",
        "thumbnail": "the Hub's display",
        "license_link": "a link to the licence text; the licence id is recorded",
        "co2_eq_emissions": "aigov records no emissions of a model",
        "base_model_relation": "the rationale names the base model, not how it was derived",
        "new_version": "another model, not this one",
        "eval_results": "read from model-index",
        "model_creator": "the provider is the repository's owner",
        "model_type": "the architecture; aigov records the technique",
        "quantized_by": "aigov records no quantiser",
        "prompt_template": "usage, not a fact of the record",
        "duplicated_from": "the Hub's copy history",
        "gated": "the Hub's access gating",
        "private": "the Hub's visibility",
        "arxiv": "a citation",
        "doi": "a citation",
        "citation": "a citation",
        "language_details": "aigov records no language of a model",
    ]

    static func card(_ source: ImportSource, options: ImportOptions, problems: inout ImportProblems,
                     warnings: inout [String], unmapped: inout UnmappedFields) -> Contribution? {
        let file = source.name
        let text: String
        switch source.text() {
        case let .success(t): text = t
        case let .failure(p):
            problems.problems.append(p)
            return nil
        }
        guard let (yaml, body) = split(text) else {
            problems.add(file, "", "no YAML front matter: a model card starts with a line \"---\", its metadata, and another \"---\"")
            return nil
        }
        let meta: ImportValue
        switch YAMLValue.parse(yaml, file: file) {
        case let .success(v): meta = v
        case let .failure(p):
            problems.problems.append(p)
            return nil
        }
        guard meta.isMap else {
            problems.add(file, "", "the front matter is \(meta.typeName), expected a mapping of metadata keys")
            return nil
        }
        let unknownKeys = meta.keys.filter { !SourceKeys.huggingFaceCard.contains($0) }
        if let w = SourceKeys.warning(file, format: "the Hugging Face model card metadata", unknown: unknownKeys) {
            warnings.append(w)
        }
        // A dataset card describes data, not a model: refused rather than imported as a model.
        let datasetKeys = meta.keys.filter { datasetCardKeys.contains($0) }
        if !datasetKeys.isEmpty, !meta.keys.contains(where: { modelCardKeys.contains($0) }) {
            problems.add(file, "", "a Hugging Face dataset card (\(datasetKeys.joined(separator: ", "))), not a model card: aigov imports models from model cards; record the dataset in the system's datasets[] instead")
            return nil
        }
        var used: Set<String> = []

        // A model-index huggingface_hub would refuse (a result without a dataset …) is refused too.
        let indexEntries = modelIndex(meta, file: file, problems: &problems)
        guard let indexEntries else { return nil }
        let index = indexEntries.first

        // Identity: the repository id, never a free-text name.
        var owner: String?
        var name: String?
        if let given = options.model {
            let parts = given.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isBlank, !parts[1].isBlank else {
                problems.add(file, "", "--model: expected OWNER/NAME as on the Hub, got \"\(given)\"")
                return nil
            }
            (owner, name) = (parts[0], parts[1])
        } else if let repo = source.hubRepo, let r = repoId(repo) {
            (owner, name) = r
        } else {
            let base = source.folder.map { ($0 as NSString).lastPathComponent } ?? ""
            let cache = base.hasPrefix("models--") ? String(base.dropFirst("models--".count)) : base
            let parts = cache.components(separatedBy: "--")
            if parts.count == 2, isRepoPart(parts[0]), isRepoPart(parts[1]) {
                (owner, name) = (parts[0], parts[1])
            } else if let r = [index?["name"]?.trimmed, meta["model_name"]?.trimmed].compactMap({ $0 }).lazy.compactMap(repoId).first {
                (owner, name) = r
                used.insert(index?["name"]?.trimmed.flatMap(repoId) != nil ? "model-index.name" : "model_name")
            } else if isRepoPart(base), base != "." {
                name = base
            }
        }
        guard let name, !name.isBlank else {
            problems.add(file, "", "the card's Hub repository is not known (the folder is not named OWNER--NAME); give --model OWNER/NAME")
            return nil
        }
        guard let owner, !owner.isBlank else {
            problems.add(file, "", "the card's Hub repository is not known: the folder \"\(name)\" names no owner (the provider) and the card names no OWNER/NAME; give --model OWNER/\(name)")
            return nil
        }
        if index?["name"] != nil, !used.contains("model-index.name") {
            unmapped.add("model-index.name", reason: "a name in the card, not the identity: the model is the repository \(owner)/\(name)")
        }
        if meta["model_name"] != nil, !used.contains("model_name") {
            unmapped.add("model_name", reason: "a name in the card, not the identity: the model is its repository")
        }

        var facts = Merge.ModelFacts(name: name, provider: owner)
        facts.version = options.revision ?? source.hubRevision
        if let l = meta["license"] {
            if let t = l.trimmed {
                facts.license = t == "other" ? (meta["license_name"]?.trimmed ?? t) : t
                if t == "other", meta["license_name"] != nil { used.insert("license_name") }
            } else if case let .list(items) = l {
                let ls = items.compactMap(\.trimmed)
                if !ls.isEmpty { facts.license = ls.joined(separator: " OR ") }
            } else if l != .null {
                problems.add(file, "license", "expected a licence id, got \(l.typeName)")
            }
        }
        if meta["license_name"] != nil, !used.contains("license_name") {
            unmapped.add("license_name", reason: "read only with license: other")
        }
        let (technique, usedTags) = technique(meta)
        facts.technique = technique
        let tagCount = tagValues(meta).count
        for _ in 0..<max(0, tagCount - usedTags) {
            unmapped.add("tags", reason: "the record's tags are the organisation's own; framework and task tags set the technique")
        }
        facts.parameters = size(in: name)
        var bases: [String] = []
        switch meta["base_model"] {
        case let .list(items)?: bases = items.compactMap(\.trimmed)
        case let v?: if let t = v.trimmed { bases = [t] }
        case nil: break
        }
        if !bases.isEmpty {
            facts.rationaleIfEmpty = "Fine-tuned from \(bases.joined(separator: ", ")) (from the Hugging Face model card)."
        }

        // Datasets the model was trained (or, with a base model, fine-tuned) on. A Hub dataset
        // id links to the Hub; a free-text name ("The Pile") is a name without a source.
        var datasets: [Merge.DatasetFacts] = []
        var seen: Set<String> = []
        let datasetValues: [ImportValue]
        switch meta["datasets"] {
        case let .list(items)?: datasetValues = items
        case let v?: datasetValues = v == .null ? [] : [v]
        case nil: datasetValues = []
        }
        for (i, d) in datasetValues.enumerated() {
            guard let dn = d.trimmed else {
                problems.add(file, joinPath("datasets", i), "expected a dataset id, got \(d.typeName)")
                continue
            }
            guard seen.insert(dn).inserted else { continue }
            var f = Merge.DatasetFacts(name: dn)
            if isDatasetId(dn) { f.source = "https://huggingface.co/datasets/\(dn)" }
            f.purposeIfEmpty = [bases.isEmpty ? .training : .fineTuning]
            datasets.append(f)
        }

        // Evaluation results: one metric per result metric, named with its dataset.
        var metrics: [(name: String, value: String)] = []
        var metricNames: Set<String> = []
        for entry in indexEntries {
            for result in entry["results"]?.items ?? [] {
                let ds = result["dataset"]
                let dsName = ds?["name"]?.trimmed ?? ds?["type"]?.trimmed
                var detail: [String] = []
                if let c = ds?["config"]?.trimmed, c != dsName, c != "default" { detail.append(c) }
                if let s = ds?["split"]?.trimmed { detail.append(s) }
                if result["task"] != nil { unmapped.add("model-index.results.task", reason: "the task evaluated; the metric names its dataset") }
                if result["source"] != nil { unmapped.add("model-index.results.source", reason: "where the result was reported") }
                for k in ["revision", "args"] where ds?[k] != nil {
                    unmapped.add("model-index.results.dataset.\(k)", reason: "the evaluation's dataset revision and arguments")
                }
                for m in result["metrics"]?.items ?? [] {
                    for k in ["verified", "verifyToken", "args", "config"] where m[k] != nil {
                        unmapped.add("model-index.results.metrics.\(k)", reason: "the Hub's verification and the metric's arguments")
                    }
                    guard let mName = m["name"]?.trimmed ?? m["type"]?.trimmed, let value = m["value"]?.trimmed else { continue }
                    var full = mName
                    if let dsName { full += " on \(dsName)" }
                    if !detail.isEmpty { full += " (\(detail.joined(separator: ", ")))" }
                    guard metricNames.insert(full).inserted else { continue }
                    metrics.append((full, value))
                }
            }
        }

        // The card's own words on intended use and limitations.
        let sections = Sections(body)
        let repo = "\(owner)/\(name)"
        let intendedUse = sections.intendedUse
        let limitations = sections.limitations.map { "Limitations stated in the model card of \(repo): \($0)" }

        let handled: Set<String> = ["license", "license_name", "library_name", "pipeline_tag", "tags", "datasets", "base_model",
                                    "model-index", "model_name"]
        for key in meta.keys where !handled.contains(key) {
            if unknownKeys.contains(key) {
                unmapped.add(key, reason: "no version of the Hub's card metadata defines it (see the warning)")
            } else if key.hasPrefix("extra_gated") {
                unmapped.add(key, reason: "the Hub's access gating")
            } else {
                unmapped.add(key, reason: unmappedReasons[key] ?? "aigov's record has no field for it")
            }
        }

        let revision = facts.version
        let uri = revision.map { "https://huggingface.co/\(repo)/blob/\($0)/README.md" } ?? "https://huggingface.co/\(repo)"
        let sha = source.sha256
        let key = ModelKey(name: name, provider: owner)
        let modelFacts = facts
        return Contribution(
            target: options.system.map { .id($0) } ?? .models(keys: [key], prefixes: [], what: repo),
            source: file,
            newSystem: { id in Merge.newSystem(id: id) },
            merge: { s in
                if let conflict = Merge.model(modelFacts, into: &s) { return [conflict] }
                for d in datasets { Merge.dataset(d, into: &s) }
                for m in metrics { Merge.metric(name: m.name, group: nil, value: m.value, into: &s) }
                if let intendedUse, s.purpose.isBlank { s.purpose = intendedUse }
                if let limitations, !s.risks.contains(where: { $0.description == limitations }) {
                    s.risks.append(Risk(description: limitations))
                }
                Merge.evidence(kind: .modelCard, title: "Hugging Face model card \(repo)", uri: uri, sha256: sha, date: nil, into: &s)
                return []
            })
    }

    /// The model-index entries, checked as huggingface_hub's `model_index_to_eval_results`
    /// reads them: each entry has a `name` and `results`, each result a `task.type`,
    /// `dataset.type` and `dataset.name`, and `metrics` each with `type` and `value`. Nil when
    /// the model-index is refused (its problems are added).
    static func modelIndex(_ meta: ImportValue, file: String, problems: inout ImportProblems) -> [ImportValue]? {
        guard let index = meta["model-index"], index != .null else { return [] }
        guard case let .list(entries) = index else {
            problems.add(file, "model-index", "expected a list of models (huggingface_hub refuses this card), got \(index.typeName)")
            return nil
        }
        let before = problems.problems.count
        let why = "huggingface_hub refuses a model-index without it"
        for (e, entry) in entries.enumerated() {
            let ep = joinPath("model-index", e)
            guard entry.isMap else {
                problems.add(file, ep, "expected a model (name and results), got \(entry.typeName)")
                continue
            }
            if entry["name"]?.text == nil { problems.add(file, joinPath(ep, "name"), "missing: \(why)") }
            guard case let .list(results)? = entry["results"] else {
                problems.add(file, joinPath(ep, "results"), entry["results"] == nil ? "missing: \(why)" : "expected a list of results")
                continue
            }
            for (r, result) in results.enumerated() {
                let rp = joinPath(joinPath(ep, "results"), r)
                if result["task"]?["type"]?.text == nil { problems.add(file, joinPath(rp, "task.type"), "missing: \(why)") }
                if result["dataset"] == nil || result["dataset"] == .null {
                    problems.add(file, joinPath(rp, "dataset"), "missing: a result names the dataset it was measured on (type and name); \(why)")
                } else {
                    for k in ["type", "name"] where result["dataset"]?[k]?.text == nil {
                        problems.add(file, joinPath(rp, "dataset.\(k)"), "missing: \(why)")
                    }
                }
                guard case let .list(metrics)? = result["metrics"] else {
                    problems.add(file, joinPath(rp, "metrics"), result["metrics"] == nil ? "missing: \(why)" : "expected a list of metrics")
                    continue
                }
                for (k, m) in metrics.enumerated() {
                    let mp = joinPath(joinPath(rp, "metrics"), k)
                    if m["type"]?.text == nil { problems.add(file, joinPath(mp, "type"), "missing: \(why)") }
                    if m["value"] == nil || m["value"] == .null { problems.add(file, joinPath(mp, "value"), "missing: \(why)") }
                }
            }
        }
        return problems.problems.count == before ? entries : nil
    }

    /// The technique the card plainly states, and how many of its tags said so: a generative
    /// task (pipeline tag or task tag) → generative; a classical library (`library_name` or a
    /// tag: sklearn, xgboost …) → machine learning; a neural-network library (transformers,
    /// timm …) or a task the Hub's models solve with neural networks (automatic speech
    /// recognition, image classification …) → deep learning; else the tasks its model-index
    /// evaluated, read the same way; nothing stated → nil.
    static func technique(_ meta: ImportValue) -> (Technique?, Int) {
        let pipeline = meta["pipeline_tag"]?.trimmed
        let library = meta["library_name"]?.trimmed?.lowercased()
        let tags = tagValues(meta).map { $0.lowercased() }
        let generative = tags.filter { generativeTasks.contains($0) }
        if let pipeline, generativeTasks.contains(pipeline) { return (.generative, generative.count) }
        if !generative.isEmpty { return (.generative, generative.count) }
        let classical = tags.filter { classicalLibraries.contains($0) }
        if let library, classicalLibraries.contains(library) { return (.machineLearning, classical.count) }
        if !classical.isEmpty { return (.machineLearning, classical.count) }
        let neural = tags.filter { neuralLibraries.contains($0) || neuralTasks.contains($0) }
        if let library, neuralLibraries.contains(library) { return (.deepLearning, neural.count) }
        if let pipeline, neuralTasks.contains(pipeline) { return (.deepLearning, neural.count) }
        if !neural.isEmpty { return (.deepLearning, neural.count) }
        // The tasks the model-index evaluated (`results[].task.type`) state the task too.
        let evaluated = (meta["model-index"]?.items ?? []).flatMap { $0["results"]?.items ?? [] }
            .compactMap { $0["task"]?["type"]?.trimmed?.lowercased() }
        if evaluated.contains(where: { generativeTasks.contains($0) }) { return (.generative, 0) }
        if evaluated.contains(where: { neuralTasks.contains($0) }) { return (.deepLearning, 0) }
        return (nil, 0)
    }

    /// The card's tags: a list, or a single tag.
    static func tagValues(_ meta: ImportValue) -> [String] {
        if case let .list(items)? = meta["tags"] { return items.compactMap(\.trimmed) }
        return meta["tags"]?.trimmed.map { [$0] } ?? []
    }

    /// One part of a Hub repository id: letters, digits, `-`, `_`, `.`, not starting with a
    /// separator, at most 96 characters.
    static func isRepoPart(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.unicodeScalars.count <= 96,
              CharacterSet.alphanumerics.contains(first), first.isASCII else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
            && !s.contains("..")
    }

    /// `OWNER/NAME` when `s` is a Hub repository id.
    static func repoId(_ s: String) -> (String, String)? {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, isRepoPart(parts[0]), isRepoPart(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    /// A Hub dataset id: `NAME` (a canonical dataset) or `OWNER/NAME`.
    static func isDatasetId(_ s: String) -> Bool { isRepoPart(s) || repoId(s) != nil }

    /// The front matter and the body after it.
    static func split(_ text: String) -> (String, String)? {
        var t = Substring(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if t.hasPrefix("\u{FEFF}") { t = t.dropFirst() }
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        for (i, l) in lines.enumerated().dropFirst() {
            let s = l.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            if s == "---" || s == "..." {
                return (lines[1..<i].joined(separator: "\n"), lines[(i + 1)...].joined(separator: "\n"))
            }
        }
        return nil
    }

    /// The card body's sections on intended use and on limitations (Markdown headings, any
    /// level): "Intended uses", "Uses", "Direct Use" …; "Limitations", "Bias, Risks, and
    /// Limitations", "Limitations and Biases" …. A section runs to the next heading of its
    /// level or higher; a heading that names both (`Intended uses & limitations`) gives its own
    /// text to the intended use. Code blocks, HTML comments and tags are left out; a template's
    /// "More information needed" is no text.
    struct Sections {
        var intendedUse: String?
        var limitations: String?

        init(_ body: String) {
            var heads: [(line: Int, level: Int, title: String)] = []
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fence = false
            for (i, l) in lines.enumerated() {
                let t = l.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("```") || t.hasPrefix("~~~") { fence.toggle(); continue }
                guard !fence, t.hasPrefix("#") else { continue }
                let level = t.prefix { $0 == "#" }.count
                guard level <= 6, t.dropFirst(level).first == " " else { continue }
                heads.append((i, level, String(t.dropFirst(level)).trimmingCharacters(in: .whitespaces)))
            }
            // A section runs to the next heading of its level or higher; an intended use also
            // stops at a subsection on misuse, out-of-scope use or limitations.
            func text(_ h: Int, ownOnly: Bool, stopAtMisuse: Bool) -> String? {
                let start = heads[h].line + 1
                var end = lines.count
                for k in (h + 1)..<heads.count {
                    let sub = Sections.kind(heads[k].title)
                    if ownOnly || heads[k].level <= heads[h].level || (stopAtMisuse && (sub.misuse || sub.limits)) {
                        end = heads[k].line
                        break
                    }
                }
                return Sections.clean(Array(lines[min(start, end)..<end]))
            }
            for (h, head) in heads.enumerated() {
                let kind = Sections.kind(head.title)
                if kind.uses, intendedUse == nil { intendedUse = text(h, ownOnly: kind.limits, stopAtMisuse: true) }
                if kind.limits, !kind.uses, limitations == nil { limitations = text(h, ownOnly: false, stopAtMisuse: false) }
            }
        }

        static func kind(_ title: String) -> (uses: Bool, limits: Bool, misuse: Bool) {
            let t = title.lowercased().filter { $0.isLetter || $0 == " " || $0 == "-" }
            let words = Set(t.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init))
            let limits = t.contains("limitation") || words.contains("bias") || words.contains("biases") || words.contains("risks")
            let misuse = t.contains("out-of-scope") || t.contains("out of scope") || words.contains("misuse") || t.contains("how to")
            let uses = !misuse && (t.contains("intended use") || words.contains("uses") || t == "use" || t.contains("direct use"))
            return (uses, limits, misuse)
        }

        static func clean(_ lines: [String]) -> String? {
            var out: [String] = []
            var fence = false
            var comment = false
            for l in lines {
                let t = l.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("```") || t.hasPrefix("~~~") { fence.toggle(); continue }
                if fence { continue }
                var line = l
                if comment {
                    guard let end = line.range(of: "-->") else { continue }
                    line = String(line[end.upperBound...])
                    comment = false
                }
                while let open = line.range(of: "<!--") {
                    if let close = line.range(of: "-->", range: open.upperBound..<line.endIndex) {
                        line.removeSubrange(open.lowerBound..<close.upperBound)
                    } else {
                        line = String(line[..<open.lowerBound])
                        comment = true
                    }
                }
                var s = line.trimmingCharacters(in: .whitespaces)
                if s.hasPrefix("<"), s.hasSuffix(">"), !s.dropFirst().contains("<") { continue }
                // A subsection's heading stays as its words.
                let hashes = s.prefix { $0 == "#" }.count
                if hashes > 0, hashes <= 6, s.dropFirst(hashes).first == " " {
                    s = String(s.dropFirst(hashes)).trimmingCharacters(in: .whitespaces)
                }
                out.append(s)
            }
            // Paragraphs kept, runs of blank lines folded.
            var text: [String] = []
            for l in out {
                if l.isEmpty, text.last?.isEmpty ?? true { continue }
                text.append(l)
            }
            while text.last?.isEmpty == true { text.removeLast() }
            let joined = text.joined(separator: "\n")
            let plain = joined.lowercased().filter { $0.isLetter || $0 == " " }.trimmingCharacters(in: .whitespaces)
            if plain.isEmpty || plain == "more information needed" || plain == "more info needed" { return nil }
            return joined
        }
    }

    /// The YAML between a first line `---` and the next `---` (or `...`) line.
    static func frontMatter(_ text: String) -> String? { split(text)?.0 }

    /// A parameter count stated in a model's name: `zephyr-7b-beta` → `7B`, `…-1.3b` → `1.3B`,
    /// `…-350m` → `350M`.
    static func size(in name: String) -> String? {
        let parts = name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "." })
        for p in parts {
            guard let unit = p.last, unit == "b" || unit == "m" else { continue }
            let num = p.dropLast()
            guard !num.isEmpty, num.count <= 6, num.first?.isNumber == true,
                  num.allSatisfy({ $0.isNumber || $0 == "." }), num.filter({ $0 == "." }).count <= 1, Double(num) != nil else { continue }
            return String(num) + String(unit).uppercased()
        }
        return nil
    }
}

/// YAML (a model card's front matter) read into an `ImportValue`, bounded like the registry's
/// own reader: `InputLimits.maxNodes` values after alias expansion, `maxDepth` levels.
enum YAMLValue {
    static func parse(_ text: String, file: String) -> Result<ImportValue, InputProblem> {
        do {
            let parser = try Yams.Parser(yaml: text, resolver: .basic)
            guard let root = try parser.nextRoot() else { return .success(.null) }
            var budget = InputLimits.maxNodes
            var duplicates: [String] = []
            let v = try convert(root, path: "", budget: &budget, depth: 0, duplicates: &duplicates)
            if let d = duplicates.first {
                return .failure(InputProblem(file: file, path: d, message: "duplicate key in the front matter"))
            }
            return .success(v)
        } catch let e as Limit {
            return .failure(InputProblem(file: file, path: "", message: e.message))
        } catch let e as YamlError {
            return .failure(InputProblem(file: file, path: "", message: "malformed YAML front matter: \(describe(e))"))
        } catch {
            return .failure(InputProblem(file: file, path: "", message: "malformed YAML front matter: \(error)"))
        }
    }

    struct Limit: Error { var message: String }

    static func describe(_ e: YamlError) -> String {
        switch e {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            "line \(mark.line + 1), column \(mark.column): \(problem)"
        default: "\(e)"
        }
    }

    static func convert(_ y: Yams.Node, path: String, budget: inout Int, depth: Int,
                        duplicates: inout [String]) throws -> ImportValue {
        budget -= 1
        if budget < 0 { throw Limit(message: "the front matter expands to more than \(InputLimits.maxNodes) values (YAML aliases?)") }
        if depth > InputLimits.maxDepth { throw Limit(message: "the front matter nests deeper than \(InputLimits.maxDepth) levels") }
        switch y {
        case let .scalar(s):
            let plain = s.style == .plain || s.style == .any
            if plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return .null }
            return .string(s.string)
        case let .sequence(seq):
            var items: [ImportValue] = []
            for (i, item) in seq.enumerated() {
                items.append(try convert(item, path: joinPath(path, i), budget: &budget, depth: depth + 1, duplicates: &duplicates))
            }
            return .list(items)
        case let .mapping(map):
            var entries: [(key: String, value: ImportValue)] = []
            var seen: Set<String> = []
            for (k, v) in map {
                guard case let .scalar(ks) = k else { continue }
                let child = joinPath(path, ks.string)
                guard seen.insert(ks.string).inserted else {
                    duplicates.append(child)
                    continue
                }
                entries.append((ks.string, try convert(v, path: child, budget: &budget, depth: depth + 1, duplicates: &duplicates)))
            }
            return .map(entries)
        case .alias:
            return .null
        }
    }
}
