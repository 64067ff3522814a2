import AIGovCore
import Foundation
import GRDB
import Glibc

/// How SQLite's errors read to a person, and which `RegistryError` each becomes.
extension Registry {
    /// A database error met after the file was opened.
    static func wrap(_ e: DatabaseError, path: String) -> RegistryError {
        switch e.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .notARegistry(path: path, detail: describe(e))
        case .SQLITE_READONLY: .readOnly
        default: .cannotOpen(path: path, detail: describe(e))
        }
    }

    /// Not-a-database and corruption mean "not a registry"; locks, permissions and a full
    /// disk mean the file could not be used right now.
    static func classify(_ error: any Error, path: String) -> RegistryError {
        if let e = error as? DatabaseError, e.resultCode != .SQLITE_NOTADB, e.resultCode != .SQLITE_CORRUPT {
            return .cannotOpen(path: path, detail: describe(error))
        }
        return .notARegistry(path: path, detail: describe(error))
    }

    public static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB: return "the file is not a SQLite database"
            case .SQLITE_CORRUPT: return "the database file is corrupt"
            case .SQLITE_CANTOPEN: return "cannot open the file or its -wal/-shm companions (read-only folder or file system, or no permission)"
            case .SQLITE_BUSY: return "the database is locked by another process (gave up after the busy timeout)"
            case .SQLITE_READONLY: return "the database or its folder is read-only"
            case .SQLITE_FULL: return "the disk is full"
            default: return e.message ?? "\(e.resultCode)"
            }
        }
        return "\(error)"
    }
}
