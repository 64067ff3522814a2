import AIGovCore
import AIGovRules
import Foundation

/// One system's part of a check run.
public struct SystemResult: Sendable {
    public var system: AISystem
    /// Where the record was read from, when checking files.
    public var source: SourceRef?
    public var findings: [Finding]
    public var score: Score
    /// Ids of the rules whose scope covers the system (JUnit test cases).
    public var applicable: [String]

    public init(system: AISystem, source: SourceRef?, findings: [Finding], score: Score, applicable: [String]) {
        self.system = system
        self.source = source
        self.findings = findings
        self.score = score
        self.applicable = applicable
    }

    /// The result of a stored or fresh evaluation.
    public init(system: AISystem, source: SourceRef? = nil, evaluation e: Evaluation) {
        self.init(system: system, source: source, findings: e.findings, score: e.score, applicable: e.applicable)
    }
}

/// The settings of a check run that every report names.
public struct CheckSettings: Sendable {
    public var today: Day
    public var timeline: TimelineKind
    public var rules: [any Rule]
    public var toolVersion: String
    /// The built-in rule set every report names: `rules v3` (RuleCatalog.version).
    public var ruleSet: String { "v" + RuleCatalog.version }
    public init(today: Day, timeline: TimelineKind, rules: [any Rule], toolVersion: String) {
        self.today = today
        self.timeline = timeline
        self.rules = rules
        self.toolVersion = toolVersion
    }
}

/// Output formats of `aigov check`.
public enum CheckFormat: String, CaseIterable, Sendable {
    case table, json, sarif, junit
}

/// Where a report's pieces go: text, and JSON string literals, which a byte writer quotes
/// straight into its buffer instead of making a `String` for each (issue #25).
public protocol ReportSink {
    mutating func write(_ s: String)
    /// `s` as a JSON string literal (`JSONText.quote`).
    mutating func writeQuoted(_ s: String)
    /// `a`, the separator and `b` as one JSON string literal.
    mutating func writeQuoted(_ a: String, _ separator: Character, _ b: String)
}

extension ReportSink {
    public mutating func writeQuoted(_ s: String) { write(JSONText.quote(s)) }
    public mutating func writeQuoted(_ a: String, _ separator: Character, _ b: String) {
        write(JSONText.quote("\(a)\(separator)\(b)"))
    }
    public mutating func write(_ n: Int) { write(String(n)) }
}

/// A sink that keeps the text (for pieces returned as strings).
public struct TextSink: ReportSink {
    public var text = ""
    public init() {}
    public mutating func write(_ s: String) { text += s }
}

/// A sink that keeps UTF-8 bytes, JSON literals quoted straight into them: the byte buffer
/// behind standard output (`BufferedOutput`), and a large piece handed on as a few long
/// strings (`--framework`'s groups).
public struct ByteSink: ReportSink {
    public var bytes: [UInt8] = []
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }
    @inlinable
    public mutating func write(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }
    @inlinable
    public mutating func writeQuoted(_ s: String) { JSONText.appendQuoted(s, to: &bytes) }
    @inlinable
    public mutating func writeQuoted(_ a: String, _ separator: Character, _ b: String) {
        guard let byte = separator.asciiValue else { return writeQuoted("\(a)\(separator)\(b)") }
        JSONText.appendQuoted(a, byte, b, to: &bytes)
    }

    /// Hands the bytes kept so far to `write` as one string, once there are at least `atLeast`.
    mutating func drain(atLeast: Int = 0, into write: (String) -> Void) {
        guard !bytes.isEmpty, bytes.count >= atLeast else { return }
        write(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Writes a check report piece by piece (one system at a time), so a large registry
/// never holds all of its findings in memory.
public protocol CheckWriter {
    mutating func begin() -> String
    mutating func add(_ result: SystemResult) -> String
    /// `add` into a sink; writers whose reports are large write into it directly.
    mutating func add<S: ReportSink>(_ result: SystemResult, into out: inout S)
    mutating func end(_ summary: FindingSummary, systems: Int) -> String
    /// The end of the report in pieces, for a writer whose end is large (`--framework`'s
    /// groups): each piece goes to `write` as soon as it is made.
    mutating func end(_ summary: FindingSummary, systems: Int, into write: (String) -> Void)
    /// The whole report for an input that was rejected (`check -f bad.yaml`), in a format
    /// whose readers (code scanning, CI test reports) would otherwise see nothing; nil for
    /// formats that leave the problems to standard error (table, JSON).
    mutating func rejected(_ problems: [InputProblem]) -> String?
}

extension CheckWriter {
    public mutating func add<S: ReportSink>(_ result: SystemResult, into out: inout S) { out.write(add(result)) }
    public mutating func rejected(_ problems: [InputProblem]) -> String? { nil }
    public mutating func end(_ summary: FindingSummary, systems: Int, into write: (String) -> Void) {
        write(end(summary, systems: systems))
    }
}

/// The rule-like id input problems are reported under in SARIF and JUnit.
public enum InputProblemReport {
    public static let ruleId = "AIGOV-INPUT"
    public static let title = "The input is not valid aigov interchange format"
}

/// Evaluates systems with the engine and hands each result to a writer.
public struct CheckRunner: Sendable {
    public var engine: RuleEngine
    public var context: RuleContext
    public var waiversBySystem: [String: [Waiver]]

    public init(engine: RuleEngine, context: RuleContext, waivers: [Waiver]) {
        self.engine = engine
        self.context = context
        waiversBySystem = Dictionary(grouping: waivers, by: \.system)
    }

    /// Results for many systems, computed on every core, in the order given.
    public func results(for systems: [AISystem]) -> [SystemResult] {
        Parallel.map(systems, workers: Parallel.workers(forItems: systems.count)) { result(for: $0) }
    }

    public func result(for system: AISystem, source: SourceRef? = nil) -> SystemResult {
        SystemResult(system: system, source: source, evaluation: evaluation(for: system))
    }

    /// The evaluation the store keeps for the system (`RuleEngine.evaluation`).
    public func evaluation(for system: AISystem) -> Evaluation {
        engine.evaluation(system, context: context, waivers: waiversBySystem[system.id] ?? [])
    }
}

// MARK: - JSON (RULES.md "Output of aigov check -o json")

/// The JSON report of RULES.md: `today`, `timeline`, `summary`, `findings`, plus `scores`
/// (per system: score, applicable checks, passed checks). Keys are written in that order
/// except that `findings` streams before `summary`, which is only known at the end.
public struct JSONCheckWriter: CheckWriter {
    let settings: CheckSettings
    var first = true
    /// Only the figures, not the findings behind them, so memory stays flat.
    var scores: [(id: String, value: Int, applicable: Int, passed: Int)] = []
    /// With `check --framework`: the findings grouped by article, control or subcategory,
    /// written after `scores` as `framework`.
    var grouped: FrameworkTally?

    public init(settings: CheckSettings, framework: Framework? = nil) {
        self.settings = settings
        grouped = framework.map { FrameworkTally($0, rules: settings.rules, keepFindings: true) }
    }

    public mutating func begin() -> String {
        "{\n  \"today\": \(q(settings.today.description)),\n  \"timeline\": \(q(settings.timeline.rawValue)),\n"
            + "  \"rules\": \(q(settings.ruleSet)),\n  \"findings\": ["
    }

    public mutating func add(_ r: SystemResult) -> String {
        var sink = TextSink()
        add(r, into: &sink)
        return sink.text
    }

    public mutating func add<S: ReportSink>(_ r: SystemResult, into out: inout S) {
        scores.append((r.system.id, r.score.value, r.score.applicable, r.score.passed))
        grouped?.add(r.system, findings: r.findings, applicable: r.applicable)
        // Through the buffer, so each finding is borrowed, not copied (eight strings retained
        // and released per finding otherwise).
        r.findings.withUnsafeBufferPointer { findings in
            for i in findings.indices {
                out.write(first ? "\n    " : ",\n    ")
                first = false
                JSONCheckWriter.finding(findings[i], into: &out)
            }
        }
    }

    public mutating func end(_ s: FindingSummary, systems: Int) -> String {
        var out = ""
        end(s, systems: systems) { out += $0 }
        return out
    }

    public mutating func end(_ s: FindingSummary, systems: Int, into write: (String) -> Void) {
        var out = first ? "],\n" : "\n  ],\n"
        let sev = Severity.allCases.map { "\(q($0.rawValue)): \(s.openBySeverity[$0] ?? 0)" }.joined(separator: ", ")
        out += "  \"summary\": {\"systems\": \(systems), \"open\": \(s.open), \"waived\": \(s.waived), \"upcoming\": \(s.upcoming),\n"
        out += "              \"by_severity\": {\(sev)}},\n"
        out += "  \"scores\": {"
        out += scores.enumerated().map { i, e in
            "\(i == 0 ? "\n" : "")    \(q(e.id)): {\"score\": \(e.value), \"applicable\": \(e.applicable), \"passed\": \(e.passed)}"
        }.joined(separator: ",\n")
        out += scores.isEmpty ? "}" : "\n  }"
        write(out)
        if let grouped {
            write(",\n  \"framework\": ")
            JSONCheckWriter.framework(grouped, into: write)
        }
        write("\n}\n")
    }

    /// `{"id", "title", "entry", "groups": [...]}`: one group per entry with findings, in the
    /// framework's order, then the findings of rules mapped to none of its entries (id null).
    /// Written a group at a time.
    static func framework(_ t: FrameworkTally, into write: (String) -> Void) {
        var first = true
        func group(_ id: String?, _ title: String, _ row: FrameworkRowTally) {
            let s = row.summary
            let sev = Severity.allCases.map { "\(q($0.rawValue)): \(s.openBySeverity[$0] ?? 0)" }.joined(separator: ", ")
            var systems = Set<String>()
            for i in row.findingIndices { systems.insert(t.kept[i].system) }
            var out = (first ? "\n    " : ",\n    ")
            first = false
            out += "{\"id\": \(id.map(q) ?? "null"), \"title\": \(q(title)), \"rules\": [\(row.rules.map(q).joined(separator: ", "))], "
            out += "\"systems\": \(systems.count), \"open\": \(s.open), \"waived\": \(s.waived), \"upcoming\": \(s.upcoming), "
            out += "\"by_severity\": {\(sev)},\n      \"findings\": ["
            write(out)
            // Quoted into bytes and handed on 64 KiB at a time; each kept finding is borrowed.
            var sink = ByteSink()
            t.kept.withUnsafeBufferPointer { kept in
                for (n, i) in row.findingIndices.enumerated() {
                    sink.write(n == 0 ? "\n        " : ",\n        ")
                    finding(kept[i], into: &sink)
                    sink.drain(atLeast: 65_536, into: write)
                }
            }
            sink.drain(into: write)
            write(row.findingIndices.isEmpty ? "]}" : "\n      ]}")
        }
        write("{\"id\": \(q(t.framework.rawValue)), \"title\": \(q(t.framework.title)), \"entry\": \(q(t.framework.entryName)), \"groups\": [")
        for (item, row) in t.ordered where row.findingCount > 0 { group(item.id, item.title, row) }
        if t.unmapped.findingCount > 0 { group(nil, "not mapped to \(t.framework.title)", t.unmapped) }
        write(first ? "]}" : "\n  ]}")
    }

    /// One finding as a JSON object on one line, keys in the order of RULES.md.
    public static func finding(_ f: Finding) -> String {
        var sink = TextSink()
        finding(f, into: &sink)
        return sink.text
    }

    /// `finding` into a sink.
    static func finding<S: ReportSink>(_ f: Finding, into out: inout S) {
        out.write("{\"rule\": ")
        out.writeQuoted(f.rule)
        out.write(", \"system\": ")
        out.writeQuoted(f.system)
        out.write(", \"severity\": \"")
        out.write(f.severity.rawValue)
        out.write("\", \"status\": \"")
        out.write(f.status.rawValue)
        out.write("\", \"path\": ")
        out.writeQuoted(f.path)
        out.write(", \"message\": ")
        out.writeQuoted(f.message)
        out.write(", \"reference\": ")
        out.writeQuoted(f.reference)
        out.write(", \"remediation\": ")
        out.writeQuoted(f.remediation)
        if let due = f.due {
            out.write(", \"due\": \"")
            out.write(due.description)
            out.write("\", ")
        } else {
            out.write(", \"due\": null, ")
        }
        if let w = f.waiver {
            out.write("\"waiver\": {\"approved_by\": ")
            out.writeQuoted(w.approvedBy)
            out.write(", \"expires\": \"")
            out.write(w.expires.description)
            out.write("\", \"reason\": ")
            out.writeQuoted(w.reason)
            out.write("}}")
        } else {
            out.write("\"waiver\": null}")
        }
    }
}

/// A JSON string literal.
func q(_ s: String) -> String { JSONText.quote(s) }

// MARK: - SARIF 2.1.0

/// SARIF 2.1.0: one run, `tool.driver.rules` with every rule's id, description and help;
/// a result per finding with ruleId, level (critical/high → error, medium → warning,
/// low/info → note), message, and a physical location (file and line) when checking files
/// or a logical location (the system id) when checking the database. Waived findings carry
/// an external suppression with the waiver's reason; upcoming ones are `informational`
/// results with level `none` and their due date.
public struct SARIFCheckWriter: CheckWriter {
    let settings: CheckSettings
    var first = true
    let ruleIndex: [String: Int]
    var lastRule = ""
    var lastIndex: Int?

    public init(settings: CheckSettings) {
        self.settings = settings
        var idx: [String: Int] = [:]
        for (i, r) in settings.rules.enumerated() { idx[r.id] = i }
        ruleIndex = idx
    }

    /// The frameworks SARIF carries as `run.taxonomies`, in order (a rule's relationships point
    /// at their taxa by id and by index).
    struct Taxonomy {
        let framework: Framework
        let name, organization, version, uri, description: String
    }

    static let taxonomies = [
        Taxonomy(framework: .iso42001, name: "ISO/IEC 42001", organization: "ISO/IEC", version: "2023",
                 uri: "https://www.iso.org/standard/81230.html",
                 description: "Annex A controls of the AI management system standard (alignment, not legal equivalence)."),
        Taxonomy(framework: .nistAIRMF, name: "NIST AI RMF", organization: "NIST", version: "1.0",
                 uri: "https://doi.org/10.6028/NIST.AI.100-1",
                 description: "Subcategories of the AI Risk Management Framework core (NIST AI 100-1)."),
    ]

    /// Each taxon's index within its taxonomy, by framework and id.
    static let taxonIndex: [Framework: [String: Int]] = Dictionary(uniqueKeysWithValues: taxonomies.map { t in
        (t.framework, Dictionary(t.framework.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }))
    })

    /// `, "relationships": [...]` pointing a rule at its controls and subcategories, or "".
    static func relationships(_ r: any Rule) -> String {
        var refs: [String] = []
        for (i, t) in taxonomies.enumerated() {
            for id in r.frameworks.ids(t.framework) {
                guard let index = taxonIndex[t.framework]?[id] else { continue }
                refs.append("{\"target\": {\"id\": \(q(id)), \"index\": \(index), \"toolComponent\": {\"name\": \(q(t.name)), \"index\": \(i)}}, "
                            + "\"kinds\": [\"relevant\"]}")
            }
        }
        return refs.isEmpty ? "" : ", \"relationships\": [" + refs.joined(separator: ", ") + "]"
    }

    public static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    public mutating func begin() -> String {
        var out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
        out += "    \"tool\": {\"driver\": {\"name\": \"aigov\", \"version\": \(q(settings.toolVersion)), "
        out += "\"informationUri\": \"https://github.com/aigov/aigov\",\n      "
        out += "\"supportedTaxonomies\": [" + SARIFCheckWriter.taxonomies.enumerated().map { i, t in
            "{\"name\": \(q(t.name)), \"index\": \(i)}"
        }.joined(separator: ", ") + "],\n      \"rules\": ["
        out += settings.rules.enumerated().map { i, r in
            let help = "\(r.remediation)\n\nApplies when: \(r.appliesWhen). Fires when: \(r.firesWhen). Severity: \(r.severityText). Reference: \(r.reference)."
            return "\(i == 0 ? "\n" : "")        {\"id\": \(q(r.id)), \"name\": \(q(r.id.replacingOccurrences(of: "-", with: ""))), "
                + "\"shortDescription\": {\"text\": \(q(r.title))}, \"fullDescription\": {\"text\": \(q(r.firesWhen))}, "
                + "\"help\": {\"text\": \(q(help))}, \"properties\": {\"reference\": \(q(r.reference)), \"severity\": \(q(r.severityText))}"
                + SARIFCheckWriter.relationships(r) + "}"
        }.joined(separator: ",\n")
        out += "\n      ]}},\n"
        out += "    \"taxonomies\": [" + SARIFCheckWriter.taxonomies.map { t in
            "\n      {\"name\": \(q(t.name)), \"fullName\": \(q(t.framework.title)), \"organization\": \(q(t.organization)), "
                + "\"version\": \(q(t.version)), \"informationUri\": \(q(t.uri)), "
                + "\"shortDescription\": {\"text\": \(q(t.description))}, \"isComprehensive\": true, \"taxa\": ["
                + t.framework.items.map { item in
                    "\n        {\"id\": \(q(item.id)), \"name\": \(q(item.title)), \"shortDescription\": {\"text\": \(q(item.title))}, "
                        + "\"properties\": {\"group\": \(q(item.group))}}"
                }.joined(separator: ",") + "\n      ]}"
        }.joined(separator: ",") + "\n    ],\n"
        out += "    \"properties\": {\"today\": \(q(settings.today.description)), \"timeline\": \(q(settings.timeline.rawValue)), "
            + "\"rules\": \(q(settings.ruleSet))},\n"
        out += "    \"results\": ["
        return out
    }

    public mutating func add(_ r: SystemResult) -> String {
        var sink = TextSink()
        add(r, into: &sink)
        return sink.text
    }

    /// A result per finding, quoted straight into the sink (issue #25).
    public mutating func add<S: ReportSink>(_ r: SystemResult, into out: inout S) {
        let uri = r.source.map { $0.file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0.file }
        // Through the buffer, so each finding is borrowed, not copied.
        r.findings.withUnsafeBufferPointer { findings in
            for i in findings.indices { result(findings[i], source: r.source, uri: uri, into: &out) }
        }
    }

    /// One finding's SARIF result.
    mutating func result<S: ReportSink>(_ f: Finding, source: SourceRef?, uri: String?, into out: inout S) {
        out.write(first ? "\n      " : ",\n      ")
        first = false
        let upcoming = f.status == .upcoming
        out.write("{\"ruleId\": ")
        out.writeQuoted(f.rule)
        out.write(", ")
        // Findings come rule after rule within a system: look an index up once per run.
        if f.rule != lastRule {
            lastRule = f.rule
            lastIndex = ruleIndex[f.rule]
        }
        if let i = lastIndex {
            out.write("\"ruleIndex\": ")
            out.write(i)
            out.write(", ")
        }
        if upcoming {
            out.write("\"kind\": \"informational\", \"level\": \"none\", ")
        } else {
            out.write("\"level\": \"")
            out.write(SARIFCheckWriter.level(f.severity))
            out.write("\", ")
        }
        out.write("\"message\": {\"text\": ")
        out.writeQuoted(upcoming ? "\(f.message) (in force from \(f.due?.description ?? "?"))" : f.message)
        out.write("}, \"locations\": [{")
        if let src = source, let uri {
            out.write("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
            out.writeQuoted(uri)
            out.write("}, \"region\": {\"startLine\": ")
            out.write(src.line(of: f.path))
            out.write("}}, ")
        }
        out.write("\"logicalLocations\": [{\"name\": ")
        out.writeQuoted(f.system)
        out.write(", \"fullyQualifiedName\": ")
        if f.path.isEmpty { out.writeQuoted(f.system) } else { out.writeQuoted(f.system, ".", f.path) }
        out.write(", \"kind\": \"object\"}]}]")
        if let w = f.waiver, f.status == .waived {
            out.write(", \"suppressions\": [{\"kind\": \"external\", \"status\": \"accepted\", \"justification\": ")
            out.writeQuoted("\(w.reason) (approved by \(w.approvedBy), expires \(w.expires))")
            out.write("}]")
        }
        out.write(", \"properties\": {\"severity\": \"")
        out.write(f.severity.rawValue)
        out.write("\", \"status\": \"")
        out.write(f.status.rawValue)
        out.write("\", \"system\": ")
        out.writeQuoted(f.system)
        out.write(", \"path\": ")
        out.writeQuoted(f.path)
        if let due = f.due {
            out.write(", \"due\": \"")
            out.write(due.description)
            out.write("\"")
        }
        out.write("}}")
    }

    public mutating func end(_ summary: FindingSummary, systems: Int) -> String {
        (first ? "]\n" : "\n    ]\n") + "  }]\n}\n"
    }

    /// A run with one rule, `AIGOV-INPUT`, and one error result per problem at its file, line and
    /// column; the invocation did not succeed (exit 2).
    public mutating func rejected(_ problems: [InputProblem]) -> String? {
        var out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
        out += "    \"tool\": {\"driver\": {\"name\": \"aigov\", \"version\": \(q(settings.toolVersion)), "
        out += "\"informationUri\": \"https://github.com/aigov/aigov\",\n      \"rules\": [\n"
        out += "        {\"id\": \(q(InputProblemReport.ruleId)), \"name\": \"InputProblem\", \"shortDescription\": {\"text\": \(q(InputProblemReport.title))}, "
            + "\"help\": {\"text\": \"Correct the file: each result names the field path and what was expected (docs/FORMAT.md).\"}}\n      ]}},\n"
        out += "    \"invocations\": [{\"executionSuccessful\": false, \"exitCode\": 2}],\n"
        out += "    \"results\": ["
        out += problems.enumerated().map { i, p in
            let uri = p.file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? p.file
            var region = ""
            if let line = p.line, line > 0 {
                region = ", \"region\": {\"startLine\": \(line)" + (p.column.map { $0 > 0 ? ", \"startColumn\": \($0)" : "" } ?? "") + "}"
            }
            return "\(i == 0 ? "\n" : "")      {\"ruleId\": \(q(InputProblemReport.ruleId)), \"ruleIndex\": 0, \"level\": \"error\", "
                + "\"message\": {\"text\": \(q(p.description))}, "
                + "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \(q(uri))}\(region)}}], "
                + "\"properties\": {\"path\": \(q(p.path))}}"
        }.joined(separator: ",\n")
        out += (problems.isEmpty ? "]\n" : "\n    ]\n") + "  }]\n}\n"
        return out
    }
}

// MARK: - JUnit XML

/// JUnit XML: a testsuite per system, a testcase per applicable rule; open findings are
/// failures, waived and upcoming ones are skipped with the reason.
public struct JUnitCheckWriter: CheckWriter {
    let settings: CheckSettings
    /// Each rule's test case name ("id title"), XML-escaped once: a large registry writes each
    /// of them hundreds of thousands of times.
    let caseNames: [String: String]

    public init(settings: CheckSettings) {
        self.settings = settings
        var names: [String: String] = [:]
        for r in settings.rules { names[r.id] = x("\(r.id) \(r.title)") }
        caseNames = names
    }

    public mutating func begin() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aigov check\">\n"
    }

    public mutating func add(_ r: SystemResult) -> String {
        var sink = TextSink()
        add(r, into: &sink)
        return sink.text
    }

    /// The system's test suite, written piece by piece into the sink (issue #25).
    public mutating func add<S: ReportSink>(_ r: SystemResult, into out: inout S) {
        var byRule: [String: [Finding]] = [:]
        for f in r.findings { byRule[f.rule, default: []].append(f) }
        var failures = 0, skipped = 0
        for rule in r.applicable {
            let fs = byRule[rule] ?? []
            if fs.contains(where: { $0.status == .open }) {
                failures += 1
            } else if !fs.isEmpty {
                skipped += 1
            }
        }
        // Findings of rules that do not list the system as in scope still count.
        let system = x(r.system.id)
        out.write("  <testsuite name=\"")
        out.write(system)
        out.write("\" tests=\"")
        out.write(r.applicable.count)
        out.write("\" failures=\"")
        out.write(failures)
        out.write("\" errors=\"0\" skipped=\"")
        out.write(skipped)
        out.write("\">\n    <properties><property name=\"score\" value=\"")
        out.write(r.score.value)
        out.write("\"/><property name=\"tier\" value=\"")
        out.write(r.system.tier.rawValue)
        out.write("\"/><property name=\"rules\" value=\"")
        out.write(settings.ruleSet)
        out.write("\"/></properties>\n")
        for rule in r.applicable {
            let fs = byRule[rule] ?? []
            out.write("    <testcase classname=\"")
            out.write(system)
            out.write("\" name=\"")
            out.write(caseNames[rule] ?? x("\(rule) "))
            out.write("\"")
            let open = fs.filter { $0.status == .open }
            if !open.isEmpty {
                let worst = open.map(\.severity).max() ?? .info
                out.write(">\n      <failure message=\"")
                out.write(x(open[0].message))
                out.write("\" type=\"")
                out.write(worst.rawValue)
                out.write("\">")
                for (i, f) in open.enumerated() {
                    if i > 0 { out.write("\n\n") }
                    out.write("[")
                    out.write(f.severity.rawValue)
                    out.write("] ")
                    out.write(x(f.path))
                    out.write(": ")
                    out.write(x(f.message))
                    out.write("\nReference: ")
                    out.write(x(f.reference))
                    out.write("\nFix: ")
                    out.write(x(f.remediation))
                }
                out.write("</failure>\n    </testcase>\n")
            } else if let f = fs.first {
                let why = f.status == .waived
                    ? "waived until \(f.waiver?.expires.description ?? "?") by \(f.waiver?.approvedBy ?? "?"): \(f.waiver?.reason ?? "")"
                    : "upcoming: in force from \(f.due?.description ?? "?")"
                out.write(">\n      <skipped message=\"")
                out.write(x(why))
                out.write("\"/>\n    </testcase>\n")
            } else {
                out.write("/>\n")
            }
        }
        out.write("  </testsuite>\n")
    }

    public mutating func end(_ summary: FindingSummary, systems: Int) -> String { "</testsuites>\n" }

    /// One test suite, `input`, with a failed test case per problem, named `file:path`.
    public mutating func rejected(_ problems: [InputProblem]) -> String? {
        var out = begin()
        out += "  <testsuite name=\"input\" tests=\"\(problems.count)\" failures=\"\(problems.count)\" errors=\"0\" skipped=\"0\">\n"
        for p in problems {
            let name = x(p.path.isEmpty ? p.file : "\(p.file):\(p.path)")
            out += "    <testcase classname=\(x(p.file).quotedAttr) name=\(name.quotedAttr)>\n"
            out += "      <failure message=\(x(p.message).quotedAttr) type=\"\(InputProblemReport.ruleId)\">\(x(p.located))</failure>\n    </testcase>\n"
        }
        return out + "  </testsuite>\n" + end(FindingSummary(), systems: 0)
    }
}

/// XML text escaping; characters XML 1.0 forbids are dropped.
func x(_ s: String) -> String {
    // Nearly every id, title and message needs no escaping.
    if PrintableASCII.check(s, special: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) {
        return s
    }
    var out = ""
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\t", "\n", "\r": out.unicodeScalars.append(u)
        case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: continue
        default: out.unicodeScalars.append(u)
        }
    }
    return out
}

extension String {
    fileprivate var quotedAttr: String { "\"\(self)\"" }
}

// MARK: - Table

/// The terminal report: findings grouped by system, most severe first, coloured by
/// severity when `color` is set. Every text from the record is sanitised.
public struct TableCheckWriter: CheckWriter {
    let settings: CheckSettings
    let color: Bool
    let showAll: Bool
    /// With `check --framework`: findings are grouped by article, control or subcategory and
    /// written at the end instead of system by system.
    var grouped: FrameworkTally?

    public init(settings: CheckSettings, color: Bool, showAll: Bool = true, framework: Framework? = nil) {
        self.settings = settings
        self.color = color
        self.showAll = showAll
        grouped = framework.map { FrameworkTally($0, rules: settings.rules, keepFindings: true) }
    }

    /// The escape sequence that starts a severity's colour.
    static func colour(_ sev: Severity) -> String {
        switch sev {
        case .critical: "\u{1B}[1;31m"
        case .high: "\u{1B}[31m"
        case .medium: "\u{1B}[33m"
        case .low: "\u{1B}[36m"
        case .info: "\u{1B}[2m"
        }
    }

    func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    /// A severity or status word padded to the column's 8 characters (they are ASCII).
    static func padded(_ word: String) -> String {
        word.utf8.count >= 8 ? word : word + String(repeating: " ", count: 8 - word.utf8.count)
    }

    public mutating func begin() -> String { "" }

    public mutating func add(_ r: SystemResult) -> String {
        var sink = TextSink()
        add(r, into: &sink)
        return sink.text
    }

    /// The system's heading and its findings, written piece by piece into the sink (issue #25).
    public mutating func add<S: ReportSink>(_ r: SystemResult, into out: inout S) {
        if grouped != nil {
            grouped?.add(r.system, findings: r.findings, applicable: r.applicable)
            return
        }
        let s = r.system
        let summary = FindingSummary(r.findings)
        bold(TextTable.sanitize(s.id), into: &out)
        out.write("  score ")
        out.write(r.score.value)
        out.write("  ")
        out.write(s.tier.rawValue)
        out.write(", ")
        out.write(s.status.rawValue)
        out.write("  — ")
        out.write(summary.open)
        out.write(" open, ")
        out.write(summary.waived)
        out.write(" waived, ")
        out.write(summary.upcoming)
        out.write(" upcoming\n")
        r.findings.withUnsafeBufferPointer { findings in
            for i in findings.indices { line(findings[i], where: findings[i].path.isEmpty ? "-" : findings[i].path, into: &out) }
        }
        out.write("\n")
    }

    func bold<S: ReportSink>(_ s: String, into out: inout S) {
        guard color else { return out.write(s) }
        out.write("\u{1B}[1m")
        out.write(s)
        out.write("\u{1B}[0m")
    }

    /// One finding: severity, status, rule and where (unsanitised: it is sanitised here); the
    /// message; reference and fix.
    func line<S: ReportSink>(_ f: Finding, where place: String, into out: inout S) {
        out.write("  ")
        if color {
            // Each escape sequence goes whole into one write: on a terminal the sink keeps only
            // complete colour sequences.
            out.write(TableCheckWriter.colour(f.severity))
            out.write(TableCheckWriter.padded(f.severity.rawValue))
            out.write("\u{1B}[0m")
        } else {
            out.write(TableCheckWriter.padded(f.severity.rawValue))
        }
        out.write(" ")
        out.write(TableCheckWriter.padded(f.status.rawValue))
        out.write(" ")
        out.write(TextTable.sanitize(f.rule))
        out.write("  ")
        out.write(TextTable.sanitize(place))
        out.write("\n      ")
        out.write(TextTable.sanitize(f.message))
        if f.status == .upcoming, let due = f.due {
            out.write(" (from ")
            out.write(due.description)
            out.write(")")
        }
        if f.status == .waived, let w = f.waiver {
            out.write(" (waived until ")
            out.write(w.expires.description)
            out.write(" by ")
            out.write(TextTable.sanitize(w.approvedBy))
            out.write(")")
        }
        // Custom rules bring their own references and remediations: sanitised like record text.
        out.write("\n      ")
        out.write(TextTable.sanitize(f.reference))
        out.write(" — fix: ")
        out.write(TextTable.sanitize(f.remediation))
        out.write("\n")
    }

    /// The grouped report: per entry with findings, a heading with its counts, then its findings
    /// (system and path); then the findings of rules mapped to no entry. Written a finding at a time.
    func groupedReport(_ t: FrameworkTally, into write: (String) -> Void) {
        write(bold("Findings by \(t.framework.entryName) of \(t.framework.title)") + "\n\n")
        func group(_ heading: String, _ row: FrameworkRowTally) {
            let s = row.summary
            write(bold(TextTable.sanitize(heading)) + "  — \(s.open) open, \(s.waived) waived, \(s.upcoming) upcoming"
                  + " (rules \(TextTable.sanitize(row.rules.joined(separator: ", "))))\n")
            for i in row.findingIndices {
                let f = t.kept[i]
                var sink = TextSink()
                line(f, where: f.system + (f.path.isEmpty ? "" : "." + f.path), into: &sink)
                write(sink.text)
            }
            write("\n")
        }
        for (item, row) in t.ordered where row.findingCount > 0 { group("\(item.id)  \(item.title)", row) }
        if t.unmapped.findingCount > 0 { group("Not mapped to \(t.framework.title)", t.unmapped) }
    }

    public mutating func end(_ s: FindingSummary, systems: Int, into write: (String) -> Void) {
        if let grouped { groupedReport(grouped, into: write) }
        write(end(s, systems: systems))
    }

    /// The summary line (after the groups, with `--framework`).
    public mutating func end(_ s: FindingSummary, systems: Int) -> String {
        let sev = Severity.allCases.map { "\(s.openBySeverity[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        return "\(systems) systems checked on \(settings.today) (\(settings.timeline.rawValue) timeline, rules \(settings.ruleSet)): "
            + "\(s.open) open (\(sev)), \(s.waived) waived, \(s.upcoming) upcoming\n"
    }
}
