import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation

/// The fields of FORMAT.md that the edit form offers, with allowed values for the closed ones.
public enum FormFields {
    public static let topLevel = ["name", "purpose", "owner", "contact", "status", "status_since", "tags", "legal_basis"]
    public static let objects: [(key: String, fields: [String])] = [
        ("eu_ai_act", ["role", "tier", "annex_iii", "annex_i_product", "art6_3_exemption", "art6_3_reason", "profiling",
                       "gpai", "interacts_with_people", "synthetic_content", "deepfake",
                       "emotion_or_biometric_categorisation", "public_body", "rationale", "eu_database_id", "conformity"]),
        ("impact", ["decisions", "affected_groups", "stakeholders_consulted", "explanation", "appeal"]),
        ("review", ["last_reviewed", "interval_days", "reviewer"]),
    ]
    public static let lists: [(key: String, fields: [String], template: String)] = [
        ("models", ["name", "provider", "technique", "version", "license", "hosting", "role", "rationale", "alternatives",
                    "end_of_life", "parameters"], "{name: , provider: }"),
        ("datasets", ["name", "source", "license", "purpose", "personal_data", "special_category", "lawful_basis",
                      "collected", "known_limitations", "derived_from", "retention"], "{name: }"),
        ("oversight", ["type", "mechanism", "who", "can_stop", "response_minutes", "last_tested"], "{type: , mechanism: }"),
        ("fallbacks", ["trigger", "strategy", "uses_ai", "model", "target", "rto_minutes", "owner", "runbook", "last_tested"],
         "{trigger: , strategy: }"),
        ("evidence", ["kind", "title", "uri", "sha256", "date"], "{kind: , title: }"),
        ("risks", ["description", "severity", "mitigation"], "{description: , severity: }"),
        ("metrics", ["name", "group", "target", "value", "measured"], "{name: }"),
        ("suppliers", ["name", "role"], "{name: , role: }"),
    ]

    static let booleans: Set<String> = [
        "annex_i_product", "art6_3_exemption", "profiling", "gpai", "interacts_with_people", "synthetic_content",
        "deepfake", "emotion_or_biometric_categorisation", "public_body", "personal_data", "special_category",
        "can_stop", "uses_ai",
    ]

    /// The allowed spellings of a field (by its path, list indexes ignored), or nil when it is free text.
    public static func choices(for path: String) -> [String]? {
        let parts = path.split(separator: ".").map { String($0.prefix { $0 != "[" }) }
        guard let key = parts.last else { return nil }
        let parent = parts.count > 1 ? parts[parts.count - 2] : ""
        if booleans.contains(key) { return ["true", "false"] }
        func all<E: FormatEnum>(_: E.Type) -> [String] { E.allCases.map(\.rawValue) }
        switch (parent, key) {
        case ("", "status"): return all(SystemStatus.self)
        case ("eu_ai_act", "role"): return all(OperatorRole.self)
        case ("eu_ai_act", "tier"): return all(RiskTier.self)
        case ("eu_ai_act", "annex_iii"): return all(AnnexIIIArea.self)
        case ("eu_ai_act", "conformity"): return all(Conformity.self)
        case ("models", "technique"): return all(Technique.self)
        case ("models", "hosting"): return all(Hosting.self)
        case ("models", "role"): return all(ModelRole.self)
        case ("datasets", "purpose"): return all(DataPurpose.self)
        case ("datasets", "lawful_basis"): return all(LawfulBasis.self)
        case ("oversight", "type"): return all(OversightType.self)
        case ("fallbacks", "trigger"): return all(FallbackTrigger.self)
        case ("fallbacks", "strategy"): return all(FallbackStrategy.self)
        case ("evidence", "kind"): return all(EvidenceKind.self)
        case ("risks", "severity"): return all(RiskLevel.self)
        case ("suppliers", "role"): return all(SupplierRole.self)
        default: return nil
        }
    }

    /// Every value of a record by dotted path, as the form shows it and as `key=value` accepts it
    /// back: lists of strings in YAML flow form (`[a, b]`), booleans as `true`/`false`.
    public static func values(of system: AISystem) -> [String: String] {
        var out: [String: String] = [:]
        guard let data = Canonical.json(system).data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return out }
        func text(_ key: String, _ v: Any) -> String? {
            if booleans.contains(key) { return (v as? Bool).map { $0 ? "true" : "false" } }
            if let s = v as? String { return s }
            if let n = v as? NSNumber { return n.stringValue }
            if let l = v as? [Any] { return "[" + l.compactMap { text("", $0) }.map(flowItem).joined(separator: ", ") + "]" }
            return nil
        }
        func walk(_ prefix: String, _ obj: [String: Any]) {
            for (k, v) in obj {
                let path = prefix.isEmpty ? k : "\(prefix).\(k)"
                if let sub = v as? [String: Any] {
                    walk(path, sub)
                } else if let list = v as? [Any], list.first is [String: Any] {
                    for (i, item) in list.enumerated() {
                        if let o = item as? [String: Any] { walk("\(path)[\(i)]", o) }
                    }
                } else if let t = text(k, v) {
                    out[path] = t
                }
            }
        }
        walk("", root)
        return out
    }

    /// One item of a YAML flow list, quoted when it would otherwise be misread.
    static func flowItem(_ s: String) -> String {
        let special = CharacterSet(charactersIn: ",[]{}:#\"'&*!|>%@`")
        if s.isEmpty || s.rangeOfCharacter(from: special) != nil || s != s.trimmingCharacters(in: .whitespaces) {
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return s
    }

    /// Number of entries in each list of a record.
    static func listCount(_ system: AISystem, _ key: String) -> Int {
        switch key {
        case "models": system.models.count
        case "datasets": system.datasets.count
        case "oversight": system.oversight.count
        case "fallbacks": system.fallbacks.count
        case "evidence": system.evidence.count
        case "risks": system.risks.count
        case "metrics": system.metrics.count
        case "suppliers": system.suppliers.count
        default: 0
        }
    }
}

/// One row of the edit form.
public enum FormRow: Equatable, Sendable {
    case section(String)
    case field(path: String)
    /// The heading of one list entry (`models[0]`); removable.
    case entry(list: String, index: Int)
    /// The "add an entry" row under a list.
    case add(list: String)
}

/// A value the user typed that validation refused: kept, with the reason, until fixed.
public struct RefusedValue: Equatable, Sendable {
    public var value: String
    public var message: String
}

/// The edit form: the record as opened, the user's edits, and what validation said.
///
/// Edits are kept as `key=value` assignments in the order typed and re-applied with
/// `FieldSetter` to the record as opened, so validation is exactly that of `aigov set` and
/// files, and after a conflict the same edits can be re-applied to the newer record.
public struct FormState: Equatable, Sendable {
    public var systemId: String
    /// The row version read when the form opened; saving requires the row still to be at it.
    public var baseVersion: Int
    public var original: AISystem
    /// `original` with every accepted edit applied.
    public var working: AISystem
    /// Accepted assignments, in order.
    public var edits: [String] = []
    /// Typed values that validation refused, by path.
    public var refused: [String: RefusedValue] = [:]
    /// Set after a save was refused because the row moved on to this version.
    public var conflictVersion: Int?
    public var cursor = 0
    public var top = 0
    /// True after one Esc with unsaved edits: a second Esc discards them.
    public var confirmDiscard = false
    public private(set) var rows: [FormRow] = []
    public private(set) var values: [String: String] = [:]
    public private(set) var originalValues: [String: String] = [:]

    public init(stored: AISystem, version: Int) {
        systemId = stored.id
        baseVersion = version
        original = stored
        working = stored
        originalValues = FormFields.values(of: stored)
        rebuild()
    }

    /// Recomputes rows and values after `working` changed.
    mutating func rebuild() {
        values = FormFields.values(of: working)
        var r: [FormRow] = [.section("system \(systemId)")]
        r += FormFields.topLevel.map { .field(path: $0) }
        for (key, fields) in FormFields.objects {
            r.append(.section(key))
            r += fields.map { .field(path: "\(key).\($0)") }
        }
        for (key, fields, _) in FormFields.lists {
            r.append(.section(key))
            for i in 0..<FormFields.listCount(working, key) {
                r.append(.entry(list: key, index: i))
                r += fields.map { .field(path: "\(key)[\(i)].\($0)") }
            }
            r.append(.add(list: key))
        }
        // Refused values for entries that no longer exist still need a row so they are not lost.
        let known = Set(r.compactMap { if case let .field(p) = $0 { p } else { nil } })
        for path in refused.keys.sorted() where !known.contains(path) { r.append(.field(path: path)) }
        rows = r
        cursor = min(cursor, max(0, rows.count - 1))
        if case .section = rows[cursor] { cursor = min(cursor + 1, rows.count - 1) }
    }

    public var hasChanges: Bool { !edits.isEmpty || !refused.isEmpty }

    /// The assignments, parsed; problems when one of them is malformed.
    static func parse(_ edits: [String]) -> ([FieldSetter.Assignment], [InputProblem]) {
        FieldSetter.parse(edits)
    }

    /// Applies `edits` to `system` exactly as `aigov set` would.
    static func apply(_ edits: [String], to system: AISystem) throws -> AISystem {
        let (assignments, problems) = FieldSetter.parse(edits)
        if !problems.isEmpty { throw InputRejected(problems) }
        return try FieldSetter.apply(assignments, to: system)
    }

    /// Tries one more assignment `path=value`; accepted edits change `working`, refused ones are
    /// kept with the validator's messages. Returns true when accepted.
    @discardableResult
    public mutating func assign(path: String, value: String) -> Bool {
        let assignment = "\(path)=\(value)"
        do {
            working = try FormState.apply(edits + [assignment], to: original)
            edits.append(assignment)
            refused[path] = nil
            rebuild()
            return true
        } catch {
            refused[path] = RefusedValue(value: value, message: FormState.describe(error, editedPath: path))
            rebuild()
            return false
        }
    }

    /// Re-applies the edits to a newer copy of the record (after a conflict); edits that no
    /// longer apply become refused values so nothing typed is lost.
    public mutating func rebase(on stored: AISystem, version: Int) {
        let old = edits
        original = stored
        originalValues = FormFields.values(of: stored)
        baseVersion = version
        working = stored
        edits = []
        conflictVersion = nil
        for e in old {
            guard let eq = e.firstIndex(of: "=") else { continue }
            assign(path: String(e[..<eq]), value: String(e[e.index(after: eq)...]))
        }
        rebuild()
    }

    /// A validation error as one line: the messages of every problem, with their path when it
    /// is not the edited field.
    static func describe(_ error: any Error, editedPath: String) -> String {
        let problems: [InputProblem]
        if let r = error as? InputRejected { problems = r.problems } else if let p = error as? InputProblem { problems = [p] } else {
            return "\(error)"
        }
        if problems.isEmpty { return "not a valid record" }
        return problems.map { $0.path.isEmpty || $0.path == editedPath ? $0.message : "\($0.path): \($0.message)" }
            .joined(separator: "; ")
    }
}
