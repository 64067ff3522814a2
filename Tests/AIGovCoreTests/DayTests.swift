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

    /// `description` writes its ten bytes by hand: it must agree with the parts, zero-padded, on
    /// every kind of day from 0001-01-01 to 9999-12-31, and read back to the same day.
    @Test func everyDayPrintsAsItsPartsAndReadsBack() throws {
        var ordinals = Array(stride(from: Day.minOrdinal, through: Day.maxOrdinal, by: 97))
        ordinals += [Day.minOrdinal, Day.minOrdinal + 1, -1, 0, 1, Day.maxOrdinal - 1, Day.maxOrdinal]
        for o in ordinals {
            let day = Day(ordinal: o)
            let (y, m, d) = day.parts
            func padded(_ v: Int, _ width: Int) -> String {
                String(repeating: "0", count: max(0, width - String(v).count)) + String(v)
            }
            let expected = "\(padded(y, 4))-\(padded(m, 2))-\(padded(d, 2))"
            #expect(day.description == expected)
            #expect(Day(day.description) == day)
        }
        #expect(Day(ordinal: Day.minOrdinal).description == "0001-01-01")
        #expect(Day(ordinal: Day.maxOrdinal).description == "9999-12-31")
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
