import AIGovCore
import AIGovFormats
@testable import AIGovStore
import Crypto
import Foundation
import Testing

/// The direct writers of the write path (canonical JSON of a system, JSON lists, the audit hash)
/// give byte for byte what JSONEncoder and the audit entry's canonical text give, for every
/// field and the awkward characters (controls, quotes, slashes, U+2028, combining marks).
@Suite struct CanonicalWriterTests {
    static func viaEncoder<T: Encodable>(_ v: T) -> String { Canonical.json(v) }

    static let nasty: [String] = {
        var all = ""
        for c in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        return [all, "a/b\\c\"d", "\u{2028}\u{2029}é😀\u{FEFF}e\u{301}", "", "plain", "line\nbreak\ttab\u{8}\u{c}\r"]
    }()

    static func mangled(_ base: AISystem, _ t: String) -> AISystem {
        var s = base
        s.name = t
        s.purpose = t + "p"
        s.tags = [t, "x", t]
        s.legalBasis = t
        if s.euAiAct != nil { s.euAiAct?.rationale = t }
        if !s.models.isEmpty { s.models[0].rationale = t; s.models[0].alternatives = [t, "/"] }
        if !s.datasets.isEmpty { s.datasets[0].knownLimitations = t; s.datasets[0].derivedFrom = [t] }
        if s.impact != nil { s.impact?.affectedGroups = [t, t] }
        if s.classification != nil { s.classification?.notes = t }
        if s.registration != nil { s.registration?.memberStates = [t] }
        return s
    }

    @Test func canonicalSystemJSONMatchesJSONEncoder() throws {
        let full = try EveryFieldStoreTests.record()
        var minimal = AISystem(id: "m", name: "n", owner: "o", status: .proposed)
        var emptyBlocks = minimal
        emptyBlocks.euAiAct = EUAIAct()
        emptyBlocks.impact = Impact()
        emptyBlocks.review = Review()
        emptyBlocks.fria = FRIA()
        emptyBlocks.registration = Registration()
        var c = Classification(assessed: Day("2026-01-02")!, assessor: "a")
        c.answers = ClassificationAnswers()
        c.answers?.annexI = AnnexIAnswers()
        emptyBlocks.classification = c
        emptyBlocks.models = [Model(name: "m", provider: "p")]
        emptyBlocks.oversight = [Oversight(mechanism: "x")]
        emptyBlocks.review?.intervalDays = -12
        minimal.tags = []
        var cases = [full, minimal, emptyBlocks]
        for t in Self.nasty { cases.append(Self.mangled(full, t)); cases.append(Self.mangled(emptyBlocks, t)) }
        for s in cases {
            let fast = Canonical.json(s)
            let slow = Self.viaEncoder(s)
            #expect(fast == slow)
            #expect(Array(fast.utf8) == Array(slow.utf8))
        }
        #expect(Canonical.json(full).count > 2000)
    }

    @Test func jsonListMatchesJSONEncoder() throws {
        for t in Self.nasty + ["a", "b c", "ü", "x/y"] {
            for list in [[t], [t, "q"], ["q", t, t]] {
                let slow = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
                #expect(SystemRows.jsonList(list) == slow)
                #expect(SystemRows.parseList(SystemRows.jsonList(list)) == list)
            }
        }
    }

    @Test func auditHashMatchesCanonicalContent() throws {
        let full = try EveryFieldStoreTests.record()
        for t in Self.nasty {
            let json = Canonical.json(Self.mangled(full, t))
            for (before, after) in [(nil, json), (json, json + "x"), (json, nil), (t, t)] as [(String?, String?)] {
                for rv in [nil, 1, 42] as [Int?] {
                    let e = AuditEntry(seq: 17, at: "2026-01-01T00:00:00Z", actor: t + "actor", action: "update", entity: "system",
                                       entityId: t, rowVersion: rv, changes: SystemRows.jsonList([t, "name"]), before: before,
                                       after: after, prevHash: AuditEntry.genesis)
                    let reference = SHA256.hash(data: Data(e.canonicalContent.utf8)).map { String(format: "%02x", $0) }.joined()
                    #expect(e.hash == reference)
                    #expect(e.computedHash == reference)
                }
            }
        }
    }
}
