import Foundation
import Testing

/// Registry as code: `export --tree`, `apply -f DIR --prune`, `diff -f`, through the real binary.
@Suite(.serialized) struct TreeTests {
    /// A registry with the example systems (and their waiver), or only the named files.
    static func registry(_ t: TempDir, only: [String]? = nil) throws -> String {
        let db = t.file("r.db")
        let files = (only ?? ["code-assistant", "cv-screening", "invoice-ocr", "loan-scoring", "support-chatbot", "workplace-mood", "waivers"])
            .flatMap { ["-f", CLI.examples + "/\($0).yaml"] }
        let r = try CLI.run(["apply"] + files, db: db)
        #expect(r.code == 0, "\(r.err)")
        return db
    }

    /// Every file under `dir` (relative path → bytes), `.git` left out.
    static func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir) else { return out }
        while let rel = e.nextObject() as? String {
            if rel == ".git" || rel.hasPrefix(".git/") { continue }
            var isDir: ObjCBool = false
            let full = dir + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func treeRoundTripsByteForByteAndOneSetIsOneLine() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let a = t.file("a")
        let r = try CLI.run(["export", "--tree", a], db: db)
        #expect(r.code == 0, "\(r.err)")
        let first = Self.files(a)
        #expect(Set(first.keys) == ["README.md", "systems/code-assistant.yaml", "systems/cv-screening.yaml",
                                    "systems/invoice-ocr.yaml", "systems/loan-scoring.yaml", "systems/support-chatbot.yaml",
                                    "systems/workplace-mood.yaml", "waivers/support-chatbot--FBK-002.yaml"])
        #expect(Self.mode(a + "/systems/loan-scoring.yaml") == 0o600)
        #expect(Self.mode(a + "/systems") == 0o700)
        // get -o yaml is the canonical form of each file.
        #expect(first["systems/loan-scoring.yaml"] == Data(try CLI.run(["get", "loan-scoring", "-o", "yaml"], db: db).out.utf8))

        // export → apply into an empty registry → export: the same bytes.
        let db2 = t.file("r2.db")
        let applied = try CLI.run(["apply", "-f", a], db: db2)
        #expect(applied.code == 0, "\(applied.err)")
        let b = t.file("b")
        #expect(try CLI.run(["export", "--tree", b], db: db2).code == 0)
        #expect(Self.files(b) == first)

        // One set → exactly one line of one file changes in the next export (into the same tree).
        #expect(try CLI.run(["set", "loan-scoring", "owner=model-risk"], db: db).code == 0)
        #expect(try CLI.run(["export", "--tree", a], db: db).code == 0)
        let second = Self.files(a)
        #expect(Set(second.keys) == Set(first.keys))
        let changed = second.keys.filter { second[$0] != first[$0] }
        #expect(changed == ["systems/loan-scoring.yaml"])
        let old = String(decoding: first["systems/loan-scoring.yaml"] ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: second["systems/loan-scoring.yaml"] ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(old.count == new.count)
        let diff = zip(old, new).filter { $0 != $1 }
        #expect(diff.count == 1)
        #expect(diff.first?.1 == "owner: model-risk")

        // A deleted system's file goes from the tree on the next export.
        #expect(try CLI.run(["delete", "workplace-mood"], db: db).code == 0)
        #expect(try CLI.run(["export", "--tree", a], db: db).code == 0)
        #expect(Self.files(a)["systems/workplace-mood.yaml"] == nil)
    }

    /// A tree exported while its waiver held, restored into an empty registry after the waiver
    /// expired (docs/registry-as-code.md, a new clone): the expired waiver is history, so the
    /// restore succeeds with one warning, stores it, and lists it as expired.
    @Test func restoringATreeWithAnExpiredWaiverWarnsAndStoresIt() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let tree = t.file("tree")
        #expect(try CLI.run(["export", "--tree", tree], db: db).code == 0)
        let later = ["AIGOV_TODAY": "2027-12-03"]           // support-chatbot/FBK-002 expired 2027-03-31
        let restored = t.file("restored.db")
        let r = try CLI.run(["apply", "-f", tree], db: restored, env: later)
        #expect(r.code == 0, "\(r.err)")
        let warnings = r.err.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "\(r.err)")
        #expect(warnings.first?.contains("waiver support-chatbot/FBK-002 expired on 2027-03-31") == true, "\(r.err)")
        let listed = try CLI.run(["waivers", "-o", "json"], db: restored, env: later)
        #expect(listed.code == 0, "\(listed.err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["state"] as? String == "expired", "\(listed.out)")
        // It covers nothing: FBK-002 of support-chatbot is open, not waived.
        let check = try CLI.run(["check", "support-chatbot", "-o", "json", "--fail-on", "never"], db: restored, env: later)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let fbk = findings.filter { $0["rule"] as? String == "FBK-002" }
        #expect(fbk.count == 1)
        #expect(fbk.first?["status"] as? String == "open", "\(fbk)")
        // `check -f` of the same tree reads it too, with the same one warning.
        let checkTree = try CLI.run(["check", "-f", tree, "-o", "json", "--fail-on", "never"], env: later)
        #expect(checkTree.code == 0, "\(checkTree.err)")
        #expect(checkTree.err.split(separator: "\n").filter { $0.contains("warning:") }.count == 1, "\(checkTree.err)")
    }

    @Test func exportRefusesAFolderThatIsNotATree() throws {
        let t = TempDir()
        let db = try Self.registry(t, only: ["loan-scoring"])
        let notes = t.write("x/notes.txt", "mine\n")
        let r = try CLI.run(["export", "--tree", t.file("x")], db: db)
        #expect(r.code == 2)
        #expect(r.err.contains("not a registry tree"))
        #expect(FileManager.default.contents(atPath: notes) == Data("mine\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: t.file("x/systems")))
        // A folder holding only hidden entries (a fresh git repository) is fine.
        _ = t.write("g/.keep", "")
        #expect(try CLI.run(["export", "--tree", t.file("g")], db: db).code == 0)
        #expect(FileManager.default.fileExists(atPath: t.file("g/systems/loan-scoring.yaml")))
    }

    @Test func pruningIsGuarded() throws {
        let t = TempDir()
        let db = try Self.registry(t, only: ["code-assistant", "cv-screening", "invoice-ocr", "loan-scoring", "workplace-mood"])
        let before = try CLI.dump(db)
        // An empty folder: refused, nothing written.
        try FileManager.default.createDirectory(atPath: t.file("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(["apply", "-f", t.file("empty"), "--prune"], db: db)
        #expect(empty.code == 2)
        #expect(try CLI.dump(db) == before)
        // A tree keeping 2 of 5 systems would delete 60%: refused without --prune-all.
        let tree = t.file("tree")
        #expect(try CLI.run(["export", "--tree", tree], db: db).code == 0)
        for id in ["code-assistant", "cv-screening", "invoice-ocr"] {
            try FileManager.default.removeItem(atPath: tree + "/systems/\(id).yaml")
        }
        let sixty = try CLI.run(["apply", "-f", tree, "--prune"], db: db)
        #expect(sixty.code == 2)
        #expect(sixty.err.contains("3 of the registry's 5 systems"), "\(sixty.err)")
        #expect(try CLI.dump(db) == before)
        // The dry run with --prune-all lists the deletions and writes nothing.
        let dry = try CLI.run(["apply", "-f", tree, "--prune-all", "--dry-run"], db: db)
        #expect(dry.code == 0, "\(dry.err)")
        #expect(dry.out.components(separatedBy: "\ndeleted ").count - 1 == 3, "\(dry.out)")
        #expect(try CLI.dump(db) == before)
        // With --prune-all it goes, in one transaction, each deletion with its audit entry.
        let all = try CLI.run(["apply", "-f", tree, "--prune-all"], db: db)
        #expect(all.code == 0, "\(all.err)")
        #expect(try CLI.run(["get", "-o", "json"], db: db).out.components(separatedBy: "\"id\"").count - 1 == 2)
        let history = try CLI.run(["history", "-o", "json"], db: db).out
        #expect(history.components(separatedBy: "\"action\" : \"delete\"").count - 1 == 3)
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
        #expect(try CLI.run(["diff", "-f", tree], db: db).code == 0)
    }

    @Test func gitRoundTripWithPrune() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let env = ["GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": "A",
                   "GIT_COMMITTER_EMAIL": "a@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        func git(_ args: [String]) throws {
            let r = try CLI.exec("/usr/bin/env", ["git"] + args, env: env)
            #expect(r.code == 0, "git \(args.joined(separator: " ")): \(r.err)")
        }
        let repo = t.file("repo"), other = t.file("other")
        #expect(try CLI.run(["export", "--tree", repo], db: db).code == 0)
        try git(["-c", "init.defaultBranch=main", "init", "-q", repo])
        try git(["-C", repo, "add", "-A"])
        try git(["-C", repo, "commit", "-q", "-m", "registry"])
        try git(["clone", "-q", repo, other])
        // The other side changes one system and deletes another.
        let file = other + "/systems/loan-scoring.yaml"
        let text = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
        #expect(text.contains("\nowner: credit-risk-analytics\n"))
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.replacingOccurrences(of: "\nowner: credit-risk-analytics\n", with: "\nowner: model-risk\n").utf8))
        try git(["-C", other, "rm", "-q", "systems/workplace-mood.yaml"])
        try git(["-C", other, "commit", "-q", "-a", "-m", "change loan-scoring, retire workplace-mood"])
        // The first side pulls.
        try git(["-C", repo, "pull", "-q", other, "main"])
        let dry = try CLI.run(["apply", "-f", repo, "--prune", "--dry-run"], db: db)
        #expect(dry.code == 0, "\(dry.err)")
        let lines = dry.out.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("changed ") } == ["changed   loan-scoring (owner)"], "\(dry.out)")
        #expect(lines.filter { $0.hasPrefix("deleted ") } == ["deleted   workplace-mood"], "\(dry.out)")
        #expect(lines.filter { $0.hasPrefix("created ") }.isEmpty)
        let diffBefore = try CLI.run(["diff", "-f", repo, "-o", "json"], db: db)
        #expect(diffBefore.code == 1)
        #expect(diffBefore.out.contains("\"workplace-mood\""))
        let applied = try CLI.run(["apply", "-f", repo, "--prune"], db: db)
        #expect(applied.code == 0, "\(applied.err)")
        #expect(try CLI.run(["get", "loan-scoring", "-o", "yaml"], db: db).out.contains("owner: model-risk\n"))
        #expect(try CLI.run(["get", "workplace-mood"], db: db).code == 2)
        let diff = try CLI.run(["diff", "-f", repo], db: db)
        #expect(diff.code == 0, "\(diff.out)\(diff.err)")
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }
}
