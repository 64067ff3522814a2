import AIGovApp
import AIGovFormats
import AIGovRules
import AIGovStore

/// A `:` command, parsed from the text typed after the colon (k9s's command mode).
public enum ConsoleCommand: Equatable, Sendable {
    case quit
    case check
    case system(String)
    case findings
    case dashboard
    case registry
    case frameworks
    case help
    case refresh
    /// Simulate providers disappearing (`:whatif BigLab AI`).
    case whatIf(String)
    /// Browse the registry read-only as it stood at a point (`:asof 2026-08-02`, `:asof 41`);
    /// nil returns to the live registry (`:asof now`).
    case asOf(AuditPoint?)
    case classify(String)
    case importSource(ImportKind, path: String, system: String?)
    /// A command that exists but is not built yet (`:export`).
    case unavailable(String)
    /// Anything else, with the message to show.
    case invalid(String)

    /// Every command: the words that call it, how help writes it, and how its arguments parse.
    /// `parse` and the help screen both read this table, so a command cannot miss help.
    public static let table: [CommandSpec] = [
        CommandSpec(["q", "q!", "quit", "exit", "wq"], ":q", "quit (not while the form has unsaved edits)") { head, rest in
            rest.isEmpty ? .quit : .invalid(":\(head) takes no arguments")
        },
        CommandSpec(["check"], ":check", "check every system again and show the findings") { _, _ in .check },
        CommandSpec(["system", "sys", "s", "open"], ":system ID", "open a system by its id") { _, rest in
            rest.count == 1 ? .system(rest[0]) : .invalid("usage: :system ID")
        },
        CommandSpec(["findings", "f"], ":findings", "the open findings") { _, _ in .findings },
        CommandSpec(["classify", "c"], ":classify ID", "classify a system: the guided questionnaire (Esc writes nothing)") { _, rest in
            rest.count == 1 ? .classify(rest[0]) : .invalid("usage: :classify ID")
        },
        CommandSpec(["import"], ":import KIND PATH [ID]", "import hf, mlflow, cyclonedx or algoritmeregister: the field diff first, Enter writes") { _, rest in
            guard (2...3).contains(rest.count), let kind = ImportKind(rawValue: rest[0]) else {
                return .invalid("usage: :import hf|mlflow|cyclonedx|algoritmeregister PATH [SYSTEM-ID]")
            }
            return .importSource(kind, path: rest[1], system: rest.count == 3 ? rest[2] : nil)
        },
        CommandSpec(["dashboard", "dash", "d"], ":dashboard", "the dashboard") { _, _ in .dashboard },
        CommandSpec(["registry", "reg", "systems", "r"], ":registry", "the registry table") { _, _ in .registry },
        CommandSpec(["frameworks", "framework", "fw", "soa"], ":frameworks", "the ISO/IEC 42001 SoA, the NIST AI RMF and the AI Act by article") { _, _ in
            .frameworks
        },
        CommandSpec(["whatif", "what-if"], ":whatif VENDOR", "what if a provider disappeared: systems down, degraded, continuing") { _, rest in
            rest.isEmpty ? .invalid("usage: :whatif VENDOR NAME") : .whatIf(rest.joined(separator: " "))
        },
        CommandSpec(["asof", "as-of"], ":asof DATE|SEQ", "browse the registry read-only as it stood then (:asof now returns)") { head, rest in
            guard let word = rest.first, word.lowercased() != "now" else {
                return rest.count <= 1 ? .asOf(nil) : .invalid("usage: :\(head) YYYY-MM-DD|SEQ, or :\(head) now")
            }
            guard rest.count == 1, let point = AuditPoint(word) else {
                return .invalid(":\(head): \"\(rest.joined(separator: " "))\" is not a day (YYYY-MM-DD) or an audit entry number")
            }
            return .asOf(point)
        },
        CommandSpec(["refresh", "reload"], ":refresh", "refresh from the database") { _, _ in .refresh },
        CommandSpec(["help", "h"], ":help", "this help") { _, _ in .help },
        CommandSpec(["export", "pack"], ":export", "says how to build the audit pack from the shell") { _, _ in
            .unavailable("export runs from the shell: aigov export pack --out pack.zip")
        },
    ]

    /// Parses a command line such as `system loan-scoring` or `q`.
    /// Whether the command opens what writes (refused centrally when read-only).
    public var writes: Bool {
        switch self {
        case .classify, .importSource: true
        default: false
        }
    }

    public static func parse(_ line: String) -> ConsoleCommand {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let head = words.first?.lowercased() else { return .invalid("type a command, e.g. :registry or :q") }
        guard let spec = table.first(where: { $0.names.contains(head) }) else {
            return .invalid("unknown command :\(head) (? lists every command)")
        }
        return spec.parse(head, Array(words.dropFirst()))
    }
}

/// One row of the command table: names, usage as help shows it, what it does, and its parser.
public struct CommandSpec: Sendable {
    /// The words that call it, the usual one first.
    public var names: [String]
    public var usage: String
    public var text: String
    /// Makes the command from the word typed and the words after it.
    let parse: @Sendable (_ head: String, _ rest: [String]) -> ConsoleCommand

    init(_ names: [String], _ usage: String, _ text: String,
         parse: @escaping @Sendable (_ head: String, _ rest: [String]) -> ConsoleCommand) {
        self.names = names
        self.usage = usage
        self.text = text
        self.parse = parse
    }
}

/// The interpreter of `:` commands (k9s's command mode): the parsed command in, the console's
/// navigation and the workspace's use cases out.
enum CommandRunner {
    static func run(_ command: ConsoleCommand, in c: Console) -> Effect {
        // The commands that open what writes are refused here, as writing bindings are in dispatch.
        if command.writes, c.readOnly {
            c.refuseWrite()
            return .redraw
        }
        switch command {
        case .quit: return c.controller.leave(c) ? .quit : .redraw
        case .check:
            guard c.controller.leave(c) else { return .redraw }
            c.startScan(collect: true)
            _ = c.go(to: .findings)
            c.info("checking \(c.dashboardController.state.counts.total) systems…")
        case let .system(id):
            if c.controller.leave(c) { c.systemController.open(id, in: c) }
        case .findings: return c.go(to: .findings)
        case let .classify(id):
            if c.controller.leave(c) { c.classify(id) }
        case let .importSource(kind, path, system):
            if c.controller.leave(c) { ImportPreview.open(kind, path: path, system: system, in: c) }
        case .dashboard: return c.go(to: .dashboard)
        case .registry: return c.go(to: .registry)
        case .frameworks: return c.go(to: .frameworks)
        case .help: return c.performGlobal(.help)
        case let .asOf(point): c.browse(asOf: point)
        case .refresh: return c.controller.perform(.refresh, in: c) ?? c.performGlobal(.refresh)
        case let .whatIf(vendor):
            // The same simulation and tally as `aigov what-if --vendor`, listed system by system.
            WhatIfView.open(vendor: vendor, in: c)
        case let .unavailable(m), let .invalid(m): c.fail(m)
        }
        return .redraw
    }
}

/// A one-line text editor for prompts: the command line, the filter, a form value.
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false for keys that are not editing keys.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .char(c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeAll()
            cursor = 0
        case .ctrl("w"):
            var i = cursor
            while i > 0, characters[i - 1] == " " { i -= 1 }
            while i > 0, characters[i - 1] != " " { i -= 1 }
            characters.removeSubrange(i..<cursor)
            cursor = i
        default:
            return false
        }
        return true
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }
}
