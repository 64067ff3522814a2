import AIGovCore
import AIGovRules

/// The Incidents screen: one row per incident with a countdown to its open deadline, overdue
/// ones in red; the selected incident's details below. `row` and `details` are presentation
/// functions, testable without a terminal.
public enum IncidentsView {
    /// The list's columns: title and width (the last takes the rest of the line).
    static let columns: [(title: String, width: Int)] = [
        ("ID", 16), ("SYSTEM", 16), ("AWARE", 10), ("REPORT DUE", 10), ("COUNTDOWN", 13), ("NOTICE", 12),
    ]

    /// How a row looks: overdue red, due soon (`IncidentClock.warnDays`) yellow, closed dim.
    public static func style(_ c: IncidentClock) -> Style {
        if c.isOverdue { return .high }
        if !c.incident.isOpen { return .dim }
        return c.urgency == .soon ? .medium : .normal
    }

    /// The cells of one row: the countdown to the report (or what became of it) and the
    /// provider notice (blank when the organisation does not deploy the system).
    public static func cells(_ c: IncidentClock) -> [String] {
        let i = c.incident
        let report: String
        if !i.isOpen {
            report = "closed"
        } else if let left = c.reportDaysLeft {
            report = IncidentClock.countdown(left)
        } else {
            report = "reported"
        }
        let notice: String
        if let left = c.providerDaysLeft {
            notice = IncidentClock.countdown(left)
        } else if c.providerDue != nil || i.providerInformed != nil {
            notice = i.providerInformed == nil ? "-" : "informed"
        } else {
            notice = ""
        }
        return [i.id, i.system, i.aware.description, c.reportDue.description, report, notice]
    }

    static func format(_ cells: [String]) -> String {
        zip(cells, columns).map { " " + TextWidth.fit($0, $1.width) }.joined()
    }

    /// The selected incident's details, one line each.
    public static func details(_ c: IncidentClock) -> [Line] {
        let i = c.incident
        var out: [Line] = [[(" \(i.id) — \(oneLine(i.title))", .header)]]
        var facts = " class \(i.harm.rawValue)\(i.isWidespread ? " (widespread)" : "")"
        if let o = i.occurred { facts += " · occurred \(o)" }
        facts += " · aware \(i.aware) · \(i.status.rawValue)\(i.closed.map { " \($0)" } ?? "")"
        if !i.memberStates.isEmpty { facts += " · \(i.memberStates.joined(separator: ", "))" }
        out.append([(facts, .normal)])
        var report = " report due \(c.reportDue) (\(c.reportDays) days after awareness): "
        if let first = c.firstReport {
            report += "first report \(first.date), after \(first.date.days(since: i.aware)) days"
        } else {
            report += c.reportDaysLeft.map(IncidentClock.countdown) ?? "no report recorded"
        }
        out.append([(report, c.reportOverdue ? .high : .normal)])
        if let due = c.providerDue {
            let told = i.providerInformed.map { "informed \($0)" } ?? c.providerDaysLeft.map(IncidentClock.countdown) ?? "not informed"
            out.append([(" provider notice due \(due): \(told)", c.providerNoticeOverdue ? .high : .normal)])
        }
        let reports = i.reports.map { r in
            "\(r.kind.rawValue) \(r.date)" + (r.authority.map { " to \($0)" } ?? "") + (r.reference.map { " (\($0))" } ?? "")
        }
        out.append([(" reports: " + (reports.isEmpty ? "none" : reports.joined(separator: "; ")), .normal)])
        out.append([(" corrective action: " + oneLine(i.correctiveAction ?? "none recorded"), i.correctiveAction == nil ? .dim : .normal)])
        if let d = i.description { out.append([(" " + oneLine(d), .dim)]) }
        return out
    }

    /// Text that may hold line breaks, on one line.
    static func oneLine(_ s: String) -> String { s.split(whereSeparator: \.isNewline).joined(separator: " ") }

    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        let s = c.incidentsController.state
        let open = s.clocks.filter(\.incident.isOpen).count
        let overdue = s.clocks.filter(\.isOverdue).count
        var info = " Incidents  \(open) open  \(overdue) overdue  showing \(s.openOnly ? "open only" : "all")"
        if !s.clocks.isEmpty { info += "  \(s.cursor + 1)/\(s.clocks.count)" }
        b.put(info, row: 1, col: 0, style: .header)
        b.put(format(columns.map(\.title)), row: 2, col: 0, style: .header)
        if s.clocks.isEmpty {
            b.put("  no serious incidents recorded (apply a `kind: incident` document with `aigov apply -f FILE`)",
                  row: 3, col: 0, style: .dim)
        }
        for i in 0..<c.incidentsController.visibleRows(c) {
            let idx = s.top + i
            guard s.clocks.indices.contains(idx) else { break }
            let clock = s.clocks[idx]
            let line = format(cells(clock))
            if idx == s.cursor {
                b.fill(row: 3 + i, style: .selected)
                b.put(line, row: 3 + i, col: 0, style: .selected)
            } else {
                b.put(line, row: 3 + i, col: 0, style: style(clock))
            }
        }
        guard let selected = s.selected else { return }
        let top = c.height - 1 - IncidentsController.detailRows
        for (n, line) in details(selected).prefix(IncidentsController.detailRows - 1).enumerated() {
            b.draw(line, row: top + 1 + n)
        }
    }
}
