import AIGovStore
import ArgumentParser
import Foundation

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the registry to a file with SQLite's online backup (safe while others write).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file to write.") var path: String
    @Flag(help: "Make the backup readable by the file's group too (default: owner only).") var groupReadable = false
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
        let registry = try store.open(create: false, readOnly: false)
        let health = try registry.backup(to: path, groupReadable: groupReadable, force: force)
        emit("backed up \(health.systems) systems and \(health.audit.entries) audit entries to \(path)\n")
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the registry with a backup, after checking the backup's integrity and audit chain.",
        discussion: """
            A restore that would drop audit entries the registry has and the backup lacks (changes \
            made after the backup) is refused and lists them; run it again with --discard-newer N, \
            N their count, to drop them.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file to restore from.") var path: String
    @Option(help: ArgumentHelp("Drop the N audit entries the registry has and the backup lacks (refused when N is not their count).", valueName: "n"))
    var discardNewer: Int?

    func validate() throws {
        if let n = discardNewer, n < 0 { throw ValidationError("--discard-newer takes a count of 0 or more") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.usage("no such file: \(path)") }
        let registry = try store.open(create: true)
        let (health, dropped) = try registry.restore(from: path, discardNewer: discardNewer)
        if !dropped.isEmpty {
            printErr("dropped \(dropped.count) audit entr\(dropped.count == 1 ? "y" : "ies") the backup lacks:\n"
                     + dropped.map { "  " + $0 }.joined(separator: "\n"))
        }
        emit("restored \(health.systems) systems and \(health.audit.entries) audit entries from \(path)\n")
    }
}
