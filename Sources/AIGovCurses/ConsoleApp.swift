import AIGovConsole
import CNcurses
import Foundation

/// Entry point of the ncurses console.
public enum ConsoleApp {
    /// Runs the console on the registry at `path` until the user quits.
    ///
    /// The registry is opened before curses takes the screen, so an error (no such file, a newer
    /// schema) is printed on a normal terminal. "Today" is the clock's UTC day, as for
    /// `aigov check`, moving on at midnight, unless `AIGOV_TODAY` (YYYY-MM-DD) pins it.
    /// With `classify`, the guided classification of that system opens at once and the console
    /// closes with it (`aigov classify ID` on a terminal).
    public static func run(path: String, readOnly: Bool, actor: String, title: String?, classify: String? = nil) throws {
        let env = ProcessInfo.processInfo.environment
        let clock = SystemClock()
        let console = try Console.open(path: path, readOnly: readOnly, actor: actor, title: title, today: env["AIGOV_TODAY"],
                                       clock: clock)
        // NO_COLOR (https://no-color.org): any non-empty value turns colour off.
        let useColor = (env["NO_COLOR"] ?? "").isEmpty
        let terminal = CursesTerminal(useColor: useColor)
        defer { terminal.shutdown() }
        let size = terminal.size
        console.resize(width: size.width, height: size.height)
        console.start()
        if let classify { console.classify(classify, exitOnClose: true) }
        ConsoleLoop.run(console, on: terminal, clock: clock)
    }
}
