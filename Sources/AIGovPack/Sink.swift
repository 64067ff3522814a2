import Foundation
import ZIPFoundation

/// One file listed in the manifest.
public struct PackFileEntry: Sendable, Equatable, Codable {
    /// Path relative to the pack root, `/`-separated.
    public var path: String
    /// Size in bytes.
    public var size: Int
    /// SHA-256, lower-case hex.
    public var sha256: String
}

/// Where a pack's files go while it is built: a folder or a zip, both in a temporary place.
protocol PackSink {
    /// Stores one file; `path` has been checked by the caller.
    mutating func add(_ path: String, _ data: Data) throws
    /// Flushes and closes; after this the temporary item is complete.
    mutating func finish() throws
}

/// Writes files under a folder, creating sub-folders, with the given permissions.
struct FolderSink: PackSink {
    let root: URL
    let filePermissions: Int
    let folderPermissions: Int
    var madeFolders: Set<String> = []

    init(root: URL, filePermissions: Int, folderPermissions: Int) {
        self.root = root
        self.filePermissions = filePermissions
        self.folderPermissions = folderPermissions
    }

    mutating func add(_ path: String, _ data: Data) throws {
        try PackPath.check(path)
        let parts = path.split(separator: "/").map(String.init)
        var dir = ""
        for part in parts.dropLast() {
            dir += dir.isEmpty ? part : "/" + part
            if madeFolders.insert(dir).inserted {
                let url = root.appendingPathComponent(dir)
                // mkdir(2) refuses to follow an existing symlink, so nothing is created elsewhere.
                if mkdir(url.path, mode_t(folderPermissions)) != 0, errno != EEXIST {
                    throw PackError.io("cannot create folder \(url.path): \(String(cString: strerror(errno)))")
                }
                chmod(url.path, mode_t(folderPermissions))
            }
        }
        let target = root.appendingPathComponent(path).path
        // O_EXCL|O_NOFOLLOW: never write through a link or over a file someone placed there.
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(filePermissions))
        guard fd >= 0 else { throw PackError.io("cannot create \(target): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, mode_t(filePermissions))
        try data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                guard let base = raw.baseAddress else { break }
                let n = write(fd, base + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PackError.io("cannot write \(target): \(String(cString: strerror(errno)))")
                }
                off += n
            }
        }
    }

    mutating func finish() throws {}
}

/// Writes files into a zip archive (deflate), with fixed dates so equal packs are equal bytes.
struct ZipSink: PackSink {
    let archive: Archive
    let date: Date
    let permissions: UInt16
    var buffer: [(String, Data)] = []

    init(url: URL, date: Date, permissions: UInt16) throws {
        do {
            archive = try Archive(url: url, accessMode: .create)
        } catch {
            throw PackError.io("cannot create \(url.path): \(error)")
        }
        self.date = date
        self.permissions = permissions
    }

    mutating func add(_ path: String, _ data: Data) throws {
        try PackPath.check(path)
        do {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 permissions: permissions, compressionMethod: .deflate) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        } catch {
            throw PackError.io("cannot add \(path) to the zip: \(error)")
        }
    }

    mutating func finish() throws {}
}
