import AIGovApp
import AIGovFormats
import AIGovStore
import ArgumentParser
import Foundation

/// Exit codes: 0 ok; 1 findings at or above --fail-on, or a verification failed;
/// 2 bad input or usage (nothing was written); 3 the registry could not be used
/// (locked past the busy timeout, read-only, disk full, not a registry file).
@main
struct Entry {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        // `aigov` alone on a terminal opens the console on the default registry.
        if args.isEmpty, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 { args = ["tui"] }
        do {
            var command = try AIGov.parseDirect(args) ?? AIGov.parseAsRoot(args)
            try command.run()
        } catch let e as CLIError {
            switch e {
            case let .usage(m):
                printErr("aigov: " + m)
                exit(2)
            case let .failed(m):
                if !m.isEmpty { printErr(m) }
                exit(1)
            }
        } catch let e as InputRejected {
            for p in e.problems { printErr(p.located) }
            printErr("aigov: input rejected (\(e.problems.count) problem\(e.problems.count == 1 ? "" : "s")); nothing was written")
            exit(2)
        } catch let e as TodayError {
            printErr("aigov: \(e)")
            exit(2)
        } catch let e as WorkspaceError {
            printErr("aigov: \(e)")
            exit(2)
        } catch let e as RegistryError {
            printErr("aigov: \(e)")
            switch e {
            case .notARegistry, .newerSchema, .readOnly, .cannotCreate, .cannotOpen, .brokenChain, .missingChain: exit(3)
            default: exit(2)
            }
        } catch {
            let code = AIGov.exitCode(for: error)
            if code == .success {
                AIGov.exit(withError: error)
            }
            printErr(AIGov.fullMessage(for: error))
            exit(2)
        }
    }
}

extension AIGov {
    /// `set`, `get` and `check`, the commands scripts run in loops, parsed as if each were the
    /// root command. `AIGov.parseAsRoot` first builds the tree of all subcommands, and
    /// ArgumentParser finds every command's arguments by reflection and dynamic casts; each
    /// cast the runtime has not seen yet scans every protocol conformance in the binary (all
    /// of Foundation's among them). Parsing the one command alone gives the same value for
    /// about 5 M fewer instructions (8% of an `aigov set`). Whatever ArgumentParser handles
    /// at the root (help, `--version`, completion scripts) and every parse or validation
    /// error go the long way, so messages, usage lines and exit codes stay those of
    /// `aigov SUBCOMMAND`.
    ///
    /// Those commands name `aigov` as their super-command (`directSuperCommand`). It only
    /// matters when they are the root, which is here: ArgumentParser then skips its check for
    /// `--generate-completion-script`, which parses two commands of its own and cost about a
    /// millisecond of every `set` in conformance scans (#25); such a request goes the long way
    /// above anyway. Under `AIGov` (help, usage, completion scripts) the root is `AIGov`, whose
    /// configuration has no super-command, so nothing there changes.
    static func parseDirect(_ args: [String]) -> ParsableCommand? {
        if getenv("AIGOV_NO_DIRECT") != nil { return nil }
        guard let name = args.first else { return nil }
        let command: ParsableCommand.Type
        switch name {
        case "set": command = SetFields.self
        case "get": command = Get.self
        case "check": command = Check.self
        default: return nil
        }
        let rest = Array(args.dropFirst())
        for arg in rest {
            if arg == "--" { break }
            if arg.hasPrefix("--") {
                if arg.hasPrefix("--help") || arg.hasPrefix("--version") || arg.hasPrefix("--generate-completion")
                    || arg.hasPrefix("--experimental") { return nil }
            } else if arg.hasPrefix("-"), arg.contains("h") {
                return nil  // -h, or h among short flags run together
            }
        }
        guard let parsed = try? command.parseAsRoot(rest), type(of: parsed) == command else { return nil }
        return parsed
    }
}

struct AIGov: ParsableCommand {
    /// The super-command the directly parsed commands name (`parseDirect`).
    static let directSuperCommand = "aigov"

    static let configuration = CommandConfiguration(
        commandName: "aigov",
        abstract: "A governance registry for the AI systems an organisation runs.",
        discussion: """
            Exit codes: 0 ok; 1 findings or a failed verification; 2 bad input or usage \
            (nothing written); 3 the registry file could not be used.
            """,
        version: BuildInfo.describe(),
        subcommands: [
            Init.self, Apply.self, Get.self, Diff.self, SetFields.self, Delete.self, History.self, Audit.self, Check.self, Waive.self,
            Unwaive.self, Waivers.self, Incidents.self, AgendaCommand.self, SoACommand.self, Rules.self, Explain.self, Vendors.self, WhatIf.self, Import.self, Export.self, Pack.self, Backup.self, Restore.self, Demo.self, Tui.self, Doctor.self,
            Classify.self,
            Fria.self, Register.self,
        ]
    )
}
