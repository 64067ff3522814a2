import AIGovCore
import Foundation
import Testing

/// `trimmingSpaces` and `trimmingWhitespace` replace Foundation's `trimmingCharacters(in:)`
/// on the hot paths (#25): they must trim exactly what Foundation trims, for every scalar of
/// the Basic Multilingual Plane (and a few beyond), at either end, alone or around text.
@Suite struct TrimmingTests {
    @Test func trimLikeFoundationForEveryScalar() {
        var scalars: [Unicode.Scalar] = (0...0xFFFF).compactMap { Unicode.Scalar(UInt32($0)) }
        scalars += [Unicode.Scalar(0x1F9ED)!, Unicode.Scalar(0xE0020)!, Unicode.Scalar(0x10FFFF)!]
        var differ: [String] = []
        for u in scalars {
            let c = String(u)
            for s in [c, c + "x" + c, "x" + c, c + "x", c + c + " y\t" + c, "a" + c + "b"] {
                if s.trimmingSpaces != s.trimmingCharacters(in: .whitespaces) { differ.append("spaces U+\(String(u.value, radix: 16))") }
                if s.trimmingWhitespace != s.trimmingCharacters(in: .whitespacesAndNewlines) {
                    differ.append("whitespace U+\(String(u.value, radix: 16))")
                }
            }
        }
        let distinct = Array(Set(differ)).sorted()
        #expect(distinct.isEmpty, "\(distinct.prefix(8))")
    }

    @Test func examples() {
        #expect("  name \t".trimmingSpaces == "name")
        #expect("\n name \n".trimmingSpaces == "\n name \n")
        #expect("\n name \r\n".trimmingWhitespace == "name")
        #expect("\u{3000}\u{A0}\u{200B}".trimmingSpaces.isEmpty)
        #expect(" e\u{301} ".trimmingSpaces == "e\u{301}")
        #expect(Substring("  x  ").trimmingWhitespace == "x")
    }
}
