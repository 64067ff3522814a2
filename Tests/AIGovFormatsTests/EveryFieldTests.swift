import AIGovCore
@testable import AIGovFormats
import Foundation
import Testing

/// The every-field fixtures (Tests/AIGovCLITests/Fixtures/every-field.*): every field of the
/// record set, every list with two entries, in the canonical form `get -o yaml` / `-o json` writes.
enum EveryField {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AIGovCLITests/Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static func parse(_ text: String, file: String) -> ParsedInput {
        var out = ParsedInput()
        InputLoader.parse(data: Data(text.utf8), file: file, json: file.hasSuffix(".json"), into: &out)
        return out
    }

    /// The record of a fixture, read strictly; fails the test on any problem.
    static func record(_ name: String = "every-field.yaml") throws -> AISystem {
        let parsed = parse(try text(name), file: name)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        return try #require(parsed.systems.first?.system)
    }

    /// Every value of a record by path (`models[1].version`), through the catalog.
    static func values(_ s: AISystem) -> [String: RecordValue] {
        var out: [String: RecordValue] = [:]
        for f in RecordCatalog.recordFields {
            let v = f.value(s)
            out[f.info.path] = v
            if case let .entries(n) = v {
                for i in 0..<n {
                    for e in f.entryFields { out["\(f.info.key)[\(i)].\(e.info.key)"] = e.value(s, i) }
                }
            }
        }
        return out
    }

    /// The paths whose values differ between two records.
    static func differences(_ a: AISystem, _ b: AISystem) -> [String] {
        let va = values(a), vb = values(b)
        return Set(va.keys).union(vb.keys).filter { va[$0] != vb[$0] }.sorted()
    }

    /// A value for `field` that differs from `current`, as `aigov set` takes it.
    static func changedText(_ field: RecordField, _ current: RecordValue) -> String {
        switch (field.kind, current) {
        case (.bool, .bool(let b)): return b ? "false" : "true"
        case (.number, .number(let n)): return String(n + 1)
        case (.date, .date(let d)): return d.adding(days: 1).description
        case (.enumeration(let s), _): return s.first { RecordValue.text($0) != current } ?? ""
        case (.enumerations(let s), .texts(let l)): return "[" + (s.first { !l.contains($0) } ?? "") + "]"
        case (.texts, _): return field.key == "member_states" ? "[FR, IT]" : "[changed-a, changed-b]"
        default:
            // Texts the reader checks the form of get a changed value of the same form.
            switch field.key {
            case "collected": return "2020-01-01..2020-12-31"
            case "sha256": return String(repeating: "ab", count: 32)
            default: return "changed value"
            }
        }
    }
}

@Suite struct EveryFieldTests {
    // MARK: the fixture sets everything

    /// Every catalog field holds a value in the fixture, and every list has two entries.
    @Test func fixtureSetsEveryCatalogField() throws {
        let s = try EveryField.record()
        for f in RecordCatalog.recordFields {
            let v = f.value(s)
            switch v {
            case .absent: Issue.record("\(f.info.path) is not set")
            case let .texts(l): #expect(l.count == 2, "\(f.info.path) has \(l.count) entries")
            case let .entries(n):
                #expect(n == 2, "\(f.info.path) has \(n) entries")
                for i in 0..<n {
                    for e in f.entryFields {
                        let ev = e.value(s, i)
                        #expect(ev != .absent, "\(f.info.key)[\(i)].\(e.info.key) is not set")
                        if case let .texts(l) = ev { #expect(l.count == 2, "\(f.info.key)[\(i)].\(e.info.key) has \(l.count) entries") }
                    }
                }
            default: break
            }
        }
    }

    /// Every stored property of every type of the record is set in the fixture, so a property
    /// the catalog does not describe (and so nothing writes) cannot hide from these tests.
    @Test func fixtureSetsEveryStoredProperty() throws {
        var unset: [String] = []
        func walk(_ value: Any, _ path: String) {
            let m = Mirror(reflecting: value)
            switch m.displayStyle {
            case .optional:
                if let inner = m.children.first?.value { walk(inner, path) } else { unset.append(path) }
            case .collection:
                if m.children.count != 2 { unset.append("\(path) (\(m.children.count) entries)") }
                for (i, c) in m.children.enumerated() { walk(c.value, "\(path)[\(i)]") }
            case .struct where value is any Catalogued:
                for c in m.children { walk(c.value, path.isEmpty ? (c.label ?? "?") : "\(path).\(c.label ?? "?")") }
            default: break
            }
        }
        walk(try EveryField.record(), "")
        #expect(unset.isEmpty, "\(unset)")
    }

    /// Each type has as many stored properties as the catalog has fields for it.
    @Test func catalogDescribesEveryStoredProperty() throws {
        let s = try EveryField.record()
        func count(_ v: Any) -> Int { Mirror(reflecting: v).children.count }
        let e = try #require(s.euAiAct), i = try #require(s.impact), r = try #require(s.review)
        let pairs: [(String, Int, Int)] = [
            ("system", count(s), AISystem.fields.count), ("eu_ai_act", count(e), EUAIAct.fields.count),
            ("impact", count(i), Impact.fields.count), ("review", count(r), Review.fields.count),
            ("models", count(s.models[0]), Model.fields.count), ("datasets", count(s.datasets[0]), Dataset.fields.count),
            ("oversight", count(s.oversight[0]), Oversight.fields.count), ("fallbacks", count(s.fallbacks[0]), Fallback.fields.count),
            ("evidence", count(s.evidence[0]), Evidence.fields.count), ("risks", count(s.risks[0]), Risk.fields.count),
            ("metrics", count(s.metrics[0]), Metric.fields.count), ("suppliers", count(s.suppliers[0]), Supplier.fields.count),
            ("classification", count(try #require(s.classification)), Classification.fields.count),
            ("answers", count(try #require(s.classification?.answers)), ClassificationAnswers.fields.count),
            ("annex_i", count(try #require(s.classification?.answers?.annexI)), AnnexIAnswers.fields.count),
            ("fria", count(try #require(s.fria)), FRIA.fields.count),
            ("registration", count(try #require(s.registration)), Registration.fields.count),
            ("waiver", count(Waiver(system: "ab", rule: "R", reason: "r", approvedBy: "a", expires: Day(ordinal: 0))), Waiver.fields.count),
        ]
        for (name, properties, fields) in pairs { #expect(properties == fields, "\(name): \(properties) properties, \(fields) catalog fields") }
    }

    /// The catalog's paths are unique and each one resolves back to its field.
    @Test func catalogPathsAreUnique() {
        let paths = RecordCatalog.fields.filter { $0.scope != .waiver }.map(\.path)
        #expect(Set(paths).count == paths.count)
        for f in RecordCatalog.fields where f.scope != .waiver { #expect(RecordCatalog.field(at: f.path) == f) }
        #expect(RecordCatalog.field(at: "models[1].version")?.path == "models[].version")
        #expect(RecordCatalog.field(at: "eu_ai_act.nope") == nil)
        #expect(RecordCatalog.field(at: "classification.answers.annex_i.legislation")?.scope == .annexI)
        #expect(RecordScope.annexI.prefix == "classification.answers.annex_i.")
    }

    // MARK: codecs

    /// YAML → reader → writer gives back the fixture byte for byte.
    @Test func yamlRoundTripIsCanonical() throws {
        let s = try EveryField.record()
        #expect(try RecordWriter.yaml([s]) == (try EveryField.text("every-field.yaml")))
    }

    /// The JSON fixture is the same record, and JSON → reader → writer gives it back.
    @Test func jsonFixtureIsTheSameRecord() throws {
        let fromYAML = try EveryField.record()
        let fromJSON = try EveryField.record("every-field.json")
        #expect(fromJSON == fromYAML, "differs at \(EveryField.differences(fromYAML, fromJSON))")
        let written = try JSONSerialization.jsonObject(with: Data(try RecordWriter.json(fromJSON).utf8)) as? NSDictionary
        let fixture = try JSONSerialization.jsonObject(with: Data(try EveryField.text("every-field.json").utf8)) as? [NSDictionary]
        #expect(written != nil && written == fixture?.first)
    }

    /// The writer, the reader and the catalog know the same keys in every scope.
    @Test func writerReaderAndCatalogKnowTheSameKeys() throws {
        let s = try EveryField.record()
        let root = try NodeEncoder().encode(s)
        func keys(_ n: Node?) -> [String] {
            if case let .map(entries)? = n?.kind { return entries.map(\.key) }
            return []
        }
        // The writer: the keys it writes for a record with every field set, in order.
        #expect(keys(root) == RecordCatalog.keys(in: .system))
        for f in RecordCatalog.fields(in: .system) {
            switch f.kind {
            case let .block(scope): #expect(keys(root[f.key]) == RecordCatalog.keys(in: scope), "\(f.key)")
            case let .entries(scope):
                guard case let .list(items)? = root[f.key]?.kind else { Issue.record("\(f.key) is not written as a list"); continue }
                for (i, item) in items.enumerated() { #expect(keys(item) == RecordCatalog.keys(in: scope), "\(f.key)[\(i)]") }
            default: break
            }
        }
        // The reader: the keys it names as expected when it meets an unknown one, per scope.
        func expected(_ problems: [InputProblem]) -> [String]? {
            guard let m = problems.first?.message, let open = m.range(of: "(expected one of ") else { return nil }
            return m[open.upperBound...].dropLast().components(separatedBy: ", ")
        }
        func withUnknownKey(_ node: Node) -> Node {
            guard case var .map(entries) = node.kind else { return node }
            entries.append(("zz_unknown", Node(.scalar("x", plain: true))))
            return Node(.map(entries))
        }
        func readerKeys(_ node: Node) -> [String]? {
            let sink = ProblemSink(file: "t")
            _ = RecordReader.system(node, path: "", sink: sink)
            return expected(sink.problems)
        }
        #expect(readerKeys(withUnknownKey(root)) == ["kind"] + RecordCatalog.keys(in: .system))
        for f in RecordCatalog.fields(in: .system) {
            guard case var .map(top) = root.kind, let at = top.firstIndex(where: { $0.key == f.key }) else { continue }
            switch f.kind {
            case let .block(scope):
                top[at].value = withUnknownKey(top[at].value)
                #expect(readerKeys(Node(.map(top))) == RecordCatalog.keys(in: scope), "\(f.key)")
            case let .entries(scope):
                guard case var .list(items) = top[at].value.kind else { continue }
                items[1] = withUnknownKey(items[1])
                top[at].value = Node(.list(items))
                #expect(readerKeys(Node(.map(top))) == RecordCatalog.keys(in: scope), "\(f.key)")
            default: break
            }
        }
        // Waivers, a document of their own.
        let waiver = Waiver(system: "every-field", rule: "FBK-002", reason: "r", approvedBy: "cro", expires: Day(ordinal: 20_000))
        let w = try NodeEncoder().encode(waiver)
        #expect(keys(w) == ["kind"] + RecordCatalog.keys(in: .waiver))
        let sink = ProblemSink(file: "t")
        #expect(RecordReader.waiver(w, path: "", sink: sink) == waiver)
        _ = RecordReader.waiver(withUnknownKey(w), path: "", sink: sink)
        #expect(expected(sink.problems) == ["kind"] + RecordCatalog.keys(in: .waiver))
    }

    /// Every field the catalog marks required is one the reader refuses to go without.
    @Test func requiredFieldsAreRequiredByTheReader() throws {
        let root = try NodeEncoder().encode(try EveryField.record())
        func without(_ key: String, in node: Node) -> Node {
            guard case let .map(entries) = node.kind else { return node }
            return Node(.map(entries.filter { $0.key != key }))
        }
        func problems(_ node: Node) -> [String] {
            let sink = ProblemSink(file: "t")
            _ = RecordReader.system(node, path: "", sink: sink)
            return sink.problems.map { "\($0.path): \($0.message)" }
        }
        for f in RecordCatalog.fields where f.scope != .waiver {
            let node: Node
            let path: String
            if f.scope == .system {
                node = without(f.key, in: root)
                path = f.key
            } else if f.scope.isList {
                guard case var .map(top) = root.kind, let at = top.firstIndex(where: { $0.key == f.scope.key }),
                      case var .list(items) = top[at].value.kind else { Issue.record("no \(f.scope.key)"); continue }
                items[0] = without(f.key, in: items[0])
                top[at].value = Node(.list(items))
                node = Node(.map(top))
                path = "\(f.scope.key)[0].\(f.key)"
            } else {
                guard case var .map(top) = root.kind, let at = top.firstIndex(where: { $0.key == f.scope.key }) else { continue }
                top[at].value = without(f.key, in: top[at].value)
                node = Node(.map(top))
                path = f.path
            }
            let missing = problems(node).contains { $0.hasPrefix("\(path): missing required key \"\(f.key)\"") }
            #expect(missing == f.required, "\(path): required \(f.required), reader \(missing ? "requires" : "does not require") it")
        }
    }

    // MARK: the diff

    /// Changing any one field (through `aigov set`'s setter and the strict reader) changes
    /// exactly that field's value, and the diff reports exactly its path — for a field of a
    /// list entry, the list's path, as the audit log has always named list changes.
    @Test func changingEachFieldReportsExactlyItsPath() throws {
        let s = try EveryField.record()
        let values = EveryField.values(s)
        var targets: [(path: String, field: RecordField, reported: String)] = []
        for f in RecordCatalog.fields where f.scope != .waiver && !f.kind.isContainer && f.path != "id" {
            if f.scope.isList {
                targets.append(("\(f.scope.key)[1].\(f.key)", f, f.scope.key))
            } else {
                targets.append((f.path, f, f.path))
            }
        }
        #expect(targets.count == RecordCatalog.fields.filter { $0.scope != .waiver && !$0.kind.isContainer }.count - 1)
        for t in targets {
            let current = try #require(values[t.path], "\(t.path)")
            let (assignments, problems) = FieldSetter.parse(["\(t.path)=\(EveryField.changedText(t.field, current))"])
            #expect(problems.isEmpty)
            let changed: AISystem
            do {
                changed = try FieldSetter.apply(assignments, to: s)
            } catch {
                Issue.record("\(t.path): \(error)")
                continue
            }
            #expect(EveryField.differences(s, changed) == [t.path], "\(t.path)")
            #expect(changed.changedFields(from: s) == [t.reported], "\(t.path)")
        }
        // The identity, which `set` refuses to change, is still a field the diff names.
        var renamed = s
        renamed.id = "other-id"
        #expect(renamed.changedFields(from: s) == ["id"])
    }

    /// Blocks and lists as a whole: a block that appears empty is named by its key, one that
    /// goes away names every field it held, a list that loses an entry is named by its key.
    @Test func blocksAndListsAsAWhole() throws {
        let s = try EveryField.record()
        for f in RecordCatalog.fields(in: .system) {
            switch f.kind {
            case let .block(scope):
                var bare = s
                var empty = s
                switch scope {
                case .euAiAct: bare.euAiAct = nil; empty.euAiAct = EUAIAct()
                case .impact: bare.impact = nil; empty.impact = Impact()
                case .review: bare.review = nil; empty.review = Review()
                case .fria: bare.fria = nil; empty.fria = FRIA()
                case .registration: bare.registration = nil; empty.registration = Registration()
                case .classification:
                    // Required fields: an "empty" classification still has them; drop the rest.
                    bare.classification = nil
                    empty.classification = Classification(questionnaire: "", assessed: Day(ordinal: 0), assessor: "")
                default: Issue.record("unknown block \(f.key)")
                }
                // Every field it held, nested blocks' fields included (depth first).
                let held = RecordCatalog.recordFields.map(\.info).filter { $0.path.hasPrefix(f.key + ".") && !$0.kind.isContainer }.map(\.path)
                #expect(bare.changedFields(from: s).filter { !(RecordCatalog.field(at: $0)?.kind.isContainer ?? false) } == held, "\(f.key)")
                #expect(empty.changedFields(from: bare) == [f.key], "\(f.key)")
            case .entries:
                let (a, _) = FieldSetter.parse(["\(f.key)[1]="])
                let shorter = try FieldSetter.apply(a, to: s)
                #expect(shorter.changedFields(from: s) == [f.key], "\(f.key)")
            default: break
            }
        }
    }

    // MARK: custom rules

    /// Custom-rule fields are the catalog's paths, read to the catalog's values.
    @Test func customRuleFieldsAreTheCatalog() throws {
        let s = try EveryField.record()
        #expect(FieldScope.record.paths == RecordCatalog.recordFields.map(\.info.path))
        // Conditions read each list of spellings limited to that list's own spellings.
        let spellingLists = RecordCatalog.fields.filter { if case .enumerations = $0.kind { true } else { false } }
        for f in spellingLists {
            guard case let .list(inner)? = FieldScope.record.fields[f.path]?.type ?? FieldScope.entries(f.scope).fields[f.key]?.type,
                  case let .spellings(allowed) = inner else {
                Issue.record("\(f.path) is not read as a list of spellings")
                continue
            }
            #expect(allowed == f.kind.spellings, "\(f.path)")
        }
        #expect(FieldScope.record.fields["classification.answers.annex_iii"]?.type == .list(.spellings(AnnexIIIPoint.allCases.map(\.rawValue))))
        for f in RecordCatalog.fields(in: .system) {
            guard case let .entries(list) = f.kind else { continue }
            let own = FieldScope.entries(list).paths.filter { !$0.hasPrefix("model_entry") }
            #expect(own == RecordCatalog.keys(in: list), "\(f.key)")
        }
        #expect(FieldScope.entries(.fallbacks).paths.filter { $0.hasPrefix("model_entry.") }
            == RecordCatalog.keys(in: .models).map { "model_entry." + $0 })
        for (path, spec) in FieldScope.record.fields {
            #expect(spec.read(.record, s).isPresent, "\(path)")
        }
        for list in RecordScope.allCases where list.isList {
            for (path, spec) in FieldScope.entries(list).fields {
                #expect(spec.read(.entry(list, 1), s).isPresent, "\(list.key)[1].\(path)")
            }
        }
    }
}
