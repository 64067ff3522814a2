import Foundation
import Testing

/// One path through the console in a real terminal: tmux runs `aigov demo`, keys go in with
/// `send-keys`, the screen comes back with `capture-pane`, and each step is retried until the
/// screen shows what it should (or ten seconds pass).
@Suite struct ConsoleE2ETests {
    /// tmux on a socket of its own, so a test never touches the user's sessions.
    struct Tmux {
        let socket = "aigov-test-" + UUID().uuidString
        let path: String

        /// Runs tmux and waits for it; `capture` returns what it printed.
        ///
        /// posix_spawn and waitpid rather than `Process`: the first command starts the tmux server
        /// as a daemon, and `Process` was seen to wait forever on that client (it never reaped it).
        /// Every descriptor above stderr is closed in the child: a tmux server started while
        /// another test holds a pipe to an `aigov` child would otherwise keep that pipe's write
        /// end open, and that test would wait forever for end of file.
        @discardableResult
        func run(_ args: [String], capture: Bool = false) throws -> String {
            let out = NSTemporaryDirectory() + "aigov-tmux-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: out) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, capture ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            guard Tmux.addCloseFrom(&actions, 3) == 0 else { throw POSIXError(.ENOSYS) }
            let argv = [path, "-L", socket] + args
            var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
            defer { for a in cargs { free(a) } }
            var pid: pid_t = 0
            let rc = posix_spawn(&pid, path, &actions, nil, &cargs, environ)
            guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            return capture ? ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "") : ""
        }

        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
        /// Glibc module does not export: looked up once by name.
        static let addCloseFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
            guard let f = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
                return { _, _ in ENOSYS }
            }
            return unsafeBitCast(f, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

        func send(_ keys: String...) throws { try run(["send-keys", "-t", "console"] + keys) }

        func screen() throws -> String { try run(["capture-pane", "-p", "-t", "console"], capture: true) }

        /// Waits until the screen satisfies `ok`; records an issue with the last screen if it never does.
        @discardableResult
        func waitFor(_ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
                     _ ok: (String) -> Bool) throws -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if ok(last) { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("timed out waiting for \(what); screen:\n\(last)", sourceLocation: sourceLocation)
            return false
        }

        /// Stops the server and what runs in its panes, and removes its socket file, which tmux
        /// can leave behind. A pane's program or the server that outlives `kill-server` (a
        /// console that ignored the hang-up, a server that hung) is killed outright.
        func kill() {
            let pids = ((try? run(["list-panes", "-a", "-F", "#{pane_pid}"], capture: true)) ?? "")
                + ((try? run(["display-message", "-p", "#{pid}"], capture: true)) ?? "")
            _ = try? run(["kill-server"])
            for pid in pids.split(whereSeparator: \.isNewline).compactMap({ pid_t($0) }) where pid > 1 {
                var waited = 0
                while Glibc.kill(pid, 0) == 0, waited < 20 {
                    Thread.sleep(forTimeInterval: 0.05)
                    waited += 1
                }
                _ = Glibc.kill(pid, SIGKILL)
            }
            unlink("/tmp/tmux-\(getuid())/\(socket)")
        }
    }

    static func tmuxPath() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    @Test(.enabled(if: Tools.tmux, "tmux is not installed")) func filterOpenEditSaveQuitInARealTerminal() throws {
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath())
        let tmp = TempDir()
        let db = tmp.file("demo.db")
        let tmux = Tmux(path: tmuxPath)
        defer { tmux.kill() }
        // Quote for the shell tmux starts the command with.
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "env AIGOV_ACTOR=e2e-tester AIGOV_TODAY=2026-11-24 TERM=xterm-256color \(q(CLI.binary)) demo --db \(q(db))"
        try tmux.run(["new-session", "-d", "-s", "console", "-x", "100", "-y", "30", command])

        try tmux.waitFor("the dashboard") { $0.contains("Systems by tier") && $0.contains("Open findings") }
        // Registry, filtered to high-risk systems.
        try tmux.send("2")
        try tmux.waitFor("the registry") { $0.contains("Registry") && $0.contains("loan-scoring") }
        try tmux.send("/")
        try tmux.waitFor("the filter prompt") { $0.contains("filter:") }
        try tmux.send("-l", "tier:high")
        try tmux.send("Enter")
        try tmux.waitFor("the filtered table") { $0.contains("filter: tier:high") && !$0.contains("support-chatbot") }
        // Open loan-scoring with the command line, then its edit form.
        try tmux.send("-l", ":system loan-scoring")
        try tmux.send("Enter")
        try tmux.waitFor("the system screen") { $0.contains("Consumer loan default scoring") && $0.contains("Overview") }
        try tmux.send("e")
        try tmux.waitFor("the edit form") { $0.contains("Edit loan-scoring") }
        // contact is the fourth field: name, purpose, owner, contact.
        try tmux.send("j", "j", "j", "Enter")
        try tmux.waitFor("the value prompt") { $0.contains("contact = ") }
        try tmux.send("C-u")
        try tmux.send("-l", "governance@example.org")
        try tmux.send("Enter")
        try tmux.waitFor("the edited value") { $0.contains("governance@example.org") }
        try tmux.send("s")
        try tmux.waitFor("the save message") { $0.contains("saved loan-scoring") }
        try tmux.send("Q")
        try tmux.waitFor("the console to exit") { !$0.contains("aigov · demo") }

        let got = try CLI.run(["get", "loan-scoring", "-o", "json", "--db", db])
        #expect(got.code == 0, "\(got.err)")
        #expect(got.out.contains("governance@example.org"))
        let history = try CLI.run(["history", "loan-scoring", "--db", db])
        #expect(history.out.contains("e2e-tester"))
    }
}
