import AIGovConsole
import CNcurses

/// Entry point of the ncurses console (stub until the console lands).
public enum ConsoleApp {
    /// Runs the console on the registry at `path` until the user quits.
    public static func run(path: String, readOnly: Bool, actor: String, title: String?) throws {
        setlocale(LC_ALL, "")
        _ = initscr()
        endwin()
    }
}
