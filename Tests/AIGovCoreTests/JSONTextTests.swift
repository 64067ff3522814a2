import AIGovCore
import Foundation
import Testing

/// The reports' byte writer quotes strings with `JSONText.appendQuoted` (#25): every string
/// must read back as itself, escapes where RFC 8259 needs them and nowhere else.
@Suite struct JSONTextTests {
    static let samples = [
        "", "plain", "quote \" and backslash \\", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
        "Bürgerservice – “Vertragsprüfung”", "separators \u{2028} and \u{2029} end", "emoji 🧭 and e\u{301}",
        "\u{2028}", "ends with \\", "\"", "trailing \u{E2}\u{80}", String(repeating: "x\"", count: 5000),
    ]

    @Test func quotedStringsReadBackAsThemselves() throws {
        for s in Self.samples {
            var bytes: [UInt8] = []
            JSONText.appendQuoted(s, to: &bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text == JSONText.quote(s))
            let back = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
            #expect(back == s, "\(s.debugDescription) → \(text.debugDescription)")
        }
    }

    @Test func escapesOnlyWhatMustBeEscaped() {
        #expect(JSONText.quote("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        #expect(JSONText.quote("x\u{2028}y") == #""x\u2028y""#)
        #expect(JSONText.quote("x\u{2028}y", escapeLineSeparators: false) == "\"x\u{2028}y\"")
        #expect(JSONText.quote("Prüfung – ok") == "\"Prüfung – ok\"")
        var appended: [UInt8] = Array("prefix ".utf8)
        JSONText.appendQuoted("v", to: &appended)
        #expect(String(decoding: appended, as: UTF8.self) == "prefix \"v\"")
    }
}
