import AIGovCurses
import AIGovStore
import ArgumentParser
import Foundation

struct Tui: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the console on the registry (also what `aigov` with no arguments does on a terminal).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Flag(help: "Browse only: every write is disabled.") var readOnly = false

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError.usage("the console needs a terminal; use `aigov get` or `aigov check` in scripts")
        }
        // Make sure the file exists and is current before curses takes the screen.
        _ = try store.open(create: !readOnly, readOnly: readOnly)
        try ConsoleApp.run(path: store.path, readOnly: readOnly, actor: actor.resolved, title: nil)
    }
}
