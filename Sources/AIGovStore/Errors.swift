/// Errors of the store, each worded for the person at the terminal.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case notARegistry(path: String, detail: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case notFound(id: String)
    case versionConflict(id: String, expected: Int, actual: Int)
    case unknownSystemForWaiver(system: String, rule: String)
    case readOnly
    case cannotCreate(path: String, detail: String)
    case cannotOpen(path: String, detail: String)
    /// The audit log does not verify at its head; writes are refused until it is looked at.
    case brokenChain(detail: String)
    /// A restore would drop audit entries the live registry has and the backup lacks, and the
    /// caller did not name their count (`restore --discard-newer N`).
    case restoreWouldDrop(count: Int, named: Int?, entries: [String])
    /// A registry holds records but no audit chain (its history was emptied): writes are refused.
    case missingChain(systems: Int)

    public var description: String {
        switch self {
        case let .missing(path):
            "no registry at \(path) (create one with `aigov init` or `aigov apply -f FILE`)"
        case let .notARegistry(path, detail):
            "\(path) is not an aigov registry: \(detail)"
        case let .newerSchema(path, found, supported):
            "\(path) has schema version \(found), newer than this aigov supports (\(supported)); upgrade aigov — the file was not modified"
        case let .notFound(id):
            "no system with id \"\(id)\""
        case let .versionConflict(id, expected, actual):
            "\(id) is at version \(actual), not \(expected): someone changed it meanwhile; re-read it and try again"
        case let .unknownSystemForWaiver(system, rule):
            "waiver for \(rule) names unknown system \"\(system)\""
        case .readOnly:
            "the registry is open read-only"
        case let .cannotOpen(path, detail):
            "cannot use \(path): \(detail)"
        case let .cannotCreate(path, detail):
            "cannot create registry at \(path): \(detail)"
        case let .brokenChain(detail):
            "the audit log does not verify at its head (\(detail)); nothing was written. Run `aigov audit verify` to see where the chain breaks"
        case let .restoreWouldDrop(count, named, entries):
            (named.map { "--discard-newer \($0) does not match: " } ?? "")
                + "restoring would drop \(count) audit entr\(count == 1 ? "y" : "ies") the registry has and the backup lacks; "
                + "nothing was restored. To drop them, run the restore again with --discard-newer \(count). They are:\n"
                + entries.map { "  " + $0 }.joined(separator: "\n")
        case let .missingChain(systems):
            "the registry holds \(systems) system\(systems == 1 ? "" : "s") but no audit log (its history was emptied or removed); "
                + "nothing was written. Restore it from a backup (`aigov restore`) or inspect it with `aigov doctor`"
        }
    }
}
