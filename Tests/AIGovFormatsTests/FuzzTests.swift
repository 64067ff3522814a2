import AIGovCore
@testable import AIGovFormats
import Foundation
import Testing

/// Seeded, bounded fuzzing of the reader: random and mutated YAML/JSON must always end in
/// records or problems, never a crash or a hang.
@Suite struct FuzzTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let seedDocs: [String] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AIGovCLITests/Fixtures/examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    }()

    static let fragments = ["\u{0}", "\u{1B}[2J", "&a [1, 2]", "*a", "<<: *a", "!!binary aGVsbG8=", "? [a]: b", "---", "...",
                            "{", "[", "\"", "'", "\t", ": :", "- - -", "%YAML 1.1", "\u{FEFF}", "ðŸ’¥", "null", "~", "1e999",
                            "0x1F", "2026-02-30", String(repeating: "x", count: 70_000), "id: ok-id", "models: 5", "&b [*b]"]

    static func mutate(_ text: String, _ rng: inout RNG) -> Data {
        var bytes = Array(text.utf8)
        for _ in 0...rng.below(6) {
            switch rng.below(6) {
            case 0 where !bytes.isEmpty: bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 1 where !bytes.isEmpty: bytes.remove(at: rng.below(bytes.count))
            case 2:
                let f = Array(fragments[rng.below(fragments.count)].utf8)
                bytes.insert(contentsOf: f, at: rng.below(bytes.count + 1))
            case 3 where bytes.count > 10:
                let a = rng.below(bytes.count - 5), n = rng.below(min(200, bytes.count - a))
                bytes.insert(contentsOf: bytes[a..<(a + n)], at: rng.below(bytes.count))
            case 4:
                let depth = rng.below(3000)
                bytes += Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            default:
                let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count > 2 {
                    var l = lines
                    l.swapAt(rng.below(l.count), rng.below(l.count))
                    bytes = Array(l.joined(separator: "\n").utf8)
                }
            }
        }
        return Data(bytes)
    }

    @Test func mutatedDocumentsNeverCrash() {
        var rng = RNG(state: 20_261_124)
        var parsed = 0, rejected = 0
        let deadline = Date().addingTimeInterval(20)
        for i in 0..<1500 where Date() < deadline {
            let seed = Self.seedDocs.isEmpty ? "id: x\n" : Self.seedDocs[i % Self.seedDocs.count]
            var out = ParsedInput()
            InputLoader.parse(data: Self.mutate(seed, &rng), file: "fuzz-\(i).yaml", into: &out)
            if out.problems.isEmpty { parsed += 1 } else { rejected += 1 }
            for p in out.problems { #expect(!p.message.isEmpty) }
        }
        #expect(parsed + rejected > 100)
        #expect(rejected > 0)
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var doc = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = "bcdefghijklmnop".map(String.init)
        var prev = "a"
        for n in names {
            doc += "\(n): &\(n) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
            prev = n
        }
        let start = Date()
        var out = ParsedInput()
        InputLoader.parse(data: Data(doc.utf8), file: "lol.yaml", into: &out)
        #expect(out.problems.first?.message.contains("expands to more than") == true)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func hugeStringsAndManyDocuments() {
        let big = String(repeating: "é", count: 2_000_000)
        var out = ParsedInput()
        InputLoader.parse(data: Data("id: big-one\nname: \"\(big)\"\nowner: o\nstatus: pilot\n".utf8), file: "big.yaml", into: &out)
        #expect(out.problems.isEmpty)
        #expect(out.systems.first?.system.name.count == 2_000_000)
        var tooBig = ParsedInput()
        InputLoader.parse(data: Data(count: InputLimits.maxFileBytes + 1), file: "huge.yaml", into: &tooBig)
        #expect(tooBig.problems.first?.message.contains("larger than") == true)
    }
}
