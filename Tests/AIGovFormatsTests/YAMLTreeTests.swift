import AIGovCore
@testable import AIGovFormats
import Foundation
import Testing
import class Yams.Parser
import enum Yams.YamlError

/// `YAMLTree` reads libyaml's events into one tree (issue #25). Its oracle is what the reader
/// did before: Yams composed each document and `Node.from` converted it. Every input here —
/// the fixtures, hand-made hard cases and seeded mutations of the fixtures — must give the
/// same trees (texts, kinds, lines and columns, key positions) or the same problem.
@Suite struct YAMLTreeTests {
    typealias Outcome = Result<InputLoader.Parsed, InputProblem>

    /// The reader before #25, kept here as the oracle.
    static func oracle(_ text: String, file: String) -> Outcome {
        var roots: [Node] = []
        var raw: [(path: String, line: Int, message: String)] = []
        do {
            var budget = InputLimits.maxNodes
            let parser = try Parser(yaml: text, resolver: .basic)
            while let doc = try parser.nextRoot() {
                roots.append(try Node.from(doc, path: "", budget: &budget, problems: &raw))
            }
            return .success((roots, raw))
        } catch let NodeError.tooLarge(msg) {
            return .failure(InputProblem(file: file, path: "", message: msg))
        } catch let e as YamlError {
            return .failure(InputLoader.yamlProblem(e, file: file))
        } catch {
            return .failure(InputProblem(file: file, path: "", message: "malformed YAML/JSON: \(error)"))
        }
    }

    /// Why the two outcomes differ, or nil when they are the same.
    static func difference(_ text: String) -> String? {
        let a = oracle(text, file: "f.yaml"), b = InputLoader.parseYAML(text, file: "f.yaml")
        switch (a, b) {
        case let (.success(x), .success(y)):
            if x.roots != y.roots { return "trees differ: " + (firstDifference(x.roots, y.roots, at: "") ?? "?") }
            let p = x.problems.map { "\($0.path)|\($0.line)|\($0.message)" }, q = y.problems.map { "\($0.path)|\($0.line)|\($0.message)" }
            return p == q ? nil : "problems differ: \(p) vs \(q)"
        case let (.failure(x), .failure(y)):
            return x.path == y.path && x.line == y.line && x.message == y.message ? nil : "failures differ: \(x.located) vs \(y.located)"
        case let (.success, .failure(y)): return "only the new reader fails: \(y.located)"
        case let (.failure(x), .success): return "only the old reader fails: \(x.located)"
        }
    }

    /// Where two lists of trees first differ, and how.
    static func firstDifference(_ a: [Node], _ b: [Node], at path: String) -> String? {
        if a.count != b.count { return "\(path): \(a.count) vs \(b.count) nodes" }
        for (i, (x, y)) in zip(a, b).enumerated() {
            let here = "\(path)[\(i)]"
            if (x.line, x.column, x.keyLine, x.keyColumn) != (y.line, y.column, y.keyLine, y.keyColumn) {
                return "\(here): at \(x.line):\(x.column) key \(x.keyLine):\(x.keyColumn) vs \(y.line):\(y.column) key \(y.keyLine):\(y.keyColumn)"
            }
            switch (x.kind, y.kind) {
            case let (.scalar(p, q), .scalar(r, t)) where p != r || q != t: return "\(here): \(p.debugDescription) \(q) vs \(r.debugDescription) \(t)"
            case let (.list(p), .list(r)): if let d = firstDifference(p, r, at: here) { return d }
            case let (.map(p), .map(r)):
                if p.map(\.key) != r.map(\.key) { return "\(here): keys \(p.map(\.key)) vs \(r.map(\.key))" }
                if let d = firstDifference(p.map(\.value), r.map(\.value), at: here) { return d }
            case (.scalar, .scalar): break
            default: return "\(here): \(x.typeName) vs \(y.typeName)"
            }
        }
        return nil
    }

    static let fixtures: [String] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AIGovCLITests/Fixtures")
        let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        return files.compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    }()

    static let hardCases: [String] = {
        var laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (i, name) in ["b", "c", "d", "e", "f", "g"].enumerated() {
            let prev = i == 0 ? "a" : ["b", "c", "d", "e", "f"][i - 1]
            laughs += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
        }
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let deepMap = (0..<70).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " v\n"
        let many = (0..<20).map { "k\($0): \($0)\n" }.joined()
        return [
            many + "k3: again\n", many + "!!str k18: x\n!x k19: y\n", many + "? [k]\n: 1\n? [k]\n: 2\n",
            "", "# only a comment\n", "---\n---\n", "---\na: 1\n...\n---\nb: 2\n", "a: 1\r\nb: [1, 2]\r\n", "\u{FEFF}a: 1\n", "a: \u{FEFF}x\nb: \"\u{FEFF}y\"\n",
            "a: 1\na: 2\n", "b: 1\na: 1\nb: 2\na: 2\n", "'a': 1\na: 2\n", "!!str a: 1\na: 2\n", "!x a: 1\na: 2\n",
            "? [a]\n: 1\n? [a]\n: 2\n", "? {a: 1}\n: x\nb: 2\n", "? [a]\n: 1\nb: 2\n",
            "a: &x [1, 2]\nb: *x\nc: *x\n", "a: *y\n", "a: &x [*x]\n", "a: &x 1\n---\nb: *x\n", "&k a: 1\nb: 2\n*k : 3\n",
            "base: &b {x: 1, y: [2, 3]}\nder: {<<: *b, z: 4}\n", laughs, laughs + "---\na: [1\n",
            "a: [1, 2\n", "a: b: c\n", "\t- x\n", "key: 'unterminated\n", "- a\nb: c\n", "%YAML 2.0\n---\na: 1\n", "{a: 1,, b}\n",
            "a: \u{1}b\n", "a: \"\\0x\"\n", "a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n", "a: 'it''s'\nb: \"tab\\t\"\n",
            "a: ~\nb: null\nc:\nd: ''\ne: \"null\"\n", "- &s x\n- *s\n- [*s, *s]\n", "[1, {a: b}, [c]]\n", "é: ü\n🙂: x\n",
            deep, deep + "\n---\na: [\n", "a: " + deep + "\nb: [1\n", deepMap, "a: 1\n  b: 2\n", "*a\n", "&a\n", "!!binary aGk=\n",
            "a: &x\n  b: &y [1]\n  c: *y\nd: *x\ne: *y\n", "? |\n  block key\n: v\n", "[a, b]: c\n", "{? a}\n",
        ]
    }()

    @Test func fixturesReadAsBefore() {
        #expect(Self.fixtures.count >= 10)
        for text in Self.fixtures {
            let d = Self.difference(text)
            #expect(d == nil, "\(d ?? "")\n--- input:\n\(text.prefix(300))")
        }
    }

    @Test func hardCasesReadAsBefore() {
        for text in Self.hardCases {
            let d = Self.difference(text)
            #expect(d == nil, "\(d ?? "")\n--- input:\n\(text.prefix(300))")
        }
    }

    /// Seeded mutations of the fixtures (FuzzTests' mutator), each compared whole;
    /// `AIGOV_YAML_ROUNDS` and `AIGOV_YAML_SEED` run more, or others.
    @Test func mutatedFixturesReadAsBefore() {
        let env = ProcessInfo.processInfo.environment
        var rng = FuzzTests.RNG(state: env["AIGOV_YAML_SEED"].flatMap(UInt64.init) ?? 25_025)
        let rounds = env["AIGOV_YAML_ROUNDS"].flatMap(Int.init) ?? 600
        var compared = 0
        for round in 0..<rounds {
            let seed = Self.fixtures[round % Self.fixtures.count]
            let data = FuzzTests.mutate(seed, &rng)
            // What reaches the YAML reader: valid UTF-8 without NUL (checkedText).
            guard case let .success(text) = InputLoader.checkedText(data, file: "f.yaml") else { continue }
            compared += 1
            let d = Self.difference(text)
            #expect(d == nil, "round \(round): \(d ?? "")")
            if d != nil, let dump = env["AIGOV_YAML_DUMP"] { try? text.write(toFile: dump, atomically: true, encoding: .utf8) }
            if d != nil { break }
        }
        #expect(compared > rounds / 2)
    }
}
