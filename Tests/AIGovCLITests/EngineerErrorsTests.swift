import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// What an engineer sees of a bad file (#27): each problem with the line and column of its key,
/// the nearest valid key or value, and, in SARIF and JUnit, results a CI reader shows.
@Suite struct EngineerErrorsTests {
    static let bad = """
        id: x-1
        name: X
        owner: o
        status: productoin
        purpse: p
        models:
          - name: m
            provider: p
            hosting: selfhosted

        """

    @Test func problemsNameTheKeysPositionAndTheNearestValidSpelling() throws {
        let t = TempDir()
        let file = t.write("bad.yaml", Self.bad)
        let r = try CLI.run(["apply", "-f", file], db: t.file("r.db"))
        #expect(r.code == 2)
        #expect(r.err.contains("bad.yaml:purpse: unknown key \"purpse\""), "\(r.err)")
        #expect(r.err.contains("did you mean \"purpose\"? (line 5, column 1)"), "\(r.err)")
        #expect(r.err.contains("bad.yaml:status: expected one of proposed, development, pilot, production, retired, got \"productoin\"; did you mean \"production\"? (line 4, column 1)"), "\(r.err)")
        #expect(r.err.contains("bad.yaml:models[0].hosting:") && r.err.contains("did you mean \"self-hosted\"? (line 9, column 5)"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: t.file("r.db")))
        // JSON input names positions too.
        let json = t.write("bad.json", "{\"id\": \"x-1\", \"name\": \"X\", \"owner\": \"o\",\n  \"status\": \"pilot\", \"purpse\": 1}\n")
        let j = try CLI.run(["check", "-f", json])
        #expect(j.code == 2)
        #expect(j.err.contains("bad.json:purpse: unknown key") && j.err.contains("(line 2, column 22)"), "\(j.err)")
        // A word far from every key gets no suggestion.
        let far = t.write("far.yaml", "id: x-1\nname: X\nowner: o\nstatus: pilot\nzzzzzz: 1\n")
        let f = try CLI.run(["check", "-f", far])
        #expect(f.code == 2 && !f.err.contains("did you mean"), "\(f.err)")
    }

    @Test func sarifAndJUnitReportARejectedInputAsResults() throws {
        let t = TempDir()
        let file = t.write("bad.yaml", Self.bad)
        let sarif = try CLI.run(["check", "-f", file, "-o", "sarif"])
        #expect(sarif.code == 2)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.out.utf8)) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["ruleId"] as? String == "AIGOV-INPUT" && $0["level"] as? String == "error" })
        let purpse = try #require(results.first { (($0["message"] as? [String: Any])?["text"] as? String ?? "").contains("purpse") })
        let region = (((purpse["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(region?["startLine"] as? Int == 5 && region?["startColumn"] as? Int == 1, "\(String(describing: region))")
        #expect((run["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool == false)

        let junit = try CLI.run(["check", "-f", file, "-o", "junit"])
        #expect(junit.code == 2)
        let xml = try XMLDocument(data: Data(junit.out.utf8))
        let suite = try #require(xml.rootElement()?.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue == "input")
        #expect(suite.attribute(forName: "failures")?.stringValue == "3")
        #expect(suite.elements(forName: "testcase").contains { $0.attribute(forName: "name")?.stringValue?.hasSuffix("bad.yaml:status") == true })
    }
}
