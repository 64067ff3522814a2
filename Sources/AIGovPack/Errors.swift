/// What can stop a pack from being written or read.
public enum PackError: Error, CustomStringConvertible, Equatable {
    /// A system id or file name that would place a file outside the pack root.
    case unsafePath(String)
    /// The target exists and `--force` was not given.
    case targetExists(String)
    /// The file system refused (create, write, rename).
    case io(String)
    /// The path to verify does not exist or is not a folder or zip.
    case notAPack(String)

    public var description: String {
        switch self {
        case let .unsafePath(p): "refusing unsafe path \"\(p)\": it could place a file outside the pack"
        case let .targetExists(p): "\(p) exists (use --force to replace it)"
        case let .io(m): m
        case let .notAPack(m): m
        }
    }
}

/// Relative paths inside a pack: only plain names joined by `/`.
public enum PackPath {
    /// Whether a system id may name a folder: a slug of letters, digits, `.`, `_` and `-`,
    /// not starting with a dot (so never `.` or `..`), at most 128 characters.
    public static func isSafeComponent(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 128, s.first != "." else { return false }
        return s.unicodeScalars.allSatisfy { u in
            (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "." || u == "_" || u == "-"
        }
    }

    /// Whether a relative path stays inside the root: not absolute, no empty, `.` or `..`
    /// component, no backslash or NUL.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { c in
            !c.isEmpty && c != "." && c != ".."
        }
    }

    /// Throws unless `path` is safe.
    static func check(_ path: String) throws {
        guard isSafe(path) else { throw PackError.unsafePath(path) }
    }
}
