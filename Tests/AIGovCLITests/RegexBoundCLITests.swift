import Foundation
import Testing

/// A catastrophic `matches` pattern through the real binary: `aigov check` finishes and names
/// the rule, instead of running for minutes (the report: `(x+x+)+y` against 5,000 × `x`).
@Suite struct RegexBoundCLITests {
    /// A process that outlives this is killed and reported as hung; far above the seconds a
    /// bounded run takes, so only a hang trips it.
    static let limit: TimeInterval = 20

    struct Outcome {
        var hung: Bool
        var code: Int32
        var out: String
        var err: String
    }

    /// Runs aigov like `CLI.run`, but kills it after `limit` seconds. Output goes to files,
    /// so a process that is killed cannot leave a reader blocked on a pipe.
    static func runBounded(_ args: [String], in dir: TempDir) throws -> Outcome {
        let outPath = dir.file("stdout.txt"), errPath = dir.file("stderr.txt")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try #require(FileHandle(forWritingAtPath: outPath))
        let err = try #require(FileHandle(forWritingAtPath: errPath))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["AIGOV_ACTOR"] = "tester"
        environment["XDG_DATA_HOME"] = dir.file("xdg")
        environment["AIGOV_DB"] = dir.file("registry.db")
        p.environment = environment
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        let hung = done.wait(timeout: .now() + limit) == .timedOut
        if hung {
            kill(p.processIdentifier, SIGKILL)
            done.wait()
        }
        try out.close()
        try err.close()
        return Outcome(hung: hung, code: p.terminationStatus,
                       out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// A folder with one system whose purpose is 5,000 × `x`, and an easy one read after it.
    static func systems(_ t: TempDir) -> String {
        let x = String(repeating: "x", count: 5_000)
        _ = t.write("systems/1-hostile.yaml", "id: hostile\nname: Hostile\npurpose: \(x)\nowner: team\nstatus: production\n")
        _ = t.write("systems/2-easy.yaml", "id: easy\nname: Easy\npurpose: xxy\nowner: team\nstatus: production\n")
        return t.file("systems")
    }

    static func rules(_ t: TempDir, pattern: String) -> String {
        t.write("rules.yaml", """
            rules:
              - id: ORG-009
                title: Purpose ends with y
                severity: high
                remediation: Fix the purpose.
                require: {field: purpose, matches: '\(pattern)'}

            """)
    }

    @Test func issuePatternIsRefusedOnLoadAtOnce() throws {
        let t = TempDir()
        let rules = Self.rules(t, pattern: "(x+x+)+y")
        let r = try Self.runBounded(["check", "-f", Self.systems(t), "--rules", rules, "--today", "2026-11-24", "-o", "json"], in: t)
        #expect(!r.hung, "aigov check ran past \(Self.limit) s")
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("\(rules):rules[0].require.matches: the regular expression \"(x+x+)+y\" repeats \"(x+x+)+\""), "\(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func slowPatternBecomesAnErrorFindingNamingTheRule() throws {
        // (x|xx)+y is as slow but is not a shape refused on load: the time budget stops it.
        let t = TempDir()
        let rules = Self.rules(t, pattern: "(x|xx)+y")
        let started = Date()
        let r = try Self.runBounded(["check", "-f", Self.systems(t), "--rules", rules, "--today", "2026-11-24", "-o", "json"], in: t)
        print("aigov check with (x|xx)+y against 5,000 x: \(Date().timeIntervalSince(started)) s")
        #expect(!r.hung, "aigov check ran past \(Self.limit) s")
        #expect(r.code == 1, "an open high finding fails the check: \(r.err)")
        let list = try CheckCLITests.findings(r.out)
        let hostile = try #require(CheckCLITests.find(list, "hostile", "ORG-009"))
        #expect(hostile["status"] as? String == "open")
        let message = hostile["message"] as? String ?? ""
        #expect(message.contains("rule ORG-009 could not be evaluated"), "\(message)")
        #expect(message.contains("/(x|xx)+y/"))
        // The easy system is not matched with the spent pattern, and is not passed silently.
        let easy = try #require(CheckCLITests.find(list, "easy", "ORG-009"))
        #expect((easy["message"] as? String ?? "").contains("rule ORG-009 could not be evaluated"))

        let table = try Self.runBounded(["check", "-f", Self.systems(t), "--rules", rules, "--today", "2026-11-24"], in: t)
        #expect(!table.hung)
        #expect(table.out.contains("ORG-009"))
    }
}
