import Foundation
import Testing

/// Hardening round two: each numbered item of the hostile-input review, reproduced against the
/// real binary. A refused input exits with the promised code and leaves `sqlite3 .dump` as it was.
@Suite(.serialized) struct HardeningTests {
    /// A registry holding the demo systems (the review's starting point).
    static func demoRegistry(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        let r = try CLI.run(["demo", "--db", db, "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        return db
    }

    static func sql(_ db: String, _ query: String) throws -> String {
        try CLI.exec("/usr/bin/env", ["sqlite3", db, query]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Exit codes of a process killed by a signal are 128+N from a shell; `Process` reports the
    /// signal number with uncaught-signal termination. Either way, a trap is SIGILL or SIGTRAP.
    static func expectNoCrash(_ r: CLI.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect([0, 1, 2, 3].contains(r.code), "\(what): exit \(r.code)\n\(r.err)", sourceLocation: sourceLocation)
    }

    // MARK: 1. numbers are bounded; date arithmetic cannot trap

    @Test func hugeReviewIntervalIsRefusedAndStoredOnesCannotCrash() throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        let before = try CLI.dump(db)
        let r = try CLI.run(["set", "loan-scoring", "review.interval_days=9223372036854775807"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("review.interval_days: expected a whole number from 1 to 36500"))
        #expect(try CLI.dump(db) == before)
        for bad in ["rto_minutes=10000001", "rto_minutes=-1"] {
            let b = try CLI.run(["set", "loan-scoring", "fallbacks[0].\(bad)"], db: db)
            #expect(b.code == 2, "\(bad): \(b.err)")
        }
        #expect(try CLI.dump(db) == before)

        // The file checker, with no database.
        let f = t.write("big.yaml", "id: big\nname: b\nowner: o\nstatus: production\nreview:\n  last_reviewed: 2026-01-01\n  interval_days: 9223372036854775807\n")
        let c = try CLI.run(["check", "-f", f])
        #expect(c.code == 2)
        #expect(c.err.contains("big.yaml:review.interval_days"))

        // A value that reached the database by another route (an older aigov, sqlite3) is read
        // without a trap by every command.
        _ = try Self.sql(db, "UPDATE systems SET review_interval_days = 9223372036854775807 WHERE id = 'loan-scoring'")
        Self.expectNoCrash(try CLI.run(["get", "-o", "csv"], db: db), "get")
        Self.expectNoCrash(try CLI.run(["get", "loan-scoring", "-o", "yaml"], db: db), "get ID")
        Self.expectNoCrash(try CLI.run(["check", "--fail-on", "never"], db: db), "check")
        let pack = try CLI.run(["export", "pack", "--out", t.file("pack")], db: db)
        Self.expectNoCrash(pack, "export pack")
        #expect(pack.code == 0, "\(pack.err)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: t.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
    }

    // MARK: 3. AIGOV_BUSY_TIMEOUT is validated

    @Test(arguments: ["2147484", "1e7", "inf", "nan", "-1", "", "30s"])
    func busyTimeoutIsValidated(_ value: String) throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        let before = try CLI.dump(db)
        for args in [["get"], ["set", "loan-scoring", "contact=x@example.com"]] {
            let r = try CLI.run(args, db: db, env: ["AIGOV_BUSY_TIMEOUT": value])
            #expect(r.code == 2, "\(value) \(args): exit \(r.code) \(r.err)")
            #expect(r.err.contains("AIGOV_BUSY_TIMEOUT"))
        }
        #expect(try CLI.dump(db) == before)
        #expect(try CLI.run(["get"], db: db, env: ["AIGOV_BUSY_TIMEOUT": "2.5"]).code == 0)
    }

    // MARK: 4. NUL is an input error, never truncated

    @Test func nulInAnyTextIsRefused() throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        let before = try CLI.dump(db)
        let json = t.write("n.json", #"{"id":"nul-sys","name":"a\u0000b","owner":"o","status":"pilot"}"#)
        let yaml = t.write("n.yaml", "id: nul-sys\nname: \"a\\0b\"\nowner: o\nstatus: pilot\n")
        for f in [json, yaml] {
            let r = try CLI.run(["apply", "-f", f], db: db)
            #expect(r.code == 2, "\(f): \(r.err)")
            #expect(r.err.contains(":name: contains a NUL character"), "\(r.err)")
        }
        let s = try CLI.run(["set", "loan-scoring", #"tags=["a\0b"]"#], db: db)
        #expect(s.code == 2, "\(s.err)")
        #expect(s.err.contains("tags[0]: contains a NUL character"), "\(s.err)")
        #expect(try CLI.dump(db) == before)
        // Other control characters are refused the same way.
        let esc = t.write("e.yaml", "id: esc-sys\nname: \"x\\e]0;pwned\\a\"\nowner: o\nstatus: pilot\n")
        let e = try CLI.run(["apply", "-f", esc], db: db)
        #expect(e.code == 2)
        #expect(e.err.contains("control character U+001B"))
        #expect(try CLI.dump(db) == before)
    }

    // MARK: 5. the chain cannot be extended over damage; a witness detects a rewrite

    @Test func writesRefuseToExtendABrokenChain() throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        _ = try Self.sql(db, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
        let before = try CLI.dump(db)
        let r = try CLI.run(["set", "loan-scoring", "contact=x@example.com"], db: db)
        #expect(r.code == 3, "\(r.err)")
        #expect(r.err.contains("aigov audit verify"))
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 3)
        #expect(try CLI.dump(db) == before)
        // The damage stays visible.
        #expect(try CLI.run(["audit", "verify"], db: db).code == 1)

        // A changed head entry is refused too.
        let t2 = TempDir()
        let db2 = try Self.demoRegistry(t2)
        _ = try Self.sql(db2, "UPDATE audit_log SET actor = 'mallory' WHERE seq = (SELECT max(seq) FROM audit_log)")
        #expect(try CLI.run(["set", "loan-scoring", "contact=x@example.com"], db: db2).code == 3)
    }

    @Test func witnessDetectsAFullChainRewrite() throws {
        let t = TempDir()
        let db = t.file("w.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        #expect(try CLI.run(["set", "loan-scoring", "contact=a@example.com"], db: db).code == 0)
        let head = try CLI.run(["audit", "head"], db: db)
        #expect(head.code == 0)
        let witness = head.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(witness.range(of: #"^[0-9]+:[0-9a-f]{64}$"#, options: .regularExpression) != nil, "\(witness)")
        let pack = t.file("pack.zip")
        #expect(try CLI.run(["export", "pack", "--out", pack], db: db).code == 0)
        #expect(try CLI.run(["pack", "verify", pack]).out.contains("audit"))

        // Untouched, and after further ordinary writes, the log extends both witnesses.
        #expect(try CLI.run(["audit", "verify", "--witness", witness], db: db).code == 0)
        #expect(try CLI.run(["set", "loan-scoring", "contact=b@example.com"], db: db).code == 0)
        let ok = try CLI.run(["audit", "verify", "--witness", pack], db: db)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("extends the witness"))
        let file = t.write("head.txt", witness + "\n")
        #expect(try CLI.run(["audit", "verify", "--witness", file], db: db).code == 0)

        // Rewrite entry 3 and every hash after it, as anyone who can write the file could.
        let rewrite = CLI.fixtures.appendingPathComponent("rewrite-chain.py").path
        let rw = try CLI.exec("/usr/bin/env", ["python3", rewrite, db, "3", "mallory"])
        #expect(rw.code == 0, "\(rw.err)")
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0, "the rewritten chain verifies on its own")
        let viaPack = try CLI.run(["audit", "verify", "--witness", pack], db: db)
        #expect(viaPack.code == 1)
        #expect(viaPack.err.contains("first difference at entry 3"), "\(viaPack.err)")
        #expect(viaPack.err.contains("mallory"))
        let viaHead = try CLI.run(["audit", "verify", "--witness", witness], db: db)
        #expect(viaHead.code == 1)
        #expect(viaHead.err.contains("differs from the witnessed head"))

        // Emptying every table is not "0 entries, ok" any more.
        _ = try Self.sql(db, "DELETE FROM waivers; DELETE FROM systems; DELETE FROM audit_log; DELETE FROM meta;")
        let empty = try CLI.run(["audit", "verify"], db: db)
        #expect(empty.code == 3, "\(empty.out)\(empty.err)")
        #expect(try CLI.run(["audit", "verify", "--witness", witness], db: db).code != 0)

        // A malformed witness is a usage error.
        #expect(try CLI.run(["audit", "verify", "--witness", "12:xyz"], db: db).code == 2)
    }

    // MARK: 6. no escape sequence reaches the terminal

    @Test func escapeSequencesNeverReachTheTerminal() throws {
        let t = TempDir()
        // libyaml's parse error quotes the raw line.
        let broken = t.write("broken.yaml", "id: x\nname: \"\u{1B}]0;pwned\u{07}\n  - [\n")
        let p = try CLI.run(["check", "-f", broken])
        #expect(p.code == 2)
        #expect(!p.err.contains("\u{1B}") && !p.err.contains("\u{07}"), "\(p.err)")
        // Validation messages quote decoded values (an unknown key here).
        let key = t.write("key.json", "{\"id\":\"k-sys\",\"name\":\"n\",\"owner\":\"o\",\"status\":\"pilot\",\"\\u001b]8;;http://evil\\u0007x\":1}")
        let k = try CLI.run(["check", "-f", key])
        #expect(k.code == 2)
        #expect(k.err.contains("unknown key"))
        #expect(!k.err.contains("\u{1B}"), "\(k.err)")
        // A custom rule's texts: refused at load, and the message is sanitised.
        let rules = t.write("rules.yaml", """
            rules:
              - id: ORG-900
                title: "Hyperlink \\e]8;;http://evil\\e\\\\click\\e]8;;\\e\\\\"
                severity: low
                reference: "\\e[2J"
                remediation: fix
                message: "{id} is in production"
                when: {field: status, eq: production}
                require: {field: contact, present: true}
            """)
        let ex = try CLI.run(["explain", "ORG-900", "--rules", rules])
        #expect(ex.code == 2)
        #expect(!(ex.out + ex.err).contains("\u{1B}"), "\(ex.err)")
        let ck = try CLI.run(["check", "-f", CLI.examples, "--rules", rules, "-o", "table"])
        #expect(!(ck.out + ck.err).contains("\u{1B}"))

        // A registry row written behind aigov's back, printed as CSV on a terminal.
        let db = try Self.demoRegistry(t)
        _ = try Self.sql(db, "UPDATE systems SET name = 'evil' || char(27) || ']0;pwned' || char(7) WHERE id = 'loan-scoring'")
        let script = "AIGOV_DB='\(db)' '\(CLI.binary)' get -o csv"
        let tty = try CLI.exec("/usr/bin/script", ["-qec", script, "/dev/null"])
        #expect(tty.out.contains("loan-scoring"), "\(tty.out)")
        #expect(!tty.out.contains("\u{1B}]0;") && !tty.out.contains("\u{07}"), "raw escape reached the terminal")
        #expect(tty.out.contains("evil\u{241B}]0;pwned"))
        // Piped, the data stays exact (a file, not a terminal).
        let piped = try CLI.run(["get", "-o", "csv"], db: db)
        #expect(piped.out.contains("evil\u{1B}]0;pwned"))
    }

    // MARK: 7. only regular files are registries

    @Test func aFifoIsRefusedNotWaitedOn() throws {
        let t = TempDir()
        let fifo = t.file("fifo.db")
        #expect(mkfifo(fifo, 0o600) == 0)
        for args in [["get"], ["check"], ["history"], ["audit", "verify"], ["export", "pack", "--out", t.file("p")],
                     ["set", "x", "name=y"]] {
            let r = try Self.runBounded(args, db: fifo)
            #expect(r.code == 3, "\(args): exit \(r.code) \(r.err)")
            #expect(r.err.contains("not a regular file"), "\(r.err)")
        }
        let db = try Self.demoRegistry(t)
        let before = try CLI.dump(db)
        let r = try Self.runBounded(["restore", fifo], db: db)
        #expect(r.code == 3 || r.code == 2, "restore: exit \(r.code) \(r.err)")
        #expect(try CLI.dump(db) == before)
        let dir = try Self.runBounded(["get"], db: t.path)
        #expect(dir.code == 3)
    }

    /// Runs aigov, killing it after 20 s so that a regression shows as a failure, not a hung suite.
    static func runBounded(_ args: [String], db: String) throws -> CLI.Result {
        let r = try CLI.exec("/usr/bin/timeout", ["20", CLI.binary] + args, db: db)
        #expect(r.code != 124, "\(args) hung")
        return r
    }

    // MARK: 10. both schema versions are checked

    @Test func aNewerSchemaInMetaIsRefusedUntouched() throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        _ = try Self.sql(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        let before = try CLI.dump(db)
        for args in [["get"], ["set", "loan-scoring", "contact=x@example.com"], ["apply", "-f", CLI.examples]] {
            let r = try CLI.run(args, db: db)
            #expect(r.code == 3, "\(args): \(r.err)")
            #expect(r.err.contains("schema version 99"))
        }
        #expect(try CLI.dump(db) == before)
    }

    // MARK: 11. types are strict, .json is JSON, empty files are not registries

    @Test func quotedScalarsAreNotBooleansOrNumbers() throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        let before = try CLI.dump(db)
        let f = t.write("q.yaml", "id: q-sys\nname: q\nowner: o\nstatus: pilot\neu_ai_act:\n  gpai: 'true'\nreview:\n  interval_days: \"30\"\n")
        let r = try CLI.run(["apply", "-f", f], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("q.yaml:eu_ai_act.gpai: expected true or false"))
        #expect(r.err.contains("q.yaml:review.interval_days: expected a whole number"))
        let j = t.write("q.json", #"{"id":"q-sys","name":"q","owner":"o","status":"pilot","review":{"interval_days":"30"}}"#)
        #expect(try CLI.run(["apply", "-f", j], db: db).code == 2)
        #expect(try CLI.dump(db) == before)
    }

    @Test(arguments: [
        #"{"id":"j-sys","name":"n","owner":"o","status":"pilot","review":{"interval_days":NaN}}"#,
        "{\"id\":\"j-sys\", // comment\n\"name\":\"n\",\"owner\":\"o\",\"status\":\"pilot\"}",
        #"{'id':'j-sys','name':'n','owner':'o','status':'pilot'}"#,
        #"{"id":"j-sys","name":"n","owner":"o","status":"pilot",}"#,
        #"{"id":"j-sys","name":"n","owner":"o","status":"pilot","tags":["a",]}"#,
        "id: j-sys\nname: n\nowner: o\nstatus: pilot\n",
        #"{"id":"j-sys","name":"\ud83d","owner":"o","status":"pilot"}"#,
    ])
    func jsonFilesAreReadAsStrictJSON(_ text: String) throws {
        let t = TempDir()
        let db = try Self.demoRegistry(t)
        let before = try CLI.dump(db)
        let f = t.write("in.json", text)
        let r = try CLI.run(["apply", "-f", f], db: db)
        #expect(r.code == 2, "\(text): \(r.out)")
        #expect(r.err.contains("in.json"))
        #expect(r.err.contains("malformed JSON"), "\(r.err)")
        #expect(try CLI.dump(db) == before)
    }

    @Test func jsonSurrogatePairsAreAccepted() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let f = t.write("s.json", #"{"id":"emoji-sys","name":"smile \ud83d\ude00","owner":"o","status":"pilot","review":{"interval_days":30}}"#)
        let r = try CLI.run(["apply", "-f", f], db: db)
        #expect(r.code == 0, "\(r.err)")
        let out = try CLI.run(["get", "emoji-sys", "-o", "json"], db: db)
        #expect(out.out.contains("smile 😀"), "\(out.out)")
        #expect(try CLI.run(["apply", "-f", f], db: db).out.contains("0 changed"))
    }

    @Test func anEmptyRegistryFileIsRefused() throws {
        let t = TempDir()
        let db = t.write("empty.db", "")
        for args in [["get"], ["check"], ["audit", "verify"], ["set", "x", "name=y"], ["apply", "-f", CLI.examples], ["init"]] {
            let r = try CLI.run(args, db: db)
            #expect(r.code == 3, "\(args): \(r.err)")
            #expect(r.err.contains("empty"), "\(r.err)")
            #expect(!r.err.contains("read-only"))
        }
        let size = try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int
        #expect(size == 0)
    }
}
