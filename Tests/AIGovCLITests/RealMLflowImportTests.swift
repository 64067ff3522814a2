import Foundation
import Testing

/// `aigov import mlflow` on what a real MLflow 3 registry answers (#26): aliases, legacy
/// stages, tags aigov has no field for, descriptions and runs, a registered model with no
/// versions, an alias that moves, a failed request in the README's `{ curl …; curl …; }`
/// pipe, and an authentication page. One test starts a live server (`real/registry.py`, always
/// stopped); the others read the responses that script saved (real/README.md).
@Suite(.serialized) struct RealMLflowImportTests {
    static let dir = ImportTests.fixtures + "/mlflow/real"

    static func read(_ dir: String, _ file: String) throws -> String {
        try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
    }

    /// The README's pipe: the registered-models response, then the model-versions one.
    static func stream(_ dir: String, _ phase: Int) throws -> String {
        try read(dir, "\(phase)-registered-models.json") + "\n" + read(dir, "\(phase)-model-versions.json")
    }

    static func models(_ db: String, _ id: String) throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for m in ImportTests.list(try ImportTests.record(id, db: db), "models") { out[m["name"] as? String ?? ""] = m }
        return out
    }

    static func evidence(_ db: String, _ id: String) throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for e in ImportTests.list(try ImportTests.record(id, db: db), "evidence") { out[e["title"] as? String ?? ""] = e }
        return out
    }

    /// Everything the responses of `dir` must give, in order: the first state imports (the
    /// empty model does not block it) with every fact where it belongs; importing it again
    /// writes nothing; the moved alias takes the new version's facts; only the moved model's
    /// evidence hash changes.
    static func check(_ dir: String) throws {
        let t = TempDir()
        let db = t.file("r.db")
        let first = try CLI.run(["import", "mlflow", "-", "--system", "ml-platform", "--owner", "payments-risk"], db: db,
                                stdin: try stream(dir, 1))
        // Fault 3: `empty-model` has no versions; it is noted, and the rest imports.
        #expect(first.code == 0, "\(first.err)")
        #expect(first.out.contains("created   ml-platform"), "\(first.out)")
        #expect(first.err.contains("empty-model has no versions"), "\(first.err)")
        var m = try models(db, "ml-platform")
        #expect(Set(m.keys) == ["fraud-scorer@champion", "fraud-scorer@fallback", "legacy-ranker/Production", "legacy-ranker/Staging"],
                "\(m.keys.sorted())")
        let champion = m["fraud-scorer@champion"] ?? [:]
        #expect(champion["version"] as? String == "3")
        #expect(champion["role"] as? String == "primary")
        #expect(champion["provider"] as? String == "Payments ML")
        #expect(champion["license"] as? String == "proprietary")
        #expect(champion["technique"] as? String == "deep-learning")
        #expect(champion["end_of_life"] as? String == "2027-06-30")
        #expect(champion["parameters"] as? String == "12M")
        #expect(champion["alternatives"] as? [String] == ["fraud-scorer/1", "fraud-scorer/2"])
        // Descriptions go into the rationale, after the rationale tag.
        let why = champion["rationale"] as? String ?? ""
        #expect(why.hasPrefix("Gradient boosting beats the rules engine"), "\(why)")
        #expect(why.contains("MLflow model: Card-not-present fraud scoring"), "\(why)")
        #expect(why.contains("Version 3: fraud-scorer version 3: retrained"), "\(why)")
        let fallback = m["fraud-scorer@fallback"] ?? [:]
        #expect(fallback["version"] as? String == "1" && fallback["role"] as? String == "fallback")
        #expect(fallback["technique"] as? String == "machine-learning" && fallback["end_of_life"] == nil)
        // Legacy stages, from a model without a provider tag.
        #expect(m["legacy-ranker/Production"]?["version"] as? String == "1")
        #expect(m["legacy-ranker/Production"]?["role"] as? String == "primary")
        #expect(m["legacy-ranker/Production"]?["provider"] as? String == "internal")
        #expect(m["legacy-ranker/Staging"]?["version"] as? String == "2")
        #expect((m["legacy-ranker/Staging"]?["rationale"] as? String ?? "").contains("Ranks support tickets"))
        // run_id and source: evidence.
        var ev = try evidence(db, "ml-platform")
        let run3 = ev.first { $0.key.hasPrefix("MLflow model fraud-scorer version 3 (run ") }?.value
        #expect(run3?["kind"] as? String == "technical-documentation")
        #expect((run3?["uri"] as? String ?? "").hasPrefix("runs:/") && (run3?["uri"] as? String ?? "").hasSuffix("/model"), "\(ev.keys)")
        let fraudHash = ev["MLflow registered model fraud-scorer"]?["sha256"] as? String
        let legacyHash = ev["MLflow registered model legacy-ranker"]?["sha256"] as? String
        #expect(fraudHash?.count == 64 && legacyHash?.count == 64 && fraudHash != legacyHash)
        #expect(ev["MLflow registered model empty-model"] == nil)
        // Tags and fields with no place in the record are listed with a count.
        #expect(first.err.contains("not mapped: tags.team ×1"), "\(first.err)")
        #expect(first.err.contains("not mapped: tags.validated_by ×"), "\(first.err)")
        #expect(first.err.contains("not mapped: tags.mlflow.note.content ×1"), "\(first.err)")
        #expect(first.err.contains("not mapped: model_version.status ×"), "\(first.err)")

        // The same stream again writes nothing.
        let count = try ImportTests.auditCount(db)
        let again = try CLI.run(["import", "mlflow", "-"], db: db, stdin: try stream(dir, 1))
        #expect(again.code == 0 && !ImportTests.wrote(again.out), "\(again.out)\(again.err)")
        #expect(try ImportTests.auditCount(db) == count)

        // Fault 5: `champion` moved from version 3 to 2. Version 3's end_of_life, parameters
        // and technique no longer apply.
        let moved = try CLI.run(["import", "mlflow", "-"], db: db, stdin: try stream(dir, 2))
        #expect(moved.code == 0, "\(moved.err)")
        m = try models(db, "ml-platform")
        let now = m["fraud-scorer@champion"] ?? [:]
        #expect(now["version"] as? String == "2")
        #expect(now["end_of_life"] == nil, "\(now)")
        #expect(now["parameters"] == nil, "\(now)")
        #expect(now["technique"] as? String == "machine-learning")
        #expect(now["license"] as? String == "proprietary")
        #expect((now["rationale"] as? String ?? "").contains("Version 2: "), "\(now)")
        #expect(now["alternatives"] as? [String] == ["fraud-scorer/1", "fraud-scorer/3"])
        // Only the part of the source that changed has a new hash.
        ev = try evidence(db, "ml-platform")
        #expect(ev["MLflow registered model legacy-ranker"]?["sha256"] as? String == legacyHash)
        #expect(ev["MLflow registered model fraud-scorer"]?["sha256"] as? String != fraudHash)
        let count2 = try ImportTests.auditCount(db)
        let again2 = try CLI.run(["import", "mlflow", "-"], db: db, stdin: try stream(dir, 2))
        #expect(again2.code == 0 && !ImportTests.wrote(again2.out), "\(again2.out)\(again2.err)")
        #expect(try ImportTests.auditCount(db) == count2)

        // Fault 4: the README's pipe when the first request fails — curl -s prints nothing, or
        // MLflow's error body — leaves only the model versions. Refused, nothing written.
        let dump = try CLI.dump(db)
        for prefix in ["", try read(dir, "error.json") + "\n"] {
            let r = try CLI.run(["import", "mlflow", "-"], db: db, stdin: prefix + (try read(dir, "1-model-versions.json")))
            #expect(r.code == 2, "\(r.out)\(r.err)")
            #expect(r.err.contains(prefix.isEmpty ? "without its registered model" : "an MLflow error response"), "\(r.err)")
            #expect(r.err.contains("nothing was written"), "\(r.err)")
            #expect(try CLI.dump(db) == dump)
        }
        let fresh = t.file("fresh.db")
        let lone = try CLI.run(["import", "mlflow", "-", "--system", "xy"], db: fresh, stdin: try read(dir, "1-model-versions.json"))
        #expect(lone.code == 2 && lone.err.contains("registered-models/search"), "\(lone.err)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    /// A live MLflow server with aliases, stages, tags, descriptions, runs and an empty model.
    @Test(.enabled(if: ImportTests.inCI || Tools.pythonImports("mlflow"), "python3 cannot import mlflow (pip install mlflow; CI runs it)"))
    func aLiveRegistryImportsAndTheMovedAliasFollows() throws {
        let t = TempDir()
        let out = t.file("mlflow")
        // The server runs on the real clock even when the suite runs under faketime (.ci/run).
        let server = try CLI.exec("/usr/bin/env", ["-u", "LD_PRELOAD", "-u", "FAKETIME", "-u", "FAKETIME_SHARED", "python3",
                                                   Self.dir + "/registry.py", out])
        #expect(server.code == 0, "registry.py failed:\n\(server.out)\n\(server.err)")
        guard server.code == 0 else { return }
        try Self.check(out)
    }

    /// The same on the responses registry.py saved from MLflow 3.17.2: runs without mlflow.
    @Test func theSavedResponsesOfARealRegistryImport() throws {
        try Self.check(Self.dir)
    }

    /// The registered-models response of a phase without `empty-model`, so faults 4 and 5 are
    /// shown on their own (fault 3 stopped every import that held it).
    static func withoutEmptyModel(_ phase: Int) throws -> String {
        let rm = try JSONSerialization.jsonObject(with: Data(read(dir, "\(phase)-registered-models.json").utf8)) as? [String: Any] ?? [:]
        let kept = (rm["registered_models"] as? [[String: Any]] ?? []).filter { $0["name"] as? String != "empty-model" }
        let data = try JSONSerialization.data(withJSONObject: ["registered_models": kept], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n" + (try read(dir, "\(phase)-model-versions.json"))
    }

    /// Fault 5 alone: after `champion` moves from version 3 to 2, version 3's end_of_life and
    /// parameters are gone and the technique is version 2's.
    @Test func aMovedAliasTakesItsNewVersionsTagFacts() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let first = try CLI.run(["import", "mlflow", "-", "--system", "card-fraud"], db: db, stdin: try Self.withoutEmptyModel(1))
        #expect(first.code == 0, "\(first.err)")
        #expect(try Self.models(db, "card-fraud")["fraud-scorer@champion"]?["end_of_life"] as? String == "2027-06-30")
        let moved = try CLI.run(["import", "mlflow", "-"], db: db, stdin: try Self.withoutEmptyModel(2))
        #expect(moved.code == 0, "\(moved.err)")
        let champion = try Self.models(db, "card-fraud")["fraud-scorer@champion"] ?? [:]
        #expect(champion["version"] as? String == "2")
        #expect(champion["end_of_life"] == nil, "\(champion)")
        #expect(champion["parameters"] == nil, "\(champion)")
        #expect(champion["technique"] as? String == "machine-learning")
    }

    /// Fault 4 alone: `{ curl …registered-models/search; curl …model-versions/search; }` with
    /// the first server down gives only the versions. It added an entry with no alias and the
    /// default provider, exit 0; now exit 2 and nothing written.
    @Test func aStreamWithoutTheRegisteredModelsResponseIsRefused() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["import", "mlflow", "-", "--system", "card-fraud"], db: db, stdin: try Self.withoutEmptyModel(1)).code == 0)
        let dump = try CLI.dump(db)
        let down = try CLI.exec("/bin/sh", ["-c", "{ curl -s http://127.0.0.1:9/api/2.0/mlflow/registered-models/search 2>/dev/null; cat \"$0\"; } | \"$1\" import mlflow -",
                                            Self.dir + "/1-model-versions.json", CLI.binary], db: db)
        #expect(down.code == 2, "\(down.out)\(down.err)")
        #expect(down.err.contains("-:model_versions[0]: model versions of \"legacy-ranker\" without its registered model") && down.err.contains("model versions of \"fraud-scorer\" without"), "\(down.err)")
        #expect(down.err.contains("did that request fail?"), "\(down.err)")
        #expect(try CLI.dump(db) == dump)
        #expect(try Self.models(db, "card-fraud").count == 4)
    }

    /// Identity is the model's name plus its alias or stage: without --system each entry
    /// updates the system that records it.
    @Test func withoutSystemEachAliasEntryFindsItsSystem() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["import", "mlflow", "-", "--system", "card-fraud"], db: db, stdin: try Self.stream(Self.dir, 1)).code == 0)
        let r = try CLI.run(["import", "mlflow", "-"], db: db, stdin: try Self.stream(Self.dir, 2))
        #expect(r.code == 0 && r.out.contains("changed   card-fraud"), "\(r.out)\(r.err)")
        #expect(try Self.models(db, "card-fraud").count == 4)
    }

    /// A 401 answer is not "malformed JSON": the message says the server wants credentials.
    @Test(arguments: [
        ("unauthenticated-401.txt", "authentication page"),
        ("nginx-401.html", "authentication page"),
        ("proxy-error.html", "HTML page"),
    ])
    func anAuthenticationPageSaysSo(_ file: String, _ hint: String) throws {
        let t = TempDir()
        let body: String
        switch file {
        case "nginx-401.html":
            body = "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        case "proxy-error.html":
            body = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
        default:
            body = try Self.read(Self.dir, file)
        }
        let db = t.file("r.db")
        let r = try CLI.run(["import", "mlflow", "-", "--system", "xy"], db: db, stdin: body)
        #expect(r.code == 2)
        #expect(r.err.contains("not JSON") && r.err.contains(hint), "\(r.err)")
        if hint == "authentication page" { #expect(r.err.contains("401") && r.err.contains("credentials"), "\(r.err)") }
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
