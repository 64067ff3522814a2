import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
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

    /// The built-in catalogue alone.
    public static let builtIn = RuleSet(rules: RuleCatalog.builtIn, files: [])

    init(rules: [any Rule], files: [String]) {
        self.rules = rules
        self.files = files
    }

    /// Built-in rules plus `files` plus `rules.d/` beside `databasePath` (when given).
    /// Throws `InputRejected` listing every problem of every bad rule file.
    public static func load(files: [String], besideDatabase databasePath: String?) throws -> RuleSet {
        var all = files
        if let databasePath { all += CustomRuleLoader.folderFiles(CustomRuleLoader.folder(besideDatabase: databasePath)) }
        if all.isEmpty { return .builtIn }
        let (custom, problems) = CustomRuleLoader.load(files: all)
        if !problems.isEmpty { throw InputRejected(problems) }
        return RuleSet(rules: RuleCatalog.builtIn + custom.map { $0 as any Rule }, files: all)
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
    public let timeline: TimelineKind
    public let ruleSet: RuleSet

    public init(registry: Registry, today: Day, timeline: TimelineKind = .amended, ruleSet: RuleSet = .builtIn) {
        self.registry = registry
        self.today = today
        self.timeline = timeline
        self.ruleSet = ruleSet
    }

    /// Opens the registry at `path` and loads the rule set beside it.
    public static func open(path: String, create: Bool = false, readOnly: Bool = false, groupReadable: Bool = false,
                            busyTimeout: TimeInterval = Registry.busyTimeout, today: Day? = nil,
                            timeline: TimelineKind = .amended, ruleFiles: [String] = []) throws -> Workspace {
        // Rules first: a bad rule file is an input error (exit 2) whatever the registry's state.
        let rules = try RuleSet.load(files: ruleFiles, besideDatabase: path)
        let registry = try Registry.open(path: path, create: create, readOnly: readOnly, groupReadable: groupReadable,
                                         busyTimeout: busyTimeout)
        return Workspace(registry: registry, today: today ?? Workspace.currentDay(), timeline: timeline, ruleSet: rules)
    }

    /// Today in UTC.
    public static func currentDay() -> Day { Day(unixSeconds: Int(time(nil))) }

    public var context: RuleContext { RuleContext(today: today, timeline: Timeline(timeline)) }

    /// The same workspace on another day (the console's injected clock moves it).
    public func on(_ day: Day) -> Workspace {
        Workspace(registry: registry, today: day, timeline: timeline, ruleSet: ruleSet)
    }
}
