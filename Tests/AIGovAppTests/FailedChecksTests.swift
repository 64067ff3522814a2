@testable import AIGovStore
import AIGovRules
import Testing

/// The stored `failed` column is read back on its bytes in one pass (#25). The split-based
/// reader it replaced is kept here as the oracle: both must accept and refuse the same texts,
/// and read the same checks, hand-edited rows included.
@Suite struct FailedChecksTests {
    static let texts = RuleTexts(RuleCatalog.builtIn)

    /// The reader before #25's last pass, verbatim.
    static func oracle(_ text: String, texts: RuleTexts) -> [Score.FailedCheck]? {
        var failed: [Score.FailedCheck] = []
        for part in text.utf8.split(separator: UInt8(ascii: " ")) {
            let f = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard f.count == 3, let weight = Int(Substring(f[1])), let lost = Int(Substring(f[2])) else { return nil }
            failed.append(Score.FailedCheck(rule: texts.interned(String(Substring(f[0]))), weight: weight, lost: lost))
        }
        return failed
    }

    @Test(arguments: ["", " ", "HRD-001:5:5", "HRD-001:5:5 GOV-002:3:0", "  HRD-001:5:5   GOV-002:3:0  ",
                      ":1:2", "HRD-001:5", "HRD-001:5:5:5", "HRD-001:x:1", "HRD-001:+5:-1", "HRD-001::1",
                      "HRD-001:5:5\tGOV-002:3:0", "Ü:1:2", "HRD-001:99999999999999999999:1",
                      "A:-9223372036854775808:9223372036854775807", "A:-9223372036854775809:1", "A:9223372036854775808:1",
                      "A:+:1", "A:-:1", "A:--1:1", "A:+-1:1", "A:-0:+0", "A:1:2 ", " :1:2", "A:1:2 B"])
    func handPickedTextsReadAsBefore(_ text: String) {
        #expect(EvaluationRows.failedChecks(text, texts: Self.texts) == Self.oracle(text, texts: Self.texts))
    }

    @Test func wellFormedTextReadsItsChecks() throws {
        let read = try #require(EvaluationRows.failedChecks("HRD-001:5:5 ORG-9:2:1", texts: Self.texts))
        #expect(read == [Score.FailedCheck(rule: "HRD-001", weight: 5, lost: 5), Score.FailedCheck(rule: "ORG-9", weight: 2, lost: 1)])
        #expect(EvaluationRows.failedChecks("HRD-001:5:5:", texts: Self.texts) == nil)
    }

    /// 20,000 seeded texts over the bytes that matter (colon, space, digits, sign, letters,
    /// a tab and a non-ASCII letter).
    @Test func seededTextsReadAsBefore() {
        let alphabet = ["H", "R", "D", "-", "0", "1", "5", "9", ":", ":", " ", " ", "+", "x", "\t", "é"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var differ: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<next(24)).map { _ in alphabet[next(alphabet.count)] }.joined()
            if EvaluationRows.failedChecks(text, texts: Self.texts) != Self.oracle(text, texts: Self.texts) { differ.append(text) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(5))")
    }
}
