import AIGovCore
import AIGovStore
import Foundation
import Testing
@testable import AIGovApp

/// The indexes that make imports linear find what the searches they replace found.
@Suite struct MergeIndexTests {
    /// Entries are found by identity whether the record held them, a merge appended them, or
    /// the importer wrote the record directly in between (which drops the indexes).
    @Test func mergesFindEntriesThroughDirectWrites() {
        var s = AISystem(id: "sys", name: "S", owner: "o", status: .pilot)
        s.models = [Model(name: "m", provider: "Big  Lab")]
        s.datasets = [Dataset(name: "d0")]
        var t = MergeTarget(s)
        var f = Merge.ModelFacts(name: "m", provider: "big lab")
        f.version = "2"
        #expect(Merge.model(f, into: &t) == nil)
        #expect(t.models.count == 1 && t.models[0].version == "2")
        #expect(Merge.model(Merge.ModelFacts(name: "m", provider: "Other"), into: &t)?.contains("already records a model named \"m\"") == true)
        for name in ["d1", "d0", "d1"] { Merge.dataset(Merge.DatasetFacts(name: name), into: &t) }
        #expect(t.datasets.map(\.name) == ["d0", "d1"])
        // A direct write: the next merge must see the entry it added.
        t.datasets.append(Dataset(name: "d2"))
        var d2 = Merge.DatasetFacts(name: "d2")
        d2.source = "x"
        Merge.dataset(d2, into: &t)
        #expect(t.datasets.map(\.name) == ["d0", "d1", "d2"] && t.datasets[2].source == "x")
        // Evidence: a link is kept when some entry of the kind has the uri, under any title.
        Merge.evidence(kind: .modelCard, title: "Card", uri: "https://a", sha256: nil, date: nil, into: &t)
        Merge.link(kind: .modelCard, title: "Other title", uri: "https://a", into: &t)
        #expect(t.evidence.count == 1)
        Merge.evidence(kind: .modelCard, title: "Card", uri: "https://b", sha256: nil, date: nil, into: &t)
        Merge.link(kind: .modelCard, title: "Other title", uri: "https://a", into: &t)
        #expect(t.evidence.map(\.title) == ["Card", "Other title"])
        for tag in ["a", "b", "a"] { Merge.tag(tag, into: &t) }
        #expect(t.tags == ["a", "b"])
    }

    /// New ids: the wanted one, then the first free suffix, skipping the registry's ids;
    /// many claims of one id do not retry the suffixes already taken.
    @Test func newIdsTakeTheFirstFreeSuffix() throws {
        var ids = NewIds()
        let registry: Set<String> = ["algo-3"]
        let claims = try (0..<5).map { _ in try ids.claim("algo") { registry.contains($0) } }
        #expect(claims == [["algo"], ["algo-2"], ["algo-4"], ["algo-5"], ["algo-6"]])
        let long = String(repeating: "x", count: 63)
        #expect(try ids.claim(long) { _ in false } == [long])
        #expect(try ids.claim(long) { _ in false } == [String(repeating: "x", count: 61) + "-2"])
    }

    /// One read of the registry answers what a scan per model found: a model by name and
    /// provider (spelled any way), and a name prefix before `@` or `/`, in id order.
    @Test func lookupMatchesModelsByKeyAndPrefix() throws {
        func system(_ id: String, _ models: [(String, String)], tags: [String] = []) -> AISystem {
            var s = AISystem(id: id, name: id, owner: "o", status: .pilot)
            s.models = models.map { Model(name: $0.0, provider: $0.1) }
            s.tags = tags
            return s
        }
        let path = NSTemporaryDirectory() + "aigov-lookup-\(UUID().uuidString).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let registry = try Registry.open(path: path, create: true)
        _ = try registry.apply(systems: [
            system("c-sys", [("fraud@champion", "internal")]),
            system("a-sys", [("fraud/Production", "Internal "), ("fraud-v2", "internal")]),
            system("b-sys", [("fraud", "other")], tags: ["algoritmeregister:x-1"]),
        ], actor: "t")
        let lookup = RegistryLookup(registry)
        #expect(try lookup.systems(recording: [], prefixes: [ModelKey(name: "fraud", provider: "internal")]) == ["a-sys", "c-sys"])
        #expect(try lookup.systems(recording: [ModelKey(name: "fraud", provider: "OTHER")], prefixes: []) == ["b-sys"])
        #expect(try lookup.systems(recording: [ModelKey(name: "fraud-v2", provider: "internal")],
                                   prefixes: [ModelKey(name: "fraud-v", provider: "internal")]) == ["a-sys"])
        #expect(try lookup.systems(tagged: "algoritmeregister:x-1") == ["b-sys"])
        #expect(try lookup.hasRegisterTag("b-sys") && !lookup.hasRegisterTag("a-sys"))
        #expect(try lookup.exists("c-sys") && !lookup.exists("d-sys"))
    }
}
