import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import ArgumentParser
import Foundation

/// `aigov incidents [--open] [-o table|json|yaml|csv]`: serious incidents with their deadlines.
struct Incidents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List serious incidents with their report and provider-notice deadlines and the days left.",
        discussion: """
            report_due is aware + 2 days for a widespread infringement or class critical-infrastructure, \
            + 10 for a death, else + 15 (Art. 73); provider_due is aware + 1 day when the organisation \
            deploys the system (Art. 26(5)). days_left counts to report_due while no report is recorded \
            (negative: overdue). Open incidents with a pending deadline come first, earliest first. \
            -o yaml writes the incident documents exactly as `apply -f` reads them; -o json and -o csv \
            write the listing. Record an incident with `aigov apply -f FILE` (kind: incident), remove \
            one with `aigov delete --incident ID`; `aigov history ID` shows its audit entries.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var out: OutputOptions
    @Flag(help: "Only open incidents.") var open = false
    @Option(help: ArgumentHelp("Count days left from this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?
    @Argument(help: "Only these incidents, by incident id or system id (default: all).") var ids: [String] = []

    func validate() throws {
        do { _ = try Today.resolve(option: today) } catch let e as TodayError { throw ValidationError(e.description) }
    }

    func run() throws {
        let registry = try store.open(create: false, readOnly: true)
        let workspace = Workspace(registry: registry, today: try resolveToday(today))
        let clocks = try IncidentOutput.select(workspace, ids: ids, openOnly: open)
        switch out.format {
        case .yaml: emit(try RecordWriter.yaml(clocks.map(\.incident)))
        case .json: emit(try RecordWriter.json(clocks.map(IncidentOutput.Row.init)))
        case .csv: emitPlain(CSV.table(header: IncidentListing.header, rows: clocks.map(IncidentListing.cells)))
        case .table: emit(IncidentOutput.table(clocks))
        }
    }
}

/// What `aigov incidents` and `aigov get --incidents` print.
enum IncidentOutput {
    /// The workspace's incidents, narrowed to `ids` (incident or system ids) and to open ones.
    static func select(_ workspace: Workspace, ids: [String], openOnly: Bool) throws -> [IncidentClock] {
        let all = try workspace.incidentClocks(openOnly: openOnly)
        guard !ids.isEmpty else { return all }
        let wanted = Set(ids)
        let found = all.filter { wanted.contains($0.incident.id) || wanted.contains($0.incident.system) }
        let missing = ids.filter { id in !found.contains { $0.incident.id == id || $0.incident.system == id } }
        if !missing.isEmpty {
            throw CLIError.usage("no incident with id or system \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return found
    }

    /// The table: days left read as "3d left", "2d overdue"; a blank cell does not apply.
    static func table(_ clocks: [IncidentClock]) -> String {
        if clocks.isEmpty { return "no incidents\n" }
        let header = ["ID", "SYSTEM", "CLASS", "STATUS", "AWARE", "REPORT DUE", "REPORT", "PROVIDER NOTICE", "TITLE"]
        let rows = clocks.map { c -> [String] in
            let i = c.incident
            let report = c.reportDaysLeft.map(IncidentClock.countdown)
                ?? c.firstReport.map { "reported \($0.date)" } ?? (i.isOpen ? "" : "-")
            let notice: String
            if let left = c.providerDaysLeft {
                notice = IncidentClock.countdown(left)
            } else if let told = i.providerInformed {
                notice = "informed \(told)"
            } else {
                notice = c.providerDue == nil ? "-" : ""
            }
            return [i.id, i.system, i.harm.rawValue + (i.isWidespread ? " (widespread)" : ""), i.status.rawValue,
                    i.aware.description, c.reportDue.description, report, notice, i.title]
        }
        return TextTable.render(header: header, rows: rows)
    }

    /// One incident of `aigov incidents -o json`: the listing's columns, numbers as numbers and
    /// blanks as null.
    struct Row: Encodable {
        var id, system, harm, status, aware, reportDue, title: String
        var daysLeft: Int?
        var reported, providerDue, providerInformed: String?
        var providerDaysLeft: Int?
        var overdue: Bool

        init(_ c: IncidentClock) {
            let i = c.incident
            id = i.id
            system = i.system
            harm = i.harm.rawValue
            status = i.status.rawValue
            aware = i.aware.description
            reportDue = c.reportDue.description
            title = i.title
            daysLeft = c.reportDaysLeft
            reported = c.firstReport?.date.description
            providerDue = c.providerDue?.description
            providerInformed = i.providerInformed?.description
            providerDaysLeft = c.providerDaysLeft
            overdue = c.isOverdue
        }

        enum CodingKeys: String, CodingKey {
            case id, system, harm = "class", status, aware, reportDue = "report_due", title, daysLeft = "days_left"
            case reported, providerDue = "provider_due", providerInformed = "provider_informed"
            case providerDaysLeft = "provider_days_left", overdue
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(system, forKey: .system)
            try c.encode(harm, forKey: .harm)
            try c.encode(status, forKey: .status)
            try c.encode(aware, forKey: .aware)
            try c.encode(reportDue, forKey: .reportDue)
            try c.encode(daysLeft, forKey: .daysLeft)
            try c.encode(reported, forKey: .reported)
            try c.encode(providerDue, forKey: .providerDue)
            try c.encode(providerDaysLeft, forKey: .providerDaysLeft)
            try c.encode(providerInformed, forKey: .providerInformed)
            try c.encode(overdue, forKey: .overdue)
            try c.encode(title, forKey: .title)
        }
    }
}
