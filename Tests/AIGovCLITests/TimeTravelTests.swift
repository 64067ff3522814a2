import Foundation
import Testing

/// `--as-of` and `diff --since`: the registry rebuilt from its audit log, through the real binary.
@Suite(.serialized) struct TimeTravelTests {
    static let loan = CLI.examples + "/loan-scoring.yaml"
    static let chatbot = CLI.examples + "/support-chatbot.yaml"

    /// The audit log's head sequence number (`audit head` prints COUNT:HASH).
    static func head(_ db: String) throws -> String {
        String(try CLI.run(["audit", "head"], db: db).out.split(separator: ":").first ?? "")
    }

    static func todayUTC() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    struct Moment {
        var seq: String
        var yaml: String
        var findings: String
        var waivers: String
    }

    /// What the registry looks like now, to compare with `--as-of` later.
    static func capture(_ db: String) throws -> Moment {
        Moment(seq: try head(db),
               yaml: try CLI.run(["get", "-o", "yaml"], db: db).out,
               findings: try CLI.run(["check", "--today", "2026-08-02", "-o", "json", "--fail-on", "never"], db: db).out,
               waivers: try CLI.run(["waivers", "-o", "json"], db: db).out)
    }

    /// Create, change, waive, delete, re-create; a moment captured after each.
    static func scriptedHistory(_ t: TempDir) throws -> (String, [Moment]) {
        let db = t.file("r.db")
        var moments: [Moment] = []
        #expect(try CLI.run(["apply", "-f", loan, "-f", chatbot], db: db).code == 0)
        moments.append(try capture(db))
        #expect(try CLI.run(["set", "loan-scoring", "owner=model-risk", "--actor", "alice"], db: db).code == 0)
        moments.append(try capture(db))
        let w = try CLI.run(["waive", "support-chatbot", "FBK-002", "--reason", "second vendor signed", "--expires", "2027-02-28",
                             "--approved-by", "risk", "--actor", "bob"], db: db)
        #expect(w.code == 0, "\(w.err)")
        moments.append(try capture(db))
        #expect(try CLI.run(["delete", "loan-scoring", "--actor", "carol"], db: db).code == 0)
        moments.append(try capture(db))
        #expect(try CLI.run(["apply", "-f", loan, "--actor", "dave"], db: db).code == 0)
        moments.append(try capture(db))
        return (db, moments)
    }

    @Test func asOfReproducesEveryMoment() throws {
        let t = TempDir()
        let (db, moments) = try Self.scriptedHistory(t)
        #expect(Set(moments.map(\.seq)).count == 5)
        #expect(moments[2].waivers != moments[1].waivers)
        for m in moments {
            let get = try CLI.run(["get", "--as-of", m.seq, "-o", "yaml"], db: db)
            #expect(get.code == 0, "\(get.err)")
            #expect(get.out == m.yaml, "as of \(m.seq)")
            #expect(get.err.isEmpty)
            let check = try CLI.run(["check", "--as-of", m.seq, "--today", "2026-08-02", "-o", "json", "--fail-on", "never"], db: db)
            #expect(check.code == 0, "\(check.err)")
            #expect(check.out == m.findings, "check as of \(m.seq)")
        }
        // A DATE is the end of that UTC day: today is the whole history, long ago is nothing.
        let today = try CLI.run(["get", "--as-of", Self.todayUTC(), "-o", "yaml"], db: db)
        #expect(today.code == 0)
        #expect(today.out == moments[4].yaml)
        let past = try CLI.run(["get", "--as-of", "2001-01-01", "-o", "json"], db: db)
        #expect(past.code == 0)
        #expect(!past.out.contains("loan-scoring"))
        // The pack as of a point holds the log up to there and verifies.
        let pack = t.file("pack")
        let p = try CLI.run(["export", "pack", "--as-of", moments[1].seq, "--out", pack, "--today", "2026-08-02"], db: db)
        #expect(p.code == 0, "\(p.err)")
        #expect(p.out.contains("2 systems"))
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)
        let log = String(decoding: FileManager.default.contents(atPath: pack + "/audit-log.jsonl") ?? Data(), as: UTF8.self)
        #expect(log.split(separator: "\n").count == Int(moments[1].seq))
        // The pack's "changes since" section: fields, who and when; a summary on index.html.
        let since = t.file("since")
        let s = try CLI.run(["export", "pack", "--since", moments[0].seq, "--out", since, "--today", "2026-08-02"], db: db)
        #expect(s.code == 0, "\(s.err)")
        let page = String(decoding: FileManager.default.contents(atPath: since + "/changes-since.html") ?? Data(), as: UTF8.self)
        // loan-scoring was changed, deleted and re-created as it was: no net change, not listed.
        #expect(page.contains("support-chatbot/FBK-002") && page.contains("bob") && !page.contains("loan-scoring"))
        let bounded = t.file("bounded")
        #expect(try CLI.run(["export", "pack", "--since", moments[0].seq, "--as-of", moments[1].seq, "--out", bounded,
                             "--today", "2026-08-02"], db: db).code == 0)
        let page2 = String(decoding: FileManager.default.contents(atPath: bounded + "/changes-since.html") ?? Data(), as: UTF8.self)
        for word in ["loan-scoring", "owner", "alice", "changed"] {
            #expect(page2.contains(word), "changes-since.html lacks \(word)")
        }
        #expect(!page2.contains("FBK-002"))
        let index = String(decoding: FileManager.default.contents(atPath: since + "/index.html") ?? Data(), as: UTF8.self)
        #expect(index.contains("Changes since entry \(moments[0].seq)"))
        #expect(index.contains("1 created, 0 changed, 0 deleted"), "loan-scoring was deleted and re-created: net unchanged")
        #expect(try CLI.run(["pack", "verify", since]).code == 0)
        // A point past the end of the log is a usage error; a bad point too.
        #expect(try CLI.run(["get", "--as-of", "999", "-o", "yaml"], db: db).code == 2)
        #expect(try CLI.run(["get", "--as-of", "2026-13-01"], db: db).code == 2)
        #expect(try CLI.run(["get", "--as-of", "99999999999999999999"], db: db).code == 2)
    }

    @Test func tamperingBeforeThePointFailsAfterItWarns() throws {
        let t = TempDir()
        let (db, moments) = try Self.scriptedHistory(t)
        let copy = t.file("copy.db")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", db, "UPDATE audit_log SET actor='x' WHERE seq=2"])
        let before = try CLI.run(["get", "--as-of", moments[2].seq, "-o", "yaml"], db: db)
        #expect(before.code == 1)
        #expect(before.err.contains("entry 2"), "\(before.err)")
        #expect(before.out.isEmpty)
        // The same row tampered after the point: the answer stands, with a warning.
        _ = try CLI.exec("/usr/bin/env", ["sqlite3", copy, "UPDATE audit_log SET actor='x' WHERE seq=\(moments[3].seq)"])
        let after = try CLI.run(["get", "--as-of", moments[2].seq, "-o", "yaml"], db: copy)
        #expect(after.code == 0, "\(after.err)")
        #expect(after.out == moments[2].yaml)
        #expect(after.err.contains("warning"))
        #expect(after.err.contains("entry \(moments[3].seq)"))
        let check = try CLI.run(["check", "--as-of", moments[2].seq, "--today", "2026-08-02", "-o", "json", "--fail-on", "never"], db: copy)
        #expect(check.out == moments[2].findings)
    }

    @Test func diffSinceListsExactlyTheChangedSystemsFieldsAndActors() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples, "--actor", "seed"], db: db).code == 0)
        let start = try Self.head(db)
        #expect(try CLI.run(["set", "loan-scoring", "owner=model-risk", "--actor", "alice"], db: db).code == 0)
        let mid = try Self.head(db)
        #expect(try CLI.run(["set", "cv-screening", "purpose=Shortlist applicants", "contact=hr@example.com", "--actor", "bob"], db: db).code == 0)
        #expect(try CLI.run(["delete", "invoice-ocr", "--actor", "carol"], db: db).code == 0)
        #expect(try CLI.run(["set", "loan-scoring", "name=Loan scoring", "--actor", "dave"], db: db).code == 0)

        let r = try CLI.run(["diff", "--since", start, "-o", "json"], db: db)
        #expect(r.code == 1, "\(r.err)")
        struct Report: Decodable {
            struct Touch: Decodable { var actor: String; var at: String; var seq: Int }
            struct Change: Decodable { var entity: String; var id: String; var change: String; var fields: [String]; var by: [Touch] }
            var changes: [Change]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(r.out.utf8))
        #expect(report.changes.map(\.id) == ["cv-screening", "invoice-ocr", "loan-scoring"])
        #expect(report.changes.map(\.change) == ["changed", "deleted", "changed"])
        #expect(report.changes[0].fields == ["purpose", "contact"] || report.changes[0].fields == ["contact", "purpose"])
        #expect(Set(report.changes[0].fields) == ["purpose", "contact"])
        #expect(Set(report.changes[2].fields) == ["name", "owner"])
        #expect(report.changes.map { $0.by.map(\.actor) } == [["bob"], ["carol"], ["alice", "dave"]])
        #expect(report.changes.allSatisfy { $0.by.allSatisfy { $0.at.hasPrefix(Self.todayUTC()) } })
        // The table names them too.
        let table = try CLI.run(["diff", "--since", start, "-o", "table"], db: db)
        #expect(table.out.contains("alice") && table.out.contains("carol"))
        // --until bounds it; no change since the head is exit 0.
        let until = try CLI.run(["diff", "--since", start, "--until", mid, "-o", "json"], db: db)
        let first = try JSONDecoder().decode(Report.self, from: Data(until.out.utf8))
        #expect(first.changes.map(\.id) == ["loan-scoring"])
        #expect(first.changes.first?.fields == ["owner"])
        #expect(try CLI.run(["diff", "--since", try Self.head(db)], db: db).code == 0)
        #expect(try CLI.run(["diff", "--since", Self.todayUTC()], db: db).code == 0)
    }
}
