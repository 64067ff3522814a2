import AIGovCore
import Testing

@Suite struct DayTests {
    @Test(arguments: ["2026-11-24", "2000-02-29", "1970-01-01", "2099-12-31"])
    func parsesAndPrints(_ text: String) {
        #expect(Day(text)?.description == text)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", ""])
    func rejects(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func arithmetic() throws {
        let d = try #require(Day("2026-11-24"))
        #expect(d.adding(days: 7).description == "2026-12-01")
        #expect(try #require(Day("2027-12-02")).days(since: d) == 373)
        #expect(Day(unixSeconds: 0).description == "1970-01-01")
        #expect(Day(unixSeconds: 1_795_478_400).description == "2026-11-24")
    }

    @Test func severityOrder() {
        #expect(Severity.critical > Severity.high)
        #expect(Severity.info < Severity.low)
    }
}

@Suite struct DiffTests {
    @Test func changedFieldsNameWhatDiffers() {
        var a = AISystem(id: "ab", name: "A", owner: "o", status: .pilot)
        a.models = [Model(name: "m", provider: "p")]
        var b = a
        #expect(b.changedFields(from: a).isEmpty)
        b.contact = "x"
        b.euAiAct = EUAIAct()
        b.euAiAct?.tier = .high
        b.models[0].version = "2"
        b.review = Review()
        #expect(b.changedFields(from: a) == ["contact", "eu_ai_act.tier", "review", "models"])
    }
}
