import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import ArgumentParser
import Foundation

enum DoctorFormat: String, ArgumentEnum {
    case table, json
}

/// `aigov doctor`: checks the environment aigov runs in and names a fix for every problem.
///
/// Exit status: 0 when every check is `ok`; 1 when any check is `warn` or `FAIL` ("exit 1 when
/// anything is wrong"). `FAIL` means something will not work (the console cannot start, the
/// registry cannot be written, rules do not load, the audit chain is broken); `warn` means it
/// works but degraded or unsafely (no colours, no UTF-8, a folder others can write to, WAL on a
/// network share). Nothing is written except a scratch database in the registry's folder, to
/// prove WAL works there, which is removed at once.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the terminal, the registry's folder, file system and file, SQLite, rules.d and the audit chain.",
        discussion: """
            Each check prints one line, `ok`, `warn` or `FAIL`, its name and what it found; every \
            problem is followed by a `fix:` line. Exit 1 when any check warns or fails (warn: works, \
            but degraded or unsafe; FAIL: will not work), 0 when all are ok. -o json prints \
            {"ok": BOOL, "checks": [{"name", "status", "detail", "fix"}]} (status ok, warn or fail; \
            fix null when there is nothing to fix). Nothing is changed, except that a scratch \
            database is created and removed in the registry's folder to prove WAL works there.
            """)

    @OptionGroup var store: StoreOptions
    @Option(name: .shortAndLong, help: "Output format: table or json (default: table on a terminal, else json).")
    var output: DoctorFormat?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        // An invalid AIGOV_BUSY_TIMEOUT is itself a finding of the audit-chain check.
        let timeout = Result { try StoreOptions.busyTimeout(env) }.mapError { DoctorInputError("\($0)") }
        let checks = DoctorChecks(env: env, databasePath: store.path, source: Self.pathSource(store, env), busyTimeout: timeout).all()
        let format = output ?? (stdoutIsTerminal ? .table : .json)
        emit(format == .json ? Self.json(checks) : Self.table(checks))
        if checks.contains(where: { $0.status != .ok }) { throw CLIError.failed("") }
    }

    static func pathSource(_ store: StoreOptions, _ env: [String: String]) -> String {
        if let db = store.db, !db.isEmpty { return "--db" }
        if let p = env["AIGOV_DB"], !p.isEmpty { return "AIGOV_DB" }
        return "default"
    }

    /// `ok    name           detail`, and `      fix: …` under every problem. Everything is
    /// sanitised: details quote paths and environment variables.
    static func table(_ checks: [DoctorCheck]) -> String {
        let width = (checks.map(\.name.count).max() ?? 0) + 2
        var out = ""
        for c in checks {
            let status = c.status.label.padding(toLength: 6, withPad: " ", startingAt: 0)
            out += status + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + TextTable.sanitize(c.detail) + "\n"
            if let fix = c.fix { out += "      fix: " + TextTable.sanitize(fix) + "\n" }
        }
        let problems = checks.filter { $0.status != .ok }.count
        out += problems == 0 ? "all \(checks.count) checks ok\n" : "\(problems) of \(checks.count) checks found a problem\n"
        return out
    }

    static func json(_ checks: [DoctorCheck]) -> String {
        let q = { (s: String) in JSONText.quote(TextTable.sanitize(s)) }
        let items = checks.map { c in
            "    {\"name\": \(q(c.name)), \"status\": \(q(c.status.rawValue)), \"detail\": \(q(c.detail)), \"fix\": \(c.fix.map(q) ?? "null")}"
        }
        let ok = !checks.contains { $0.status != .ok }
        return "{\n  \"ok\": \(ok),\n  \"checks\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}

