import Foundation
import Testing

/// Seeded fuzzing of the real binary with generated YAML, JSON, `set` arguments and custom
/// rule files, mixing every hostile class of the hardening review (huge numbers, NUL and other
/// control characters, quoted scalars, lax JSON, lone surrogates, deep nesting, aliases,
/// catastrophic regular expressions …).
///
/// Every input must end in exit 0, 1 or 2 — never a signal (a Swift trap), never a hang past
/// the per-input budget — and a refused write must leave `sqlite3 .dump` unchanged.
/// `AIGOV_FUZZ_COUNT` (default 2,000, the CI size) and `AIGOV_FUZZ_SEED` choose the run;
/// `scripts/fuzz` runs 100,000. Seed and count are printed so a failure can be replayed.
@Suite(.serialized) struct FuzzCLITests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    }

    static let env = ProcessInfo.processInfo.environment
    static let count = Int(env["AIGOV_FUZZ_COUNT"] ?? "") ?? 2_000
    static let seed = UInt64(env["AIGOV_FUZZ_SEED"] ?? "") ?? 20_261_130
    /// Seconds one input may take; a folder of inputs gets this per input, capped.
    static let perInput = 5.0

    /// Text fragments from every hostile class, spliced into YAML documents.
    static let yamlFragments = [
        "\"a\\0b\"", "\"\\x00\"", "\"\\u0000\"", "\"\\e]0;pwned\\a\"", "\"\\e[2J\"", "\"\\x9b31m\"", "'true'", "\"30\"",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "1e999", ".nan", "-.inf", "0x7fffffff",
        "2026-02-30", "99999-01-01", "0000-00-00", "&a [1, 2]", "*a", "<<: *a", "!!binary aGVsbG8=", "? [a]: b", "---", "...",
        "{", "[", "\"", "'", "\t", ": :", "- - -", "%YAML 1.1", "\u{FEFF}", "💥", "null", "~", "",
        String(repeating: "x", count: 5_000), String(repeating: "[", count: 200), "interval_days: 9223372036854775807",
        "rto_minutes: 10000001", "response_minutes: -1", "gpai: \"true\"", "id: ok-id", "models: 5", "&b [*b]",
        "name: \"\\ud83d\"", "name: \"\\U0001F600\"", "\u{1B}]8;;http://x\u{07}", "\r\n", "\u{2028}",
        "annex_iii: [4c]", "annex_iii: [2]", "prohibited: [5-1-intimate]", "ai_system: maybe", "ai_system: true",
        "assessed: 2999-12-31", "kind: incident", "class: death", "member_states: [nl]", "reports: [{kind: initial}]",
        "status: closed", "closed: 2026-01-01", "aware: 1999-01-01", "legislation: [machinery]", "art6_3: [e]",
    ]

    static let jsonFragments = [
        "NaN", "Infinity", "-0", "01", "1.", ".5", "1e999", "9223372036854775808", "// c\n", "/* c */", "'x'", ",", ",]",
        ",}", "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\u00\"", "\"\\x41\"", "\"\u{1B}\"",
        "\"\\u001b]0;t\\u0007\"", "true", "\"true\"", "\"30\"", "null", "{", "}", "[", "]", ":", "\"", "\u{FEFF}",
        String(repeating: "[", count: 100), String(repeating: "{\"a\":", count: 70), "\"interval_days\": 9223372036854775807",
    ]

    static let setKeys = [
        "name", "purpose", "owner", "status", "tags", "contact", "eu_ai_act.tier", "eu_ai_act.gpai", "eu_ai_act.role",
        "review.interval_days", "review.last_reviewed", "models[0].version", "models[0].end_of_life", "models[9].name",
        "fallbacks[0].rto_minutes", "oversight[0].response_minutes", "datasets[0].personal_data", "unknown.key", "id",
        "classification.answers.annex_iii", "classification.assessed", "classification.answers.ai_system", "fria.performed",
        "registration.member_states",
        "models[-1].x", "models[99999999999999999999].y", "models[1", "[0]", "a..b", "tags[0]", "impact.decisions",
    ]

    static let setValues = [
        "9223372036854775807", "-1", "0", "36501", "10000001", "1e7", "\"30\"", "'true'", "true", "null", "",
        "[a, b]", "[\"a\\0b\"]", "\"a\\0b\"", "[\"\\e]0;x\\a\"]", "{a: 1}", "[[[[[[[[", "{", "2026-02-30", "2026-11-30",
        "production", "high", "x\u{1B}[2Jy", "&a [*a]", String(repeating: "y", count: 3_000), "💥", "\u{7F}",
    ]

    static let patterns = ["(x+x+)+y", "(a|a)*b", "(.*)*z", "^(x+)+$", "([a-z]+)*!", "x{1,1000}{1,1000}", "(", "[", "\\",
                           "a++", "(?<n>x)\\k<n>", "", String(repeating: "(", count: 300), "production", "^[a-z-]+$"]

    // MARK: generators

    static func mutate(_ text: String, _ fragments: [String], _ rng: inout RNG) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A third of the inputs get one change only, so that many stay valid and reach the rules.
        for _ in 0...(rng.below(3) == 0 ? 0 : rng.below(4)) {
            guard !lines.isEmpty else { break }
            let i = rng.below(lines.count)
            switch rng.below(5) {
            case 0: lines[i] += " " + rng.pick(fragments)
            case 1:
                // Replace a value after the first colon.
                if let c = lines[i].firstIndex(of: ":") { lines[i] = String(lines[i][...c]) + " " + rng.pick(fragments) }
            case 2: lines.insert(rng.pick(fragments), at: i)
            case 3: lines.remove(at: i)
            default:
                var u = Array(lines[i].utf8)
                if !u.isEmpty { u[rng.below(u.count)] = UInt8(truncatingIfNeeded: rng.next()) }
                lines[i] = String(decoding: u, as: UTF8.self)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func jsonMutate(_ text: String, _ rng: inout RNG) -> String {
        var s = Array(text)
        for _ in 0...(rng.below(3) == 0 ? 0 : rng.below(3)) {
            guard !s.isEmpty else { break }
            let at = rng.below(s.count)
            switch rng.below(3) {
            case 0: s.insert(contentsOf: Array(rng.pick(jsonFragments)), at: at)
            case 1: s.remove(at: at)
            default:
                // Replace a value after a colon.
                if let c = s[at...].firstIndex(of: ":") {
                    let end = s[(c + 1)...].firstIndex(where: { $0 == "," || $0 == "}" }) ?? s.count
                    s.replaceSubrange((c + 1)..<end, with: Array(rng.pick(jsonFragments)))
                }
            }
        }
        return String(s)
    }

    static func ruleFile(_ rng: inout RNG) -> String {
        let field = rng.pick(["name", "purpose", "owner", "status", "review.interval_days", "models", "contact", "nope"])
        let cond: String
        switch rng.below(5) {
        case 0: cond = "{field: \(field), matches: '\(rng.pick(patterns))'}"
        case 1: cond = "{field: review.last_reviewed, age_days: {gt: \(rng.pick(["9223372036854775807", "-5", "30", "1e9", "\"30\""]))}}"
        case 2: cond = "{count: models, \(rng.pick(["gt", "lt", "eq"])): \(rng.pick(["99999999999999999999", "1", "-1", "x"]))}"
        case 3: cond = String(repeating: "{not: ", count: rng.below(80)) + "{field: status, eq: production}"
            + String(repeating: "}", count: 0)
        default: cond = "{field: \(field), \(rng.pick(["eq", "in", "present", "lt"])): \(rng.pick(yamlFragments))}"
        }
        let text = """
            rules:
              - id: \(rng.pick(["ORG-100", "ORG-\(rng.below(1000))", "HRD-001", "bad id", "\"\\e]0;x\\a\""]))
                title: \(rng.pick(["A rule", "\"\\e]8;;http://evil\\aclick\"", "\"t\\0\"", String(repeating: "t", count: 2000)]))
                severity: \(rng.pick(["low", "high", "critical", "\"high\"", "urgent"]))
                reference: ref
                remediation: fix
                message: "{id} {name}"
                when: {field: status, eq: production}
                require: \(cond)
            """
        return rng.below(3) == 0 ? mutate(text, yamlFragments, &rng) : text
    }

    static func setArgs(_ rng: inout RNG) -> [String] {
        (0...rng.below(3)).map { _ in
            var a = rng.pick(setKeys) + "=" + rng.pick(setValues)
            if rng.below(8) == 0 { a = String(a.dropLast(rng.below(a.count))) }
            return a
        }
    }

    // MARK: the run

    @Test func generatedInputsNeverCrashHangOrWriteOnRefusal() throws {
        print("fuzz: seed \(Self.seed), count \(Self.count) (AIGOV_FUZZ_SEED, AIGOV_FUZZ_COUNT)")
        var rng = RNG(state: Self.seed)
        let t = TempDir()
        let base = t.file("base.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: base).code == 0)
        // Records with classification answers, and an incident, seed the mutations too.
        let classified = CLI.fixtures.appendingPathComponent("classification").path
        #expect(try CLI.run(["apply", "-f", classified], db: base).code == 0)
        let seedDirs = [CLI.examples, classified]
        let ids = try seedDirs.flatMap { dir in
            try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") && $0 != "waivers.yaml" }
                .map { ($0 as NSString).deletingPathExtension }
        }.sorted()
        let incident = """
            kind: incident
            id: inc-fuzz-1
            system: cv-screening
            title: Applicants over 50 ranked lower
            class: fundamental-rights
            widespread: false
            occurred: 2026-10-28
            aware: 2026-11-02
            member_states: [NL, DE]
            provider_informed: 2026-11-03
            reports:
              - {kind: initial, date: 2026-11-05, authority: AP, reference: AP-1}
            status: open
            """
        let yamlSeeds = try seedDirs.flatMap { dir in
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }
        } + [incident]
        let jsonSeeds = try ids.map { try CLI.run(["get", $0, "-o", "json"], db: base).out }
        let baseDump = try CLI.dump(base)
        let longX = t.write("long/long-x.yaml", "id: long-x\nname: \(String(repeating: "x", count: 5_000))\nowner: o\nstatus: production\n")

        // Shares of the count: 45% YAML, 35% JSON, 10% set arguments, 10% rule files.
        let nYAML = Self.count * 45 / 100, nJSON = Self.count * 35 / 100
        let nSet = Self.count / 10, nRules = Self.count - nYAML - nJSON - nSet
        var failures: [String] = []
        var refused = 0, accepted = 0

        func outcome(_ r: CLI.Result, _ what: String, allowed: Set<Int32> = [0, 1, 2]) -> Bool {
            if r.code == 124 || r.code == 137 { failures.append("\(what): hung (killed after the budget)"); return false }
            if !allowed.contains(r.code) { failures.append("\(what): exit \(r.code)\n\(r.err.prefix(400))"); return false }
            return true
        }
        func bounded(_ seconds: Double, _ args: [String], db: String? = nil) throws -> CLI.Result {
            try CLI.exec("/usr/bin/timeout", ["-s", "KILL", String(Int(seconds.rounded(.up))), CLI.binary] + args, db: db)
        }

        // Every input goes through the real binary in a batch — a crash or hang on any one
        // fails its batch — and a sample is then run one input per process against a copy of
        // the registry, which must stay unchanged whenever the input is refused.
        let batch = 25
        let samples = max(20, Self.count / 200)

        // Files: folders of 1,000, checked a folder per process (exit 0 or 2).
        var files: [String] = []
        for i in 0..<(nYAML + nJSON) {
            let json = i >= nYAML
            let text = json ? Self.jsonMutate(rng.pick(jsonSeeds), &rng) : Self.mutate(rng.pick(yamlSeeds), Self.yamlFragments, &rng)
            files.append(t.write("in/\(i / 1000)/f\(i).\(json ? "json" : "yaml")", text))
        }
        for folder in Swift.Set(files.map { ($0 as NSString).deletingLastPathComponent }).sorted() {
            _ = outcome(try bounded(120, ["check", "-f", folder, "--fail-on", "never", "-o", "json"]), "check -f \(folder)")
        }
        let db = t.file("work.db")
        func fresh() throws {
            try? FileManager.default.removeItem(atPath: db)
            try FileManager.default.copyItem(atPath: base, toPath: db)
        }
        for _ in 0..<samples {
            let f = rng.pick(files)
            try fresh()
            let r = try bounded(Self.perInput, ["apply", "-f", f], db: db)
            guard outcome(r, "apply -f \(f)") else { continue }
            if r.code == 2 {
                refused += 1
                if try CLI.dump(db) != baseDump { failures.append("apply -f \(f): refused but the registry changed") }
            } else {
                accepted += 1
            }
        }

        // set: argument lists in batches of 25 per process, then a sample one per process.
        try fresh()
        let setInputs = (0..<nSet).map { _ in (rng.pick(ids), Self.setArgs(&rng)) }
        for start in stride(from: 0, to: setInputs.count, by: batch) {
            let chunk = setInputs[start..<min(start + batch, setInputs.count)]
            let r = try bounded(Self.perInput * Double(chunk.count), ["set", chunk.first?.0 ?? "x"] + chunk.flatMap(\.1), db: db)
            _ = outcome(r, "set batch \(start)")
        }
        try fresh()
        var dump = baseDump
        for _ in 0..<samples {
            let (id, args) = rng.pick(setInputs)
            let r = try bounded(Self.perInput, ["set", id] + args, db: db)
            guard outcome(r, "set \(id) \(args)") else { continue }
            let now = try CLI.dump(db)
            if r.code == 2 {
                refused += 1
                if now != dump { failures.append("set \(id) \(args): refused but the registry changed") }
            } else {
                accepted += 1
            }
            dump = now
        }
        if try CLI.run(["audit", "verify"], db: db).code != 0 { failures.append("audit verify fails after the set runs") }

        // Custom rule files against the examples and a system with a 5,000-x name: batches of
        // 25 files per process, then a sample one per process.
        let rules = (0..<nRules).map { t.write("rules/r\($0).yaml", Self.ruleFile(&rng)) }
        let checkArgs = ["check", "-f", CLI.examples, "-f", longX, "--fail-on", "never", "-o", "json"]
        for start in stride(from: 0, to: rules.count, by: batch) {
            let chunk = rules[start..<min(start + batch, rules.count)]
            let r = try bounded(Self.perInput * Double(chunk.count), checkArgs + chunk.flatMap { ["--rules", $0] })
            _ = outcome(r, "check rules batch \(start)")
        }
        for _ in 0..<samples {
            let f = rng.pick(rules)
            let r = try bounded(Self.perInput, checkArgs + ["--rules", f])
            if outcome(r, "check --rules \(f)") { if r.code == 2 { refused += 1 } else { accepted += 1 } }
        }

        print("fuzz: \(Self.count) inputs (\(nYAML) YAML, \(nJSON) JSON, \(nSet) set, \(nRules) rule files); per-input runs: \(accepted) accepted, \(refused) refused; \(failures.count) failures")
        let report = failures.prefix(10).joined(separator: "\n")
        #expect(failures.isEmpty, "seed \(Self.seed), count \(Self.count):\n\(report)")
        #expect(refused > 0 && accepted > 0, "the generators should produce both good and bad inputs")
    }
}
