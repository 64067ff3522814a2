import Foundation
import Testing

/// Runs the real `aigov` binary, built next to the test bundle by `swift test`.
enum CLI {
    static let binary: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The xctest bundle may sit inside .build/<config>/X.xctest/…; walk up to find the binary.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("aigov").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent().appendingPathComponent("aigov").path
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let examples = fixtures.appendingPathComponent("examples").path

    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    /// The day every run of the binary is pinned to unless a test says otherwise: `AIGOV_TODAY`
    /// pins reads and writes alike, so no test depends on the real date. A test that needs the
    /// clock's own day (stored evaluations are kept for it alone) runs under `faketime` with
    /// `CLI.runAt`.
    static let pinnedDay = "2026-11-30"

    /// `faketime`, which moves the clock of the program it starts (Debian package `faketime`,
    /// installed by `.ci/run`), or nil.
    static let faketime: String? = ["/usr/bin/faketime", "/usr/local/bin/faketime"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The command words that run a program with its clock at noon UTC of `day` and no pinned
    /// day. The wrapper itself runs outside any faketime the suite is under (as `.ci/run` runs
    /// it), so it measures its offset from the real clock; libfaketime's variables set by hand
    /// were seen to garble a Swift program's arguments.
    static func clockAt(_ day: String) -> [String] {
        ["/usr/bin/env", "-u", "LD_PRELOAD", "-u", "FAKETIME", "-u", "FAKETIME_SHARED", "-u", "AIGOV_TODAY",
         "FAKETIME_DONT_FAKE_MONOTONIC=1", faketime ?? "faketime", "\(day) 12:00:00"]
    }

    /// Runs aigov with its clock at noon UTC of `day` and no pinned day, so what it evaluates
    /// on that day is stored as the clock's.
    @discardableResult
    static func runAt(_ day: String, _ args: [String], db: String? = nil, env: [String: String] = [:]) throws -> Result {
        guard faketime != nil else { throw POSIXError(.ENOENT) }
        let words = clockAt(day)
        return try exec(words[0], Array(words.dropFirst()) + [binary] + args, db: db, env: env)
    }

    /// Runs aigov with `args`; AIGOV_DB and AIGOV_ACTOR come from `env` (never the user's
    /// defaults), and `AIGOV_TODAY` is `pinnedDay` unless `env` sets it ("" unpins).
    @discardableResult
    static func run(_ args: [String], db: String? = nil, env: [String: String] = [:], stdin: String? = nil) throws -> Result {
        try exec(binary, args, db: db, env: env, stdin: stdin)
    }

    static func exec(_ path: String, _ args: [String], db: String? = nil, env: [String: String] = [:],
                     stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["AIGOV_ACTOR"] = "tester"
        environment["XDG_DATA_HOME"] = NSTemporaryDirectory() + "aigov-tests-xdg-\(getpid())"
        environment.removeValue(forKey: "AIGOV_DB")
        environment["AIGOV_TODAY"] = pinnedDay
        if let db { environment["AIGOV_DB"] = db }
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both pipes concurrently with the child so a large output cannot deadlock. The
        // second reader is a thread of its own, not a dispatch queue's: the tests themselves run
        // on the global queues' threads (as many as there are cores) and block here, so a read
        // queued behind them could wait for a thread forever.
        nonisolated(unsafe) var errData = Data()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// `sqlite3 DB .dump`: the database's whole content as text.
    static func dump(_ db: String) throws -> String {
        try exec("/usr/bin/env", ["sqlite3", db, ".dump"]).out
    }
}

/// A fresh temporary directory, removed when the value is released.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "aigov-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// What a test needs from the machine, for `.enabled(if:)`: a test whose tool is missing is
/// reported as skipped, never passed by returning early. `.ci/run` installs all of them.
enum Tools {
    static func has(_ command: String) -> Bool {
        (try? CLI.exec("/usr/bin/env", ["sh", "-c", "command -v \(command)"]).code == 0) ?? false
    }

    static func pythonImports(_ module: String) -> Bool {
        (try? CLI.exec("/usr/bin/env", ["python3", "-c", "import \(module)"]).code == 0) ?? false
    }

    static let tmux = ConsoleE2ETests.tmuxPath() != nil
}
