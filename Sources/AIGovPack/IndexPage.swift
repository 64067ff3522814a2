import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// Something the pack lists as falling due: a scheduled duty (`DueSchedule`) or an obligation
/// coming into force.
struct PackDueItem {
    enum Kind: String, CaseIterable {
        case review = "Review"
        case test = "Oversight / fallback test"
        case endOfLife = "Model end of life"
        case obligation = "Obligation in force"

        var colour: String {
            switch self {
            case .review: "#2f6fb3"
            case .test: "#8a5cc2"
            case .endOfLife: "#d9822b"
            case .obligation: "#2e8b57"
            }
        }
    }

    var day: Day
    var kind: Kind
    var system: String
    var what: String

    /// Everything due before `today + 365` (overdue included, dated in the past).
    static func collect(_ results: [SystemResult], settings: PackSettings) -> [PackDueItem] {
        let today = settings.today, horizon = today.adding(days: DueWindows.packDays)
        var out: [PackDueItem] = []
        for r in results where r.system.status != .retired {
            let s = r.system
            // Reviews, tests and ends of life as the rules schedule them (one definition of the intervals).
            for item in DueSchedule.items(for: s) {
                let kind: Kind, what: String
                switch item.kind {
                case .review: (kind, what) = (.review, "review (every \(s.review?.effectiveInterval ?? Intervals.defaultReviewDays) days)")
                case .oversightTest: (kind, what) = (.test, "oversight test: \(item.detail)")
                case .fallbackTest: (kind, what) = (.test, "fallback test: \(item.detail)")
                case .modelEndOfLife: (kind, what) = (.endOfLife, "end of life: \(item.detail)")
                case .friaReview: (kind, what) = (.review, item.detail)
                }
                out.append(PackDueItem(day: item.due, kind: kind, system: s.id, what: what))
            }
            for g in TechnicalDocumentation.groups(r, settings: settings) {
                if let d = g.day, today < d {
                    out.append(PackDueItem(day: d, kind: .obligation, system: s.id, what: g.title))
                }
            }
        }
        return out.filter { $0.day < horizon }.sorted { ($0.day, $0.system, $0.what) < ($1.day, $1.system, $1.what) }
    }
}

/// `index.html`: the registry at a glance, for auditors; opens offline and prints.
enum IndexPage {
    static let tierColour: [RiskTier: String] = [
        .prohibited: "#3b0a0a", .high: "#c62828", .limited: "#e0a100", .minimal: "#2e8b57", .outOfScope: "#8c959f",
        .unassessed: "#7e57c2",
    ]
    static let severityColour: [Severity: String] = [
        .critical: "#7f1d1d", .high: "#dc2626", .medium: "#f59e0b", .low: "#3b82f6", .info: "#9ca3af",
    ]
    /// Rows shown in the "falls due" table; the CSV/JSON files hold everything.
    static let dueRows = 150

    static func render(_ source: PackSource, _ analysis: PackAnalysis, settings: PackSettings, auditEntries: Int) -> String {
        let results = analysis.results
        let systems = results.map(\.system)
        var out = HTMLPage.head(title: "AI system registry — audit pack")
        out += "<header><h1>AI system registry — audit pack</h1>"
        out += "<p class=\"sub\">Generated \(Text.html(settings.generatedAt)) by aigov \(Text.html(settings.toolVersion)) · "
        out += "rules evaluated on \(settings.today) with the \(Text.html(settings.timeline.rawValue)) EU AI Act timeline</p></header>\n"

        // Summary cards.
        let s = analysis.summary
        let live = systems.filter { $0.status == .production }.count
        let high = systems.filter { $0.tier == .high }.count
        let meanScore = results.isEmpty ? 100 : results.map(\.score.value).reduce(0, +) / results.count
        let cards: [(String, String)] = [
            (String(systems.count), "systems"), (String(live), "in production"), (String(high), "high-risk"),
            (String(s.open), "open findings"), (String(s.openBySeverity[.critical] ?? 0), "critical open"),
            (String(s.waived), "waived"), (String(s.upcoming), "upcoming"), ("\(meanScore)", "mean score / 100"),
        ]
        out += "<section><h2>Summary</h2><div class=\"cards\">"
        for (v, l) in cards { out += "<div class=\"card\"><b>\(Text.html(v))</b><span>\(Text.html(l))</span></div>" }
        out += "</div>\n<dl><dt>Audit log head</dt><dd class=\"hash\">\(Text.html(source.auditHead))</dd>"
        out += "<dt>Audit log entries</dt><dd>\(auditEntries)</dd><dt>Timeline</dt><dd>\(Text.html(settings.timeline.rawValue))</dd>"
        out += "<dt>Evaluated on</dt><dd>\(settings.today)</dd><dt>Tool version</dt><dd>aigov \(Text.html(settings.toolVersion))</dd></dl></section>\n"

        if let changes = source.changes { out += ChangesPage.summary(changes.report, since: changes.since) }

        // Charts.
        out += "<section><h2>Charts</h2><div class=\"charts\">"
        let tierBars = RiskTier.allCases.map { t in
            SVGChart.Bar(label: t.rawValue, segments: [(systems.filter { $0.tier == t }.count, tierColour[t] ?? "#888")])
        }
        out += figure("Systems by risk tier", SVGChart.horizontal(tierBars, labelWidth: 100, title: "Systems by risk tier"))
        let sevBars = Severity.allCases.map { v in
            SVGChart.Bar(label: v.rawValue, segments: [(s.openBySeverity[v] ?? 0, severityColour[v] ?? "#888")])
        }
        out += figure("Open findings by severity", SVGChart.horizontal(sevBars, labelWidth: 100, title: "Open findings by severity"))

        var families: [String: [Severity: Int]] = [:]
        for r in results { for f in r.findings where f.status == .open { families[family(f.rule), default: [:]][f.severity, default: 0] += 1 } }
        let familyBars = families.keys.sorted().map { k in
            SVGChart.Bar(label: k, segments: Severity.allCases.map { v in (families[k]?[v] ?? 0, severityColour[v] ?? "#888") })
        }
        out += figure("Open findings by rule family",
                      SVGChart.horizontal(familyBars, labelWidth: 100, title: "Open findings by rule family")
                          + SVGChart.legend(Severity.allCases.map { ($0.rawValue, severityColour[$0] ?? "#888") }))

        let due = PackDueItem.collect(results, settings: settings)
        let upcoming = due.filter { $0.day >= settings.today }
        let overdue = due.count - upcoming.count
        let (y0, m0, _) = settings.today.parts
        var months: [SVGChart.Bar] = (0...12).map { i in
            let y = y0 + (m0 - 1 + i) / 12, m = (m0 - 1 + i) % 12 + 1
            let name = monthNames[m - 1] + (m == 1 ? " \(String(y).suffix(2))" : "")
            return SVGChart.Bar(label: name,
                                segments: PackDueItem.Kind.allCases.map { (0, $0.colour) })
        }
        for d in upcoming {
            let (y, m, _) = d.day.parts
            let i = (y - y0) * 12 + (m - m0)
            guard months.indices.contains(i), let k = PackDueItem.Kind.allCases.firstIndex(of: d.kind) else { continue }
            months[i].segments[k].0 += 1
        }
        out += figure("Falls due in the next 12 months",
                      SVGChart.columns(months, title: "Falls due in the next 12 months")
                          + SVGChart.legend(PackDueItem.Kind.allCases.map { ($0.rawValue, $0.colour) })
                          + "<p class=\"muted\">\(overdue) item\(overdue == 1 ? " is" : "s are") already overdue.</p>")

        let vendors = VendorExposure.analyse(systems, today: settings.today)
        let vendorBars = vendors.prefix(12).map { v in
            SVGChart.Bar(label: v.provider, segments: [(v.covered, "#2e8b57"), (v.uncovered, "#c62828"), (v.systems - v.primary, "#8c959f")])
        }
        out += figure("Vendor exposure (top \(min(12, vendors.count)) providers)",
                      SVGChart.horizontal(Array(vendorBars), labelWidth: 150, title: "Vendor exposure")
                          + SVGChart.legend([("primary, covered by a tested fallback", "#2e8b57"), ("primary, not covered", "#c62828"),
                                             ("non-primary use", "#8c959f")]))
        out += "</div></section>\n"

        // Vendor table.
        out += "<section><h2>Vendor exposure</h2>"
        out += HTMLPage.table(header: ["Provider", "Systems", "Primary", "Critical", "Covered", "Uncovered", "Worst RTO (min)",
                                       "Next end of life", "Production down if lost"],
                              rows: vendors.map { v in
                                  [Text.html(v.provider + (v.spellings.isEmpty ? "" : " (also: \(v.spellings.joined(separator: ", ")))")),
                                   String(v.systems), String(v.primary), String(v.critical), String(v.covered), String(v.uncovered),
                                   v.worstRTOMinutes.map(String.init) ?? "", v.nextEndOfLife?.description ?? "", String(v.productionDown)]
                              }, numeric: [1, 2, 3, 4, 5, 6, 8])
        out += "</section>\n"

        // What falls due.
        out += "<section><h2>Falls due in the next 12 months</h2>"
        out += "<p class=\"muted\">\(upcoming.count) item\(upcoming.count == 1 ? "" : "s") between \(settings.today) and \(settings.today.adding(days: DueWindows.packDays))"
        out += upcoming.count > dueRows ? "; the first \(dueRows) are listed.</p>" : ".</p>"
        out += HTMLPage.table(header: ["Date", "Kind", "System", "What"], rows: upcoming.prefix(dueRows).map { d in
            [d.day.description, Text.html(d.kind.rawValue), link(d.system), Text.html(d.what)]
        })
        out += "</section>\n"

        // Systems.
        out += "<section><h2>Systems</h2>"
        out += HTMLPage.table(header: ["System", "Name", "Tier", "Status", "Owner", "Score", "Open", "Critical", "High", "Waived", "Upcoming"],
                              rows: results.map { r in
                                  let c = r.summary
                                  return [link(r.system.id), Text.html(r.system.name), Text.html(r.system.tier.rawValue),
                                          Text.html(r.system.status.rawValue), Text.html(r.system.owner), String(r.score.value),
                                          String(c.open), String(c.openBySeverity[.critical] ?? 0), String(c.openBySeverity[.high] ?? 0),
                                          String(c.waived), String(c.upcoming)]
                              }, numeric: [5, 6, 7, 8, 9, 10])
        out += "</section>\n"
        out += OperationsPages.indexSection(systems, settings: settings)
        out += IncidentRegister.indexSection(source, settings: settings)
        out += "<section><h2>Frameworks</h2><p><a href=\"soa.html\">Statement of Applicability</a> (ISO/IEC 42001 Annex A, "
        out += "also soa.md) · <a href=\"nist-ai-rmf.html\">NIST AI RMF</a> by function and category (also nist-ai-rmf.md). "
        out += "Alignment, not legal equivalence.</p></section>\n"
        out += "<section><h2>Files in this pack</h2><p>inventory.csv / inventory.json, findings.csv / findings.json, waivers.csv, "
        out += "operations.html / operations.json (impact assessments and EU database entries), "
        out += "incidents.html (the register of serious incidents), "
        out += "soa.md / soa.html (the ISO/IEC 42001 Statement of Applicability), nist-ai-rmf.md / .html, "
        out += "audit-log.jsonl (the whole hash chain), manifest.json (size and SHA-256 of every file), and per system under "
        out += "systems/&lt;id&gt;/: record.yaml, technical-documentation.md / .html, findings.json, history.csv, cyclonedx.json. "
        out += "Check the pack with <code>aigov pack verify</code>.</p></section>\n"
        return out + HTMLPage.foot("aigov \(Text.html(settings.toolVersion)) · generated \(Text.html(settings.generatedAt)) · audit head <span class=\"hash\">\(Text.html(source.auditHead))</span>")
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The rule family: the id's prefix before the dash (`FBK-002` → `FBK`).
    static func family(_ rule: String) -> String {
        rule.split(separator: "-", maxSplits: 1).first.map(String.init) ?? rule
    }

    static func link(_ id: String) -> String {
        "<a href=\"systems/\(Text.html(id))/technical-documentation.html\">\(Text.html(id))</a>"
    }

    static func figure(_ caption: String, _ body: String) -> String {
        "<figure><figcaption>\(Text.html(caption))</figcaption>\(body)</figure>\n"
    }
}
