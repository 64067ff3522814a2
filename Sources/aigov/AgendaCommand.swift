import AIGovApp
import AIGovCore
import AIGovFormats
import ArgumentParser
import Foundation

enum AgendaFormat: String, ArgumentEnum {
    case table, json, ics
}

/// `aigov agenda`: the officer's agenda, the dashboard's list.
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Everything due: incident deadlines, waiver expiries, FRIA reviews, reviews, tests and ends of life.",
        discussion: """
            Overdue items come first (oldest first), then the rest by day, up to --days ahead \
            (default 90; overdue items always show). The same list is the console's dashboard. \
            -o ics writes an iCalendar file (one all-day event per item, stable UIDs) to import \
            into a calendar.
            """)
    @OptionGroup var store: StoreOptions
    @Option(name: .shortAndLong, help: "Output: table, json or ics (default: table on a terminal, else json).")
    var output: AgendaFormat?
    @Option(help: ArgumentHelp("How many days ahead to look (overdue items always show).", valueName: "n"))
    var days: Int = Agenda.defaultDays
    @Option(help: ArgumentHelp("The day to count from (default: today).", valueName: "YYYY-MM-DD")) var today: String?

    func validate() throws {
        guard (0...36_500).contains(days) else { throw ValidationError("--days: expected 0 to 36500, got \(days)") }
        do { _ = try Today.resolve(option: today) } catch let e as TodayError { throw ValidationError(e.description) }
    }

    func run() throws {
        let workspace = Workspace(registry: try store.open(create: false, readOnly: true), today: try resolveToday(today))
        let items = try workspace.agenda(days: days)
        switch output ?? (stdoutIsTerminal ? .table : .json) {
        case .json: emit(try RecordWriter.json(items))
        case .ics:
            let events = items.map { i in
                ICalendar.Event(uid: "\(i.kind.rawValue.replacingOccurrences(of: " ", with: "-"))/\(i.system)/\(i.reference)/\(i.what.hashValueStable)@aigov",
                                date: i.date, summary: "\(i.kind.rawValue): \(i.system)",
                                description: "\(i.what) (\(i.reference))")
            }
            emitPlain(ICalendar.calendar(events, stamp: workspace.today, name: "aigov agenda"))
        case .table:
            let rows = items.map { i in
                [i.date.description, i.daysLeft < 0 ? "\(-i.daysLeft)d overdue" : i.daysLeft == 0 ? "today" : "in \(i.daysLeft)d",
                 i.kind.rawValue, i.system, i.what, i.reference]
            }
            var text = TextTable.render(header: ["DATE", "WHEN", "KIND", "SYSTEM", "WHAT", "REF"], rows: rows, maxWidth: 60)
            let overdue = items.filter(\.isOverdue).count
            text += "\(items.count) item\(items.count == 1 ? "" : "s") due by \(workspace.today.adding(days: days)), \(overdue) overdue\n"
            emit(text)
        }
    }
}

extension String {
    /// A short stable hash (FNV-1a, hex) for UIDs: Swift's `hashValue` changes from run to run.
    var hashValueStable: String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return String(h, radix: 16)
    }
}
