import AIGovCore
import AIGovApp
import AIGovFormats
import AIGovStore
import Foundation

/// The fields of FORMAT.md that the edit form offers, with allowed values for the closed ones.
///
/// Rows, choices and values all come from the record's catalog (AIGovCore, FieldTables.swift),
/// so a field added there appears in the form; only the templates of new list entries are
/// chosen here.
public enum FormFields {
    /// The system's own fields, in FORMAT.md order. `id` is left out: it is the record's
    /// identity, which `aigov set` (and so the form) refuses to change.
    public static let topLevel: [String] = RecordCatalog.fields(in: .system)
        .filter { !$0.kind.isContainer && $0.key != "id" }.map(\.key)

    /// Each block of the system with its own fields, a block inside a block as a section of its
    /// own (`classification.answers`, `classification.answers.annex_i`).
    public static let objects: [(key: String, fields: [String])] = RecordCatalog.recordFields.compactMap {
        guard case let .block(scope) = $0.info.kind else { return nil }
        return ($0.info.path, RecordCatalog.fields(in: scope).filter { !$0.kind.isContainer }.map(\.key))
    }

    /// Each list of entries with its entries' fields and the text a new entry starts from.
    public static let lists: [(key: String, fields: [String], template: String)] = RecordCatalog.fields(in: .system).compactMap {
        guard case let .entries(scope) = $0.kind else { return nil }
        return ($0.key, RecordCatalog.keys(in: scope), templates[$0.key] ?? "{}")
    }

    /// What a new entry of each list starts from: the fields a useful entry needs first.
    /// A presentation choice, so it lives here; a test checks every key is the list's.
    static let templates: [String: String] = [
        "models": "{name: , provider: }",
        "datasets": "{name: }",
        "oversight": "{type: , mechanism: }",
        "fallbacks": "{trigger: , strategy: }",
        "evidence": "{kind: , title: }",
        "risks": "{description: , severity: }",
        "metrics": "{name: }",
        "suppliers": "{name: , role: }",
    ]

    /// The allowed spellings of a field (by its path, list indexes ignored), or nil when it is free text.
    public static func choices(for path: String) -> [String]? {
        guard let field = RecordCatalog.field(at: path) else { return nil }
        if field.kind == .bool { return ["true", "false"] }
        return field.kind.spellings
    }

    /// Every value of a record by dotted path, as the form shows it and as `key=value` accepts it
    /// back: lists of strings in YAML flow form (`[a, b]`), booleans as `true`/`false`. Absent
    /// values and empty lists have no entry.
    public static func values(of system: AISystem) -> [String: String] {
        var out: [String: String] = [:]
        for f in RecordCatalog.recordFields {
            if case .entries = f.info.kind, case let .entries(count) = f.value(system) {
                for i in 0..<count {
                    for e in f.entryFields {
                        if let t = text(e.value(system, i)) { out["\(f.info.key)[\(i)].\(e.info.key)"] = t }
                    }
                }
            } else if let t = text(f.value(system)) {
                out[f.info.path] = t
            }
        }
        return out
    }

    /// How the form shows one value; nil when there is nothing to show.
    static func text(_ value: RecordValue) -> String? {
        switch value {
        case .absent, .block, .entries: nil
        case let .text(s): s
        case let .bool(b): b ? "true" : "false"
        case let .number(n): String(n)
        case let .date(d): d.description
        case let .texts(l): l.isEmpty ? nil : "[" + l.map(flowItem).joined(separator: ", ") + "]"
        }
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
        guard let f = AISystem.fields.first(where: { $0.info.key == key }), case let .entries(n) = f.value(system) else { return 0 }
        return n
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

    /// The day edits are validated on (the console's): a date the rules read may not lie after it.
    public var today: Day

    public init(stored: AISystem, version: Int, today: Day) {
        self.today = today
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
    /// The edits applied through the application layer's `edit` use case (`Editing`), on the
    /// console's day, so a field the form accepts is one `aigov set` accepts.
    static func apply(_ edits: [String], to system: AISystem, today: Day) throws -> AISystem {
        try Editing.applied(edits, to: system, today: today, file: "form")
    }

    /// Tries one more assignment `path=value`; accepted edits change `working`, refused ones are
    /// kept with the validator's messages. Returns true when accepted.
    @discardableResult
    public mutating func assign(path: String, value: String) -> Bool {
        let assignment = "\(path)=\(value)"
        do {
            working = try FormState.apply(edits + [assignment], to: original, today: today)
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
