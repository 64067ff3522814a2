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

    /// The escape, one scalar at a time: the oracle of the eight-bytes-at-a-time scan.
    static func reference(_ s: String, escapeLineSeparators: Bool = true) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}" where escapeLineSeparators: out += "\\u2028"
            case "\u{2029}" where escapeLineSeparators: out += "\\u2029"
            case _ where u.value < 0x20: out += "\\u00" + String(format: "%02x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// Each byte that needs an escape (and 0xE2 lead bytes that do not), at every offset from
    /// an eight-byte word, in strings of every length up to 40, with both settings.
    @Test func escapesAtEveryOffsetOfTheWordScan() {
        let specials = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "–", "€", "é", "🧭", "\u{7F}", " "]
        var differ: [String] = []
        for length in 0...40 {
            for special in specials {
                for at in stride(from: 0, through: length, by: 1) {
                    let s = String(repeating: "a", count: at) + special + String(repeating: "b", count: length - at)
                    for lines in [true, false] {
                        var bytes: [UInt8] = []
                        JSONText.appendQuoted(s, to: &bytes, escapeLineSeparators: lines)
                        if String(decoding: bytes, as: UTF8.self) != Self.reference(s, escapeLineSeparators: lines) {
                            differ.append(s.debugDescription)
                        }
                    }
                }
            }
        }
        #expect(differ.isEmpty, "\(differ.prefix(5))")
        for s in Self.samples { #expect(JSONText.quote(s) == Self.reference(s)) }
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
