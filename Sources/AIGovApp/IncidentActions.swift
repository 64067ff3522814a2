import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation

/// One step of handling a serious incident, recorded from the console's Incidents screen.
public enum IncidentAction: Sendable, Equatable {
    /// A report to the market surveillance authority (Art. 73).
    case report(kind: IncidentReportKind, date: Day, authority: String?)
    /// The provider was told (a deployer's duty, Art. 26(5)).
    case providerInformed(Day)
    /// The incident is closed.
    case closed(Day)

    /// What a person types for a step: `KIND DATE [AUTHORITY…]` for a report (`initial
    /// 2026-11-30 Dutch AP`), a date for the others; an empty date means today. Problems are
    /// named as in the file format (`reports[].kind`, `provider_informed`, `closed`).
    public static func parse(_ what: String, text: String, today: Day, incident id: String) -> Result<IncidentAction, InputRejected> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let file = "incident \(id)"
        func day(_ word: String?, path: String) -> Result<Day, InputRejected> {
            guard let word else { return .success(today) }
            guard let d = Day(word) else {
                return .failure(InputRejected([InputProblem(file: file, path: path, message: "expected a date YYYY-MM-DD, got \"\(word)\"")]))
            }
            return .success(d)
        }
        switch what {
        case "report":
            guard let first = words.first, let kind = IncidentReportKind(rawValue: first) else {
                return .failure(InputRejected([InputProblem(file: file, path: "reports[].kind",
                                                            message: "expected one of \(IncidentReportKind.spellings), then a date, got \"\(text)\""
                                                                + Suggest.didYouMean(words.first ?? "", in: IncidentReportKind.allCases.map(\.rawValue)))]))
            }
            let authority = words.count > 2 ? words.dropFirst(2).joined(separator: " ") : nil
            return day(words.dropFirst().first, path: "reports[].date").map { .report(kind: kind, date: $0, authority: authority) }
        case "provider_informed": return day(words.first, path: "provider_informed").map { .providerInformed($0) }
        default: return day(words.first, path: "closed").map { .closed($0) }
        }
    }
}

extension Workspace {
    /// Records one step of incident `id` through exactly the validation `apply -f` gives an
    /// incident document: the updated incident is written out as its document, read back by the
    /// strict reader (dates in order: not before awareness) and checked by `IncidentPolicy`
    /// (no date after today), then applied with its audit entry.
    public func record(_ step: IncidentAction, incident id: String, actor: String) throws -> ChangeOutcome {
        guard let stored = try registry.incident(id: id) else { throw RegistryError.notFound(id: id) }
        var i = stored.incident
        switch step {
        case let .report(kind, date, authority):
            i.reports.append(IncidentReport(kind: kind, date: date, authority: authority, reference: nil))
        case let .providerInformed(d): i.providerInformed = d
        case let .closed(d):
            i.status = .closed
            i.closed = d
        }
        var input = ParsedInput()
        InputLoader.parse(data: Data(try RecordWriter.json([i]).utf8), file: "incident \(id)", json: true, into: &input)
        var problems = input.problems
        if problems.isEmpty {
            problems += try IncidentPolicy.problems(in: input.incidents, inputSystems: [], registry: registry, today: today)
        }
        if !problems.isEmpty { throw InputRejected(problems) }
        let outcomes = try registry.apply(systems: [], incidents: input.incidents.map(\.incident), actor: actor)
        return outcomes.first ?? ChangeOutcome(kind: .unchanged, entity: "incident", id: id, fields: [], rowVersion: stored.rowVersion)
    }
}
