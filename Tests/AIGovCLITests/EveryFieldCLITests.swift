import AIGovCore
@testable import AIGovConsole
import AIGovFormats
import Foundation
import Testing

/// The every-field fixtures (every field of FORMAT.md set, every list with two entries)
/// through the real binary: apply, then get in the same format, gives back the file.
@Suite struct EveryFieldCLITests {
    static let yamlPath = CLI.fixtures.appendingPathComponent("every-field.yaml").path
    static let jsonPath = CLI.fixtures.appendingPathComponent("every-field.json").path

    static func json(_ text: String) throws -> NSArray? {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSArray
    }

    /// `apply -f every-field.yaml` then `get ID -o yaml` is the fixture, byte for byte.
    @Test func yamlThroughTheDatabaseIsCanonical() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let apply = try CLI.run(["apply", "-f", Self.yamlPath], db: db)
        #expect(apply.code == 0, "\(apply.err)")
        let get = try CLI.run(["get", "every-field", "-o", "yaml"], db: db)
        #expect(get.code == 0, "\(get.err)")
        #expect(get.out == (try String(contentsOfFile: Self.yamlPath, encoding: .utf8)))
    }

    /// `apply -f every-field.json` then `get ID -o json` is the fixture: byte for byte (it is
    /// written in `get`'s canonical form) and so, parsed, the same JSON.
    @Test func jsonThroughTheDatabaseIsCanonical() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let apply = try CLI.run(["apply", "-f", Self.jsonPath], db: db)
        #expect(apply.code == 0, "\(apply.err)")
        let get = try CLI.run(["get", "every-field", "-o", "json"], db: db)
        #expect(get.code == 0, "\(get.err)")
        let fixture = try String(contentsOfFile: Self.jsonPath, encoding: .utf8)
        #expect(try Self.json(get.out) == (try Self.json(fixture)))
        #expect(get.out == fixture)
    }

    /// The two fixtures are one record: YAML in, JSON out gives the JSON fixture, and applying
    /// the JSON fixture over the YAML one changes nothing.
    @Test func yamlAndJSONFixturesAreTheSameRecord() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", Self.yamlPath], db: db).code == 0)
        let get = try CLI.run(["get", "every-field", "-o", "json"], db: db)
        #expect(get.out == (try String(contentsOfFile: Self.jsonPath, encoding: .utf8)))
        let again = try CLI.run(["apply", "-f", Self.jsonPath, "-o", "json"], db: db)
        #expect(again.code == 0, "\(again.err)")
        #expect(again.out.contains("unchanged"), "\(again.out)")
        #expect(!again.out.contains("\"changed\""), "\(again.out)")
    }
}

/// The edit form over the every-field record: its rows cover every field, opening and saving
/// with no edits (or with every value re-typed as shown) changes nothing, and setting one
/// field changes that field only.
@Suite struct EveryFieldFormTests {
    static func record() throws -> AISystem {
        var parsed = ParsedInput()
        InputLoader.parse(data: try Data(contentsOf: CLI.fixtures.appendingPathComponent("every-field.yaml")),
                          file: "every-field.yaml", into: &parsed)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        return try #require(parsed.systems.first?.system)
    }

    /// A path with its list indexes taken out: `models[1].version` → `models[].version`.
    static func generic(_ path: String) -> String {
        var out = ""
        var skipping = false
        for c in path {
            if c == "[" { skipping = true; out.append("[") } else if c == "]" { skipping = false; out.append("]") } else if !skipping { out.append(c) }
        }
        return out
    }

    /// The catalog's editable paths: every field but the identity and the containers.
    static let editable = Set(RecordCatalog.fields.filter { $0.scope != .waiver && !$0.kind.isContainer && $0.path != "id" }.map(\.path))

    @Test func rowsAndValuesCoverEveryCatalogField() throws {
        let s = try Self.record()
        let form = FormState(stored: s, version: 1, today: Day("2026-11-30")!)
        let rows = form.rows.compactMap { if case let .field(p) = $0 { p } else { nil } }
        #expect(Set(rows.map(Self.generic)) == Self.editable)
        // Every row of a record with every field set shows a value, and every value has a row.
        #expect(Set(form.values.keys) == Set(rows).union(["id"]))
        let lists = RecordCatalog.fields(in: .system).filter { if case .entries = $0.kind { true } else { false } }.map(\.key)
        #expect(FormFields.lists.map(\.key) == lists)
        for (key, _, template) in FormFields.lists {
            let scope = try #require(RecordCatalog.fields(in: .system).first { $0.key == key }).kind
            guard case let .entries(list) = scope else { continue }
            let keys = template.dropFirst().dropLast().split(separator: ",").map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) }
            #expect(!keys.isEmpty && keys.allSatisfy(RecordCatalog.keys(in: list).contains), "\(key): \(template)")
        }
    }

    @Test func choicesAreTheCatalogSpellings() {
        for f in RecordCatalog.fields where f.scope != .waiver {
            let path = f.scope.isList ? "\(f.scope.key)[0].\(f.key)" : f.path
            switch f.kind {
            case .bool: #expect(FormFields.choices(for: path) == ["true", "false"], "\(path)")
            case let .enumeration(s), let .enumerations(s): #expect(FormFields.choices(for: path) == s, "\(path)")
            default: #expect(FormFields.choices(for: path) == nil, "\(path)")
            }
        }
    }

    /// No edits, or every shown value typed back unchanged, leave the record as it was.
    @Test func noEditsChangeNothing() throws {
        let s = try Self.record()
        #expect(try FormState.apply([], to: s, today: Day("2026-11-30")!) == s)
        var form = FormState(stored: s, version: 1, today: Day("2026-11-30")!)
        #expect(form.working == s && !form.hasChanges)
        // `key=value` reads an empty value or `null` as "remove the key" (README, `aigov set`), so
        // the text "null" (metrics[1].value) cannot be typed back; the console does not submit
        // an unchanged value, which is what keeps it.
        let removes: Set<String> = ["", "~", "null", "Null", "NULL"]
        for (path, value) in form.originalValues.sorted(by: { $0.key < $1.key }) where path != "id" && !removes.contains(value) {
            let accepted = form.assign(path: path, value: value)
            #expect(accepted, "\(path)=\(value): \(form.refused[path]?.message ?? "")")
        }
        #expect(form.working == s, "differs at \(form.working.changedFields(from: s))")
        #expect(form.values == form.originalValues)
    }

    /// Setting any one field through the form's setter changes that field only.
    @Test func settingOneFieldChangesOnlyIt() throws {
        let s = try Self.record()
        let values = FormState(stored: s, version: 1, today: Day("2026-11-30")!).values
        var kindsSeen: Set<String> = []
        for f in RecordCatalog.fields where Self.editable.contains(f.path) {
            let path = f.scope.isList ? "\(f.scope.key)[1].\(f.key)" : f.path
            let value = Self.changedText(f, shown: values[path])
            var form = FormState(stored: s, version: 1, today: Day("2026-11-30")!)
            let accepted = form.assign(path: path, value: value)
            #expect(accepted, "\(path)=\(value): \(form.refused[path]?.message ?? "")")
            let changed = Set(form.values.keys).union(form.originalValues.keys).filter { form.values[$0] != form.originalValues[$0] }
            #expect(changed == [path], "\(path)")
            #expect(form.working.changedFields(from: s) == [f.scope.isList ? f.scope.key : f.path], "\(path)")
            kindsSeen.insert("\(f.kind)".prefix { $0 != "(" }.description)
        }
        #expect(kindsSeen == ["text", "bool", "number", "date", "enumeration", "texts", "enumerations"])
    }

    /// A value that differs from the one the form shows, typed as a user would.
    static func changedText(_ f: RecordField, shown: String?) -> String {
        switch f.kind {
        case .bool: return shown == "true" ? "false" : "true"
        case .number: return String((Int(shown ?? "") ?? 0) + 1)
        case .date: return (Day(shown ?? "") ?? Day(ordinal: 0)).adding(days: 1).description
        case let .enumeration(s): return s.first { $0 != shown } ?? ""
        case let .enumerations(s): return "[" + (s.first { !(shown ?? "").contains($0) } ?? "") + "]"
        case .texts: return f.key == "member_states" ? "[FR, IT]" : "[changed-a, changed-b]"
        default:
            switch f.key {
            case "collected": return "2020-01-01..2020-12-31"
            case "sha256": return String(repeating: "cd", count: 32)
            default: return "changed by the form"
            }
        }
    }
}
