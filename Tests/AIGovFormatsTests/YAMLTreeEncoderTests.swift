import AIGovCore
@testable import AIGovFormats
import Foundation
import Testing
import Yams

/// `RecordWriter.yaml` builds its tree with `YAMLTreeEncoder` (linear) instead of Yams'
/// `YAMLEncoder` (quadratic in a list's length): the text must be the one `YAMLEncoder`
/// writes, byte for byte, so that `get -o yaml` output and the tree export do not change.
@Suite struct YAMLTreeEncoderTests {
    /// `YAMLEncoder` with the options `RecordWriter.yaml` used before.
    static func yams<T: Encodable>(_ value: T) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options = .init(indent: 2, width: -1, allowUnicode: true, sortKeys: false)
        return try encoder.encode(value)
    }

    @Test func everyFieldIsWrittenAsYamsWritesIt() throws {
        let s = try EveryField.record()
        #expect(try RecordWriter.yaml([s]) == Self.yams(s))
        #expect(try RecordWriter.yaml([s, s]) == Self.yams(s) + "---\n" + Self.yams(s))
    }

    @Test func awkwardTextIsQuotedAsYamsQuotesIt() throws {
        var s = AISystem(id: "odd", name: "true", owner: "123", status: .pilot)
        s.purpose = "line one\nline two: x\n"
        s.tags = ["", "null", "~", "- x", "a: b", "#c", "ü", "0x1F", "1.0", "yes", "'q'", "\"d\"", " lead", "trail "]
        s.contact = ""
        #expect(try RecordWriter.yaml([s]) == Self.yams(s))
    }

    /// Nested containers write themselves into their parent when released (so these come
    /// out last-made first, as `ClassificationReport`'s do), nil is `null`, and a list of
    /// 2,000 items is the same list.
    struct Shapes: Encodable {
        enum K: String, CodingKey { case a, b, c, d, e, f }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode("first", forKey: .a)
            var inner = c.nestedContainer(keyedBy: K.self, forKey: .b)
            try inner.encode(1, forKey: .a)
            try inner.encodeNil(forKey: .b)
            try inner.encode(Optional<String>.none, forKey: .c)
            var list = c.nestedUnkeyedContainer(forKey: .c)
            try list.encodeNil()
            try list.encode(true)
            for i in 0..<2_000 { try list.encode("item \(i)") }
            var deep = list.nestedContainer(keyedBy: K.self)
            try deep.encode(["x", "y"], forKey: .a)
            var sub = list.nestedUnkeyedContainer()
            try sub.encode(2.5)
            try c.encode(Day("2026-11-30"), forKey: .d)
            try c.encode("again", forKey: .a)
            try c.encode([String: Int](), forKey: .e)
            try c.encode([Int](), forKey: .f)
        }
    }

    @Test func containersNilAndLongListsAreWrittenAsYamsWritesThem() throws {
        #expect(try RecordWriter.yaml([Shapes()]) == Self.yams(Shapes()))
        #expect(try RecordWriter.yaml([[Shapes(), Shapes()]]) == Self.yams([Shapes(), Shapes()]))
    }
}
