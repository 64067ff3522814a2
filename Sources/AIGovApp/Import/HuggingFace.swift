import AIGovCore
import AIGovFormats
import Foundation
import Yams

/// `aigov import hf`: a Hugging Face model card (README.md with YAML front matter).
///
/// The model's identity is `OWNER/NAME` on the Hub: from `--model`, else `model-index[0].name`
/// (when it holds `OWNER/NAME`, or as the name), else `model_name`, else the folder (a Hub
/// cache folder `models--OWNER--NAME`, `OWNER--NAME`, or just the name). The owner is the
/// model's provider; a card that names no owner needs `--model OWNER/NAME`.
///
/// One `models[]` entry (name, provider, version from `--revision`, licence, technique from
/// the pipeline tag, parameters from a size in the name, the base model into the rationale
/// when the record has none), one `datasets[]` entry per `datasets` item, and one `metrics[]`
/// entry per `model-index` result metric. The card is recorded as `model-card` evidence.
enum HuggingFaceImport {
    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String], warnings: inout [String]) -> [Contribution] {
        if options.model != nil, sources.count > 1 {
            problems.add(sources[0].name, "", "--model names one model; import one card at a time with it")
            return []
        }
        return sources.compactMap { card($0, options: options, problems: &problems, warnings: &warnings) }
    }

    /// Pipeline tags whose models generate content.
    static let generativeTasks: Set<String> = [
        "text-generation", "text2text-generation", "conversational", "text-to-image", "image-to-image",
        "text-to-speech", "text-to-audio", "text-to-video", "image-text-to-text", "image-to-text",
        "visual-question-answering", "summarization", "translation",
    ]

    static func card(_ source: ImportSource, options: ImportOptions, problems: inout ImportProblems,
                     warnings: inout [String]) -> Contribution? {
        let file = source.name
        let text: String
        switch source.text() {
        case let .success(t): text = t
        case let .failure(p):
            problems.problems.append(p)
            return nil
        }
        guard let yaml = frontMatter(text) else {
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
        if let w = SourceKeys.warning(file, format: "the Hugging Face model card metadata",
                                      unknown: meta.keys.filter { !SourceKeys.huggingFaceCard.contains($0) }) {
            warnings.append(w)
        }

        // Identity.
        let index = meta["model-index"]?.items.first
        var owner: String?
        var name: String?
        if let given = options.model {
            let parts = given.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isBlank, !parts[1].isBlank else {
                problems.add(file, "", "--model: expected OWNER/NAME as on the Hub, got \"\(given)\"")
                return nil
            }
            (owner, name) = (parts[0], parts[1])
        } else {
            for candidate in [index?["name"]?.trimmed, meta["model_name"]?.trimmed].compactMap({ $0 }) where name == nil {
                let parts = candidate.split(separator: "/").map(String.init)
                if parts.count == 2 { (owner, name) = (parts[0], parts[1]) } else if parts.count == 1, !candidate.contains(" ") { name = candidate }
            }
            if let folder = source.folder {
                let base = (folder as NSString).lastPathComponent
                let cache = base.hasPrefix("models--") ? String(base.dropFirst("models--".count)) : base
                let parts = cache.components(separatedBy: "--")
                if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, name == nil || name == parts[1] {
                    owner = owner ?? parts[0]
                    name = parts[1]
                } else if name == nil, !base.isEmpty, base != ".", base != "/" {
                    name = base
                }
            }
        }
        guard let name, !name.isBlank else {
            problems.add(file, "model-index[0].name", "the card does not name its model; give --model OWNER/NAME")
            return nil
        }
        guard let owner, !owner.isBlank else {
            problems.add(file, "model-index[0].name", "the card does not name its owner (the provider); give --model OWNER/\(name)")
            return nil
        }

        var facts = Merge.ModelFacts(name: name, provider: owner)
        facts.version = options.revision
        if let l = meta["license"] {
            if let t = l.trimmed {
                facts.license = t == "other" ? (meta["license_name"]?.trimmed ?? t) : t
            } else if case let .list(items) = l {
                let ls = items.compactMap(\.trimmed)
                if !ls.isEmpty { facts.license = ls.joined(separator: " OR ") }
            } else if l != .null {
                problems.add(file, "license", "expected a licence id, got \(l.typeName)")
            }
        }
        let pipeline = meta["pipeline_tag"]?.trimmed
        let tags = (meta["tags"]?.items ?? []).compactMap(\.trimmed)
        if let pipeline, generativeTasks.contains(pipeline) {
            facts.technique = .generative
        } else if ["sklearn", "scikit-learn", "xgboost", "lightgbm", "catboost"].contains(meta["library_name"]?.trimmed ?? "") {
            facts.technique = .machineLearning
        } else if pipeline != nil || tags.contains(where: { ["transformers", "pytorch", "tf", "jax", "safetensors"].contains($0) })
                    || meta["model-index"] != nil {
            facts.technique = .deepLearning
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

        // Datasets the model was trained (or, with a base model, fine-tuned) on.
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
            f.source = "https://huggingface.co/datasets/\(dn)"
            f.purposeIfEmpty = [bases.isEmpty ? .training : .fineTuning]
            datasets.append(f)
        }

        // Evaluation results: one metric per result metric, named with its dataset.
        var metrics: [(name: String, value: String)] = []
        var metricNames: Set<String> = []
        for (r, result) in (index?["results"]?.items ?? []).enumerated() {
            let ds = result["dataset"]
            let dsName = ds?["name"]?.trimmed ?? ds?["type"]?.trimmed
            var detail: [String] = []
            if let c = ds?["config"]?.trimmed, c != dsName, c != "default" { detail.append(c) }
            if let s = ds?["split"]?.trimmed { detail.append(s) }
            for (k, m) in (result["metrics"]?.items ?? []).enumerated() {
                guard let mName = m["name"]?.trimmed ?? m["type"]?.trimmed else {
                    problems.add(file, "model-index[0].results[\(r)].metrics[\(k)]", "a metric needs a name or type")
                    continue
                }
                guard let value = m["value"]?.trimmed else { continue }
                var full = mName
                if let dsName { full += " on \(dsName)" }
                if !detail.isEmpty { full += " (\(detail.joined(separator: ", ")))" }
                guard metricNames.insert(full).inserted else { continue }
                metrics.append((full, value))
            }
        }

        let repo = "\(owner)/\(name)"
        let uri = options.revision.map { "https://huggingface.co/\(repo)/blob/\($0)/README.md" } ?? "https://huggingface.co/\(repo)"
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
                Merge.evidence(kind: .modelCard, title: "Hugging Face model card \(repo)", uri: uri, sha256: sha, date: nil, into: &s)
                return []
            })
    }

    /// The YAML between a first line `---` and the next `---` (or `...`) line.
    static func frontMatter(_ text: String) -> String? {
        // "\r\n" is one Character in Swift: make line ends plain before splitting.
        var t = Substring(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if t.hasPrefix("\u{FEFF}") { t = t.dropFirst() }
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        for (i, l) in lines.enumerated().dropFirst() {
            let s = l.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            if s == "---" || s == "..." { return lines[1..<i].joined(separator: "\n") }
        }
        return nil
    }

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
