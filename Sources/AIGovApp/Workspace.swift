import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Crypto
import Foundation

/// The rules a run evaluates: the built-in catalogue, the custom rule files named on the
/// command line, and every `*.yaml` in `rules.d/` beside the database.
///
/// This is the one place that discovers rule files, so the console, `get`, `check`, `explain`,
/// `waive` and the audit pack always evaluate the same rules and give the same scores.
public struct RuleSet: Sendable {
    public let rules: [any Rule]
    /// The custom rule files loaded, in load order.
    public let files: [String]
    /// Identifies the rules for stored evaluations: a SHA-256 over the built-in catalogue's
    /// version and rule texts and over each custom rule file's name and bytes, so editing,
    /// adding or removing a rule file, or another build of aigov, makes every stored evaluation
    /// stale.
    public let fingerprint: String
    /// Whether these are the registry's own rules (built-in plus `rules.d/`), whose results the
    /// store keeps; rules named on the command line are evaluated in memory only.
    public let isRegistrys: Bool
    /// Each rule's reference and remediation, which stored findings leave out.
    public let texts: RuleTexts

    /// The built-in catalogue alone.
    public static let builtIn = RuleSet(rules: RuleCatalog.builtIn, files: [], contents: [], isRegistrys: true)

    init(rules: [any Rule], files: [String], contents: [Data], isRegistrys: Bool) {
        self.rules = rules
        self.files = files
        self.isRegistrys = isRegistrys
        texts = RuleTexts(rules)
        var hash = SHA256()
        hash.update(data: RuleSet.builtInDigest)
        for (file, bytes) in zip(files, contents) {
            hash.update(data: Data((file as NSString).lastPathComponent.utf8 + [0]))
            hash.update(data: Data(String(bytes.count).utf8 + [0]))
            hash.update(data: bytes)
        }
        fingerprint = Hex.lower(hash.finalize())
    }

    /// The digest of the built-in catalogue: the build (`aigov --version`), the catalogue's
    /// version and every rule's texts.
    static let builtInDigest: Data = catalogueDigest(build: BuildInfo.describe())

    /// The digest of the built-in catalogue as `build` evaluates it.
    /// The text hashed is the build, the catalogue version, then per rule its id, title,
    /// conditions, severity, reference, remediation and obligation separated by U+001F, a line
    /// each. It is fed to the hash piece by piece (the same digest as of the joined text,
    /// without building it: every command that reads the registry computes this, #25).
    static func catalogueDigest(build: String) -> Data {
        var sha = SHA256()
        func feed(_ s: String) {
            var s = s
            s.withUTF8 { sha.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        feed(build)
        feed("\n")
        feed(RuleCatalog.version)
        feed("\n")
        for r in RuleCatalog.builtIn {
            for (i, part) in [r.id, r.title, r.appliesWhen, r.firesWhen, r.severityText, r.reference, r.remediation,
                              r.obligation.text].enumerated() {
                if i > 0 { feed("\u{1F}") }
                feed(part)
            }
            feed("\n")
        }
        return Data(sha.finalize())
    }

    /// Built-in rules plus `files` plus `rules.d/` beside `databasePath` (when given).
    /// Throws `InputRejected` listing every problem of every bad rule file.
    public static func load(files: [String], besideDatabase databasePath: String?) throws -> RuleSet {
        var all = files
        var folderProblems: [InputProblem] = []
        if let databasePath {
            let folder = CustomRuleLoader.folderContents(CustomRuleLoader.folder(besideDatabase: databasePath))
            all += folder.files
            folderProblems = folder.problems
        }
        if all.isEmpty, folderProblems.isEmpty { return .builtIn }
        let (custom, problems) = CustomRuleLoader.load(files: all)
        if !(folderProblems + problems).isEmpty { throw InputRejected(folderProblems + problems) }
        // The loader has read each file whole and within its size limit; a file that vanished
        // since hashes as empty, so the next run sees a change.
        let contents = all.map { FileManager.default.contents(atPath: $0) ?? Data() }
        return RuleSet(rules: RuleCatalog.builtIn + custom.map { $0 as any Rule }, files: all, contents: contents,
                       isRegistrys: files.isEmpty)
    }

    /// The rule with this id, matched case-insensitively.
    public func rule(id: String) -> (any Rule)? {
        let wanted = id.uppercased()
        return rules.first { $0.id.uppercased() == wanted }
    }

    public var ids: Set<String> { Set(rules.map(\.id)) }
    public var engine: RuleEngine { RuleEngine(rules: rules) }

    /// A runner for systems that are not in a registry (files), with the waivers and incidents they carry.
    public func runner(today: Day, timeline: TimelineKind, waivers: [Waiver], incidents: [Incident] = []) -> CheckRunner {
        var context = RuleContext(today: today, timeline: Timeline(timeline))
        context.incidents = Dictionary(grouping: incidents, by: \.system)
        return CheckRunner(engine: engine, context: context, waivers: waivers)
    }
}

/// Everything a use case needs: the registry, the day, the timeline and the rule set.
///
/// The faces (CLI commands, console screens, the audit pack) build one from their options or
/// keys and call its use cases; they never evaluate rules, validate waivers, count outcomes or
/// compute due dates themselves.
public struct Workspace: Sendable {
    public let registry: Registry
    public let today: Day
    /// Whether `today` was given (`--today`, `AIGOV_TODAY`, a test) rather than read from the
    /// clock: a pinned workspace evaluates in memory and stores no evaluation (`Today`).
    public let isDayPinned: Bool
    public let timeline: TimelineKind
    public let ruleSet: RuleSet

    /// A workspace over `registry` on `today`, the clock's day unless `pinned`. Making one
    /// changes nothing: whether the registry's writes store evaluations is set explicitly with
    /// `storingEvaluationsOnWrite()`.
    public init(registry: Registry, today: Day, pinned: Bool = false, timeline: TimelineKind = .amended,
                ruleSet: RuleSet = .builtIn) {
        self.registry = registry
        self.today = today
        isDayPinned = pinned
        self.timeline = timeline
        self.ruleSet = ruleSet
    }

    /// Makes the registry's writes from now on store their systems' evaluations for this day,
    /// timeline and rule set — when these are the registry's own rules on the clock's day;
    /// otherwise (pinned, or other rules) they store none: the write's triggers drop the rows
    /// it makes stale, and the next read on the clock's day rebuilds them. Returns the workspace.
    @discardableResult
    public func storingEvaluationsOnWrite() -> Workspace {
        if !registry.readOnly { registry.evaluator = ruleSet.isRegistrys && !isDayPinned ? evaluator : nil }
        return self
    }

    /// A workspace over `registry` on the day `today` resolved.
    public init(registry: Registry, today: Today, timeline: TimelineKind = .amended, ruleSet: RuleSet = .builtIn) {
        self.init(registry: registry, today: today.day, pinned: today.isPinned, timeline: timeline, ruleSet: ruleSet)
    }

    /// Opens the registry at `path` and loads the rule set beside it, on `today` (default: the
    /// day `Today.resolve` gives without an option: `AIGOV_TODAY`, else the clock).
    ///
    /// `storesEvaluations`: a reading command (`readOnly`) that still opens the registry for
    /// writing when the file and its folder may be written, so that the evaluations it finds
    /// stale are stored for the next read; it writes nothing else. On a read-only file or file
    /// system it opens read-only and evaluates stale systems in memory.
    public static func open(path: String, create: Bool = false, readOnly: Bool = false, storesEvaluations: Bool = false,
                            groupReadable: Bool = false,
                            busyTimeout: TimeInterval = Registry.busyTimeout, today: Today? = nil,
                            timeline: TimelineKind = .amended, ruleFiles: [String] = []) throws -> Workspace {
        // Rules first: a bad rule file is an input error (exit 2) whatever the registry's state.
        let rules = try RuleSet.load(files: ruleFiles, besideDatabase: path)
        let today = try today ?? Today.resolve(option: nil)
        let openReadOnly = readOnly && !(storesEvaluations && rules.isRegistrys && !today.isPinned && Registry.mayWrite(path: path))
        let registry = try Registry.open(path: path, create: create, readOnly: openReadOnly, groupReadable: groupReadable,
                                         busyTimeout: busyTimeout)
        return Workspace(registry: registry, today: today, timeline: timeline, ruleSet: rules).storingEvaluationsOnWrite()
    }

    /// Makes the registry's writes store the evaluations of what they touch (issue #13: evaluate
    /// once, at write time), with its own rules (built-in and `rules.d/`) on `today` and the
    /// amended timeline, for commands that open the registry only to write it. A rule file that
    /// does not load leaves the writes unevaluated rather than refused: the write is not about
    /// the rules, and the next read rebuilds the evaluations and reports the file. On a pinned
    /// day the writes store no evaluation (`Today`).
    @discardableResult
    public static func evaluatingWrites(_ registry: Registry, today: Today) -> Registry {
        guard !registry.readOnly, !today.isPinned,
              let rules = try? RuleSet.load(files: [], besideDatabase: registry.path) else { return registry }
        Workspace(registry: registry, today: today, ruleSet: rules).storingEvaluationsOnWrite()
        return registry
    }

    /// Today in UTC.
    public static func currentDay() -> Day { Day(unixSeconds: Int(time(nil))) }

    public var context: RuleContext { RuleContext(today: today, timeline: Timeline(timeline)) }

    /// The same workspace on another day of the clock (the console's clock moves it); the
    /// registry's writes then store evaluations for that day (`storingEvaluationsOnWrite`).
    public func on(_ day: Day) -> Workspace {
        Workspace(registry: registry, today: day, pinned: isDayPinned, timeline: timeline, ruleSet: ruleSet)
            .storingEvaluationsOnWrite()
    }
}

extension Workspace {
    /// How the high-risk rules reach a system on this workspace's timeline (rules v3: legacy
    /// status and what ends its grace, Annex I Section B); nil for an ordinary system. The
    /// console's system view, `aigov explain RULE ID` and the pack say it with these words.
    public func highRiskReach(of system: AISystem) -> String? {
        HighRiskReach.explanation(for: system, timeline: Timeline(timeline))
    }
}

/// Who a change is recorded as. The name goes into every audit entry and is shown wherever
/// history is, so it holds no control character at all (no ESC, BEL, C1 or line break: it is
/// one line), and it is short.
public enum ActorPolicy {
    public static let maxLength = 200

    /// Why `name` cannot be an actor, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.trimmingSpaces.isEmpty { return "must not be empty" }
        if name.count > maxLength { return "\(name.count) characters, more than \(maxLength)" }
        for u in name.unicodeScalars {
            switch u.value {
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                return "contains the control character U+\(String(u.value, radix: 16, uppercase: true).leftPadded(4)); a name may hold no control characters"
            default: continue
            }
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
