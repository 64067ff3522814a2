import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// The check of incident documents that needs the registry (OPERATIONS.md: "an unknown system:
/// exit 2, every problem as `file:path: message`, nothing written"). Everything else about an
/// incident is checked by the reader.
public enum IncidentPolicy {
    /// Problems of incident documents read from files: a system that is neither in the same
    /// input nor in the registry. An incident recorded exactly so is history and passes, so
    /// re-applying an export stays a no-op after its system was deleted.
    ///
    /// A date after `today` is a problem too: every date of an incident records something that
    /// happened (it occurred, the organisation learnt of it, told the provider, reported it,
    /// closed it), so a later one is a typo such as year 9999. Again a recorded incident passes.
    public static func problems(in incidents: [(incident: Incident, source: SourceRef)], inputSystems: Set<String>,
                                registry: Registry?, today: Day) throws -> [InputProblem] {
        var recorded: [String: Incident] = [:]
        if let registry { for s in try registry.incidents() { recorded[s.incident.id] = s.incident } }
        var out: [InputProblem] = []
        for (i, src) in incidents where recorded[i.id] != i {
            for (path, day) in datedFacts(i) where day > today {
                out.append(InputProblem(file: src.file, path: path, line: src.line(of: path),
                                        message: "\(day) is after today (\(today)): an incident's dates record what already happened"))
            }
        }
        let unknown = incidents.filter { !inputSystems.contains($0.incident.system) }
        guard !unknown.isEmpty else { return out }
        let wanted = Array(Set(unknown.map(\.incident.system)))
        let known = Set(try registry?.systemIds(wanted) ?? [])
        return out + unknown.compactMap { i, src in
            guard !known.contains(i.system), recorded[i.id] != i else { return nil }
            return InputProblem(file: src.file, path: "system", line: src.line(of: "system"),
                                message: "unknown system \"\(i.system)\" (an incident names a system of the registry or of the same input)")
        }
    }

    /// Every date of an incident, with its path in the document.
    static func datedFacts(_ i: Incident) -> [(path: String, day: Day)] {
        var out: [(String, Day)] = []
        if let d = i.occurred { out.append(("occurred", d)) }
        out.append(("aware", i.aware))
        if let d = i.providerInformed { out.append(("provider_informed", d)) }
        for (n, r) in i.reports.enumerated() { out.append(("reports[\(n)].date", r.date)) }
        if let d = i.closed { out.append(("closed", d)) }
        return out
    }
}

/// One step of an incident's timeline for the audit pack's register: what happened on which
/// day, with the days it took from awareness against the days allowed, if any.
public struct IncidentStep: Sendable, Equatable {
    public var what: String
    public var date: Day?
    /// Days from awareness to `date`.
    public var daysTaken: Int?
    /// Days the law allows for this step; nil when it sets none.
    public var daysAllowed: Int?
    /// Taken within what is allowed (nil when nothing is allowed or nothing happened yet).
    public var inTime: Bool? {
        guard let daysTaken, let daysAllowed else { return nil }
        return daysTaken <= daysAllowed
    }
}

extension IncidentClock {
    /// The incident's timeline: occurrence, awareness, notice to the provider, each report and
    /// closure; a duty not done yet appears with its due date and no date of its own.
    public var steps: [IncidentStep] {
        let i = incident
        var out: [IncidentStep] = []
        if let o = i.occurred { out.append(IncidentStep(what: "occurred", date: o)) }
        let after = i.occurred.map { o in
            let n = i.aware.days(since: o)
            return " — \(n) day\(n == 1 ? "" : "s") after it occurred"
        } ?? ""
        out.append(IncidentStep(what: "aware (the clock starts)" + after, date: i.aware, daysTaken: 0))
        let noticeDays = providerDue.map { $0.days(since: i.aware) }
        if let told = i.providerInformed {
            out.append(IncidentStep(what: "provider informed", date: told, daysTaken: told.days(since: i.aware), daysAllowed: noticeDays))
        } else if let due = providerDue {
            out.append(IncidentStep(what: "provider informed — not yet, due \(due)", daysAllowed: noticeDays))
        }
        // The first report as the rules count it: made by today (a report dated later is not made yet).
        let first = firstReport
        for r in i.reports.sorted(by: { $0.date < $1.date }) {
            let later = r.date > today ? " — dated after \(today), not made yet" : ""
            let what = "\(r.kind.rawValue) report" + (r.authority.map { " to \($0)" } ?? "") + (r.reference.map { " (\($0))" } ?? "") + later
            out.append(IncidentStep(what: what, date: r.date, daysTaken: r.date.days(since: i.aware),
                                    daysAllowed: r == first ? reportDays : nil))
        }
        if first == nil {
            out.append(IncidentStep(what: "first report — not yet, due \(reportDue)", daysAllowed: reportDays))
        }
        if let c = i.closed { out.append(IncidentStep(what: "closed", date: c, daysTaken: c.days(since: i.aware))) }
        return out
    }
}

extension Workspace {
    /// Each system's incidents (of `ids`, or of every system when nil), for the rules.
    public func incidentIndex(for ids: [String]? = nil) throws -> [String: [Incident]] {
        if let ids, ids.isEmpty { return [:] }
        return Dictionary(grouping: try registry.incidents(systems: ids ?? []).map(\.incident), by: \.system)
    }

    /// Where every incident (only the open ones with `openOnly`) stands today: open ones first,
    /// by their next deadline, then closed ones by id.
    public func incidentClocks(openOnly: Bool = false) throws -> [IncidentClock] {
        let incidents = try registry.incidents().map(\.incident).filter { !openOnly || $0.isOpen }
        let roles = try IncidentRoles(registry: registry, incidents: incidents)
        return IncidentClock.sorted(incidents.map { IncidentClock($0, role: roles[$0.system], today: today) })
    }
}

extension IncidentClock {
    /// Open incidents with a pending deadline first, earliest deadline first; then the other
    /// open ones, then closed ones; ties by id.
    public static func sorted(_ clocks: [IncidentClock]) -> [IncidentClock] {
        func key(_ c: IncidentClock) -> (Int, Int, String) {
            if let next = c.next { return (0, next.due.ordinal, c.incident.id) }
            return (c.incident.isOpen ? 1 : 2, 0, c.incident.id)
        }
        return clocks.sorted { key($0) < key($1) }
    }
}

/// The organisation's role for each incident's system (`eu_ai_act.role`), read once.
struct IncidentRoles {
    var bySystem: [String: OperatorRole] = [:]

    init(registry: Registry, incidents: [Incident]) throws {
        let ids = Array(Set(incidents.map(\.system))).sorted()
        guard !ids.isEmpty else { return }
        for s in try registry.systems(ids: ids) { bySystem[s.system.id] = s.system.euAiAct?.role }
    }

    subscript(system: String) -> OperatorRole? { bySystem[system] }
}

/// The columns of `aigov incidents` (table, CSV, JSON), one row per incident.
public enum IncidentListing {
    public static let header = ["id", "system", "class", "status", "aware", "report_due", "days_left", "reported",
                                "provider_due", "provider_days_left", "provider_informed", "title"]

    /// The cells of one incident, as `header` names them; a blank cell is "does not apply".
    public static func cells(_ c: IncidentClock) -> [String] {
        let i = c.incident
        return [i.id, i.system, i.harm.rawValue, i.status.rawValue, i.aware.description, c.reportDue.description,
                c.reportDaysLeft.map(String.init) ?? "", c.firstReport?.date.description ?? "",
                c.providerDue?.description ?? "", c.providerDaysLeft.map(String.init) ?? "",
                i.providerInformed?.description ?? "", i.title]
    }
}
