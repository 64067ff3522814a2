import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a registry tree could not be written (a usage error: exit 2, nothing written).
public struct TreeError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The registry as a folder of files, for keeping it in git ("registry as code"):
/// `systems/ID.yaml`, `waivers/SYSTEM--RULE.yaml`, `incidents/ID.yaml` and a `README.md` saying
/// what the folder is.
///
/// Every file is in the canonical form of `get -o yaml` (the catalog's key order), so a
/// one-field change is a one-line diff, and `apply -f DIR` reads the folder back (it reads
/// only `.yaml`, `.yml` and `.json`, so the README is ignored).
public enum RegistryTree {
    /// The README's first line, by which an existing folder is recognised as a tree.
    public static let marker = "# aigov registry tree"
    /// The folders of a tree, one per kind of record.
    static let folders = ["systems", "waivers", "incidents"]

    public static let readme = """
        \(marker)

        This folder is an aigov registry kept as code, written by `aigov export --tree`.

        - `systems/ID.yaml`: one AI system per file, in the interchange format (docs/FORMAT.md).
        - `waivers/SYSTEM--RULE.yaml`: one waiver per file (`kind: waiver`).
        - `incidents/ID.yaml`: one serious incident per file (`kind: incident`).

        Keys are written in a fixed order, so a one-field change is a one-line diff.
        Apply it with `aigov apply -f DIR` (add `--prune` to delete what the folder lacks),
        compare it with a registry with `aigov diff -f DIR`, and lint it without a database
        with `aigov check -f DIR`. This file is ignored by `apply`, which reads only
        .yaml, .yml and .json files.

        """

    public struct File: Sendable, Equatable {
        /// Relative to the tree's root: `systems/ID.yaml`.
        public var path: String
        public var text: String
    }

    /// Whether `name` can be one path component: letters, digits, `.`, `_`, `-`, starting with
    /// a letter or digit (so never `.`, `..`, a hidden name or anything with a `/`).
    static func safeComponent(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 200 else { return false }
        func ok(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
        }
        return ok(first) && name.unicodeScalars.allSatisfy { ok($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    /// The tree's files for these records, sorted by path. Throws when an id cannot be a file name.
    public static func files(systems: [AISystem], waivers: [Waiver], incidents: [Incident] = []) throws -> [File] {
        var out: [File] = [File(path: "README.md", text: readme)]
        var bad: [String] = []
        for s in systems {
            guard safeComponent(s.id) else { bad.append("system id \"\(s.id)\""); continue }
            out.append(File(path: "systems/\(s.id).yaml", text: try RecordWriter.yaml([s])))
        }
        for w in waivers {
            guard safeComponent(w.system), safeComponent(w.rule) else { bad.append("waiver \"\(w.system)/\(w.rule)\""); continue }
            out.append(File(path: "waivers/\(w.system)--\(w.rule).yaml", text: try RecordWriter.yaml([w])))
        }
        for i in incidents {
            guard safeComponent(i.id) else { bad.append("incident id \"\(i.id)\""); continue }
            out.append(File(path: "incidents/\(i.id).yaml", text: try RecordWriter.yaml([i])))
        }
        if !bad.isEmpty {
            throw TreeError("cannot name a file after \(bad.joined(separator: ", ")) (letters, digits, . _ - only); nothing was written")
        }
        var seen: Set<String> = []
        for f in out where !seen.insert(f.path).inserted {
            throw TreeError("two records would be written to \(f.path); nothing was written")
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Whether `dir` holds a tree written by aigov (its README starts with the marker).
    public static func isTree(_ dir: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: dir + "/README.md") else { return false }
        return String(decoding: data.prefix(200), as: UTF8.self).hasPrefix(marker + "\n")
    }

    /// Writes `files` into `dir` (created owner-only when missing): files 0600, folders 0700.
    ///
    /// A non-empty `dir` must already be a tree (hidden entries such as `.git` do not count);
    /// `.yaml` files in its `systems/`, `waivers/` and `incidents/` that are no longer in `files` are removed,
    /// everything else in it is left alone. No path leaves `dir`.
    public static func write(_ files: [File], to dir: String) throws {
        let fm = FileManager.default
        var st = stat()
        if lstat(dir, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw TreeError("\(dir) exists and is not a folder") }
            let entries = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }
            if !entries.isEmpty, !isTree(dir) {
                throw TreeError("\(dir) is not empty and is not a registry tree (no README.md written by `aigov export --tree`); nothing was written")
            }
        } else {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw TreeError("cannot create \(dir): \(error.localizedDescription)")
            }
        }
        let root = URL(fileURLWithPath: dir).standardizedFileURL.path
        for sub in RegistryTree.folders {
            let path = root + "/" + sub
            if lstat(path, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFDIR else { throw TreeError("\(path) is not a folder (a link or a file); nothing was written") }
            } else if mkdir(path, 0o700) != 0 {
                throw TreeError("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        let wanted = Set(files.map(\.path))
        for f in files {
            let target = URL(fileURLWithPath: root + "/" + f.path).standardizedFileURL.path
            guard target.hasPrefix(root + "/"), f.path.split(separator: "/").allSatisfy({ safeComponent(String($0)) }) else {
                throw TreeError("refusing to write \(f.path) outside \(dir)")
            }
            try writeFile(target, Data(f.text.utf8))
        }
        for sub in RegistryTree.folders {
            for name in (try? fm.contentsOfDirectory(atPath: root + "/" + sub)) ?? []
            where name.hasSuffix(".yaml") && !wanted.contains("\(sub)/\(name)") {
                let path = root + "/" + sub + "/" + name
                if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG { unlink(path) }
            }
        }
    }

    /// Writes through a temporary file renamed over the target (never following a link there).
    static func writeFile(_ path: String, _ data: Data) throws {
        if let old = FileManager.default.contents(atPath: path), old == data {
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG { return }
        }
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TreeError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let ok = data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, base + off, raw.count - off)
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw TreeError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// When `apply --prune` may delete: never from an input that holds no systems, and not more
/// than half of the registry's systems, nor more than half of its incidents (an input written
/// before trees held incidents would otherwise delete them all), unless the caller said
/// `--prune-all`.
public enum PrunePolicy {
    public static func check(deletions: [ChangeOutcome], counts: PruneCounts, inputSystems: Int, pruneAll: Bool,
                             source: String) throws {
        if inputSystems == 0 {
            throw InputRejected([InputProblem(file: source, path: "", message: "--prune with an input that holds no systems would delete the whole registry; refused (use `aigov delete` for that)")])
        }
        guard !pruneAll else { return }
        var problems: [InputProblem] = []
        for (entity, total) in [("system", counts.systems), ("incident", counts.incidents)] {
            let gone = deletions.filter { $0.entity == entity }.count
            if gone > 0, gone * 2 > total {
                problems.append(InputProblem(file: source, path: "", message: "--prune would delete \(gone) of the registry's \(total) \(entity)s (more than half); refused without --prune-all"))
            }
        }
        if !problems.isEmpty { throw InputRejected(problems) }
    }
}
