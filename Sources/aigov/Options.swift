import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore
import ArgumentParser
import Foundation

/// Options every command that touches the registry shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Registry file.", discussion: "Default: $AIGOV_DB, else $XDG_DATA_HOME/aigov/registry.db (~/.local/share/aigov/registry.db).", valueName: "path"))
    var db: String?

    /// The database path from `--db`, `AIGOV_DB`, or the XDG default.
    var path: String {
        if let db, !db.isEmpty { return db }
        let env = environmentVariables("AIGOV_DB", "XDG_DATA_HOME", "HOME")
        if let p = env["AIGOV_DB"], !p.isEmpty { return p }
        return StoreOptions.dataDirectory(env) + "/registry.db"
    }

    static func dataDirectory(_ env: [String: String]) -> String {
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") { return x + "/aigov" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/aigov"
    }

    /// The longest `AIGOV_BUSY_TIMEOUT` accepted, in seconds (a day). SQLite takes the timeout
    /// in milliseconds as a 32-bit int, so an unbounded value would overflow.
    static let maxBusyTimeout: TimeInterval = 86_400

    /// `AIGOV_BUSY_TIMEOUT` (seconds) overrides how long a writer waits for another's lock;
    /// anything but a number from 0 to a day is a usage error (exit 2).
    static func busyTimeout(_ env: [String: String]) throws -> TimeInterval {
        guard let text = env["AIGOV_BUSY_TIMEOUT"] else { return Registry.busyTimeout }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") }),
              let v = TimeInterval(trimmed), v.isFinite, v >= 0, v <= maxBusyTimeout else {
            throw CLIError.usage("AIGOV_BUSY_TIMEOUT: expected a number of seconds from 0 to \(Int(maxBusyTimeout)), got \"\(text)\"")
        }
        return v
    }

    func open(create: Bool, readOnly: Bool = false, groupReadable: Bool = false) throws -> Registry {
        let timeout = try StoreOptions.busyTimeout(environmentVariables("AIGOV_BUSY_TIMEOUT"))
        let registry = try Registry.open(path: path, create: create, readOnly: readOnly, groupReadable: groupReadable, busyTimeout: timeout)
        return readOnly ? registry : Workspace.evaluatingWrites(registry, today: try Today.resolve(option: nil))
    }
}

/// The day of this run: `--today` when given, then `AIGOV_TODAY`, then the clock (`Today`).
/// A bad value is a usage error (exit 2).
func resolveToday(_ option: String?) throws -> Today {
    do { return try Today.resolve(option: option) } catch let e as TodayError { throw CLIError.usage(e.description) }
}

/// Who the audit log names for a write: `--actor`, else `AIGOV_ACTOR`, else the login name.
struct ActorOptions: ParsableArguments {
    @Option(name: .long, help: "Name recorded in the audit log (default: $AIGOV_ACTOR, else the login name).")
    var actor: String?

    var resolved: String {
        if let actor, !actor.isEmpty { return actor }
        return ActorOptions.fromEnvironment()
    }

    /// The name goes into every audit entry and onto every terminal that shows history, so it
    /// follows `ActorPolicy` whether it came from --actor, AIGOV_ACTOR or the login name.
    func validate() throws {
        if let problem = ActorPolicy.problem(resolved) {
            throw ValidationError("--actor (or AIGOV_ACTOR): \(problem)")
        }
    }

    static func fromEnvironment() -> String {
        let env = environmentVariables("AIGOV_ACTOR", "USER")
        if let a = env["AIGOV_ACTOR"], !a.isEmpty { return a }
        if let u = env["USER"], !u.isEmpty { return u }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}

/// An option's value that is one of an enum's raw strings. ArgumentParser's own
/// `allValueStrings` for such a type maps the cases through a generic key path, which the
/// runtime builds from its mangled name on every start-up (with protocol-conformance scans):
/// a tenth of `aigov get ID` (#25). These return the same strings through a closure. The
/// descriptions are empty, as ArgumentParser's are when a case describes itself by its raw value.
protocol ArgumentEnum: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentEnum {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    public static var allValueDescriptions: [String: String] { [:] }
}

enum OutputFormat: String, ArgumentEnum {
    case table, json, yaml, csv
}

/// `-o table|json|yaml|csv`; table is the default on a terminal, json otherwise.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: table, json, yaml or csv (default: table on a terminal, else json).")
    var output: OutputFormat?

    var format: OutputFormat { output ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json) }
}

/// The named environment variables that are set. `ProcessInfo.processInfo.environment` copies
/// the whole environment into a new dictionary on every call (about 0.4 M instructions each;
/// `aigov set` made three, 2% of its run).
func environmentVariables(_ names: String...) -> [String: String] {
    var env: [String: String] = [:]
    for name in names {
        if let value = getenv(name) { env[name] = String(cString: value) }
    }
    return env
}

/// Errors the commands raise, with the exit code each maps to.
enum CLIError: Error, CustomStringConvertible {
    /// Bad input or usage: exit 2.
    case usage(String)
    /// A check or verification failed: exit 1 (the message has been printed already when empty).
    case failed(String)

    var description: String {
        switch self {
        case let .usage(m), let .failed(m): m
        }
    }
}

/// Writes a message to stderr. Messages quote input (values, file lines, libyaml's context),
/// so every line goes through the terminal sanitiser: no escape sequence from a file or a
/// database reaches the terminal through an error.
func printErr(_ s: String) {
    let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { TextTable.sanitize(String($0)) }
    let text = lines.joined(separator: "\n")
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Whether standard output is a terminal (checked once).
let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

/// Writes to stdout in one piece. On a terminal, control characters are made visible except
/// line breaks, tabs and aigov's own colour codes, so data printed raw (CSV, YAML, JSON) cannot
/// drive the terminal; piped or redirected output stays byte-exact.
/// Writes data (CSV) to stdout; on a terminal every escape sequence is made visible, colours
/// included: the data is the registry's, not aigov's styling.
func emitPlain(_ s: String) {
    FileHandle.standardOutput.write(Data((stdoutIsTerminal ? TextTable.sanitizeKeepingLines(s) : s).utf8))
}

func emit(_ s: String) {
    FileHandle.standardOutput.write(Data((stdoutIsTerminal ? TextTable.sanitizeKeepingStyle(s) : s).utf8))
}

extension RiskTier: ArgumentEnum {}
extension SystemStatus: ArgumentEnum {}
