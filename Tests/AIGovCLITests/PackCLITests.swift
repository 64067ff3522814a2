import Foundation
import Testing

/// `aigov export pack`, `aigov pack verify` and `aigov export -o …` end to end.
@Suite struct PackCLITests {
    static let today = ["--today", "2026-11-24"]

    /// A registry of the examples, with a waiver whose text a spreadsheet would run.
    static func registry(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let w = try CLI.run(["waive", "code-assistant", "FBK-004", "--reason", "=HYPERLINK(\"http://evil.example\")",
                             "--approved-by", "@boss", "--expires", "2027-01-31"], db: db)
        #expect(w.code == 0, "\(w.err)")
        return db
    }

    static func files(under root: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            var d: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &d), !d.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    @Test func aFolderPackVerifiesAndEveryChangedByteOrExtraFileIsNamed() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let pack = t.file("pack")
        let w = try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db)
        #expect(w.code == 0, "\(w.err)")
        let ok = try CLI.run(["pack", "verify", pack])
        #expect(ok.code == 0, "\(ok.out)\(ok.err)")
        #expect(ok.out.hasPrefix("ok: ") && ok.out.split(separator: "\n").count == 1)

        let names = Self.files(under: pack)
        #expect(names.contains("index.html") && names.contains("manifest.json") && names.contains("audit-log.jsonl"))
        #expect(names.contains("systems/loan-scoring/cyclonedx.json") && names.contains("systems/loan-scoring/technical-documentation.md"))
        for name in names {
            let path = pack + "/" + name
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            var changed = original
            changed[changed.count / 2] ^= 0x01
            try changed.write(to: URL(fileURLWithPath: path))
            let r = try CLI.run(["pack", "verify", pack])
            #expect(r.code == 1, "changing \(name) went unnoticed")
            #expect(r.out.contains(name), "the report does not name \(name): \(r.out)")
            try original.write(to: URL(fileURLWithPath: path))
        }
        #expect(try CLI.run(["pack", "verify", pack]).code == 0)

        _ = t.write("pack/systems/loan-scoring/notes.txt", "extra")
        let extra = try CLI.run(["pack", "verify", pack])
        #expect(extra.code == 1)
        #expect(extra.out.contains("extra: systems/loan-scoring/notes.txt"))
        try FileManager.default.removeItem(atPath: pack + "/systems/loan-scoring/notes.txt")
        try FileManager.default.removeItem(atPath: pack + "/waivers.csv")
        let missing = try CLI.run(["pack", "verify", pack])
        #expect(missing.code == 1 && missing.out.contains("missing: waivers.csv"))
    }

    @Test func aZipPackVerifiesAndATamperedCopyFails() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let zip = t.file("pack.zip")
        #expect(try CLI.run(["export", "pack", "--out", zip] + Self.today, db: db).code == 0)
        let ok = try CLI.run(["pack", "verify", zip])
        #expect(ok.code == 0, "\(ok.out)\(ok.err)")
        // An extra entry added with the system's zip tool (entry rewriting with ZIPFoundation is
        // covered in AIGovPackTests, which links it).
        _ = t.write("extra/notes.txt", "extra")
        let z = try CLI.exec("/usr/bin/env", ["sh", "-c", "cd '\(t.file("extra"))' && zip -q '\(zip)' notes.txt"])
        if z.code == 0 {
            let r = try CLI.run(["pack", "verify", zip])
            #expect(r.code == 1 && r.out.contains("extra: notes.txt"), "\(r.out)")
        } else {
            print("skipped the zip-tool part: zip is not installed")
        }
    }

    @Test func theTargetIsRefusedUnlessForcedAndFilesAreOwnerOnly() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let pack = t.file("pack")
        #expect(try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db).code == 0)
        let again = try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db)
        #expect(again.code == 2 && again.err.contains("exists"))
        #expect(try CLI.run(["export", "pack", "--out", pack, "--force"] + Self.today, db: db).code == 0)
        func mode(_ p: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode(pack) == 0o700)
        #expect(try mode(pack + "/systems") == 0o700)
        #expect(try mode(pack + "/index.html") == 0o600)
        #expect(try mode(pack + "/systems/loan-scoring/record.yaml") == 0o600)
        let zip = t.file("g.zip")
        #expect(try CLI.run(["export", "pack", "--out", zip, "--group-readable"] + Self.today, db: db).code == 0)
        #expect(try mode(zip) == 0o640)
        let g = t.file("g")
        #expect(try CLI.run(["export", "pack", "--out", g, "--group-readable", "--system", "loan-scoring"] + Self.today, db: db).code == 0)
        #expect(try mode(g) == 0o750 && mode(g + "/manifest.json") == 0o640)
        #expect(Self.files(under: g + "/systems") == [
            "loan-scoring/cyclonedx.json", "loan-scoring/findings.json", "loan-scoring/history.csv", "loan-scoring/record.yaml",
            "loan-scoring/technical-documentation.html", "loan-scoring/technical-documentation.md",
        ])
        // No temporary leftovers beside the targets.
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path).filter { $0.hasPrefix(".") }.isEmpty)
        #expect(try CLI.run(["export", "pack", "--out", t.file("x"), "--system", "nope"] + Self.today, db: db).code == 2)
        #expect(try CLI.run(["pack", "verify", t.file("nothing-here")]).code == 2)
        #expect(try CLI.run(["pack", "verify"]).code == 2)
    }

    @Test func csvCellsAreNeutralised() throws {
        let t = TempDir()
        let db = t.file("r.db")
        _ = t.write("in/evil.yaml", """
            id: evil-sys
            name: "@SUM(1+1)*cmd|' /C calc'!A0"
            owner: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
            purpose: "+1+2"
            status: production
            """)
        #expect(try CLI.run(["apply", "-f", t.file("in")], db: db).code == 0)
        #expect(try CLI.run(["waive", "evil-sys", "INV-002", "--reason=-2+3", "--approved-by=\tboss",
                             "--expires", "2027-01-31"], db: db).code == 0)
        let pack = t.file("pack")
        #expect(try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db).code == 0)
        for name in ["inventory.csv", "findings.csv", "waivers.csv", "systems/evil-sys/history.csv"] {
            let text = try String(contentsOfFile: pack + "/" + name, encoding: .utf8)
            for cell in Self.cells(text) {
                #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false), "\(name): formula cell \(cell)")
            }
        }
        let inventory = try String(contentsOfFile: pack + "/inventory.csv", encoding: .utf8)
        #expect(inventory.contains("'@SUM(1+1)"))
        #expect(inventory.contains("'=HYPERLINK("))
        let waivers = try String(contentsOfFile: pack + "/waivers.csv", encoding: .utf8)
        #expect(waivers.contains(",'-2+3,") && waivers.contains("'\tboss"))
        let csv = try CLI.run(["export", "-o", "csv"] + Self.today, db: db)
        #expect(csv.code == 0 && csv.out.contains("'=HYPERLINK("))
    }

    /// The cells of an RFC 4180 text, unquoted.
    static func cells(_ text: String) -> [String] {
        var out: [String] = [], cell = "", quoted = false, atStart = true
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," || c == "\r\n" || c == "\n" {
                out.append(cell)
                cell = ""
                atStart = true
                continue
            } else {
                cell.append(c)
            }
            atStart = false
        }
        return out
    }

    @Test(.enabled(if: Tools.has("sqlite3"), "the sqlite3 shell is not installed"))
    func aSystemIdThatWouldEscapeThePackIsRefused() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        // Ids are slugs by the schema's CHECK; a hand-edited database can still hold anything.
        let edit = try CLI.exec("/usr/bin/env", ["sqlite3", db, "PRAGMA ignore_check_constraints=1; UPDATE systems SET id='../../escaped' WHERE id='invoice-ocr';"])
        #expect(edit.code == 0, "\(edit.err)")
        let r = try CLI.run(["export", "pack", "--out", t.file("sub/pack")] + Self.today, db: db)
        #expect(r.code == 2)
        _ = try? FileManager.default.createDirectory(atPath: t.file("sub"), withIntermediateDirectories: true)
        let r2 = try CLI.run(["export", "pack", "--out", t.file("sub/pack")] + Self.today, db: db)
        #expect(r2.code == 2 && r2.err.contains("refusing unsafe path \"systems/../../escaped\""), "\(r2.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.file("sub")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: t.file("escaped")))
    }

    @Test func indexHTMLIsSelfContained() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        // Record data with links and markup: it must appear as escaped text only.
        _ = t.write("in/links.yaml", """
            id: links-sys
            name: "<img src=https://evil.example/x.png onerror=alert(1)>"
            owner: web
            status: pilot
            evidence:
              - kind: dpia
                title: "DPIA <a href=\\"https://evil.example\\">here</a>"
                uri: https://docs.example.com/dpia.pdf
            """)
        #expect(try CLI.run(["apply", "-f", t.file("in")], db: db).code == 0)
        let pack = t.file("pack")
        #expect(try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db).code == 0)
        var pages = [pack + "/index.html"]
        pages += Self.files(under: pack + "/systems").filter { $0.hasSuffix(".html") }.map { pack + "/systems/" + $0 }
        #expect(pages.count == 8)
        for page in pages {
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
            let external = html.range(of: #"<[a-zA-Z][^>]*\s(src|href|xlink:href|action|srcset|poster)\s*=\s*["']?\s*(https?:|//|data:|javascript:)"#,
                                      options: [.regularExpression, .caseInsensitive])
            #expect(external == nil, "\(page) loads or links something external")
            #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<link") && !html.contains("@import"))
            #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
            for tag in ["table", "section", "figure", "dl", "html", "body", "style"] {
                #expect(html.components(separatedBy: "<\(tag)").count == html.components(separatedBy: "</\(tag)>").count, "<\(tag)> unbalanced in \(page)")
            }
        }
        let index = try String(contentsOfFile: pack + "/index.html", encoding: .utf8)
        #expect(index.contains("@media print"))
        #expect(index.contains("&lt;img src=https://evil.example/x.png onerror=alert(1)&gt;"))
        #expect(index.components(separatedBy: "<svg").count - 1 == 5)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: pack + "/manifest.json"))) as? [String: Any])
        let head = try #require(manifest["audit_head"] as? String)
        #expect(index.contains(head))
        for link in Self.links(index) { #expect(FileManager.default.fileExists(atPath: pack + "/" + link), "broken link \(link)") }
    }

    static func links(_ html: String) -> [String] {
        let re = try? NSRegularExpression(pattern: ##"href="([^"#]+)""##)
        let ns = html as NSString
        return re?.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) } ?? []
    }

    @Test(.enabled(if: Tools.pythonImports("cyclonedx.validation.json"),
                   "python3 with cyclonedx-python-lib is not available (pip install cyclonedx-python-lib; .ci/run installs it)"))
    func everyBOMValidatesAgainstCycloneDX16() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let pack = t.file("pack")
        #expect(try CLI.run(["export", "pack", "--out", pack] + Self.today, db: db).code == 0)
        let registryBOM = try CLI.run(["export", "-o", "cyclonedx"] + Self.today, db: db)
        #expect(registryBOM.code == 0)
        _ = t.write("registry-bom.json", registryBOM.out)
        var boms = Self.files(under: pack + "/systems").filter { $0.hasSuffix("cyclonedx.json") }.map { pack + "/systems/" + $0 }
        #expect(boms.count == 6)
        boms.append(t.file("registry-bom.json"))
        let script = """
            import sys
            from cyclonedx.validation.json import JsonStrictValidator
            from cyclonedx.schema import SchemaVersion
            v = JsonStrictValidator(SchemaVersion.V1_6)
            bad = 0
            for path in sys.argv[1:]:
                error = v.validate_str(open(path, encoding="utf-8").read())
                if error is not None:
                    bad += 1
                    print(path, error)
            sys.exit(1 if bad else 0)
            """
        let r = try CLI.exec("/usr/bin/env", ["python3", "-c", script] + boms)
        #expect(r.code == 0, "\(r.out)\(r.err)")
    }

    @Test func exportWritesInventoryRecordsAndBOMsToStdout() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let csv = try CLI.run(["export", "-o", "csv"] + Self.today, db: db)
        #expect(csv.code == 0)
        #expect(csv.out.hasPrefix("id,name,tier,status,owner,role,score,open,critical,high,medium,low,info,waived,upcoming\r\n"))
        #expect(csv.out.split(separator: "\r\n").count == 7)
        let json = try CLI.run(["export", "-o", "json", "--system", "loan-scoring"] + Self.today, db: db)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["tier"] as? String == "high" && rows[0]["score"] is Int)
        let yaml = try CLI.run(["export", "-o", "yaml", "--system", "loan-scoring"] + Self.today, db: db)
        #expect(yaml.code == 0 && yaml.out.hasPrefix("id: loan-scoring\n"))
        let one = try CLI.run(["export", "-o", "cyclonedx", "--system", "loan-scoring"] + Self.today, db: db)
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(one.out.utf8)) as? [String: Any])
        #expect(((bom["metadata"] as? [String: Any])?["component"] as? [String: Any])?["name"] as? String == "Consumer loan default scoring")
        let again = try CLI.run(["export", "-o", "cyclonedx", "--system", "loan-scoring"] + Self.today, db: db)
        #expect(bom["serialNumber"] as? String == (try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [String: Any])?["serialNumber"] as? String)
        #expect(try CLI.run(["export", "-o", "xml"], db: db).code == 2)
        #expect(try CLI.run(["export", "-o", "csv", "--system", "nope"], db: db).code == 2)
    }

    @Test func samePackTwiceIsByteIdentical() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let env = ["SOURCE_DATE_EPOCH": "1790000000"]
        #expect(try CLI.run(["export", "pack", "--out", t.file("a")] + Self.today, db: db, env: env).code == 0)
        #expect(try CLI.run(["export", "pack", "--out", t.file("b")] + Self.today, db: db, env: env).code == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: t.file("a/manifest.json")))
        let b = try Data(contentsOf: URL(fileURLWithPath: t.file("b/manifest.json")))
        #expect(a == b)
    }
}
