import Foundation
import Testing

/// Issue #25: the reads print from projection queries, aggregates and stored finding rows
/// instead of whole records, and their output is byte-identical to what the record-loading
/// reads printed. The golden files were written by the record-loading reads (commit 3abdfb2)
/// and are compared byte for byte:
///
/// - on the demo registry, each read's whole output (`Fixtures/golden/demo/NAME`);
/// - on a generated registry of 10,000 systems, each read's SHA-256 (`Fixtures/golden/generated-10k.sha256`),
///   since the outputs run to tens of megabytes.
///
/// Both registries are written with the binary's clock at 2026-11-30 (faketime), so every
/// system's evaluation is stored, and read pinned to that day: the reads take the stored rows.
/// Each read is also run once more on the same day with the stored rows deleted, so the
/// in-memory path must print the same bytes.
///
/// `AIGOV_UPDATE_GOLDEN=1 swift test --filter GoldenReadTests` writes the files anew (for a
/// change that is meant to change an output; say so in its commit).
@Suite(.enabled(if: CLI.faketime != nil, "faketime is not installed (Debian package faketime)"), .serialized)
struct GoldenReadTests {
    static let day = "2026-11-30"
    static let folder = CLI.fixtures.appendingPathComponent("golden")
    static let update = ProcessInfo.processInfo.environment["AIGOV_UPDATE_GOLDEN"] == "1"

    /// Every read whose output must not change: name, arguments, and whether it is also compared
    /// on the 10,000-system registry (the reads #25 changed, and one of each kind of output).
    static let reads: [(name: String, args: [String], big: Bool)] = [
        ("get.csv", ["get", "-o", "csv"], true),
        ("get.table", ["get", "-o", "table"], true),
        ("get-high-production.csv", ["get", "-o", "csv", "--tier", "high", "--status", "production"], false),
        ("get.json", ["get", "-o", "json"], false),
        ("get.yaml", ["get", "-o", "yaml"], false),
        ("check.json", ["check", "-o", "json", "--fail-on", "never"], true),
        ("check.sarif", ["check", "-o", "sarif", "--fail-on", "never"], true),
        ("check.junit", ["check", "-o", "junit", "--fail-on", "never"], true),
        ("check.table", ["check", "-o", "table", "--fail-on", "never"], true),
        ("check-fail-on-high.json", ["check", "-o", "json"], false),
        ("check-iso42001.json", ["check", "-o", "json", "--fail-on", "never", "--framework", "iso42001"], true),
        ("check-original.json", ["check", "-o", "json", "--fail-on", "never", "--timeline", "original"], false),
        ("vendors.table", ["vendors", "-o", "table"], false),
        ("vendors.json", ["vendors", "-o", "json"], true),
        ("vendors.csv", ["vendors", "-o", "csv"], false),
        ("what-if-biglab.json", ["what-if", "--vendor", "BigLab AI", "-o", "json"], true),
        ("what-if-biglab.table", ["what-if", "--vendor", "BigLab AI", "-o", "table"], false),
        ("what-if-eol.json", ["what-if", "--date", "2027-06-30", "-o", "json"], false),
        ("soa.json", ["soa", "-o", "json"], true),
    ]

    /// The output as compared: stdout, then the exit code. SARIF names the build that wrote it
    /// (`tool.driver.version`), which is not the read's business.
    static func normalised(_ r: CLI.Result) -> String {
        var out = r.out
        if let range = out.range(of: #""name": "aigov", "version": "[^"]*""#, options: .regularExpression) {
            out.replaceSubrange(range, with: #""name": "aigov", "version": "VERSION""#)
        }
        return out + "\n[exit \(r.code)]\n"
    }

    /// The SHA-256 of `text`, by the coreutils tool.
    static func sha256(_ text: String) throws -> String {
        String(try CLI.exec("/usr/bin/env", ["sha256sum"], stdin: text).out.prefix(64))
    }

    /// Each read's normalised output on `db`, pinned to `day`.
    static func outputs(_ db: String, big: Bool) throws -> [String: String] {
        var out: [String: String] = [:]
        for (name, args, isBig) in reads where isBig || !big {
            let r = try CLI.run(args, db: db, env: ["AIGOV_TODAY": day])
            #expect(r.err.isEmpty || r.code != 0, "\(name): \(r.err)")
            out[name] = normalised(r)
        }
        return out
    }

    /// The same outputs with the stored evaluations gone: the reads evaluate in memory (pinned).
    static func unstoredOutputs(_ db: String, names: [String]) throws -> [String: String] {
        let copy = db + ".unstored.db"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let cleared = try CLI.exec("/usr/bin/env", ["sqlite3", copy, "PRAGMA foreign_keys = ON; DELETE FROM evaluations; DELETE FROM findings;"])
        #expect(cleared.code == 0, "\(cleared.err)")
        var out: [String: String] = [:]
        for (name, args, _) in reads where names.contains(name) {
            out[name] = normalised(try CLI.run(args, db: copy, env: ["AIGOV_TODAY": day]))
        }
        return out
    }

    @Test func demoRegistryReadsAreByteIdentical() throws {
        let t = TempDir()
        let db = t.file("demo.db")
        #expect(try CLI.runAt(Self.day, ["demo", "--db", db, "-o", "json"]).code == 0)
        #expect(try HardeningTests.sql(db, "SELECT count(*) FROM evaluations WHERE evaluated_on = '\(Self.day)' AND timeline = 'amended'")
            == HardeningTests.sql(db, "SELECT count(*) FROM systems"))
        let outputs = try Self.outputs(db, big: false)
        let dir = Self.folder.appendingPathComponent("demo")
        if Self.update {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, text) in outputs { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        }
        for (name, _, _) in Self.reads {
            let golden = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let got = try #require(outputs[name])
            #expect(got == golden, "\(name) differs from Fixtures/golden/demo/\(name): \(Self.firstDifference(got, golden))")
        }
        let unstored = try Self.unstoredOutputs(db, names: Self.reads.map(\.name))
        for (name, text) in unstored {
            #expect(text == outputs[name], "\(name) evaluated in memory differs from the stored read: \(Self.firstDifference(text, outputs[name] ?? ""))")
        }
    }

    @Test func generatedRegistryOf10kReadsAreByteIdentical() throws {
        let t = TempDir()
        let db = t.file("gen.db")
        let made = try CLI.runAt(Self.day, ["demo", "--generate", "10000", "--seed", "7", "--db", db])
        #expect(made.code == 0, "\(made.err)")
        let outputs = try Self.outputs(db, big: true)
        let bigReads = Self.reads.filter(\.big)
        let file = Self.folder.appendingPathComponent("generated-10k.sha256")
        if Self.update {
            let lines = try bigReads.map { "\(try Self.sha256(outputs[$0.name] ?? ""))  \($0.name)\n" }.joined()
            try Data(lines.utf8).write(to: file)
        }
        var golden: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2 { golden[String(parts[1])] = String(parts[0]) }
        }
        #expect(golden.count == bigReads.count)
        for (name, _, _) in bigReads {
            #expect(try Self.sha256(outputs[name] ?? "") == golden[name], "\(name) on 10,000 generated systems differs from its golden digest")
        }
        // The in-memory path on the largest output (every read is covered on the demo registry).
        let unstored = try Self.unstoredOutputs(db, names: ["check.json"])
        for (name, text) in unstored { #expect(text == outputs[name], "\(name) evaluated in memory differs from the stored read") }
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? String(x[i]) : "<end>", r = i < y.count ? String(y[i]) : "<end>"
            if l != r { return "line \(i + 1): got \(l.prefix(200)) want \(r.prefix(200))" }
        }
        return "same"
    }
}
