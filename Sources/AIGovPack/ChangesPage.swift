import AIGovApp
import AIGovCore
import Foundation

/// The pack's "changes since" section (`export pack --since DATE|SEQ`): for each system and
/// waiver created, deleted or changed since the point, the changed fields with who changed
/// them and when; a summary on index.html.
enum ChangesPage {
    static let fileName = "changes-since.html"

    static func counts(_ report: ChangeReport) -> (created: Int, changed: Int, deleted: Int) {
        (report.changes.filter { $0.change == "created" }.count, report.changes.filter { $0.change == "changed" }.count,
         report.changes.filter { $0.change == "deleted" }.count)
    }

    /// The summary section of index.html.
    static func summary(_ report: ChangeReport, since: String) -> String {
        let c = counts(report)
        var out = "<section><h2>Changes since \(Text.html(since))</h2><p>"
        out += "\(c.created) created, \(c.changed) changed, \(c.deleted) deleted"
        if let from = report.from, let to = report.to { out += " (audit entries \(from + 1)–\(to))" }
        out += " · <a href=\"\(fileName)\">every changed field, with who changed it and when</a></p></section>\n"
        return out
    }

    /// changes-since.html.
    static func render(_ report: ChangeReport, since: String, settings: PackSettings) -> String {
        var out = HTMLPage.head(title: "Changes since \(since)")
        out += "<header><h1>Changes since \(Text.html(since))</h1><p class=\"sub\"><a href=\"index.html\">back to the pack</a></p></header>\n"
        out += "<section>"
        if report.changes.isEmpty { out += "<p>Nothing changed.</p>" }
        var rows: [[String]] = []
        for c in report.changes {
            let touches = c.by.isEmpty ? [nil] : c.by.map { Optional($0) }
            for (i, t) in touches.enumerated() {
                rows.append([i == 0 ? Text.html(c.entity) : "", i == 0 ? Text.html(c.id) : "", i == 0 ? Text.html(c.change) : "",
                             i == 0 ? Text.html(c.fields.joined(separator: ", ")) : "",
                             t.map { Text.html("\($0.action) \($0.fields.joined(separator: ", "))") } ?? "",
                             t.map { Text.html($0.actor) } ?? "", t.map { Text.html($0.at) } ?? "", t.map { "\($0.seq)" } ?? ""])
            }
        }
        if !rows.isEmpty {
            out += HTMLPage.table(header: ["Entity", "Id", "Change", "Fields (net)", "Entry", "By", "At", "Seq"], rows: rows, numeric: [7])
        }
        out += "</section>\n"
        return out + HTMLPage.foot("aigov \(Text.html(settings.toolVersion)) · generated \(Text.html(settings.generatedAt))")
    }
}
