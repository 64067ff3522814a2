import AIGovCore
import Foundation
import Testing
@testable import AIGovApp

/// The import mappings' text rules, table-tested without a registry.
@Suite struct ImportMappingTests {
    @Test func listLinesRoundTripOrStayWholeText() {
        var o = Oversight(mechanism: "The caseworker decides every case.")
        o.who = "Sachbearbeitung"
        #expect(AlgorithmRegister.parseOversight(AlgorithmRegister.oversightLine(o)) == o)
        #expect(AlgorithmRegister.parseOversight("Stop button (red)").mechanism == "Stop button")
        #expect(AlgorithmRegister.parseOversight("No human check").who == nil)

        var r = Risk(description: "Bias against applicants with disabilities")
        r.severity = .high
        r.mitigation = "Feature removed. Quarterly parity report"
        #expect(AlgorithmRegister.parseRisk(AlgorithmRegister.riskLine(r)) == r)
        #expect(AlgorithmRegister.parseRisk("Free text about risks.") == Risk(description: "Free text about risks."))

        var m = Model(name: "eligibility-gbm", provider: "Kommunal-IT")
        m.version = "2.4.0"
        m.technique = .machineLearning
        #expect(AlgorithmRegister.parseModel(AlgorithmRegister.modelLine(m)) == m)
        #expect(AlgorithmRegister.parseModel("Het model is een beslisboom — zie de website voor details; extra") == nil)
        #expect(AlgorithmRegister.parseModel("A decision tree") == nil)

        #expect(AlgorithmRegister.parseDataset("BRP (Basisregistratie Personen)") == ("BRP", "Basisregistratie Personen"))
        #expect(AlgorithmRegister.parseDataset("Sensordata").source == nil)

        #expect(AlgorithmRegister.render([]) == nil)
        #expect(AlgorithmRegister.render(["one"]) == "one")
        #expect(AlgorithmRegister.render(["a", "b"]) == "- a\n- b")
        #expect(AlgorithmRegister.lines("- a\n- b") == ["a", "b"])
        #expect(AlgorithmRegister.lines("First paragraph.\n- but not a list") == ["First paragraph.\n- but not a list"])
    }

    @Test func registerHTMLBecomesPlainTextAndLengthsIgnoreTags() {
        #expect(AlgorithmRegister.plainText("<p>Gegevens:</p><ul><li>BRP</li><li>BAG &amp; BGT</li></ul>") == "Gegevens:\n- BRP\n- BAG & BGT")
        #expect(AlgorithmRegister.plainText("  plain text  ") == "plain text")
        #expect(AlgorithmRegister.length("<p>abc</p>") == 3)
        #expect(AlgorithmRegister.length("Übersetzung") == 11)
    }

    @Test func idsFromNamesAndMonths() {
        #expect(AlgorithmRegisterImport.slug("Übersetzungshilfe Ausländerbehörde") == "ubersetzungshilfe-auslanderbehorde")
        #expect(AlgorithmRegisterImport.slug("Straße — 2024!") == "strasse-2024")
        #expect(AlgorithmRegisterImport.slug("?") == "algorithm")
        #expect(AlgorithmRegisterImport.slug(String(repeating: "a", count: 80)).count == 63)
        #expect(AlgorithmRegisterImport.month("2023-01")?.description == "2023-01-01")
        #expect(AlgorithmRegisterImport.month("2023-01-17")?.description == "2023-01-01")
        #expect(AlgorithmRegisterImport.month("2023") == nil)
        #expect(AlgorithmRegisterImport.month("2023-13") == nil)
    }

    @Test func modelCardFrontMatterAndSizes() {
        #expect(HuggingFaceImport.frontMatter("---\nlicense: mit\n---\n# Card") == "license: mit")
        #expect(HuggingFaceImport.frontMatter("\u{FEFF}---\r\nlicense: mit\r\n---\r\n") == "license: mit")
        #expect(HuggingFaceImport.frontMatter("# Card\n---\nlicense: mit\n---\n") == nil)
        #expect(HuggingFaceImport.frontMatter("---\nlicense: mit\n") == nil)
        #expect(HuggingFaceImport.size(in: "zephyr-7b-beta") == "7B")
        #expect(HuggingFaceImport.size(in: "polyglot-mt-1.3b") == "1.3B")
        #expect(HuggingFaceImport.size(in: "whisper-350m") == "350M")
        #expect(HuggingFaceImport.size(in: "roberta-base-squad2") == nil)
        #expect(HuggingFaceImport.size(in: "bert-base-uncased") == nil)
    }

    @Test func jsonReaderIsStrictAndBounded() throws {
        let pair = try ImportJSON.parseStream(Data(#"{"a": "\ud83d\ude00"} {"b": [1, 2.50, -0.1e3]}"#.utf8))
        #expect(pair.values.count == 2)
        #expect(pair.values[0]["a"]?.text == "😀")
        #expect(pair.values[1]["b"]?.items.map(\.text) == ["1", "2.50", "-0.1e3"])
        let dup = try ImportJSON.parseStream(Data(#"{"a": 1, "a": 2}"#.utf8))
        #expect(dup.duplicates.map(\.key) == ["a"])
        for bad in [#"{"a": 01}"#, #"{'a': 1}"#, #"[1,]"#, #""\ud800""#, "[NaN]", #"{"a": "x"#, String(repeating: "[", count: 70)] {
            #expect(throws: ImportJSON.Failure.self, "\(bad)") { try ImportJSON.parseStream(Data(bad.utf8)) }
        }
    }

    @Test func exportRefusesOverflowAndMissingFieldsNamingThem() {
        var s = AISystem(id: "benefit-check", name: String(repeating: "x", count: 101), owner: "Gemeente", status: .production)
        s.purpose = "Checks applications"
        guard case let .failure(f) = AlgorithmRegister.export(s) else {
            Issue.record("a 101-character name was exported")
            return
        }
        #expect(f.problems.map(\.description) == [
            "benefit-check: contact_email: required, but the record has no contact (an e-mail address or https:// page for questions about the algorithm)",
            "benefit-check: name: 101 characters, more than the register's limit of 100; shorten the record (nothing is cut)",
        ])
        s.name = "Benefit check"
        s.contact = "algoritmes@example.org"
        guard case let .success(json) = AlgorithmRegister.export(s) else {
            Issue.record("a complete record was refused")
            return
        }
        #expect(json.contains(#""publication_category": "Overige algoritmes""#))
        #expect(json.contains(#""source_id": "benefit-check""#))
    }
}
