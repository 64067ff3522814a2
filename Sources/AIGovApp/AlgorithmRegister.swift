import AIGovCore
import Foundation

/// The Dutch national Algorithm Register (Algoritmeregister), publication standard 1.0: one
/// `AlgorithmIn` object per system, as its delivery API takes it.
///
/// The mapping is one table both ways — `aigov export -o algoritmeregister` writes it and
/// `aigov import algoritmeregister` reads it — so a record exported, imported into an empty
/// registry and exported again gives the same JSON. docs/import-export.md lists every field.
///
/// The register's own limits are enforced, never worked around: a text longer than its
/// `max_length_without_html` is an error naming the system and the field (nothing is cut),
/// and a required field the record cannot fill is listed.
public enum AlgorithmRegister {
    /// The tag that keeps an algorithm's `source_id` on the record it was imported into:
    /// `algoritmeregister:<source_id>`. It is the import's identity, and `source_id` on export.
    public static let tagPrefix = "algoritmeregister:"

    /// The register's fields in its schema's order, with `max_length_without_html`.
    static let limits: [String: Int] = [
        "name": 100, "description_short": 400, "organization": 100, "begin_date": 7, "end_date": 7,
        "contact_email": 500, "website": 500, "url": 500, "goal": 2500, "proportionality": 2500,
        "human_intervention": 2500, "risks": 2500, "lawful_basis": 2500, "process_index_url": 500,
        "impacttoetsen": 2500, "source_data": 2500, "methods_and_models": 5000, "provider": 200,
        "publiccode": 500, "source_id": 100, "tags": 2500,
    ]
    /// Limits of the `title` and `link` of each grouping's items (nil: none).
    static let groupingLimits: [String: (title: Int?, link: Int?)] = [
        "lawful_basis_grouping": (100, 500), "source_data_grouping": (500, 500), "impacttoetsen_grouping": (nil, 500),
    ]
    static let required = ["name", "description_short", "organization", "status", "contact_email", "publication_category", "lang"]

    /// `v1_0__EnumCategory`: a tag with one of these texts is published as the category.
    static let categories = [
        "Organisatie en bedrijfsvoering", "Cultuur en recreatie", "Economie", "Overheidsfinanciën", "Wonen",
        "Internationaal", "Migratie en integratie", "Natuur en milieu", "Onderwijs en wetenschap",
        "Openbare orde en veiligheid", "Recht", "Ruimte en infrastructuur", "Sociale zekerheid", "Verkeer", "Werk",
        "Zorg en gezondheid",
    ]
    static let statuses = ["In ontwikkeling", "In gebruik", "Buiten gebruik"]
    static let highRisk = "Hoog-risico AI-systeem"
    static let impactful = "Impactvolle algoritmes"
    static let other = "Overige algoritmes"
    static let publicationCategories = [highRisk, impactful, other]

    /// The evidence title the importer records the register entry under.
    static func entryTitle(_ sourceId: String) -> String { "Algorithm Register entry \(sourceId)" }
    static let entryTitlePrefix = "Algorithm Register entry"
    static let legalBasisPrefix = "Legal basis: "

    /// A field the export could not fill or that is too long for the register.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var system: String
        public var field: String
        public var message: String
        public var description: String { "\(system): \(field): \(message)" }
    }

    /// Every problem of an export, which then writes nothing.
    public struct Problems: Error, Sendable, Equatable {
        public var problems: [Problem]
    }

    // MARK: the entry

    /// A title and a link (the register's `*_grouping` items).
    struct Link: Equatable {
        var title: String
        var link: String?
    }

    /// One algorithm in the register's terms; optional fields nil when not published.
    struct Entry: Equatable {
        var name: String?
        var descriptionShort: String?
        var organization: String?
        var category: [String] = []
        var status: String?
        var beginDate: String?
        var endDate: String?
        var contactEmail: String?
        var website: String?
        var publicationCategory: String?
        var url: String?
        var goal: String?
        var proportionality: String?
        var humanIntervention: String?
        var risks: String?
        var lawfulBasis: String?
        var lawfulBasisGrouping: [Link] = []
        var processIndexUrl: String?
        var impacttoetsenGrouping: [Link] = []
        var impacttoetsen: String?
        var sourceData: String?
        var sourceDataGrouping: [Link] = []
        var methodsAndModels: String?
        var provider: String?
        var publiccode: String?
        var lang: String? = "nld"
        var standardVersion: String? = "1.0"
        var sourceId: String?
        var tags: String?
        /// Published entries only (`v1_0__Algorithm`): the register's own id and date.
        var lars: String?
        var publicationDt: String?
        /// Templates and older standards: the entry's own id (a new system's id) and its type
        /// (`Op regels gebaseerd`, `Zelflerend`: the technique). Read, never written.
        var templateId: String?
        var type: String?

        /// The text fields in schema order, for length checks and writing.
        var texts: [(String, String?)] {
            [("name", name), ("description_short", descriptionShort), ("organization", organization), ("status", status),
             ("begin_date", beginDate), ("end_date", endDate), ("contact_email", contactEmail), ("website", website),
             ("publication_category", publicationCategory), ("url", url), ("goal", goal), ("proportionality", proportionality),
             ("human_intervention", humanIntervention), ("risks", risks), ("lawful_basis", lawfulBasis),
             ("process_index_url", processIndexUrl), ("impacttoetsen", impacttoetsen), ("source_data", sourceData),
             ("methods_and_models", methodsAndModels), ("provider", provider), ("publiccode", publiccode), ("lang", lang),
             ("standard_version", standardVersion), ("source_id", sourceId), ("tags", tags)]
        }

        var groupings: [(String, [Link])] {
            [("lawful_basis_grouping", lawfulBasisGrouping), ("impacttoetsen_grouping", impacttoetsenGrouping),
             ("source_data_grouping", sourceDataGrouping)]
        }

        /// Every text over its limit, measured without HTML tags as the register does.
        func overflows() -> [(field: String, length: Int, limit: Int)] {
            var out: [(String, Int, Int)] = []
            for (k, v) in texts {
                if let v, let limit = limits[k] {
                    let n = AlgorithmRegister.length(v)
                    if n > limit { out.append((k, n, limit)) }
                }
            }
            for (k, items) in groupings {
                guard let l = groupingLimits[k] else { continue }
                for (i, item) in items.enumerated() {
                    if let limit = l.title, AlgorithmRegister.length(item.title) > limit {
                        out.append(("\(k)[\(i)].title", AlgorithmRegister.length(item.title), limit))
                    }
                    if let limit = l.link, let link = item.link, AlgorithmRegister.length(link) > limit {
                        out.append(("\(k)[\(i)].link", AlgorithmRegister.length(link), limit))
                    }
                }
            }
            return out
        }

        /// The `AlgorithmIn` object: keys in the schema's order, absent fields left out.
        func json(indent: Int) -> String {
            let pad = String(repeating: " ", count: indent + 2)
            var lines: [String] = []
            func put(_ key: String, _ value: String) { lines.append(pad + quote(key) + ": " + value) }
            func text(_ key: String, _ v: String?) { if let v { put(key, quote(v)) } }
            text("name", name)
            text("description_short", descriptionShort)
            text("organization", organization)
            if !category.isEmpty { put("category", "[" + category.map(quote).joined(separator: ", ") + "]") }
            text("status", status)
            text("begin_date", beginDate)
            text("end_date", endDate)
            text("contact_email", contactEmail)
            text("website", website)
            text("publication_category", publicationCategory)
            text("url", url)
            text("goal", goal)
            text("proportionality", proportionality)
            text("human_intervention", humanIntervention)
            text("risks", risks)
            text("lawful_basis", lawfulBasis)
            func links(_ key: String, _ items: [Link]) {
                guard !items.isEmpty else { return }
                let inner = String(repeating: " ", count: indent + 4)
                let body = items.map { l -> String in
                    var fields = [inner + "  " + quote("title") + ": " + quote(l.title)]
                    if let link = l.link { fields.append(inner + "  " + quote("link") + ": " + quote(link)) }
                    return inner + "{\n" + fields.joined(separator: ",\n") + "\n" + inner + "}"
                }
                put(key, "[\n" + body.joined(separator: ",\n") + "\n" + pad + "]")
            }
            links("lawful_basis_grouping", lawfulBasisGrouping)
            text("process_index_url", processIndexUrl)
            links("impacttoetsen_grouping", impacttoetsenGrouping)
            text("impacttoetsen", impacttoetsen)
            text("source_data", sourceData)
            links("source_data_grouping", sourceDataGrouping)
            text("methods_and_models", methodsAndModels)
            text("provider", provider)
            text("publiccode", publiccode)
            text("lang", lang)
            text("standard_version", standardVersion)
            text("source_id", sourceId)
            text("tags", tags)
            return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// Characters as the register counts them: Unicode code points with HTML tags removed.
    static func length(_ s: String) -> Int { stripTags(s).unicodeScalars.count }

    static func stripTags(_ s: String) -> String {
        guard s.contains("<") else { return s }
        var out = ""
        var inTag = false
        for ch in s {
            if ch == "<" { inTag = true; continue }
            if ch == ">", inTag { inTag = false; continue }
            if !inTag { out.append(ch) }
        }
        return out
    }

    /// A JSON string as `JSONEncoder` writes it (`/` and non-ASCII as is).
    static func quote(_ s: String) -> String { JSONText.quote(s, escapeLineSeparators: false) }

    // MARK: export

    /// The `AlgorithmIn` JSON of each system: one object when `single`, else a list. Throws
    /// the problems of every system (missing required fields, texts over the register's
    /// limits); nothing is returned then, so nothing partial is ever published.
    /// The list is in `source_id` order (the system id, unless the record keeps a register
    /// tag), so an export imported elsewhere — where the systems may get other ids — exports
    /// again in the same order.
    public static func export(_ systems: [AISystem], single: Bool) -> Result<String, Problems> {
        var objects: [String] = []
        var problems: [Problem] = []
        let keyed = systems.map { s in (s.tags.first { $0.hasPrefix(tagPrefix) }.map { String($0.dropFirst(tagPrefix.count)) } ?? s.id, s) }
        let ordered = keyed.enumerated().sorted { a, b in
            a.element.0 != b.element.0 ? Array(a.element.0.utf8).lexicographicallyPrecedes(Array(b.element.0.utf8)) : a.offset < b.offset
        }.map(\.element.1)
        for s in ordered {
            switch export(s, indent: single ? 0 : 2) {
            case let .success(json): objects.append(json)
            case let .failure(p): problems += p.problems
            }
        }
        if !problems.isEmpty { return .failure(Problems(problems: problems)) }
        if single, objects.count == 1 { return .success(objects[0] + "\n") }
        if objects.isEmpty { return .success("[]\n") }
        return .success("[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n")
    }

    /// The `AlgorithmIn` object of one system (pretty-printed, keys in schema order), or why not.
    public static func export(_ s: AISystem, indent: Int = 0) -> Result<String, Problems> {
        let e = entry(for: s)
        var problems: [Problem] = []
        let missing: [(String, String?, String)] = [
            ("description_short", e.descriptionShort, "required, but the record has no purpose"),
            ("contact_email", e.contactEmail, "required, but the record has no contact (an e-mail address or https:// page for questions about the algorithm)"),
            ("name", e.name, "required, but the record has no name"),
            ("organization", e.organization, "required, but the record has no owner"),
        ]
        for (field, value, message) in missing where value.isBlank {
            problems.append(Problem(system: s.id, field: field, message: message))
        }
        for o in e.overflows() {
            problems.append(Problem(system: s.id, field: o.field,
                                    message: "\(o.length) characters, more than the register's limit of \(o.limit); shorten the record (nothing is cut)"))
        }
        return problems.isEmpty ? .success(e.json(indent: indent)) : .failure(Problems(problems: problems))
    }

    /// The register's status for a record's status.
    static func status(_ s: SystemStatus) -> String {
        switch s {
        case .proposed, .development: "In ontwikkeling"
        case .pilot, .production: "In gebruik"
        case .retired: "Buiten gebruik"
        }
    }

    /// The publication category: high-risk AI systems are category A; a system that affects
    /// decisions (`impact.decisions`) is impactful (B); the rest is C.
    static func publicationCategory(_ s: AISystem) -> String {
        if s.tier == .high { return highRisk }
        if !(s.impact?.decisions).isBlank { return impactful }
        return other
    }

    /// The first paragraph of the purpose (the short description) and the rest (the goal).
    static func splitPurpose(_ p: String?) -> (short: String?, rest: String?) {
        guard let p, !p.isBlank else { return (nil, nil) }
        guard let r = p.range(of: "\n\n") else { return (p, nil) }
        let rest = String(p[r.upperBound...])
        return (String(p[..<r.lowerBound]), rest.isBlank ? nil : rest)
    }

    static func month(_ d: Day?) -> String? { d.map { String($0.description.prefix(7)) } }

    static func entry(for s: AISystem) -> Entry {
        var e = Entry()
        e.name = s.name
        let purpose = splitPurpose(s.purpose)
        e.descriptionShort = purpose.short
        e.organization = s.owner
        e.category = s.tags.filter { categories.contains($0) }
        e.status = status(s.status)
        switch s.status {
        case .pilot, .production: e.beginDate = month(s.statusSince)
        case .retired: e.endDate = month(s.statusSince)
        default: break
        }
        e.contactEmail = s.contact.isBlank ? nil : s.contact
        e.website = s.evidence.first { $0.kind == .publicPage && !$0.uri.isBlank }?.uri
        e.publicationCategory = publicationCategory(s)
        e.url = s.evidence.first { $0.kind == .registerEntry && $0.title.hasPrefix(entryTitlePrefix) && !$0.uri.isBlank }?.uri
        if let d = s.impact?.decisions, !d.isBlank { e.goal = d } else { e.goal = purpose.rest }
        e.humanIntervention = render(s.oversight.map(oversightLine))
        e.risks = render(s.risks.map(riskLine))
        e.lawfulBasis = s.legalBasis.isBlank ? nil : s.legalBasis
        e.lawfulBasisGrouping = s.evidence.filter { $0.kind == .other && $0.title.hasPrefix(legalBasisPrefix) && !$0.uri.isBlank }
            .map { Link(title: String($0.title.dropFirst(legalBasisPrefix.count)), link: $0.uri) }
        e.impacttoetsenGrouping = s.evidence.filter { [.dpia, .fria, .riskAssessment].contains($0.kind) }
            .map { Link(title: $0.title, link: $0.uri.isBlank ? nil : $0.uri) }
        e.sourceData = render(s.datasets.map(datasetLine))
        e.sourceDataGrouping = s.datasets.compactMap { d in
            guard let src = d.source, src.hasPrefix("https://") || src.hasPrefix("http://") else { return nil }
            return Link(title: d.name, link: src)
        }
        // Model lines, then the explanation of how the outcome is reached (free text the
        // import put there), one entry per line.
        let explanation = (s.impact?.explanation ?? "").split(separator: "\n").map(String.init).filter { !$0.isBlank }
        e.methodsAndModels = render(s.models.map(modelLine) + explanation)
        // The proportionality is the rationale of the model that carries the algorithm's name.
        e.proportionality = s.models.first { $0.name == s.name && !$0.rationale.isBlank }?.rationale
        e.provider = s.suppliers.first { $0.role == .developer }?.name
        e.publiccode = s.evidence.first { $0.kind == .sourceCode && !$0.uri.isBlank }?.uri
        e.sourceId = s.tags.first { $0.hasPrefix(tagPrefix) }.map { String($0.dropFirst(tagPrefix.count)) } ?? s.id
        let plain = s.tags.filter { !categories.contains($0) && !$0.hasPrefix(tagPrefix) }
        e.tags = plain.isEmpty ? nil : plain.joined(separator: ", ")
        return e
    }

    // MARK: list fields as text (both ways)

    /// One entry as its line; several (or one of several lines) as `- ` items, an entry's
    /// further lines following its item; none as nil. `entries` reads it back.
    static func render(_ lines: [String]) -> String? {
        switch lines.count {
        case 0: nil
        case 1 where !lines[0].contains("\n"): lines[0]
        default: lines.map { "- " + $0 }.joined(separator: "\n")
        }
    }

    /// The entries of a list field, as `render` writes them and as registers publish them:
    /// from the first `- ` line on, each `- ` line starts an entry and other lines continue
    /// it; lines before it (or every line, in a text without `- ` lines) are one entry each —
    /// a paragraph is an entry, never the whole text.
    static func entries(_ text: String) -> [String] {
        var out: [String] = []
        var inList = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("- ") {
                inList = true
                out.append(String(line.dropFirst(2)))
            } else if inList, !out.isEmpty {
                out[out.count - 1] += "\n" + line
            } else {
                out.append(line)
            }
        }
        return out.filter { !$0.isBlank }
    }

    /// A dataset the import made from a paragraph of `source_data` prose: named `Source data`
    /// (`Source data 2` …), the paragraph its source. Exported as the paragraph alone.
    static let proseDatasetName = "Source data"

    static func proseDatasetName(_ n: Int) -> String { n <= 1 ? proseDatasetName : "\(proseDatasetName) \(n)" }

    static func isProseDataset(_ d: Dataset) -> Bool {
        guard !d.source.isBlank else { return false }
        if d.name == proseDatasetName { return true }
        guard d.name.hasPrefix(proseDatasetName + " ") else { return false }
        let n = d.name.dropFirst(proseDatasetName.count + 1)
        return !n.isEmpty && n.allSatisfy(\.isASCII) && n.allSatisfy(\.isNumber) && !n.hasPrefix("0")
    }

    /// The lines of a list field: `- ` lines when every line is one (a single `- ` line too, as
    /// registers publish it), else the whole text.
    static func lines(_ text: String) -> [String] {
        let ls = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !ls.isEmpty, ls.allSatisfy({ $0.hasPrefix("- ") }) { return ls.map { String($0.dropFirst(2)) } }
        return [text.trimmingCharacters(in: .whitespacesAndNewlines)]
    }

    static func oversightLine(_ o: Oversight) -> String {
        o.mechanism + (o.who.isBlank ? "" : " (\(o.who ?? ""))")
    }

    static func parseOversight(_ line: String) -> Oversight {
        if line.hasSuffix(")"), let r = line.range(of: " (", options: .backwards) {
            var o = Oversight(mechanism: String(line[..<r.lowerBound]))
            o.who = String(line[r.upperBound..<line.index(before: line.endIndex)])
            if oversightLine(o) == line, !o.mechanism.isBlank, !o.who.isBlank { return o }
        }
        return Oversight(mechanism: line)
    }

    static func riskLine(_ r: Risk) -> String {
        var s = r.description
        if let sev = r.severity { s += " (\(sev.rawValue) risk)" }
        if let m = r.mitigation, !m.isBlank { s += ". Mitigation: \(m)" }
        return s
    }

    static func parseRisk(_ line: String) -> Risk {
        var head = line
        var mitigation: String?
        if let r = line.range(of: ". Mitigation: ") {
            head = String(line[..<r.lowerBound])
            mitigation = String(line[r.upperBound...])
        }
        var risk = Risk(description: head)
        for level in RiskLevel.allCases where head.hasSuffix(" (\(level.rawValue) risk)") {
            risk.description = String(head.dropLast(" (\(level.rawValue) risk)".count))
            risk.severity = level
        }
        risk.mitigation = mitigation
        if riskLine(risk) == line, !risk.description.isBlank { return risk }
        return Risk(description: line)
    }

    static func datasetLine(_ d: Dataset) -> String {
        if isProseDataset(d) { return d.source ?? "" }
        return d.name + (d.source.isBlank ? "" : " (\(d.source ?? ""))")
    }

    /// A `NAME (SOURCE)` line as `datasetLine` writes it, with a name that reads as a name (one
    /// line, at most 100 characters, no sentence in it); nil for prose.
    static func datasetEntry(_ line: String) -> (name: String, source: String?)? {
        guard !line.contains("\n") else { return nil }
        let (name, source) = parseDataset(line)
        guard name.unicodeScalars.count <= 100, !name.contains(". "), !name.hasSuffix(".") else { return nil }
        return (name, source)
    }

    static func parseDataset(_ line: String) -> (name: String, source: String?) {
        if line.hasSuffix(")"), let r = line.range(of: " (") {
            let name = String(line[..<r.lowerBound])
            let source = String(line[r.upperBound..<line.index(before: line.endIndex)])
            var d = Dataset(name: name)
            d.source = source
            if datasetLine(d) == line, !name.isBlank, !source.isBlank { return (name, source) }
        }
        return (line, nil)
    }

    static func modelLine(_ m: Model) -> String {
        var s = "\(m.name) — \(m.provider)"
        if let v = m.version, !v.isBlank { s += "; version \(v)" }
        if let t = m.technique { s += "; \(t.rawValue)" }
        return s
    }

    /// A line the export wrote for a model, or nil for free text.
    static func parseModel(_ line: String) -> Model? {
        guard let r = line.range(of: " — ") else { return nil }
        let name = String(line[..<r.lowerBound])
        let parts = line[r.upperBound...].components(separatedBy: "; ")
        guard let provider = parts.first, !name.isBlank, !provider.isBlank else { return nil }
        var m = Model(name: name, provider: provider)
        for p in parts.dropFirst() {
            if p.hasPrefix("version ") { m.version = String(p.dropFirst("version ".count)) } else if let t = Technique(rawValue: p) {
                m.technique = t
            } else {
                return nil
            }
        }
        return modelLine(m) == line ? m : nil
    }

    /// Plain text from the register's limited HTML (`p`, `br`, `div`, `ul`, `ol`, `li`): list
    /// items become `- ` lines, paragraphs and breaks line breaks, other tags are dropped and
    /// the common entities decoded.
    static func plainText(_ s: String) -> String {
        guard s.contains("<") || s.contains("&") else { return s.trimmingCharacters(in: .whitespacesAndNewlines) }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "<", let close = s[i...].firstIndex(of: ">") {
                let tag = s[s.index(after: i)..<close].lowercased().trimmingCharacters(in: .whitespaces)
                let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                switch name {
                case "li": out += "\n- "
                case "br", "p", "div", "ul", "ol": if !out.hasSuffix("\n") { out += "\n" }
                default: break
                }
                i = s.index(after: close)
                continue
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        for (entity, ch) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: ch)
        }
        let lines = out.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "-" }
        return lines.joined(separator: "\n")
    }
}

extension AlgorithmRegister {
    /// The audit pack's file for a public body (`eu_ai_act.public_body: true`):
    /// `algoritmeregister.json`, the same bytes as `aigov export -o algoritmeregister --system ID`,
    /// or, when the record cannot fill the register's required fields or overflows a limit,
    /// `algoritmeregister-problems.txt` naming each field. Nil for other systems.
    public static func packFile(_ s: AISystem) -> (name: String, text: String)? {
        guard s.euAiAct?.publicBody == true else { return nil }
        switch export([s], single: true) {
        case let .success(json): return ("algoritmeregister.json", json)
        case let .failure(problems):
            return ("algoritmeregister-problems.txt",
                    "The Algorithm Register entry cannot be written yet:\n" + problems.problems.map { "- \($0)\n" }.joined())
        }
    }
}
