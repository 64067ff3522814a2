import AIGovStore
import Foundation
import ZIPFoundation

/// `aigov pack verify`: recomputes every hash of a pack (folder or zip) and checks the audit chain.
public enum PackVerifier {
    /// What verification found.
    public struct Report: Sendable, Equatable {
        /// Files listed in the manifest.
        public var files = 0
        /// Audit entries checked.
        public var auditEntries = 0
        /// The audit head the manifest records.
        public var auditHead = ""
        /// One line per difference, naming the file (and entry) at fault; empty when all holds.
        public var problems: [String] = []
        /// True when nothing differs.
        public var ok: Bool { problems.isEmpty }
    }

    /// Verifies the pack at `path`. Throws `PackError.notAPack` when there is nothing to verify there.
    public static func verify(path: String) throws -> Report {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw PackError.notAPack("\(path) does not exist")
        }
        var files: [String: Data] = [:]
        var report = Report()
        if isDir.boolValue {
            try readFolder(URL(fileURLWithPath: path), into: &files, problems: &report.problems)
        } else {
            try readZip(URL(fileURLWithPath: path), into: &files, problems: &report.problems)
        }
        check(files, into: &report)
        return report
    }

    /// Compares files with the manifest and checks the audit chain.
    static func check(_ files: [String: Data], into report: inout Report) {
        guard let data = files[PackManifest.fileName] else {
            report.problems.append("missing: \(PackManifest.fileName)")
            return
        }
        guard let manifest = try? JSONDecoder().decode(PackManifest.self, from: data) else {
            report.problems.append("changed: \(PackManifest.fileName) is not a valid manifest")
            return
        }
        if manifest.digest != manifest.computedDigest {
            report.problems.append("changed: \(PackManifest.fileName) (its content does not match its digest)")
        }
        report.files = manifest.files.count
        report.auditHead = manifest.auditHead
        var listed: Set<String> = []
        for f in manifest.files {
            listed.insert(f.path)
            guard PackPath.isSafe(f.path) else {
                report.problems.append("unsafe: \(f.path) (the manifest names a path outside the pack)")
                continue
            }
            guard let content = files[f.path] else {
                report.problems.append("missing: \(f.path)")
                continue
            }
            if content.count != f.size || Digest.sha256(content) != f.sha256 {
                report.problems.append("changed: \(f.path) (size \(content.count), manifest says \(f.size); SHA-256 differs)")
            }
        }
        for name in files.keys.sorted() where name != PackManifest.fileName && !listed.contains(name) {
            report.problems.append("extra: \(name) (not in the manifest)")
        }
        guard let log = files["audit-log.jsonl"] else {
            if !listed.contains("audit-log.jsonl") { report.problems.append("missing: audit-log.jsonl") }
            return
        }
        let chain = AuditLogFile.verify(log)
        report.auditEntries = chain.entries
        for p in chain.problems { report.problems.append("audit-log.jsonl: \(p)") }
        if chain.entries != manifest.auditEntries {
            report.problems.append("audit-log.jsonl: holds \(chain.entries) entries, the manifest says \(manifest.auditEntries)")
        }
        if chain.head != manifest.auditHead {
            report.problems.append("audit-log.jsonl: last hash \(chain.head) differs from the manifest's audit_head \(manifest.auditHead)")
        }
    }

    /// Reads every regular file under a folder; symlinks and other special files are refused.
    static func readFolder(_ root: URL, into files: inout [String: Data], problems: inout [String]) throws {
        func walk(_ rel: String) throws {
            let dir = rel.isEmpty ? root.path : root.path + "/" + rel
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
                throw PackError.notAPack("cannot read \(dir): \(error.localizedDescription)")
            }
            for name in names.sorted() {
                let r = rel.isEmpty ? name : rel + "/" + name
                var st = stat()
                guard lstat(root.path + "/" + r, &st) == 0 else {
                    problems.append("unreadable: \(r)")
                    continue
                }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: try walk(r)
                case S_IFREG:
                    guard let d = FileManager.default.contents(atPath: root.path + "/" + r) else {
                        problems.append("unreadable: \(r)")
                        continue
                    }
                    files[r] = d
                case S_IFLNK: problems.append("rejected: \(r) is a symbolic link (a pack holds only plain files)")
                default: problems.append("rejected: \(r) is not a plain file")
                }
            }
        }
        try walk("")
    }

    /// Reads every entry of a zip into memory; entries with `..`, an absolute path or a
    /// symlink are refused (and never extracted anywhere).
    static func readZip(_ url: URL, into files: inout [String: Data], problems: inout [String]) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw PackError.notAPack("\(url.path) is neither a folder nor a readable zip (\(error))")
        }
        for entry in archive {
            let name = entry.path
            switch entry.type {
            case .symlink:
                problems.append("rejected: zip entry \(name) is a symbolic link (a pack holds only plain files)")
                continue
            case .directory:
                let trimmed = name.hasSuffix("/") ? String(name.dropLast()) : name
                if !PackPath.isSafe(trimmed) {
                    problems.append("rejected: zip entry \(name) has an unsafe path (absolute or with ..)")
                }
                continue
            case .file:
                break
            }
            guard PackPath.isSafe(name) else {
                problems.append("rejected: zip entry \(name) has an unsafe path (absolute or with ..)")
                continue
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                problems.append("changed: \(name) cannot be read from the zip (\(error))")
                continue
            }
            if files[name] != nil { problems.append("rejected: zip entry \(name) appears twice") }
            files[name] = data
        }
    }
}
