import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum Terminfo {
    /// `$TERMINFO`, `~/.terminfo`, `$TERMINFO_DIRS` (an empty element means the system
    /// folders), then the system folders, as ncurses does.
    static func directories(env: [String: String]) -> [String] {
        let system = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
        var dirs: [String] = []
        if let t = env["TERMINFO"], !t.isEmpty { dirs.append(t) }
        if let home = env["HOME"], !home.isEmpty { dirs.append(home + "/.terminfo") }
        if let list = env["TERMINFO_DIRS"] {
            for d in list.split(separator: ":", omittingEmptySubsequences: false) {
                if d.isEmpty { dirs += system } else { dirs.append(String(d)) }
            }
        }
        dirs += system
        var seen = Swift.Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// The entry file for `term`, or nil. Names with a slash or a leading dot are never looked up.
    static func find(_ term: String, env: [String: String]) -> String? {
        guard let first = term.unicodeScalars.first, !term.contains("/"), !term.hasPrefix("."), term.utf8.count <= 128 else { return nil }
        let hex = String(format: "%02x", first.value & 0xFF)
        for dir in directories(env: env) {
            for sub in [String(first), hex] {
                let path = "\(dir)/\(sub)/\(term)"
                var st = stat()
                if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG { return path }
            }
        }
        return nil
    }

    /// `max_colors` (numeric capability 13) from a compiled entry: legacy (16-bit numbers,
    /// magic 0432) or extended (32-bit numbers, magic 01036) format. nil when absent or unreadable.
    static func maxColors(_ path: String) -> Int? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let data = try? h.read(upToCount: 8192) else { return nil }
        let b = [UInt8](data)
        func short(_ i: Int) -> Int? { i + 1 < b.count ? Int(Int16(bitPattern: UInt16(b[i]) | UInt16(b[i + 1]) << 8)) : nil }
        guard let magic = short(0), magic == 0o432 || magic == 0o1036,
              let names = short(2), let bools = short(4), let nums = short(6), names >= 0, bools >= 0, nums > 13 else { return nil }
        var offset = 12 + names + bools
        if offset % 2 == 1 { offset += 1 }
        let value: Int
        if magic == 0o1036 {
            let i = offset + 13 * 4
            guard i + 3 < b.count else { return nil }
            value = Int(Int32(bitPattern: UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24))
        } else {
            guard let v = short(offset + 13 * 2) else { return nil }
            value = v
        }
        return value >= 0 ? value : nil
    }
}

/// The type of the file system a path is on: the type of the mount (from /proc/self/mounts)
/// whose mount point is the longest one that holds the path.
struct FileSystemType {
    var name: String
    var isNetwork: Bool

    /// File systems where SQLite's WAL (shared memory and POSIX locks) is unsafe.
    static let networkNames: Swift.Set<String> = [
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "gfs2",
        "vboxsf", "vmhgfs", "drvfs", "fuse.sshfs", "sshfs", "fuse.glusterfs", "fuse.s3fs", "fuse.rclone", "fuse.davfs2",
        "davfs", "fuse.vmhgfs-fuse", "fuse.gcsfuse",
    ]

    static func of(_ path: String) -> FileSystemType {
        guard let name = mountType(path) else { return FileSystemType(name: "an unknown file system", isNetwork: false) }
        return FileSystemType(name: name, isNetwork: networkNames.contains(name) || name.hasPrefix("nfs"))
    }

    /// The type of the mount that holds `path`, from /proc/self/mounts.
    static func mountType(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        let real = String(cString: resolved)
        free(resolved)
        guard let text = DoctorChecks.procFile("/proc/self/mounts") else { return nil }
        var best: (length: Int, type: String)?
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count >= 3 else { continue }
            let point = unescape(String(f[1]))
            let holds = point == "/" || real == point || real.hasPrefix(point + "/")
            if holds, point.count >= (best?.length ?? -1) { best = (point.count, String(f[2])) }
        }
        return best?.type
    }

    /// Mount points escape space, tab, newline and backslash as `\ooo`.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count,
               let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
