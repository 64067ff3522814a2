import AIGovCore
@testable import AIGovFormats
import AIGovRules
import Foundation
import Testing

/// The table and SARIF writers write their pieces straight into a sink (issue #25). These pin
/// what the pieces add up to where the golden reads cannot look: colour (only on a terminal),
/// a file's location, and text that needs sanitising or escaping.
@Suite struct CheckWriterTests {
    static let day = Day("2026-12-05")!

    static func result(source: SourceRef? = nil) -> SystemResult {
        let system = AISystem(id: "sys\u{1B}]0;x", name: "S", owner: "o", status: .production)
        let waiver = Waiver(system: system.id, rule: "FBK-002", reason: "plan \"B\"", approvedBy: "ana\u{7}", expires: Day("2027-01-31")!)
        let findings = [
            Finding(rule: "DAT-001", system: system.id, severity: .critical, path: "", message: "No data\nsource",
                    reference: "Art. 10", remediation: "Record it"),
            Finding(rule: "FBK-002", system: system.id, severity: .medium, status: .waived, path: "models[0]",
                    message: "m", reference: "r", remediation: "f", waiver: waiver),
            Finding(rule: "TRN-001", system: system.id, severity: .low, status: .upcoming, path: "transparency",
                    message: "later", reference: "Art. 50", remediation: "x", due: Day("2027-08-02")),
        ]
        return SystemResult(system: system, source: source, findings: findings,
                            score: Score(applicable: 3, totalWeight: 10, lostWeight: 5, failed: []), applicable: ["DAT-001"])
    }

    static var settings: CheckSettings {
        CheckSettings(today: day, timeline: .amended, rules: RuleCatalog.builtIn, toolVersion: "test")
    }

    @Test func tableWithColourPaintsSeverityAndBoldsTheSystem() {
        var w = TableCheckWriter(settings: Self.settings, color: true)
        let result = Self.result()
        let text = w.add(result)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "\u{1B}[1msys\u{241B}]0;x\u{1B}[0m  score 50  \(result.system.tier.rawValue), production  — 1 open, 1 waived, 1 upcoming")
        #expect(lines[1] == "  \u{1B}[1;31mcritical\u{1B}[0m open     DAT-001  -")
        #expect(lines[2] == "      No data source")
        #expect(lines[3] == "      Art. 10 — fix: Record it")
        #expect(lines[4] == "  \u{1B}[33mmedium  \u{1B}[0m waived   FBK-002  models[0]")
        #expect(lines[5] == "      m (waived until 2027-01-31 by ana\u{FFFD})")
        #expect(lines[7] == "  \u{1B}[36mlow     \u{1B}[0m upcoming TRN-001  transparency")
        #expect(lines[8] == "      later (from 2027-08-02)")
        #expect(text.hasSuffix("x\n\n"))
    }

    @Test func tableWithoutColourHasNoEscapes() {
        var w = TableCheckWriter(settings: Self.settings, color: false)
        let text = w.add(Self.result())
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\n  critical open     DAT-001  -\n"))
    }

    @Test func sarifResultsAreJSONWithLocationsSuppressionsAndDueDates() throws {
        var input = ParsedInput()
        InputLoader.parse(data: Data("id: sx\nname: S\nowner: o\nstatus: production\nmodels:\n  - name: m\n    provider: p\n".utf8),
                          file: "dir with space/s.yaml", into: &input)
        let source = try #require(input.systems.first?.source)
        var w = SARIFCheckWriter(settings: Self.settings)
        _ = w.begin()
        let text = w.add(Self.result(source: source))
        let json = try JSONSerialization.jsonObject(with: Data(("[" + text + "]").utf8)) as? [[String: Any]]
        let results = try #require(json)
        #expect(results.count == 3)
        let first = results[0]
        #expect(first["ruleId"] as? String == "DAT-001")
        #expect(first["ruleIndex"] as? Int == RuleCatalog.builtIn.firstIndex { $0.id == "DAT-001" })
        #expect(first["level"] as? String == "error")
        #expect((first["message"] as? [String: Any])?["text"] as? String == "No data\nsource")
        let location = try #require((first["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir%20with%20space/s.yaml")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 1)
        let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["fullyQualifiedName"] as? String == "sys\u{1B}]0;x")
        let waived = results[1]
        #expect(waived["level"] as? String == "warning")
        let suppression = try #require((waived["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["justification"] as? String == "plan \"B\" (approved by ana\u{7}, expires 2027-01-31)")
        #expect(((waived["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            .flatMap { $0["region"] as? [String: Any] }?["startLine"] as? Int == 6)
        let upcoming = results[2]
        #expect(upcoming["kind"] as? String == "informational")
        #expect(upcoming["level"] as? String == "none")
        #expect((upcoming["message"] as? [String: Any])?["text"] as? String == "later (in force from 2027-08-02)")
        #expect((upcoming["properties"] as? [String: Any])?["due"] as? String == "2027-08-02")
        #expect(results.allSatisfy { ($0["properties"] as? [String: Any])?["system"] as? String == "sys\u{1B}]0;x" })
    }

    @Test func junitEscapesTextAndSkipsWaivedAndUpcomingChecks() {
        var r = Self.result()
        r.applicable = ["DAT-001", "FBK-002", "TRN-001", "GOV-999"]
        var w = JUnitCheckWriter(settings: Self.settings)
        let text = w.add(r)
        func title(_ id: String) -> String { x(RuleCatalog.builtIn.first { $0.id == id }?.title ?? "") }
        #expect(text == """
              <testsuite name="sys]0;x" tests="4" failures="1" errors="0" skipped="2">
                <properties><property name="score" value="50"/><property name="tier" value="\(r.system.tier.rawValue)"/><property name="rules" value="v3"/></properties>
                <testcase classname="sys]0;x" name="DAT-001 \(title("DAT-001"))">
                  <failure message="No data
            source" type="critical">[critical] : No data
            source
            Reference: Art. 10
            Fix: Record it</failure>
                </testcase>
                <testcase classname="sys]0;x" name="FBK-002 \(title("FBK-002"))">
                  <skipped message="waived until 2027-01-31 by ana: plan &quot;B&quot;"/>
                </testcase>
                <testcase classname="sys]0;x" name="TRN-001 \(title("TRN-001"))">
                  <skipped message="upcoming: in force from 2027-08-02"/>
                </testcase>
                <testcase classname="sys]0;x" name="GOV-999 "/>
              </testsuite>

            """)
    }
}

@Suite struct PrintableASCIITests {
    @Test func onlyPrintableASCIIPasses() {
        #expect(PrintableASCII.check(""))
        #expect(PrintableASCII.check(" ~abc-XYZ_0123 (Art. 10)"))
        for bad in ["\u{1F}", "a\u{7F}", "tab\there", "line\n", "é", "\u{1B}[31m", "🙂", "\u{0}"] {
            #expect(!PrintableASCII.check(bad), "\(bad.debugDescription)")
        }
        #expect(!PrintableASCII.check("a&b", special: { $0 == UInt8(ascii: "&") }))
        #expect(PrintableASCII.check("a+b", special: { $0 == UInt8(ascii: "&") }))
        let long = String(repeating: "Reference: Art. 10(2) ", count: 50)
        #expect(PrintableASCII.check(long))
        #expect(!PrintableASCII.check(long + "\u{85}"))
    }
}
