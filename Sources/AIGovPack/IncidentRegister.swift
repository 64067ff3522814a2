import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore

/// `incidents.html`: the register of serious incidents (OPERATIONS.md; Art. 73, Art. 26(5)).
/// Per incident, its timeline — awareness, notice to the provider, each report, closure — with
/// the days each step took from awareness against the days allowed. The days come from the
/// rules' `IncidentClock`, so the register says what `aigov incidents` and the INC rules say.
enum IncidentRegister {
    static let fileName = "incidents.html"

    /// Clocks for the source's incidents on the pack's day, in the listing's order.
    static func clocks(_ source: PackSource, today: Day) -> [IncidentClock] {
        let roles = Dictionary(source.systems.map { ($0.id, $0.euAiAct?.role) }, uniquingKeysWith: { a, _ in a })
        return IncidentClock.sorted(source.incidents.map { IncidentClock($0.incident, role: roles[$0.incident.system] ?? nil, today: today) })
    }

    /// The link and counts on the index page.
    static func indexSection(_ source: PackSource, settings: PackSettings) -> String {
        let all = clocks(source, today: settings.today)
        let open = all.filter(\.incident.isOpen).count
        let overdue = all.filter(\.isOverdue).count
        var out = "<section><h2>Serious incidents</h2><p>"
        out += "<a href=\"\(fileName)\">\(all.count) serious incident\(all.count == 1 ? "" : "s")</a> on record: "
        out += "\(open) open, \(overdue) with a deadline past (Art. 73, Art. 26(5)).</p></section>\n"
        return out
    }

    static func render(_ source: PackSource, settings: PackSettings) -> String {
        let all = clocks(source, today: settings.today)
        let title = "Register of serious incidents"
        var out = HTMLPage.head(title: title)
        out += "<nav class=\"noprint\"><a href=\"index.html\">← Registry overview</a></nav>\n"
        out += "<header><h1>\(title)</h1><p class=\"sub\">As recorded in the registry on \(settings.today) · "
        out += "Art. 73 (reports to the market surveillance authority) and Art. 26(5) (a deployer informs the provider) "
        out += "of Regulation (EU) 2024/1689 · days counted in calendar days from awareness</p></header>\n"

        out += "<section><h2>Overview</h2>"
        if all.isEmpty { out += "<p class=\"muted\">No serious incident is recorded.</p>" }
        out += HTMLPage.table(header: ["Incident", "System", "Class", "Status", "Aware", "Report due", "First report", "Standing"],
                              rows: all.map { c in
                                  let i = c.incident
                                  return ["<a href=\"#\(Text.html(i.id))\">\(Text.html(i.id))</a>", Text.html(i.system),
                                          Text.html(i.harm.rawValue + (i.isWidespread ? ", widespread" : "")), Text.html(i.status.rawValue),
                                          i.aware.description, c.reportDue.description,
                                          c.firstReport?.date.description ?? "", Text.html(standing(c))]
                              })
        out += "</section>\n"

        for c in all {
            let i = c.incident
            out += "<section id=\"\(Text.html(i.id))\"><h2>\(Text.html(i.id)) — \(Text.html(i.title))</h2><dl>"
            out += "<dt>System</dt><dd>\(Text.html(i.system))\(c.role.map { " (the organisation is \(Text.html($0.rawValue)))" } ?? "")</dd>"
            out += "<dt>Class</dt><dd>\(Text.html(i.harm.rawValue))\(i.isWidespread ? " — widespread infringement" : "")</dd>"
            out += "<dt>Status</dt><dd>" + (i.isOpen ? "open — \(Text.html(standing(c)))" : "closed\(i.closed.map { " on \($0)" } ?? "")") + "</dd>"
            if !i.memberStates.isEmpty { out += "<dt>Member states</dt><dd>\(Text.html(i.memberStates.joined(separator: ", ")))</dd>" }
            if let d = i.description { out += "<dt>Description</dt><dd>\(Text.html(d))</dd>" }
            out += "<dt>Corrective action</dt><dd>\(i.correctiveAction.map(Text.html) ?? "<span class=\"muted\">none recorded</span>")</dd>"
            out += "<dt>Report due</dt><dd>\(c.reportDue) (\(c.reportDays) days after awareness)</dd>"
            if let due = c.providerDue { out += "<dt>Provider notice due</dt><dd>\(due) (\(IncidentDeadlines.providerNoticeDays) day after awareness)</dd>" }
            out += "</dl>"
            out += HTMLPage.table(header: ["Date", "Step", "Days taken", "Days allowed", "In time"], rows: c.steps.map { s in
                [s.date?.description ?? "", Text.html(s.what), s.daysTaken.map(String.init) ?? "", s.daysAllowed.map(String.init) ?? "",
                 s.inTime.map { $0 ? "yes" : "<b>no</b>" } ?? ""]
            }, numeric: [2, 3])
            out += "</section>\n"
        }
        return out + HTMLPage.foot("aigov \(Text.html(settings.toolVersion)) · generated \(Text.html(settings.generatedAt))")
    }

    /// One phrase: closed, reported, or how the pending deadline stands.
    static func standing(_ c: IncidentClock) -> String {
        guard c.incident.isOpen else { return "closed" }
        guard let next = c.next else { return "reported" + (c.firstReport.map { " on \($0.date)" } ?? "") }
        let what = next.duty == .report ? "report" : "provider notice"
        return "\(what) \(IncidentClock.countdown(next.due.days(since: c.today)))"
    }
}
