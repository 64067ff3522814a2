import AIGovStore
import Crypto
import Foundation

/// `aigov pack verify`: recomputes every hash of a pack (folder or zip) and checks the audit chain.
///
/// A pack comes from someone else, so everything in it is hostile input. Verification
/// therefore lists the pack first without reading any file, then reads only what the
/// manifest lists, one 64 KiB chunk at a time into an incremental SHA-256: no file is ever
/// held whole except `manifest.json` (at most `maxManifestBytes`, checked before reading),
/// and a file whose declared size differs from the manifest's is not read at all. Memory
/// stays bounded whatever the pack holds, and time is bounded by the sizes the manifest
/// records, however large a zip entry claims (or turns out) to be.
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

    /// The largest `manifest.json` read: about 300,000 files' worth; a real one is far smaller.
    static let maxManifestBytes: UInt64 = 64 << 20
    /// The deepest folder nesting walked in a folder pack (a pack's is two).
    static let maxDepth = 32
    /// The audit log's name inside a pack.
    static let auditLogName = "audit-log.jsonl"

    /// Verifies the pack at `path`. Throws `PackError.notAPack` when there is nothing to verify there.
    public static func verify(path: String) throws -> Report {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw PackError.notAPack("\(path) does not exist")
        }
        let pack: any PackContents = isDir.boolValue ? try FolderPack(root: path) : try ZipPack(path: path)
        var report = Report()
        report.problems = pack.problems
        if !pack.fatal { check(pack, into: &report) }
        return report
    }

    /// Compares the pack with its manifest and checks the audit chain.
    static func check(_ pack: any PackContents, into report: inout Report) {
        let name = PackManifest.fileName
        guard let declared = pack.files[name] else {
            report.problems.append("missing: \(name)")
            return
        }
        guard declared <= maxManifestBytes else {
            report.problems.append("changed: \(name) (\(declared) bytes, more than the \(maxManifestBytes >> 20) MiB a manifest may have; not read)")
            return
        }
        var data = Data()
        data.reserveCapacity(Int(declared))
        switch pack.stream(name, limit: declared, { data.append(contentsOf: $0) }) {
        case .complete: break
        case .tooLong:
            report.problems.append("changed: \(name) (holds more than the \(declared) bytes its size says; stopped reading)")
            return
        case let .failed(why):
            report.problems.append("changed: \(name) cannot be read (\(why))")
            return
        }
        guard let manifest = try? JSONDecoder().decode(PackManifest.self, from: data) else {
            report.problems.append("changed: \(name) is not a valid manifest")
            return
        }
        // The digest covers the decoded fields only; unknown keys, duplicate keys or another
        // layout would carry content nothing checks. The writer's bytes are the only form.
        if data != manifest.encoded() {
            report.problems.append("changed: \(name) (not in canonical form / unknown keys)")
        }
        if manifest.digest != manifest.computedDigest {
            report.problems.append("changed: \(name) (its content does not match its digest)")
        }
        report.files = manifest.files.count
        report.auditHead = manifest.auditHead

        var listed: Set<String> = []
        var chain: AuditLogFile.Verification?
        for f in manifest.files {
            guard listed.insert(f.path).inserted else {
                report.problems.append("changed: \(name) (lists \(shown(f.path)) twice)")
                continue
            }
            guard PackPath.isSafe(f.path) else {
                report.problems.append("unsafe: \(shown(f.path)) (the manifest names a path outside the pack)")
                continue
            }
            guard let size = pack.files[f.path] else {
                // A refused entry has its own line already.
                if !pack.refused.contains(f.path) { report.problems.append("missing: \(shown(f.path))") }
                continue
            }
            // Sizes first: a file that declares another size is not read at all, so a zip
            // bomb under a listed name costs nothing.
            guard f.size >= 0, UInt64(f.size) == size else {
                report.problems.append("changed: \(shown(f.path)) (size \(size), manifest says \(f.size); not read)")
                continue
            }
            var hasher = SHA256()
            var checker = f.path == auditLogName ? AuditLogFile.ChainChecker() : nil
            let outcome = pack.stream(f.path, limit: size) { chunk in
                hasher.update(bufferPointer: chunk)
                checker?.feed(chunk)
            }
            switch outcome {
            case let .complete(count) where count != size:
                report.problems.append("changed: \(shown(f.path)) (holds \(count) bytes, manifest says \(f.size))")
            case .complete:
                if Digest.hex(hasher.finalize()) != f.sha256 {
                    report.problems.append("changed: \(shown(f.path)) (size \(size) as recorded; SHA-256 differs)")
                }
                if let verified = checker?.finish() { chain = verified }
            case .tooLong:
                report.problems.append("changed: \(shown(f.path)) (holds more than the \(size) bytes its size says; stopped reading)")
            case let .failed(why):
                report.problems.append("changed: \(shown(f.path)) cannot be read (\(why))")
            }
        }
        for path in pack.files.keys.sorted() where path != name && !listed.contains(path) {
            report.problems.append("extra: \(shown(path)) (not in the manifest)")
        }
        reportEmptyFolders(pack.folders, listed: listed, into: &report.problems)

        guard listed.contains(auditLogName) else {
            if pack.files[auditLogName] == nil { report.problems.append("missing: \(auditLogName) (the manifest does not list it)") }
            return
        }
        // Unread (missing, other size, unreadable): its own line says so already.
        guard let chain else { return }
        report.auditEntries = chain.entries
        for p in chain.problems { report.problems.append("\(auditLogName): \(p)") }
        if chain.entries != manifest.auditEntries {
            report.problems.append("\(auditLogName): holds \(chain.entries) entries, the manifest says \(manifest.auditEntries)")
        }
        if chain.head != manifest.auditHead {
            report.problems.append("\(auditLogName): last hash \(chain.head) differs from the manifest's audit_head \(shown(manifest.auditHead))")
        }
    }

    /// Names every folder that holds no listed file (the topmost only): an empty folder is
    /// content the manifest does not describe, and a place to leave things for the next reader.
    static func reportEmptyFolders(_ folders: [String], listed: Set<String>, into problems: inout [String]) {
        var needed: Set<String> = []
        for path in listed where PackPath.isSafe(path) {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                needed.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        var reported: [String] = []
        for folder in Set(folders).sorted() where !needed.contains(folder) {
            if reported.contains(where: { folder.hasPrefix($0 + "/") }) { continue }
            reported.append(folder)
            problems.append("extra: \(shown(folder))/ (a folder that holds no file the manifest lists)")
        }
    }

    /// A name as a report line shows it: control characters, line and paragraph separators
    /// and bidirectional controls escaped as `\u{…}`, so that a hostile file name can neither
    /// forge a report line (an `ok:` after a newline) nor hide itself.
    static func shown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u.value {
            case 0..<0x20, 0x7F..<0xA0, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
                out += "\\u{\(String(u.value, radix: 16))}"
            default:
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// What a pack holds, listed without reading any file, and a way to stream one file.
protocol PackContents {
    /// Every plain file by path relative to the root, with the size the file system or the
    /// zip's central directory declares.
    var files: [String: UInt64] { get }
    /// Folders, relative and without a trailing slash (a folder pack's, or a zip's folder entries).
    var folders: [String] { get }
    /// Names refused while listing (links, devices, unsafe or duplicate entries); each already
    /// has its own report line, so it is not reported missing as well.
    var refused: Set<String> { get }
    /// Problems found while listing, in report-line form.
    var problems: [String] { get }
    /// True when the listing itself cannot be trusted and nothing else should be checked.
    var fatal: Bool { get }
    /// Streams the content of `path` to `body`, stopping with `.tooLong` past `limit` bytes.
    func stream(_ path: String, limit: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) -> StreamOutcome
}

/// A zip pack: entries as `ZipReader` parsed and judged them.
struct ZipPack: PackContents {
    private let reader: ZipReader
    private var index: [String: Int] = [:]
    private(set) var files: [String: UInt64] = [:]
    private(set) var folders: [String] = []
    private(set) var refused: Set<String> = []
    private(set) var problems: [String] = []
    var fatal: Bool { reader.fatal }

    init(path: String) throws {
        reader = try ZipReader(path: path)
        problems = reader.problems
        var said: Set<String> = []
        func say(_ line: String) { if said.insert(line).inserted { problems.append(line) } }
        for (i, e) in reader.entries.enumerated() {
            let shown = PackVerifier.shown(e.name)
            switch e.kind {
            case let .rejected(why):
                refused.insert(e.name)
                say("rejected: zip entry \(shown) \(why)")
            case .directory:
                let trimmed = String(e.name.dropLast())
                if PackPath.isSafe(trimmed) {
                    folders.append(trimmed)
                } else {
                    refused.insert(e.name)
                    say("rejected: zip entry \(shown) has an unsafe path (absolute or with ..)")
                }
            case .file:
                if PackPath.isSafe(e.name) {
                    files[e.name] = e.uncompressedSize
                    index[e.name] = i
                } else {
                    refused.insert(e.name)
                    say("rejected: zip entry \(shown) has an unsafe path (absolute or with ..)")
                }
            }
            if e.commentLength > 0 { say("extra: the comment of zip entry \(shown) (\(e.commentLength) bytes; aigov writes none)") }
        }
    }

    func stream(_ path: String, limit: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) -> StreamOutcome {
        guard let i = index[path], reader.entries.indices.contains(i) else { return .failed("no such entry") }
        return reader.stream(reader.entries[i], limit: limit, body)
    }
}

/// A folder pack: plain files found by `lstat`, never following a link.
struct FolderPack: PackContents {
    let root: String
    private(set) var files: [String: UInt64] = [:]
    private(set) var folders: [String] = []
    private(set) var refused: Set<String> = []
    private(set) var problems: [String] = []
    var fatal: Bool { false }

    init(root: String) throws {
        self.root = root
        try walk("", depth: 0)
    }

    /// Lists one folder and recurses into its sub-folders, `maxDepth` deep at most (a
    /// hostile tree must not exhaust the stack).
    private mutating func walk(_ rel: String, depth: Int) throws {
        let dir = rel.isEmpty ? root : root + "/" + rel
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            if rel.isEmpty { throw PackError.notAPack("cannot read \(dir): \(error.localizedDescription)") }
            refused.insert(rel)
            problems.append("unreadable: \(PackVerifier.shown(rel))/")
            return
        }
        for name in names.sorted() {
            let r = rel.isEmpty ? name : rel + "/" + name
            let shown = PackVerifier.shown(r)
            var st = stat()
            guard lstat(root + "/" + r, &st) == 0 else {
                refused.insert(r)
                problems.append("unreadable: \(shown)")
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                guard depth + 1 < PackVerifier.maxDepth else {
                    refused.insert(r)
                    problems.append("rejected: \(shown) is nested more than \(PackVerifier.maxDepth) folders deep (not read)")
                    continue
                }
                folders.append(r)
                try walk(r, depth: depth + 1)
            case S_IFREG:
                files[r] = UInt64(clamping: st.st_size)
            case S_IFLNK:
                refused.insert(r)
                problems.append("rejected: \(shown) is a symbolic link (a pack holds only plain files)")
            default:
                refused.insert(r)
                problems.append("rejected: \(shown) is not a plain file")
            }
        }
    }

    /// Opens `path` one component at a time with `O_NOFOLLOW`, so that a folder swapped for
    /// a link after listing cannot lead outside the pack, and `O_NONBLOCK`, so that a file
    /// swapped for a fifo cannot hang the verifier; then reads it in 64 KiB chunks.
    func stream(_ path: String, limit: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) -> StreamOutcome {
        var dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { return .failed(String(cString: strerror(errno))) }
        let parts = path.split(separator: "/").map(String.init)
        for part in parts.dropLast() {
            let next = openat(dirfd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(dirfd)
            guard next >= 0 else { return .failed(String(cString: strerror(errno))) }
            dirfd = next
        }
        let fd = openat(dirfd, parts.last ?? "", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        let openError = errno
        close(dirfd)
        guard fd >= 0 else { return .failed(String(cString: strerror(openError))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return .failed("it is no longer a plain file") }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: ZipReader.chunk, alignment: 16)
        defer { buffer.deallocate() }
        var total: UInt64 = 0
        while true {
            let n = read(fd, buffer, ZipReader.chunk)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { return .failed(String(cString: strerror(errno))) }
            if n == 0 { return .complete(total) }
            total += UInt64(n)
            if total > limit { return .tooLong }
            body(UnsafeRawBufferPointer(start: buffer, count: n))
        }
    }
}
