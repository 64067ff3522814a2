import AIGovCore
@testable import AIGovFormats
import AIGovRules
import Foundation
import Testing

/// Every `matches` is bounded: catastrophic shapes are refused when the rule file is loaded,
/// and any other slow match stops at its time budget and becomes an error finding that names
/// the rule and the system, never a hang and never a silent true or false.
@Suite struct RegexBoundTests {
    static let today = RuleContext(today: Day("2026-11-24")!)
    static let xs = String(repeating: "x", count: 5_000)

    /// A compiled pattern with a short budget, so the tests that exhaust it stay quick.
    static func pattern(_ source: String, budgetMilliseconds: UInt64 = 50) throws -> Pattern {
        Pattern(try NSRegularExpression(pattern: source), source: source, budgetNanoseconds: budgetMilliseconds * 1_000_000)
    }

    static func parse(_ yaml: String) -> (rules: [CustomRule], problems: [String]) {
        let r = CustomRuleLoader.parse(data: Data(yaml.utf8), file: "org.yaml")
        return (r.rules, r.problems.map(\.description))
    }

    /// A rule file with one rule whose `require` (and optional `when`) is given in flow style.
    static func ruleFile(require: String, when: String? = nil) -> String {
        """
        rules:
          - id: ORG-009
            title: Purpose is well formed
            severity: medium
            remediation: Fix the purpose.
        \(when.map { "    when: \($0)\n" } ?? "")    require: \(require)
        """
    }

    /// docs/custom-rules.md, whose examples of the two messages must stay true.
    static func guide() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/custom-rules.md"), encoding: .utf8)
    }

    static func system(_ id: String, purpose: String) -> AISystem {
        var s = AISystem(id: id, name: "System \(id)", owner: "team", status: .production)
        s.purpose = purpose
        return s
    }

    // MARK: - Run time

    @Test func catastrophicMatchStopsAtTheBudgetAndThePatternIsThenSpent() throws {
        // (x|xx)+y passes the load-time check but is exponential on a run of x without y.
        let p = try Self.pattern("(x|xx)+y")
        let clock = ContinuousClock()
        var outcome = Pattern.Outcome.match
        let first = clock.measure { outcome = p.match(Self.xs) }
        #expect(outcome == .failed(.timeLimit))
        #expect(first < .seconds(5), "took \(first)")
        #expect(p.isSpent)
        let second = clock.measure { outcome = p.match("xxy") }
        #expect(outcome == .failed(.spent), "a spent pattern is not run again, even on an easy text")
        #expect(second < .milliseconds(50), "took \(second)")
    }

    @Test func defaultBudgetStopsTheIssuePatternWellUnderASecond() throws {
        // The pattern of the report, past the load-time check, with the real budget.
        let source = "(x+x+)+y"
        let p = Pattern(try NSRegularExpression(pattern: source), source: source)
        let clock = ContinuousClock()
        var outcome = Pattern.Outcome.match
        let elapsed = clock.measure { outcome = p.match(Self.xs) }
        #expect(outcome == .failed(.timeLimit))
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        print("(x+x+)+y against 5,000 x stopped after \(elapsed)")
    }

    @Test func engineFailureIsReportedNotReadAsNoMatch() throws {
        // ICU's backtracking stack (8 MB) overflows on a long text; a plain firstMatch
        // then says "no match" although ^(x|y)*$ matches every run of x.
        let text = String(repeating: "x", count: 1_000_000)
        let p = try Self.pattern("^(x|y)*$", budgetMilliseconds: 5_000)
        #expect(p.match(text) == .failed(.engine))
        #expect(p.match("xyx") == .match, "an engine failure does not spend the pattern")
    }

    @Test func boundedMatchAgreesWithPlainMatching() throws {
        let patterns = [
            "^Loan", "score$", "(?i)SCORING", #"\d{4}-\d{2}-\d{2}"#, "(foo|bar)+baz", "a|b", "x*", "^$",
            #"\bword\b"#, "(?<=a)b", "(?m)^second", #"[\p{L}&&[^a]]+"#, "é", #"\Qa.b\E"#, "(?s)a.b", "🙂+",
        ]
        let texts = ["", "Loan scoring", "a score", "released 2024-05-01", "foobarfoobaz", "bcd", "one\nsecond",
                     "ab", "word", "e\u{301}", "a.b", "a\nb", "x 🙂🙂 y", "nul\u{0}inside", "aéb"]
        for source in patterns {
            let regex = try NSRegularExpression(pattern: source)
            let p = Pattern(regex, source: source)
            for t in texts {
                let plain = regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
                #expect(p.match(t) == (plain ? .match : .noMatch), "/\(source)/ on \(t.debugDescription)")
            }
        }
    }

    @Test func slowRequirementIsAnErrorFindingThatNamesRuleAndSystem() throws {
        let loaded = Self.parse(Self.ruleFile(require: "{field: purpose, matches: '(x|xx)+y'}"))
        #expect(loaded.problems == [])
        let rule = try #require(loaded.rules.first)
        let hostile = Self.system("hostile", purpose: Self.xs)
        let found = rule.evaluate(hostile, context: Self.today)
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f.rule == "ORG-009")
        #expect(f.system == "hostile")
        #expect(f.severity == .medium)
        #expect(f.message == "hostile: rule ORG-009 could not be evaluated: matching /(x|xx)+y/ against purpose took longer than 250 ms; the rule counts as failed")
        #expect(try Self.guide().contains(f.message), "docs/custom-rules.md quotes the message")
        #expect(f.remediation.contains("rules[0] in org.yaml"))
        // Later systems are not matched again, and still get an error rather than a pass.
        let easy = Self.system("easy", purpose: "xxy")
        let later = try #require(rule.evaluate(easy, context: Self.today).first)
        #expect(later.system == "easy")
        #expect(later.message.contains("rule ORG-009 could not be evaluated"))
        #expect(later.message.contains("/(x|xx)+y/ on purpose is no longer run"))
        // Through the engine: an open finding that costs the rule's weight in the score.
        let engine = RuleEngine(rules: [rule])
        let findings = engine.evaluate(hostile, context: Self.today, waivers: [])
        #expect(findings.map(\.status) == [.open])
        #expect(engine.score(hostile, context: Self.today, findings: findings).failed.map(\.rule) == ["ORG-009"])
    }

    @Test func slowScopeCountsAsApplyingAndReportsTheError() throws {
        let loaded = Self.parse(Self.ruleFile(require: "{field: owner, eq: nobody}", when: "{field: purpose, matches: '(x|x)+y'}"))
        let rule = try #require(loaded.rules.first)
        let hostile = Self.system("hostile", purpose: Self.xs)
        let found = rule.evaluate(hostile, context: Self.today)
        #expect(found.first?.message.contains("could not be evaluated") == true)
        #expect(rule.applies(to: hostile, context: Self.today))
    }

    @Test func aDecidedConditionNeverRunsTheSlowPattern() throws {
        // `or` stops at its first true branch, so the pattern is never reached.
        let loaded = Self.parse(Self.ruleFile(require: "{or: [{field: owner, eq: team}, {field: purpose, matches: '(x|xx)+y'}]}"))
        let rule = try #require(loaded.rules.first)
        #expect(rule.evaluate(Self.system("hostile", purpose: Self.xs), context: Self.today).isEmpty)
    }

    // MARK: - Load time

    @Test func issuePatternIsRefusedOnLoadWithItsPath() throws {
        let r = Self.parse(Self.ruleFile(require: "{field: purpose, matches: '(x+x+)+y'}"))
        #expect(r.rules.isEmpty)
        #expect(r.problems.count == 1)
        let p = r.problems.first ?? ""
        #expect(p.hasPrefix("org.yaml:rules[0].require.matches: the regular expression \"(x+x+)+y\" repeats \"(x+x+)+\""), "\(p)")
        #expect(p.contains("exponential time"))
        #expect(try Self.guide().contains(p), "docs/custom-rules.md quotes the problem")
    }

    @Test(arguments: [
        ("(x+x+)+y", "(x+x+)+"),
        ("(x+)+y", "(x+)+"),
        ("(x*)*y", "(x*)*"),
        (#"^(\w+\s?)+$"#, #"(\w+\s?)+"#),
        ("([^,]+,?)+;", "([^,]+,?)+"),
        ("(?:a+|b)*c", "(?:a+|b)*"),
        ("(xx+)+y", "(xx+)+"),
        ("((x+)(x+))+y", "((x+)(x+))+"),
        ("((ab)+)+c", "((ab)+)+"),
        (#"(\d+){2,}"#, #"(\d+){2,}"#),
        ("(x+?)+y", "(x+?)+"),
        ("(?i)(?<word>[a-z]+)*!", "(?<word>[a-z]+)*"),
        ("(?=(a+)+b)", "(a+)+"),
        ("(?>(a+)+)b", "(a+)+"),
        (#"(\Qx\E+x)+y"#, #"(\Qx\E+x)+"#),
        ("(x(?#note)+)+y", "(x(?#note)+)+"),
    ])
    func nestedRepetitionIsFound(_ source: String, _ group: String) throws {
        _ = try NSRegularExpression(pattern: source)
        #expect(NestedRepetition.find(source) == group)
    }

    @Test(arguments: [
        #"\d{4}-\d{2}-\d{2}"#, "^Loan", "(foo|bar)+baz", #"(\d+\.)+\d+"#, #"([a-z0-9-]+\.)+[a-z]{2,}"#,
        "(a+b+)+c", "(x++)+y", "(?>x+x+)+y", "(x+x+)++y", "(x+)?y", "(x+){1}y", #"(?:\s*,\s*\w+)*"#,
        "(a|aa)+", "[(x+)+]", #"\(x+\)+"#, "(?x) (x+)+ y", "(?i)(x+)", "(x+(?=y))+", #"(\bx+)+"#, "(^x+)+",
        "[]x+]+", #"[\]]+(x)+"#, "(?<=x+y)z", "(?#(x+)+)y",
    ])
    func safeOrUnmodelledPatternsAreNotRefused(_ source: String) throws {
        _ = try? NSRegularExpression(pattern: source)
        #expect(NestedRepetition.find(source) == nil, "/\(source)/")
    }

    // MARK: - No trap from a hostile pattern or text

    @Test func hostilePatternsNeverTrap() {
        // Each either loads or is refused with a problem; none may crash the loader.
        let patterns = [
            #"\"#, #"\Q"#, #"\Qabc"#, #"\x{"#, #"\p{"#, #"\N{"#, #"\k<"#, "[", "[]", "[^]", "[[", "(", ")", "(?", "(?<",
            "(?#", "x{", "x{99999999999999999999}", "x{1,99999999999999999999}", "{", "*", "a**", "a{2}{3}", "(?x)#(",
            String(repeating: "(", count: 250) + String(repeating: ")", count: 250),
            String(repeating: "(?:", count: 90) + "x+" + String(repeating: ")+", count: 90),
            String(repeating: "[", count: 200), String(repeating: "\\", count: 499), "\u{0301}+", "🙂{2,}", "(?<=x*)y",
        ]
        for source in patterns {
            let yaml = Self.ruleFile(require: "{field: purpose, matches: '\(source.replacingOccurrences(of: "'", with: "''"))'}")
            let r = Self.parse(yaml)
            #expect(r.rules.count + r.problems.count >= 1, "/\(source)/")
            _ = NestedRepetition.find(source)
        }
        // Any sequence of regex syntax, valid or not, is scanned without trapping.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array(#"()[]{}|*+?^$.\-,:<>=!#x0123456789Qpk{}E^"#.unicodeScalars) + ["\u{301}", "🙂"]
        for _ in 0..<3_000 {
            var s = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(seed >> 58)
            for _ in 0..<length {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s.unicodeScalars.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            _ = NestedRepetition.find(s)
        }
    }

    @Test func hostileTextsNeverTrap() throws {
        let p = try Self.pattern(#"(?i)\bsecret\b|\p{Cs}|\x{0}"#, budgetMilliseconds: 2_000)
        let texts = ["", "\u{0}", "secret\u{0}", "🙂\u{301}\u{301}", "\u{FFFF}\u{10FFFF}", String(repeating: "é", count: 100_000),
                     "\r\n\r\n", String(repeating: "\u{202E}", count: 1_000)]
        for t in texts {
            let o = p.match(t)
            #expect(o == .match || o == .noMatch, "\(t.prefix(10).debugDescription)")
        }
    }
}
