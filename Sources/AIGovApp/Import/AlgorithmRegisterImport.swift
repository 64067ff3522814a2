import AIGovCore
import AIGovFormats
import Crypto
import Foundation

/// `aigov import algoritmeregister`: the Dutch Algorithm Register's v1.0 JSON (`AlgorithmIn`,
/// or the published `v1_0__Algorithm`), one algorithm or a list. Each algorithm is a whole
/// system record; the mapping is `AlgorithmRegister`'s, read backwards (docs/import-export.md).
///
/// Identity: the algorithm's `source_id`, kept on the record as the tag
/// `algoritmeregister:<source_id>`. An algorithm updates the system carrying its tag, else the
/// system whose id is the source id (an aigov export read back), else creates a system whose id
/// is the source id (when it is a valid id) or is made from the name; `--system ID` picks the
/// system for a single algorithm.
enum AlgorithmRegisterImport {
    static let knownKeys: Set<String> = [
        "name", "description_short", "organization", "category", "status", "begin_date", "end_date", "contact_email",
        "website", "publication_category", "url", "goal", "proportionality", "human_intervention", "risks", "lawful_basis",
        "lawful_basis_grouping", "process_index_url", "impacttoetsen_grouping", "impacttoetsen", "source_data",
        "source_data_grouping", "methods_and_models", "provider", "publiccode", "lang", "standard_version", "source_id",
        "tags", "lars", "publication_dt", "create_dt", "language", "state",
    ]

    static func read(_ sources: [ImportSource], options: ImportOptions, provenance: Provenance,
                     problems: inout ImportProblems, notes: inout [String], warnings: inout [String]) -> [Contribution] {
        // Each entry with the SHA-256 of its own canonical JSON: the evidence hash covers the part
        // of the source the system came from, so another entry changing leaves it be.
        var entries: [(AlgorithmRegister.Entry, String, ImportSource, String)] = []
        var unknown: [String: [String]] = [:]
        var unmapped = UnmappedFields()
        for source in sources {
            guard let values = source.jsonValues(into: &problems) else { continue }
            guard values.count == 1, let root = values.first else {
                problems.add(source.name, "", "expected one JSON value (an algorithm or a list), found \(values.count)")
                continue
            }
            let items: [(ImportValue, String)]
            switch root {
            case let .list(list): items = list.enumerated().map { ($1, "[\($0)]") }
            case .map: items = [(root, "")]
            default:
                problems.add(source.name, "", "expected an algorithm object or a list of them, got \(root.typeName)")
                continue
            }
            for (v, path) in items {
                if let e = entry(v, path: path, file: source.name, owner: options.owner, problems: &problems,
                                 unknown: &unknown[source.name, default: []], unmapped: &unmapped) {
                    entries.append((e, path, source, ImportSource.hex(SHA256.hash(data: Data(MLflowImport.canonical(v).utf8)))))
                }
            }
        }
        // One algorithm, one system: two entries with the same source_id (in one file or across
        // files) would become two systems and be exported twice. Refused, naming both.
        var firstWith: [String: (path: String, file: String)] = [:]
        var firstNamed: [[String]: (path: String, file: String)] = [:]
        for (e, path, source, _) in entries {
            guard let id = e.sourceId, !id.isEmpty else {
                // Without a source_id the identity is organisation plus name.
                let key = [e.organization ?? "", e.name ?? ""]
                if let first = firstNamed[key] {
                    problems.add(source.name, joinPath(path, "name"),
                                 "\(e.organization ?? "") already has an algorithm named \"\(e.name ?? "")\" at \(first.file)\(first.path.isEmpty ? "" : ":" + first.path) and neither has a source_id: one algorithm, one entry")
                } else {
                    firstNamed[key] = (path, source.name)
                }
                continue
            }
            if let first = firstWith[id] {
                problems.add(source.name, joinPath(path, "source_id"),
                             "source_id \"\(id)\" is also the source_id of \(first.file)\(first.path.isEmpty ? "" : ":" + first.path): one algorithm, one entry")
            } else {
                firstWith[id] = (path, source.name)
            }
        }
        if options.system != nil, entries.count > 1 {
            problems.add(sources[0].name, "", "--system names one system, but the input holds \(entries.count) algorithms")
        }
        if !problems.isEmpty { return [] }
        for source in sources {
            if let w = SourceKeys.warning(source.name, format: "the Algorithm Register", unknown: unknown[source.name] ?? []) {
                warnings.append(w)
            }
        }
        let out = entries.map { e, _, source, sha in contribution(e, source: source, provenance: provenance, sha256: sha) }
        notes += unmapped.notes()
        return out
    }

    /// Reads and checks one algorithm: required fields, enumerations and the register's limits.
    static func entry(_ v: ImportValue, path: String, file: String, owner: String? = nil, problems: inout ImportProblems,
                      unknown: inout [String], unmapped: inout UnmappedFields) -> AlgorithmRegister.Entry? {
        guard v.isMap else {
            problems.add(file, path, "expected an algorithm object, got \(v.typeName)")
            return nil
        }
        let keys = Set(v.keys)
        if keys.isDisjoint(with: ["name", "organization", "description_short", "publication_category"]) {
            problems.add(file, path, "not an Algorithm Register algorithm (no name, organization, description_short or publication_category)")
            return nil
        }
        let before = problems.problems.count
        // Keys of any version of the register's schemas that aigov does not read are ignored by
        // name; keys no version defines are named in one warning line (`SourceKeys`).
        for k in v.keys where !knownKeys.contains(k) && !SourceKeys.algorithmRegister.contains(k) {
            unknown.append(joinPath(path, k))
        }
        // Keys the register defines that the record has no place for: listed with a count.
        for k in v.keys.sorted() where SourceKeys.algorithmRegister.contains(k) && !mappedKeys.contains(k) && hasValue(v[k]) {
            if k == "type", let t = v[k]?.trimmed, technique(t) != nil { continue }
            unmapped.add(k, reason: unmappedReasons[k] ?? "the record has no field for it")
        }
        func text(_ key: String) -> String? {
            guard let x = v[key] else { return nil }
            switch x {
            case .null: return nil
            case let .string(s):
                let t = AlgorithmRegister.plainText(s.replacingOccurrences(of: "\r\n", with: "\n"))
                if let bad = StoredText.problem(t) { problems.add(file, joinPath(path, key), bad) }
                return t.isEmpty ? nil : t
            default:
                problems.add(file, joinPath(path, key), "expected text, got \(x.typeName)")
                return nil
            }
        }
        func links(_ key: String) -> [AlgorithmRegister.Link] {
            guard let x = v[key], x != .null else { return [] }
            guard case let .list(items) = x else {
                problems.add(file, joinPath(path, key), "expected a list, got \(x.typeName)")
                return []
            }
            return items.enumerated().compactMap { i, item in
                guard item.isMap else {
                    problems.add(file, joinPath(joinPath(path, key), i), "expected an object with title and link, got \(item.typeName)")
                    return nil
                }
                let link = item["link"]?.trimmed.flatMap { $0.isEmpty ? nil : $0 }
                // `{"title": "", "link": ""}` is what the register's form saves for an empty row.
                guard let title = item["title"]?.trimmed.flatMap({ $0.isEmpty ? nil : $0 }) ?? link else {
                    unmapped.add(key + "[]", reason: "an item with neither title nor link")
                    return nil
                }
                return AlgorithmRegister.Link(title: title, link: link)
            }
        }
        var e = AlgorithmRegister.Entry()
        e.name = text("name")
        e.descriptionShort = text("description_short")
        e.organization = text("organization") ?? owner.flatMap { $0.isBlank ? nil : $0 }
        if let c = v["category"], c != .null {
            for (i, item) in c.items.enumerated() {
                guard let t = item.trimmed.flatMap({ code($0, in: AlgorithmRegister.categories) }) else {
                    problems.add(file, joinPath(joinPath(path, "category"), i), "expected one of \(AlgorithmRegister.categories.joined(separator: ", ")), got \(item.text.map { "\"\($0)\"" } ?? item.typeName)")
                    continue
                }
                e.category.append(t)
            }
        }
        e.status = text("status").map { code($0, in: AlgorithmRegister.statuses) ?? $0 }
        e.beginDate = text("begin_date")
        e.endDate = text("end_date")
        e.contactEmail = text("contact_email")
        e.website = text("website")
        e.publicationCategory = text("publication_category").map { code($0, in: AlgorithmRegister.publicationCategories) ?? $0 }
        e.url = text("url")
        e.goal = text("goal")
        e.proportionality = text("proportionality")
        e.humanIntervention = text("human_intervention")
        e.risks = text("risks")
        e.lawfulBasis = text("lawful_basis")
        e.lawfulBasisGrouping = links("lawful_basis_grouping")
        e.processIndexUrl = text("process_index_url")
        e.impacttoetsenGrouping = links("impacttoetsen_grouping")
        e.impacttoetsen = text("impacttoetsen")
        e.sourceData = text("source_data")
        e.sourceDataGrouping = links("source_data_grouping")
        e.methodsAndModels = text("methods_and_models")
        e.provider = text("provider")
        e.publiccode = text("publiccode")
        e.lang = text("lang").map { $0.lowercased() == "nld" ? "nld" : $0 }
        e.standardVersion = text("standard_version")
        e.sourceId = text("source_id")
        e.tags = text("tags")
        e.lars = v["lars"]?.trimmed
        e.publicationDt = v["publication_dt"]?.trimmed
        e.templateId = v["id"]?.trimmed
        e.type = v["type"]?.trimmed

        for (field, value) in [("name", e.name), ("organization", e.organization), ("description_short", e.descriptionShort),
                               ("status", e.status), ("publication_category", e.publicationCategory)] where value == nil {
            problems.add(file, joinPath(path, field), "required by the Algorithm Register, missing"
                         + (field == "organization" ? " (a template leaves it empty: give --owner ORG to fill it)" : ""))
        }
        if let s = e.status, !AlgorithmRegister.statuses.contains(s) {
            problems.add(file, joinPath(path, "status"), "expected one of \(AlgorithmRegister.statuses.joined(separator: ", ")), got \"\(s)\"")
        }
        if let c = e.publicationCategory, !AlgorithmRegister.publicationCategories.contains(c) {
            problems.add(file, joinPath(path, "publication_category"), "expected one of \(AlgorithmRegister.publicationCategories.joined(separator: ", ")), got \"\(c)\"")
        }
        if let l = e.lang, l != "nld" { problems.add(file, joinPath(path, "lang"), "expected \"nld\" (in any case), got \"\(l)\"") }
        if let sv = e.standardVersion, sv != "1.0" {
            problems.add(file, joinPath(path, "standard_version"), "this is publication standard \(sv); aigov reads 1.0")
        }
        for (field, value) in [("begin_date", e.beginDate), ("end_date", e.endDate)] {
            if let value, month(value) == nil {
                problems.add(file, joinPath(path, field), "expected a month YYYY-MM, got \"\(value)\"")
            }
        }
        for o in e.overflows() {
            problems.add(file, joinPath(path, o.field), "\(o.length) characters, more than the register's limit of \(o.limit)")
        }
        return problems.problems.count == before ? e : nil
    }

    /// The keys the import maps into the record (`id`: a template's id names the new system).
    static let mappedKeys: Set<String> = [
        "name", "description_short", "organization", "category", "status", "begin_date", "end_date", "contact_email",
        "website", "publication_category", "url", "goal", "proportionality", "human_intervention", "risks", "lawful_basis",
        "lawful_basis_grouping", "impacttoetsen_grouping", "source_data", "source_data_grouping", "methods_and_models",
        "provider", "publiccode", "lang", "standard_version", "source_id", "tags", "lars", "publication_dt", "id",
    ]

    /// Why a register key the record has no place for is not imported (docs/import-export.md).
    static let unmappedReasons: [String: String] = [
        "impacttoetsen": "free text on impact assessments; the record keeps them as evidence, from impacttoetsen_grouping",
        "process_index_url": "the record has no field for a process index",
        "type": "an older standard's algorithm type that names no technique",
        "iama_description": "an older standard's free text; impact assessments come from impacttoetsen_grouping",
        "source_data_link": "an older standard's link; links to data come from source_data_grouping",
        "uuid": "the register's own bookkeeping", "create_dt": "the register's own bookkeeping",
        "state": "the register's own bookkeeping", "language": "the register's own bookkeeping",
    ]

    static func hasValue(_ v: ImportValue?) -> Bool {
        guard let v else { return false }
        switch v {
        case .null: return false
        case let .string(s): return !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case let .list(l): return !l.isEmpty
        default: return true
        }
    }

    /// One of the register's codes, compared case-insensitively, as the register spells it.
    static func code(_ text: String, in list: [String]) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        return list.first { $0.lowercased() == t }
    }

    /// The technique an older standard's `type` names.
    static func technique(_ type: String) -> Technique? {
        switch type.lowercased().trimmingCharacters(in: .whitespaces) {
        case "op regels gebaseerd", "regelgebaseerd", "rule-based": .ruleBased
        case "zelflerend", "self-learning": .machineLearning
        default: nil
        }
    }

    /// The first day of a `YYYY-MM` (or `YYYY-MM-DD`) month.
    static func month(_ text: String) -> Day? {
        Day(text.count == 7 ? text + "-01" : text).flatMap { Day(String($0.description.prefix(7)) + "-01") }
    }

    /// An id from a name: lower-case ASCII letters and digits, other runs as one hyphen.
    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "ß", with: "ss").lowercased()
        var out = ""
        for ch in folded.unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                out.unicodeScalars.append(ch)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        out = String(out.prefix(63))
        while out.hasSuffix("-") { out.removeLast() }
        if out.count < 2 { out = "algorithm" + (out.isEmpty ? "" : "-" + out) }
        return out
    }

    /// Which evidence kind an impact assessment's title names.
    static func assessmentKind(_ title: String) -> EvidenceKind {
        let t = title.lowercased()
        if ["dpia", "data protection", "gegevensbescherming", "datenschutz", "dsfa", "privacy"].contains(where: t.contains) { return .dpia }
        if ["iama", "fraia", "fria", "fundamental", "grondrechten", "mensenrechten", "grundrechte"].contains(where: t.contains) { return .fria }
        return .riskAssessment
    }

    static func contribution(_ e: AlgorithmRegister.Entry, source: ImportSource, provenance: Provenance,
                             sha256: String? = nil) -> Contribution {
        // Lines aigov wrote for models are models; free text explains how the outcome is reached.
        var models: [Model] = []
        var explanation: [String] = []
        for entry in e.methodsAndModels.map(AlgorithmRegister.entries) ?? [] {
            if let m = AlgorithmRegister.parseModel(entry) { models.append(m) } else { explanation.append(entry) }
        }

        let name = e.name ?? ""
        let sourceId = e.sourceId
        let tag = sourceId.map { AlgorithmRegister.tagPrefix + $0 }
        let newId = sourceId.flatMap { RecordReader.isSlug($0) ? $0 : nil }
            ?? e.templateId.flatMap { RecordReader.isSlug($0) ? $0 : nil } ?? slug(name)
        let owner = sourceId == nil ? e.organization : nil
        let sha = sha256 ?? provenance.sha256
        let entryTitle = AlgorithmRegister.entryTitle(sourceId ?? e.lars ?? name)
        let published = Merge.day(e.publicationDt)
        return Contribution(
            target: .algorithm(tag: tag, sourceId: sourceId, owner: owner, name: name, newId: newId, what: name),
            source: source.name,
            newSystem: { id in
                var s = Merge.newSystem(id: id, name: name)
                s.status = e.status == "In gebruik" ? .production : e.status == "Buiten gebruik" ? .retired : .development
                return s
            },
            merge: { s in
                merge(e, models: models, explanation: explanation.isEmpty ? nil : explanation.joined(separator: "\n"), tag: tag, into: &s)
                Merge.evidence(kind: .registerEntry, title: entryTitle, uri: e.url, sha256: sha, date: published, into: &s)
                return []
            })
    }

    static func merge(_ e: AlgorithmRegister.Entry, models: [Model], explanation: String?, tag: String?, into s: inout MergeTarget) {
        if let v = e.name { s.name = v }
        if let v = e.organization { s.owner = v }
        if let v = e.contactEmail { s.contact = v }
        if let v = e.lawfulBasis { s.legalBasis = v }

        // Status: kept when the record's status publishes as the same register status (a
        // pilot stays a pilot); the month it began (or ended) is the status date.
        if let st = e.status, AlgorithmRegister.status(s.status) != st {
            s.status = st == "In gebruik" ? .production : st == "Buiten gebruik" ? .retired : .development
        }
        let since = s.status == .retired ? e.endDate : (s.status == .pilot || s.status == .production) ? e.beginDate : nil
        if let since, let day = month(since), AlgorithmRegister.month(s.statusSince) != AlgorithmRegister.month(day) {
            s.statusSince = day
        }

        // Purpose and goal: a high-risk or impactful algorithm's goal is what it decides on
        // (impact.decisions); otherwise the goal continues the purpose after a blank line.
        var act = s.euAiAct ?? EUAIAct()
        act.publicBody = true
        if e.publicationCategory == AlgorithmRegister.highRisk { act.tier = .high }
        s.euAiAct = act
        let impactful = e.publicationCategory == AlgorithmRegister.highRisk || e.publicationCategory == AlgorithmRegister.impactful
        if impactful, let goal = e.goal {
            var impact = s.impact ?? Impact()
            impact.decisions = goal
            s.impact = impact
            if let d = e.descriptionShort { s.purpose = d }
        } else if let d = e.descriptionShort {
            s.purpose = e.goal.map { d + "\n\n" + $0 } ?? d
        }

        if let explanation {
            var impact = s.impact ?? Impact()
            impact.explanation = explanation
            s.impact = impact
        }

        if let text = e.humanIntervention, AlgorithmRegister.render(s.oversight.map(AlgorithmRegister.oversightLine)) != text {
            let wanted = AlgorithmRegister.entries(text).map(AlgorithmRegister.parseOversight)
            s.oversight = mergeList(s.oversight, wanted, same: { $0.mechanism == $1.mechanism }) { old, new in
                var o = old
                if !new.who.isBlank { o.who = new.who }
                return o
            }
        }
        if let text = e.risks, AlgorithmRegister.render(s.risks.map(AlgorithmRegister.riskLine)) != text {
            let wanted = AlgorithmRegister.entries(text).map(AlgorithmRegister.parseRisk)
            s.risks = mergeList(s.risks, wanted, same: { $0.description == $1.description }) { old, new in
                var r = old
                if let sev = new.severity { r.severity = sev }
                if let m = new.mitigation { r.mitigation = m }
                return r
            }
        }
        if let text = e.sourceData {
            // A `NAME (SOURCE)` line is a dataset; a paragraph of prose is a dataset `Source
            // data` (`Source data 2` …) whose source is the paragraph, never a dataset name.
            var prose = 0
            for line in AlgorithmRegister.entries(text) {
                let entry = AlgorithmRegister.datasetEntry(line)
                if entry == nil { prose += 1 }
                if s.datasets.contains(where: { AlgorithmRegister.datasetLine($0) == line }) { continue }
                var f = Merge.DatasetFacts(name: entry?.name ?? AlgorithmRegister.proseDatasetName(prose))
                f.source = entry == nil ? line : entry?.source
                Merge.dataset(f, into: &s)
            }
        }
        for l in e.sourceDataGrouping {
            var f = Merge.DatasetFacts(name: l.title)
            f.source = l.link
            Merge.dataset(f, into: &s)
        }
        for m in models {
            var f = Merge.ModelFacts(name: m.name, provider: m.provider)
            f.version = m.version
            f.technique = m.technique
            if s.models.contains(where: { $0.name == m.name && ModelKey.normalise($0.provider) != ModelKey.normalise(m.provider) }) { continue }
            _ = Merge.model(f, into: &s)
        }
        // The algorithm itself, when the register says why it is proportionate or what kind it
        // is: a model of its name, the proportionality its rationale.
        let technique = e.type.flatMap(technique)
        if e.proportionality != nil || technique != nil, let name = e.name {
            let p = e.provider.flatMap { $0.isBlank ? nil : $0.lowercased() == "intern ontwikkeld" ? "internal" : $0 } ?? "internal"
            let existing = s.models.first { $0.name == name }
            var f = Merge.ModelFacts(name: name, provider: existing?.provider ?? p)
            if existing == nil || existing?.technique == nil { f.technique = technique }
            f.rationale = e.proportionality
            _ = Merge.model(f, into: &s)
        }
        if let p = e.provider, p.lowercased() != "intern ontwikkeld" {
            Merge.supplier(name: p, role: .developer, into: &s)
        }
        if let w = e.website { Merge.link(kind: .publicPage, title: "Public page (Algorithm Register)", uri: w, into: &s) }
        if let c = e.publiccode { Merge.link(kind: .sourceCode, title: "Source code (Algorithm Register)", uri: c, into: &s) }
        for l in e.lawfulBasisGrouping {
            let title = AlgorithmRegister.legalBasisPrefix + l.title
            if let i = s.evidence.firstIndex(where: { $0.kind == .other && $0.title == title }) {
                s.evidence[i].uri = l.link
            } else {
                var ev = Evidence(title: title, kind: .other)
                ev.uri = l.link
                s.evidence.append(ev)
            }
        }
        for l in e.impacttoetsenGrouping {
            let kinds: [EvidenceKind] = [.dpia, .fria, .riskAssessment]
            if let i = s.evidence.firstIndex(where: { kinds.contains($0.kind ?? .other) && $0.title == l.title }) {
                if let link = l.link { s.evidence[i].uri = link }
            } else {
                var ev = Evidence(title: l.title, kind: assessmentKind(l.title))
                ev.uri = l.link
                s.evidence.append(ev)
            }
        }
        for c in e.category { Merge.tag(c, into: &s) }
        for t in (e.tags ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !t.isEmpty {
            Merge.tag(t, into: &s)
        }
        if let tag { Merge.tag(tag, into: &s) }
    }

    /// The entries the register lists, in its order: a recorded entry that matches one keeps
    /// its other fields (`update`), an unmatched one is added; recorded entries the register
    /// does not list are kept after them.
    static func mergeList<T>(_ old: [T], _ wanted: [T], same: (T, T) -> Bool, update: (T, T) -> T) -> [T] {
        var remaining = old
        var out: [T] = []
        for w in wanted {
            if let i = remaining.firstIndex(where: { same($0, w) }) {
                out.append(update(remaining.remove(at: i), w))
            } else {
                out.append(w)
            }
        }
        return out + remaining
    }
}
