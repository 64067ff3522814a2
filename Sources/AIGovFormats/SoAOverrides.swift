import AIGovCore
import AIGovRules
import Foundation

/// A control's status and justification written by hand in `soa.yaml` (docs/frameworks.md):
/// it wins over the status the registry drafts.
public struct SoAOverride: Sendable, Equatable {
    public var control: String
    public var status: ControlStatus
    public var justification: String
    /// Where it was written: `FILE:LINE`.
    public var source: String

    public init(control: String, status: ControlStatus, justification: String, source: String) {
        self.control = control
        self.status = status
        self.justification = justification
        self.source = source
    }
}

/// Reads `soa.yaml`:
///
/// ```yaml
/// controls:
///   A.10.4:
///     status: not applicable
///     justification: no customers of AI systems
/// ```
///
/// Every control id must be one of the 38 Annex A controls (case and spaces forgiven), every
/// status one of `ControlStatus.writable`, and every justification non-empty text. A file
/// with any problem yields no overrides.
public enum SoAOverridesReader {
    public static func load(file: String) -> (overrides: [SoAOverride], problems: [InputProblem]) {
        var problems: [InputProblem] = []
        guard let data = CustomRuleLoader.read(file, problems: &problems) else { return ([], problems) }
        return parse(data: data, file: file)
    }

    public static func parse(data: Data, file: String) -> (overrides: [SoAOverride], problems: [InputProblem]) {
        let (document, sink) = SingleDocument.parse(data: data, file: file, expected: "a mapping with a controls mapping",
                                                    single: "one document with a controls mapping")
        guard let root = document, let top = Fields(root, path: "", allowed: ["controls"], sink: sink) else { return ([], sink.problems) }
        guard let controls = top.value("controls") else {
            sink.add("controls", root, "missing required key \"controls\" (a mapping from control id to status and justification)")
            return ([], sink.problems)
        }
        guard case let .map(entries) = controls.kind else {
            sink.add("controls", controls, "expected a mapping from control id (A.10.4) to status and justification, got \(controls.typeName)")
            return ([], sink.problems)
        }
        var out: [SoAOverride] = []
        var seen: [String: String] = [:]
        let statuses = ControlStatus.writable.map(\.rawValue)
        for (key, node) in entries {
            let path = "controls.\(key)"
            let id = Framework.iso42001.canonicalId(key)
            if Framework.iso42001.item(id) == nil {
                sink.add(path, node, "unknown ISO/IEC 42001 Annex A control \"\(key)\" (expected an id such as A.10.4)"
                         + Suggest.didYouMean(id, in: ISO42001.controls.map(\.id)))
                continue
            }
            if let first = seen[id] {
                sink.add(path, node, "control \(id) is also written at \(first)")
                continue
            }
            seen[id] = path
            guard let f = Fields(node, path: path, allowed: ["status", "justification"], sink: sink) else { continue }
            let status: ControlStatus?
            if let text = f.string("status", required: true) {
                status = ControlStatus.writable.first { $0.rawValue == text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                if status == nil {
                    sink.add(f.sub("status"), f.value("status"), "expected one of \(statuses.joined(separator: ", ")), got \"\(text)\""
                             + Suggest.didYouMean(text, in: statuses))
                }
            } else {
                status = nil
            }
            let justification = f.string("justification", required: true)
            if let j = justification, j.isBlank {
                sink.add(f.sub("justification"), f.value("justification"), "must not be empty: say why (an auditor reads it)")
            }
            if let status, let justification, !justification.isBlank {
                let line = node.position.map { ":\($0.line)" } ?? ""
                out.append(SoAOverride(control: id, status: status, justification: justification, source: file + line))
            }
        }
        return sink.problems.isEmpty ? (out, []) : ([], sink.problems)
    }
}
