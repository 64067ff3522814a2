import Foundation
import Testing

/// `aigov import hf` over real model cards (Fixtures/import/hf/real, sources in its README):
/// what arrives in the record for each card, the Hub's cache layout, identity from the folder
/// or `--model` only, and what the importer refuses.
@Suite(.serialized) struct RealHFImportTests {
    static let real = CLI.fixtures.appendingPathComponent("import/hf/real").path

    static func card(_ folder: String) -> String { real + "/" + folder }

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// One system as `get ID -o json` prints it.
    static func record(_ id: String, db: String) throws -> [String: Any] {
        let r = try CLI.run(["get", id, "-o", "json"], db: db)
        #expect(r.code == 0, "\(r.err)")
        return (json(r.out) as? [[String: Any]])?.first ?? [:]
    }

    static func list(_ record: [String: Any], _ key: String) -> [[String: Any]] {
        record[key] as? [[String: Any]] ?? []
    }

    /// The audit log's length, from `aigov audit head` (COUNT:HASH).
    static func auditCount(_ db: String) throws -> Int {
        let r = try CLI.run(["audit", "head"], db: db)
        return Int(r.out.split(separator: ":").first ?? "") ?? -1
    }

    static func sha256(_ path: String) throws -> String {
        String(try CLI.exec("/usr/bin/env", ["sha256sum", path]).out.prefix(64))
    }

    /// Imports one card into a fresh system `sys` and returns the record and the run.
    static func importOne(_ path: String, _ extra: [String] = [], t: TempDir) throws -> (record: [String: Any], run: CLI.Result, db: String) {
        let db = t.file("r-\(UUID().uuidString.prefix(8)).db")
        let r = try CLI.run(["import", "hf", path, "--system", "sys"] + extra, db: db)
        #expect(r.code == 0, "\(path): \(r.err)")
        return (r.code == 0 ? try record("sys", db: db) : [:], r, db)
    }

    // MARK: Fault 6: the Hub's cache layout

    /// Builds `models--OWNER--NAME/` as huggingface_hub leaves it: the card's bytes in
    /// `blobs/SHA`, `snapshots/REV/README.md` a relative symlink to it, `refs/main` naming REV.
    static func hubCache(_ t: TempDir, from card: String, repo: String, revisions: [String], main: String?) throws -> String {
        let root = t.file("hub/models--" + repo.replacingOccurrences(of: "/", with: "--"))
        let fm = FileManager.default
        let bytes = try Data(contentsOf: URL(fileURLWithPath: card + "/README.md"))
        let blob = try sha256(card + "/README.md")
        try fm.createDirectory(atPath: root + "/blobs", withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: root + "/blobs/" + blob))
        for rev in revisions {
            try fm.createDirectory(atPath: root + "/snapshots/" + rev, withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: root + "/snapshots/\(rev)/README.md", withDestinationPath: "../../blobs/" + blob)
        }
        if let main {
            try fm.createDirectory(atPath: root + "/refs", withIntermediateDirectories: true)
            try Data(main.utf8).write(to: URL(fileURLWithPath: root + "/refs/main"))
        }
        return root
    }

    @Test func theHubCacheLayoutImportsWithRepoAndRevisionFromItsFolders() throws {
        let t = TempDir()
        let rev = "133a221b8aa7292a167afc5127cb63fb5005638b"
        let root = try Self.hubCache(t, from: Self.card("CompVis--stable-diffusion-v1-4"), repo: "CompVis/stable-diffusion-v1-4",
                                     revisions: [rev], main: rev)
        let (s, run, db) = try Self.importOne(root, t: t)
        #expect(run.code == 0)
        let m = Self.list(s, "models").first ?? [:]
        #expect(m["name"] as? String == "stable-diffusion-v1-4")
        #expect(m["provider"] as? String == "CompVis")
        #expect(m["version"] as? String == rev)
        #expect(m["license"] as? String == "creativeml-openrail-m")
        #expect(m["technique"] as? String == "generative")
        let e = Self.list(s, "evidence").first { $0["title"] as? String == "Hugging Face model card CompVis/stable-diffusion-v1-4" }
        #expect(e?["uri"] as? String == "https://huggingface.co/CompVis/stable-diffusion-v1-4/blob/\(rev)/README.md")
        #expect(e?["sha256"] as? String == (try Self.sha256(Self.card("CompVis--stable-diffusion-v1-4") + "/README.md")))

        // The snapshot folder itself, and the symlinked README inside it, import the same.
        let count = try Self.auditCount(db)
        for path in [root + "/snapshots/" + rev, root + "/snapshots/\(rev)/README.md"] {
            let again = try CLI.run(["import", "hf", path, "--system", "sys"], db: db)
            #expect(again.code == 0, "\(path): \(again.err)")
            #expect(again.out.contains("unchanged sys"), "\(again.out)")
        }
        #expect(try Self.auditCount(db) == count)
    }

    @Test func severalSnapshotsTakeRefsMainOrTheGivenRevisionElseAreRefused() throws {
        let t = TempDir()
        let (a, b) = ("1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222")
        let withMain = try Self.hubCache(t, from: Self.card("sb3--ppo-LunarLander-v2"), repo: "sb3/ppo-LunarLander-v2",
                                         revisions: [a, b], main: b)
        let (s, _, _) = try Self.importOne(withMain, t: t)
        #expect(Self.list(s, "models").first?["version"] as? String == b)

        let t2 = TempDir()
        let noMain = try Self.hubCache(t2, from: Self.card("sb3--ppo-LunarLander-v2"), repo: "sb3/ppo-LunarLander-v2",
                                       revisions: [a, b], main: nil)
        let db = t2.file("r.db")
        let refused = try CLI.run(["import", "hf", noMain, "--system", "sys"], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("--revision") && refused.err.contains(a) && refused.err.contains(b), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let picked = try CLI.run(["import", "hf", noMain, "--system", "sys", "--revision", a], db: db)
        #expect(picked.code == 0, "\(picked.err)")
        #expect(Self.list(try Self.record("sys", db: db), "models").first?["version"] as? String == a)
    }

    @Test func aSymlinkLeavingTheCacheFolderIsRefused() throws {
        let t = TempDir()
        let outside = t.write("outside/README.md", try String(contentsOfFile: Self.card("julien-c--wine-quality") + "/README.md", encoding: .utf8))
        let root = t.file("hub/models--julien-c--wine-quality")
        try FileManager.default.createDirectory(atPath: root + "/snapshots/abc", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/snapshots/abc/README.md", withDestinationPath: outside)
        let db = t.file("r.db")
        let r = try CLI.run(["import", "hf", root, "--system", "sys"], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("outside"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    // MARK: Fault 7: identity is the repo id from the folder or --model

    @Test func aFreeTextModelIndexNameNeverOverridesTheFolder() throws {
        let t = TempDir()
        for (folder, name, provider) in [("sb3--ppo-LunarLander-v2", "ppo-LunarLander-v2", "sb3"),
                                         ("nomic-ai--nomic-embed-text-v1.5", "nomic-embed-text-v1.5", "nomic-ai"),
                                         ("Classroom-workshop--assignment1-francesco", "assignment1-francesco", "Classroom-workshop")] {
            let (s, run, _) = try Self.importOne(Self.card(folder), t: t)
            #expect(run.code == 0, "\(folder): \(run.err)")
            let m = Self.list(s, "models")
            #expect(m.count == 1)
            #expect(m.first?["name"] as? String == name, "\(folder)")
            #expect(m.first?["provider"] as? String == provider, "\(folder)")
        }
    }

    @Test func aCardWithoutModelIndexOrOwnerAsksForModelWithoutBlamingModelIndex() throws {
        let t = TempDir()
        let db = t.file("r.db")
        let r = try CLI.run(["import", "hf", Self.card("bert-base-uncased"), "--system", "sys"], db: db)
        #expect(r.code == 2)
        #expect(!r.err.contains("model-index"), "\(r.err)")
        #expect(r.err.contains("--model OWNER/bert-base-uncased"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let ok = try CLI.run(["import", "hf", Self.card("bert-base-uncased"), "--system", "sys", "--model", "google-bert/bert-base-uncased"], db: db)
        #expect(ok.code == 0, "\(ok.err)")
        let m = Self.list(try Self.record("sys", db: db), "models").first ?? [:]
        #expect(m["name"] as? String == "bert-base-uncased" && m["provider"] as? String == "google-bert")
    }
}
