import AIGovCore
@testable import AIGovFormats
import Foundation
import Testing

private func read(_ text: String, file: String = "t.yaml") -> ParsedInput {
    var out = ParsedInput()
    InputLoader.parse(data: Data(text.utf8), file: file, into: &out)
    return out
}

@Suite struct ReaderTests {
    @Test func scalarsKeepTheirTextExactly() {
        let r = read("id: ab\nname: A\nowner: o\nstatus: pilot\nmodels:\n  - name: m\n    provider: p\n    version: 5.10\n  - name: n\n    provider: p\n    version: 007\n")
        #expect(r.problems.isEmpty)
        #expect(r.systems.first?.system.models.map(\.version) == ["5.10", "007"])
    }

    @Test func datesQuotedOrNot() {
        let r = read("id: ab\nname: A\nowner: o\nstatus: pilot\nreview:\n  last_reviewed: '2026-01-02'\nstatus_since: 2026-02-29\n")
        #expect(r.problems.map(\.description) == ["t.yaml:status_since: expected a date YYYY-MM-DD, got \"2026-02-29\""])
        let ok = read("id: ab\nname: A\nowner: o\nstatus: pilot\nreview:\n  last_reviewed: '2026-01-02'\nstatus_since: 2028-02-29\n")
        #expect(ok.systems.first?.system.review?.lastReviewed == Day("2026-01-02"))
        #expect(ok.systems.first?.system.statusSince == Day("2028-02-29"))
    }

    @Test func streamsAndTopLevelListsHoldSeveralDocuments() {
        let stream = read("id: aa\nname: A\nowner: o\nstatus: pilot\n---\nkind: waiver\nsystem: aa\nrule: FBK-001\nreason: r\napproved_by: x\nexpires: 2027-01-01\n")
        #expect(stream.systems.count == 1 && stream.waivers.count == 1)
        let list = read("[{\"id\": \"aa\", \"name\": \"A\", \"owner\": \"o\", \"status\": \"pilot\"}, {\"id\": \"bb\", \"name\": \"B\", \"owner\": \"o\", \"status\": \"retired\"}]", file: "l.json")
        #expect(list.problems.isEmpty)
        #expect(list.systems.map(\.system.id) == ["aa", "bb"])
        let bad = read("[{\"id\": \"aa\", \"name\": \"A\", \"owner\": \"o\", \"status\": \"pilot\"}, {\"id\": \"bb\", \"owner\": \"o\", \"status\": \"gone\"}]", file: "l.json")
        #expect(bad.problems.map(\.description).contains("l.json:[1].status: expected one of proposed, development, pilot, production, retired, got \"gone\""))
        #expect(bad.problems.map(\.description).contains("l.json:[1].name: missing required key \"name\""))
    }

    @Test func nullAndOmittedAreTheSame() {
        let r = read("id: ab\nname: A\nowner: o\nstatus: pilot\ncontact: null\ntags: ~\neu_ai_act:\n  eu_database_id: null\n")
        #expect(r.problems.isEmpty)
        #expect(r.systems.first?.system.contact == nil)
        #expect(r.systems.first?.system.tags == [])
        #expect(r.systems.first?.system.euAiAct?.euDatabaseId == nil)
    }

    @Test func singlePurposeIsAOneItemList() {
        let r = read("id: ab\nname: A\nowner: o\nstatus: pilot\ndatasets:\n  - name: d\n    purpose: retrieval\n  - name: e\n    purpose: [training, testing]\n")
        #expect(r.systems.first?.system.datasets.map(\.purpose) == [[.retrieval], [.training, .testing]])
    }

    @Test func everyProblemIsCollected() {
        let r = read("""
            id: ab
            name: A
            owner: o
            status: pilot
            models: {name: x}
            datasets:
              - name: d
                personal_data: yes please
                collected: 2024..2025
            evidence:
              - kind: rumour
                sha256: abc
            oversight:
              - who: nobody
                response_minutes: soon
            review:
              interval_days: 0
            """)
        let lines = Set(r.problems.map(\.description))
        #expect(lines == [
            "t.yaml:models: expected a list, got a mapping",
            "t.yaml:datasets[0].personal_data: expected true or false, got \"yes please\"",
            "t.yaml:datasets[0].collected: expected a period YYYY-MM-DD..YYYY-MM-DD, got \"2024..2025\"",
            "t.yaml:evidence[0].kind: expected one of \(EvidenceKind.spellings), got \"rumour\"",
            "t.yaml:evidence[0].title: missing required key \"title\"",
            "t.yaml:evidence[0].sha256: expected 64 hexadecimal characters, got \"abc\"",
            "t.yaml:oversight[0].mechanism: missing required key \"mechanism\"",
            "t.yaml:oversight[0].response_minutes: expected a whole number from 0 to 10000000, got \"soon\"",
            "t.yaml:review.interval_days: expected a whole number from 1 to 36500, got 0",
        ])
    }

    @Test func duplicateKeysAndHostileInput() {
        let dup = read("id: ab\nname: A\nname: B\nowner: o\nstatus: pilot\n")
        #expect(dup.problems.map(\.description) == ["t.yaml: duplicate key \"name\" in the mapping at line 2"])
        var lol = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { lol += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n" }
        let bomb = read(lol)
        #expect(bomb.problems.first?.message.contains("expands to more than") == true)
        let nul = read("id: ab\u{0}\n")
        #expect(nul.problems.first?.message == "contains a NUL byte")
        var bytes = Data("id: ".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        var out = ParsedInput()
        InputLoader.parse(data: bytes, file: "b.yaml", into: &out)
        #expect(out.problems.first?.message == "not valid UTF-8 text")
        let deep = read(String(repeating: "[", count: 200) + String(repeating: "]", count: 200))
        #expect(deep.problems.first?.message.contains("nesting deeper") == true)
    }

    @Test func findingPathsMapToLines() {
        let r = read("id: ab\nname: A\nowner: o\nstatus: pilot\nmodels:\n  - name: m\n    provider: p\n  - name: n\n    provider: p\n    version: latest\n")
        let src = r.systems[0].source
        #expect(src.line(of: "models[1].version") == 10)
        #expect(src.line(of: "models[1]") == 8)
        #expect(src.line(of: "fallbacks") == 1)
    }
}

@Suite struct WriterTests {
    @Test func yamlRoundTripsEveryField() throws {
        var s = AISystem(id: "ab", name: "Ä \"quoted\": yes", owner: "true", status: .production)
        s.contact = ""
        s.tags = ["1.0", "null"]
        var m = Model(name: "m", provider: "p")
        m.version = "5.10"
        m.endOfLife = Day("2027-01-01")
        s.models = [m]
        var e = EUAIAct()
        e.annexIProduct = false
        s.euAiAct = e
        let yaml = try RecordWriter.yaml([s])
        let back = read(yaml)
        #expect(back.problems.isEmpty)
        #expect(back.systems.first?.system == s)
    }

    @Test func setterAppliesDottedKeysAndValidates() throws {
        let s = AISystem(id: "ab", name: "A", owner: "o", status: .pilot)
        let (a, p) = FieldSetter.parse(["eu_ai_act.tier=high", "oversight[0].mechanism=Stop button", "tags=[a, b]", "contact=x"])
        #expect(p.isEmpty)
        let out = try FieldSetter.apply(a, to: s)
        #expect(out.tier == .high)
        #expect(out.oversight.first?.mechanism == "Stop button")
        #expect(out.tags == ["a", "b"])
        let (unset, _) = FieldSetter.parse(["contact="])
        #expect(try FieldSetter.apply(unset, to: out).contact == nil)
        let (bad, _) = FieldSetter.parse(["models[3].name=x"])
        #expect(throws: InputRejected.self) { try FieldSetter.apply(bad, to: s) }
        let (_, idProblem) = FieldSetter.parse(["id=other", "noequals"])
        #expect(idProblem.count == 2)
    }

    @Test func csvNeutralisesFormulas() {
        #expect(CSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.cell("+1") == "'+1")
        #expect(CSV.cell("-1") == "'-1")
        #expect(CSV.cell("@SUM") == "'@SUM")
        #expect(CSV.cell("\tx") == "'\tx")
        #expect(CSV.cell("a,b") == "\"a,b\"")
        #expect(CSV.cell("plain") == "plain")
        // Line breaks of every kind are quoted (CR LF is one Character, but two bytes that
        // would end the record).
        #expect(CSV.cell("a\r\nb") == "\"a\r\nb\"")
        #expect(CSV.cell("\rx") == "\"'\rx\"")
        #expect(CSV.cell("Prüfung – \"ok\"") == "\"Prüfung – \"\"ok\"\"\"")
        #expect(CSV.row(["a", "=b", "c,d"]) == "a,'=b,\"c,d\"\r\n")
    }

    @Test func terminalTextIsSanitised() {
        #expect(TextTable.sanitize("a\u{1B}[31mred\u{7}") == "a\u{241B}[31mred\u{FFFD}")
        #expect(TextTable.sanitize("x\u{9B}y") == "x\u{FFFD}y")
    }
}

@Suite struct NodeEncoderTests {
    /// The tree `set` edits must read back as the same record, for every field.
    @Test func nodeTreeReadsBackAsTheSameRecord() throws {
        var s = AISystem(id: "ab", name: "Ä: \"q\"", owner: "true", status: .production)
        s.contact = ""
        s.tags = ["1.0", "null"]
        var m = Model(name: "m", provider: "p")
        m.version = "5.10"
        m.endOfLife = Day("2027-01-01")
        m.alternatives = ["x"]
        s.models = [m]
        var e = EUAIAct()
        e.annexIProduct = false
        e.tier = .high
        s.euAiAct = e
        var r = Review()
        r.intervalDays = 30
        s.review = r
        var d = Dataset(name: "d")
        d.purpose = [.training]
        s.datasets = [d]
        let node = try NodeEncoder().encode(s)
        let sink = ProblemSink(file: "t")
        #expect(RecordReader.system(node, path: "", sink: sink) == s)
        #expect(sink.problems.isEmpty)
    }

    struct Nested: Encodable {
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            var inner = c.nestedContainer(keyedBy: K.self, forKey: .a)
            try inner.encode("x", forKey: .b)
            var list = c.nestedUnkeyedContainer(forKey: .b)
            try list.encode(1)
            var deep = list.nestedContainer(keyedBy: K.self)
            try deep.encode(true, forKey: .a)
        }
        enum K: String, CodingKey { case a, b }
    }

    @Test func nestedContainersWriteThrough() throws {
        let node = try NodeEncoder().encode(Nested())
        #expect(node["a"]?["b"] == Node(.scalar("x", plain: false)))
        guard case let .list(items)? = node["b"]?.kind else { Issue.record("b is not a list"); return }
        #expect(items.count == 2)
        #expect(items[1]["a"] == Node(.scalar("true", plain: true)))
    }
}

@Suite struct JSONStringTests {
    @Test(arguments: ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{1}\u{1F}", "é ü 漢字 🚀", "sep\u{2028}x\u{2029}", ""])
    func quotedStringsParseBack(_ text: String) throws {
        let json = "[" + q(text) + "]"
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(back == [text])
        #expect(!json.contains("\u{2028}"))
    }
}
