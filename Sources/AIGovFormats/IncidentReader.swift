import AIGovCore

/// Reads `kind: incident` documents (OPERATIONS.md, "Serious incidents") as strictly as systems:
/// unknown keys, bad codes and dates, and dates that contradict each other are problems with
/// their full path. Whether the system exists is the application layer's question
/// (`IncidentPolicy`), since only the registry knows.
extension RecordReader {
    /// The keys an incident document allows: its envelope `kind` and its fields.
    static let incidentKeys = ["kind"] + Incident.keys

    static func incident(_ node: Node, path: String, sink: ProblemSink) -> Incident? {
        guard let f = Fields(node, path: path, allowed: incidentKeys, sink: sink) else { return nil }
        let id = f.string("id", required: true)
        if let id, !id.isEmpty, !isSlug(id) {
            sink.add(f.sub("id"), f.value("id"), "expected a slug matching ^[a-z0-9][a-z0-9-]{1,62}$, got \"\(id)\"")
        }
        let system = f.string("system", required: true)
        if let system, !system.isEmpty, !isSlug(system) {
            sink.add(f.sub("system"), f.value("system"), "expected a system id matching ^[a-z0-9][a-z0-9-]{1,62}$, got \"\(system)\"")
        }
        let title = f.string("title", required: true)
        let harm: IncidentClass? = f.enumValue("class", required: true)
        let widespread = f.bool("widespread")
        let occurred = f.day("occurred")
        let aware = f.day("aware", required: true)
        if let aware, let occurred, aware < occurred {
            sink.add(f.sub("aware"), f.value("aware"), "aware (\(aware)) is before occurred (\(occurred)): the organisation cannot learn of an incident before it happens")
        }
        var memberStates: [String] = []
        for (n, p) in f.items("member_states") {
            guard case let .scalar(text, _) = n.kind, !n.isNull else {
                sink.add(p, n, "expected an ISO 3166-1 alpha-2 code, got \(n.typeName)")
                continue
            }
            guard isMemberState(text) else {
                sink.add(p, n, "expected an ISO 3166-1 alpha-2 code in upper case (NL, DE, …), got \"\(text)\"")
                continue
            }
            memberStates.append(text)
        }
        let description = f.string("description")
        let correctiveAction = f.string("corrective_action")
        let providerInformed = f.day("provider_informed")
        var reports: [IncidentReport] = []
        for (n, p) in f.items("reports") {
            guard let r = Fields(n, path: p, allowed: IncidentReport.keys, sink: sink) else { continue }
            let kind: IncidentReportKind? = r.enumValue("kind", required: true)
            let date = r.day("date", required: true)
            let authority = r.string("authority")
            let reference = r.string("reference")
            if let date, let aware, date < aware {
                sink.add(r.sub("date"), r.value("date"), "report dated \(date), before aware (\(aware)): a report cannot precede awareness")
            }
            if let kind, let date { reports.append(IncidentReport(kind: kind, date: date, authority: authority, reference: reference)) }
        }
        let status: IncidentStatus? = f.enumValue("status", required: true)
        let closed = f.day("closed")
        if status == .closed, closed == nil, f.value("closed") == nil {
            sink.add(f.sub("closed"), f.value("status"), "missing: status is closed, so `closed` must give the day it was closed")
        }
        if status == .open, closed != nil {
            sink.add(f.sub("closed"), f.value("closed"), "set, but status is open: set `status: closed`, or remove `closed`")
        }
        // Checks added after records could be stored without them: a record aigov wrote
        // (`recorded`) must still read back.
        if !sink.recorded, let aware {
            if let closed, closed < aware {
                sink.add(f.sub("closed"), f.value("closed"), "closed (\(closed)) is before aware (\(aware)): an incident cannot be closed before the organisation knew of it")
            }
            if let providerInformed, providerInformed < aware {
                sink.add(f.sub("provider_informed"), f.value("provider_informed"), "provider_informed (\(providerInformed)) is before aware (\(aware)): the provider cannot be told of an incident before the organisation knew of it")
            }
        }
        guard let id, let system, let title, let harm, let aware, let status else { return nil }
        var out = Incident(id: id, system: system, title: title, harm: harm, aware: aware, status: status)
        out.widespread = widespread
        out.occurred = occurred
        out.memberStates = memberStates
        out.description = description
        out.correctiveAction = correctiveAction
        out.providerInformed = providerInformed
        out.reports = reports
        out.closed = closed
        return out
    }
}
