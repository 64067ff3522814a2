/// A small document model rendered both as Markdown and as HTML, so the two forms of the
/// technical documentation always say the same thing. All text is plain and escaped on output.
struct Document {
    /// One block of content.
    enum Block {
        /// A paragraph.
        case para(String)
        /// Label–value pairs; pairs with an empty value are left out.
        case facts([(String, String?)])
        /// A table with a header row.
        case table([String], [[String]])
        /// A sub-heading.
        case heading(String)
    }

    /// One numbered section.
    struct Section {
        var title: String
        var blocks: [Block]
    }

    var title: String
    var subtitle: String
    var sections: [Section]

    /// GitHub-flavoured Markdown.
    func markdown() -> String {
        var out = "# \(Text.markdown(title))\n\n\(Text.markdown(subtitle))\n\n"
        for (i, s) in sections.enumerated() {
            out += "## \(i + 1). \(Text.markdown(s.title))\n\n"
            for b in s.blocks {
                switch b {
                case let .para(t): out += Text.markdown(t) + "\n\n"
                case let .heading(t): out += "### \(Text.markdown(t))\n\n"
                case let .facts(pairs):
                    let kept = pairs.compactMap { p in p.1.flatMap { $0.isEmpty ? nil : (p.0, $0) } }
                    if kept.isEmpty { continue }
                    for (k, v) in kept { out += "- **\(Text.markdown(k)):** \(Text.markdown(v))\n" }
                    out += "\n"
                case let .table(header, rows):
                    if rows.isEmpty { continue }
                    out += "| " + header.map(Text.markdown).joined(separator: " | ") + " |\n"
                    out += "|" + String(repeating: " --- |", count: header.count) + "\n"
                    for r in rows { out += "| " + r.map { $0.isEmpty ? " " : Text.markdown($0) }.joined(separator: " | ") + " |\n" }
                    out += "\n"
                }
            }
        }
        return out
    }

    /// A complete HTML page; `backLink` is a relative link to the index, if any.
    func html(backLink: String?) -> String {
        var out = HTMLPage.head(title: title)
        if let backLink { out += "<nav class=\"noprint\"><a href=\"\(Text.html(backLink))\">← Registry overview</a></nav>\n" }
        out += "<header><h1>\(Text.html(title))</h1><p class=\"sub\">\(Text.html(subtitle))</p></header>\n"
        out += "<nav class=\"toc\"><ol>"
        for (i, s) in sections.enumerated() { out += "<li><a href=\"#s\(i + 1)\">\(Text.html(s.title))</a></li>" }
        out += "</ol></nav>\n"
        for (i, s) in sections.enumerated() {
            out += "<section id=\"s\(i + 1)\"><h2>\(i + 1). \(Text.html(s.title))</h2>\n"
            for b in s.blocks {
                switch b {
                case let .para(t): out += "<p>\(Text.html(t))</p>\n"
                case let .heading(t): out += "<h3>\(Text.html(t))</h3>\n"
                case let .facts(pairs):
                    let kept = pairs.compactMap { p in p.1.flatMap { $0.isEmpty ? nil : (p.0, $0) } }
                    if kept.isEmpty { continue }
                    out += "<dl>"
                    for (k, v) in kept { out += "<dt>\(Text.html(k))</dt><dd>\(Text.html(v))</dd>" }
                    out += "</dl>\n"
                case let .table(header, rows):
                    if rows.isEmpty { continue }
                    out += HTMLPage.table(header: header, rows: rows.map { $0.map { Text.html($0) } })
                }
            }
            out += "</section>\n"
        }
        return out + HTMLPage.foot()
    }
}
