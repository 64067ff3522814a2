import Foundation
import Testing

/// `aigov agenda` (#27): every incident deadline, waiver expiry, FRIA review, review, test and
/// end of life, overdue first; the same list the dashboard shows; an iCalendar file a calendar imports.
@Suite struct AgendaTests {
    /// Two incidents (one report overdue since 2026-11-16, one due in 3 days), a waiver and a FRIA review.
    static func registry(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", t.write("s.yaml", IncidentTests.systems)], db: db).code == 0)
        let late = IncidentTests.incident   // aware 2026-11-01, fundamental rights: report due 2026-11-16
        let soon = IncidentTests.incident.replacingOccurrences(of: "id: inc-1", with: "id: inc-2")
            .replacingOccurrences(of: "system: cv-ranker", with: "system: loan-desk")
            .replacingOccurrences(of: "class: fundamental-rights", with: "class: critical-infrastructure")
            .replacingOccurrences(of: "occurred: 2026-10-30", with: "occurred: 2026-11-29")
            .replacingOccurrences(of: "aware: 2026-11-01", with: "aware: 2026-11-29")
        #expect(try CLI.run(["apply", "-f", t.write("i.yaml", late), "-f", t.write("j.yaml", soon)], db: db).code == 0)
        let w = try CLI.run(["waive", "loan-desk", "FBK-001", "--reason", "vendor fix", "--approved-by", "risk", "--expires", "2027-01-15"], db: db)
        #expect(w.code == 0, "\(w.err)")
        #expect(try CLI.run(["set", "cv-ranker", "fria.performed=2026-06-01", "fria.next_review=2027-02-01"], db: db).code == 0)
        return db
    }

    static func items(_ out: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
    }

    @Test func everyDeadlineOverdueFirst() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let r = try CLI.run(["agenda", "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        let items = try Self.items(r.out)
        let kinds = items.map { "\($0["kind"] as? String ?? "")/\($0["reference"] as? String ?? "")" }
        #expect(kinds.first == "incident report/inc-1", "\(kinds)")
        #expect(items.first?["days_left"] as? Int == -14)
        // inc-2: the provider notice (a deployer: aware + 1 day) and the report (aware + 2 days) are both there.
        #expect(kinds.contains("provider notice/inc-2") && kinds.contains("incident report/inc-2"), "\(kinds)")
        let report2 = try #require(items.first { $0["reference"] as? String == "inc-2" && $0["kind"] as? String == "incident report" })
        #expect(report2["date"] as? String == "2026-12-01" && report2["days_left"] as? Int == 1)
        #expect(kinds.contains("waiver expiry/loan-desk/FBK-001"))
        #expect(kinds.contains("FRIA review/FRI-003"))
        // Overdue first, then by day.
        let days = items.map { $0["days_left"] as? Int ?? 0 }
        let firstUpcoming = days.firstIndex { $0 >= 0 } ?? days.count
        #expect(days[..<firstUpcoming].allSatisfy { $0 < 0 } && days[firstUpcoming...].allSatisfy { $0 >= 0 })
        #expect(days[firstUpcoming...].elementsEqual(days[firstUpcoming...].sorted()))
        // The horizon: 30 days leaves out the FRIA review and the waiver, never the overdue report.
        let near = try Self.items(try CLI.run(["agenda", "-o", "json", "--days", "30"], db: db).out)
        #expect(!near.contains { $0["kind"] as? String == "FRIA review" } && near.first?["reference"] as? String == "inc-1")
        #expect(try CLI.run(["agenda", "--days", "99999999"], db: db).code == 2)
    }

    @Test(.enabled(if: ImportTests.inCI || Tools.pythonImports("icalendar"), "python3 cannot import icalendar (pip install icalendar; CI runs it)"))
    func icsImportsIntoACalendar() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let json = try Self.items(try CLI.run(["agenda", "-o", "json"], db: db).out)
        let ics = try CLI.run(["agenda", "-o", "ics"], db: db)
        #expect(ics.code == 0, "\(ics.err)")
        #expect(ics.out.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.out.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.out.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 75 })
        let file = t.write("agenda.ics", ics.out)
        let py = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = [e for e in cal.walk('VEVENT')]
            print(len(events))
            for e in events: print(e.get('DTSTART').dt.isoformat(), '|', str(e.get('SUMMARY')), '|', str(e.get('UID')))
            """
        let r = try CLI.exec("/usr/bin/env", ["python3", "-c", py, file])
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(Int(lines.first ?? "") == json.count, "\(r.out)")
        #expect(lines.contains { $0.hasPrefix("2026-11-16 | incident report: cv-ranker") }, "\(r.out)")
        // UIDs are stable from run to run, and unique.
        let again = try CLI.run(["agenda", "-o", "ics"], db: db)
        #expect(again.out == ics.out)
        let uids = lines.dropFirst().map { $0.components(separatedBy: " | ").last ?? "" }
        #expect(Set(uids).count == uids.count)
    }
}
