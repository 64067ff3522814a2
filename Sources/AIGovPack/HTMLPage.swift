/// The shared page frame of the pack's HTML: inline CSS (screen and print), no scripts,
/// no external resources, so every page opens offline in any browser.
enum HTMLPage {
    static let css = """
        :root { --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --bg:#ffffff; --band:#f6f8fa; --accent:#0b5cad; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: var(--ink); background: var(--bg); margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        .sub, .muted { color: var(--muted); } .sub { margin: 0 0 16px; }
        a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
        th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
        td { overflow-wrap: break-word; word-break: break-word; }
        th { background: var(--band); font-weight: 600; } tbody tr:nth-child(even) td { background: #fbfcfd; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 8px 0 16px; }
        dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 12px 0 8px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--band); }
        .card b { display: block; font-size: 22px; } .card span { color: var(--muted); font-size: 12px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 14px 22px; }
        figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: 600; margin: 6px 0; }
        svg { width: 100%; height: auto; font: 12px system-ui, sans-serif; }
        svg text { fill: var(--ink); } svg .axis { stroke: var(--line); }
        .legend { font-size: 12px; color: var(--muted); } .legend i { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; vertical-align: -1px; }
        .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
        nav.toc ol { columns: 2; margin: 6px 0 12px; }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          .noprint { display: none; }
          a { color: inherit; }
          h2 { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
          .card, th, tbody tr:nth-child(even) td { background: none; }
          .charts { grid-template-columns: 1fr 1fr; }
          @page { margin: 14mm 12mm; }
        }
        """

    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="aigov">
        <title>\(Text.html(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
    }

    static func foot(_ text: String = "") -> String {
        (text.isEmpty ? "" : "<footer>\(text)</footer>\n") + "</body>\n</html>\n"
    }

    /// A table; `rows` hold already-escaped HTML. Columns named in `numeric` are right-aligned.
    static func table(header: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
        var out = "<table><thead><tr>"
        for (i, h) in header.enumerated() { out += numeric.contains(i) ? "<th class=\"num\">" : "<th>"; out += Text.html(h) + "</th>" }
        out += "</tr></thead><tbody>\n"
        for r in rows {
            out += "<tr>"
            for (i, c) in r.enumerated() { out += (numeric.contains(i) ? "<td class=\"num\">" : "<td>") + c + "</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}

/// Bar charts as inline SVG.
enum SVGChart {
    /// One bar: a label and its segments (value, colour), drawn stacked.
    struct Bar {
        var label: String
        var segments: [(Int, String)]
        var total: Int { segments.reduce(0) { $0 + $1.0 } }
    }

    /// Horizontal bars, one per row, labels on the left and totals on the right.
    static func horizontal(_ bars: [Bar], labelWidth: Int = 130, title: String) -> String {
        let width = 420, row = 22, top = 6
        let height = top * 2 + max(1, bars.count) * row
        let maxValue = max(1, bars.map(\.total).max() ?? 1)
        let plot = Double(width - labelWidth - 50)
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Text.html(title))\">"
        out += "<title>\(Text.html(title))</title>"
        if bars.isEmpty { out += "<text x=\"4\" y=\"20\">nothing to show</text>" }
        for (i, b) in bars.enumerated() {
            let y = top + i * row
            out += "<text x=\"\(labelWidth - 6)\" y=\(q(y + 15)) text-anchor=\"end\">\(Text.html(clip(b.label, max(6, (labelWidth - 8) / 7))))</text>"
            var x = Double(labelWidth)
            for (v, colour) in b.segments where v > 0 {
                let w = max(1.5, plot * Double(v) / Double(maxValue))
                out += "<rect x=\(q(x)) y=\(q(y + 3)) width=\(q(w)) height=\"16\" fill=\"\(colour)\"><title>\(Text.html(b.label)): \(v)</title></rect>"
                x += w
            }
            out += "<text x=\(q(x + 5)) y=\(q(y + 15))>\(b.total)</text>"
        }
        out += "<line class=\"axis\" x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" y2=\"\(height - top)\"/>"
        return out + "</svg>"
    }

    /// Vertical stacked columns (e.g. one per month), labels below.
    static func columns(_ bars: [Bar], title: String) -> String {
        let width = 440, height = 200, bottom = 36, left = 26, top = 16
        let maxValue = max(1, bars.map(\.total).max() ?? 1)
        let plotH = Double(height - bottom - top)
        let slot = Double(width - left - 6) / Double(max(1, bars.count))
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Text.html(title))\">"
        out += "<title>\(Text.html(title))</title>"
        out += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 4)\" y2=\"\(height - bottom)\"/>"
        out += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" text-anchor=\"end\">\(maxValue)</text>"
        out += "<text x=\"\(left - 4)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>"
        for (i, b) in bars.enumerated() {
            let x = Double(left) + slot * Double(i) + slot * 0.15
            var y = Double(height - bottom)
            for (v, colour) in b.segments where v > 0 {
                let h = plotH * Double(v) / Double(maxValue)
                y -= h
                out += "<rect x=\(q(x)) y=\(q(y)) width=\(q(slot * 0.7)) height=\(q(h)) fill=\"\(colour)\"><title>\(Text.html(b.label)): \(v)</title></rect>"
            }
            if b.total > 0 { out += "<text x=\(q(x + slot * 0.35)) y=\(q(y - 3)) text-anchor=\"middle\">\(b.total)</text>" }
            out += "<text x=\(q(x + slot * 0.35)) y=\"\(height - bottom + 14)\" text-anchor=\"middle\" font-size=\"10\">\(Text.html(b.label))</text>"
        }
        return out + "</svg>"
    }

    /// A legend line of colour swatches.
    static func legend(_ items: [(String, String)]) -> String {
        "<div class=\"legend\">" + items.map { "<i style=\"background:\($0.1)\"></i>\(Text.html($0.0))" }.joined() + "</div>"
    }

    static func q(_ v: Int) -> String { "\"\(v)\"" }
    static func q(_ v: Double) -> String { "\"\((v * 10).rounded() / 10)\"" }
    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
