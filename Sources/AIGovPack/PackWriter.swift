import AIGovCore
import Foundation

/// Writes an audit pack atomically: built in a temporary item beside the target (same file
/// system) and renamed into place only when complete.
public enum PackWriter {
    /// How to write.
    public struct Options: Sendable {
        /// Replace an existing target.
        public var force: Bool
        /// Files 0640 and folders 0750 instead of 0600 / 0700.
        public var groupReadable: Bool
        public init(force: Bool = false, groupReadable: Bool = false) {
            self.force = force
            self.groupReadable = groupReadable
        }
    }

    /// Whether a path names a zip (by its extension).
    public static func isZip(_ path: String) -> Bool { path.lowercased().hasSuffix(".zip") }

    /// Builds the pack of `source` at `target` (a folder, or a zip when it ends in `.zip`).
    @discardableResult
    public static func write(_ source: PackSource, settings: PackSettings, to target: String, options: Options = Options()) throws -> PackManifest {
        let builder = PackBuilder(source: source, settings: settings)
        try builder.checkIDs()
        let fm = FileManager.default
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        let parent = targetURL.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw PackError.io("\(parent.path) is not a folder")
        }
        let exists = fm.fileExists(atPath: targetURL.path) || (try? fm.destinationOfSymbolicLink(atPath: targetURL.path)) != nil
        if exists, !options.force { throw PackError.targetExists(target) }

        let filePerm = options.groupReadable ? 0o640 : 0o600
        let dirPerm = options.groupReadable ? 0o750 : 0o700
        let temp = parent.appendingPathComponent(".\(targetURL.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
        var done = false
        defer { if !done { try? fm.removeItem(at: temp) } }

        let manifest: PackManifest
        if isZip(target) {
            let date = Date(timeIntervalSince1970: TimeInterval(unixSeconds(settings.generatedAt)))
            var sink = try ZipSink(url: temp, date: date, permissions: UInt16(filePerm))
            manifest = try builder.build(into: &sink)
            chmod(temp.path, mode_t(filePerm))
        } else {
            guard mkdir(temp.path, mode_t(dirPerm)) == 0 else {
                throw PackError.io("cannot create \(temp.path): \(String(cString: strerror(errno)))")
            }
            chmod(temp.path, mode_t(dirPerm))
            var sink = FolderSink(root: temp, filePermissions: filePerm, folderPermissions: dirPerm)
            manifest = try builder.build(into: &sink)
        }

        if exists {
            // Move the old pack aside first, so the target is never half old, half new.
            let old = parent.appendingPathComponent(".\(targetURL.lastPathComponent).old-\(getpid())-\(UUID().uuidString.prefix(8))")
            guard rename(targetURL.path, old.path) == 0 else {
                throw PackError.io("cannot replace \(target): \(String(cString: strerror(errno)))")
            }
            guard rename(temp.path, targetURL.path) == 0 else {
                let why = String(cString: strerror(errno))
                _ = rename(old.path, targetURL.path)
                throw PackError.io("cannot move the pack into place at \(target): \(why)")
            }
            try? fm.removeItem(at: old)
        } else {
            guard rename(temp.path, targetURL.path) == 0 else {
                throw PackError.io("cannot move the pack into place at \(target): \(String(cString: strerror(errno)))")
            }
        }
        done = true
        return manifest
    }

    /// Seconds since 1970 of an RFC 3339 UTC timestamp written by `PackClock` (0 when unreadable).
    static func unixSeconds(_ ts: String) -> Int {
        guard ts.count >= 19, let day = Day(String(ts.prefix(10))) else { return 0 }
        let t = ts.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
        guard t.count == 3 else { return day.ordinal * 86_400 }
        return day.ordinal * 86_400 + t[0] * 3600 + t[1] * 60 + t[2]
    }
}
