import AIGovCore
import AIGovStore
import Foundation

/// One field of a record as it was before and after an audit entry.
public struct FieldChange: Sendable, Equatable {
    public init(field: String, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }

    public var field: String
    public var before: String
    public var after: String
}

/// Field-level diffs between two versions of a record, from an audit entry's canonical
/// before/after images (the console's History tab).
public enum FieldDiff {
    /// The longest value shown; longer ones are cut with an ellipsis.
    public static let maxValue = 120

    /// For an update (or a changed waiver): each changed field with its old and new value.
    public static func changes(in e: AuditEntry) -> [FieldChange] {
        guard let before = e.before.flatMap(object), let after = e.after.flatMap(object) else { return [] }
        let fields = (try? JSONDecoder().decode([String].self, from: Data(e.changes.utf8))) ?? []
        return fields.prefix(200).map { f in
            FieldChange(field: f, before: text(value(before, f)), after: text(value(after, f)))
        }
    }

    static func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }

    /// Each field that differs between two versions of a record, old → new (a classification's
    /// preview, an import's dry run).
    public static func changes(from old: AISystem, to new: AISystem) -> [FieldChange] {
        guard let before = object(Canonical.json(old)), let after = object(Canonical.json(new)) else { return [] }
        return new.changedFields(from: old).prefix(200).map { f in
            FieldChange(field: f, before: text(value(before, f)), after: text(value(after, f)))
        }
    }

    /// The value at a catalog path: `owner`, or into objects: `eu_ai_act.tier`,
    /// `classification.answers.annex_iii`.
    static func value(_ root: [String: Any], _ path: String) -> Any? {
        var node: Any? = root
        for part in path.split(separator: ".") {
            node = (node as? [String: Any])?[String(part)]
        }
        return node
    }

    static func text(_ v: Any?) -> String {
        guard let v, !(v is NSNull) else { return "(none)" }
        let s: String
        if let str = v as? String {
            s = str
        } else if JSONSerialization.isValidJSONObject(v),
                  let data = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .withoutEscapingSlashes]) {
            s = String(decoding: data, as: UTF8.self)
        } else {
            s = "\(v)"
        }
        let flat = s.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maxValue ? String(flat.prefix(maxValue - 1)) + "…" : flat
    }
}
