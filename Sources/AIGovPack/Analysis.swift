import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// What a pack (or `aigov export`) is made from: the registry's content, read consistently.
public struct PackSource: Sendable {
    /// Systems, ordered by id.
    public var systems: [AISystem]
    /// Waivers with who created them.
    public var waivers: [StoredWaiver]
    /// The whole audit log, oldest first.
    public var audit: [AuditEntry]
    /// What changed since a point (`export pack --since`), and how the point was written.
    public var changes: (report: ChangeReport, since: String)?
    /// The serious incidents of the systems, for the INC rules and the incident register.
    public var incidents: [StoredIncident] = []
    /// The stored evaluations that hold for the pack's day, timeline and rules, by system id;
    /// the analysis evaluates the systems missing here.
    public var evaluations: [String: Evaluation] = [:]

    /// A source from its parts.
    public init(systems: [AISystem], waivers: [StoredWaiver], audit: [AuditEntry]) {
        self.systems = systems
        self.waivers = waivers
        self.audit = audit
    }

    /// The hash of the last audit entry (the chain's head), the genesis hash when the log is empty.
    public var auditHead: String { audit.last?.hash ?? AuditEntry.genesis }

    /// Reads systems (all, or `ids`), waivers and the audit log in one read transaction, so all
    /// three reflect the same committed state whatever other processes write meanwhile.
    /// With `stored`, the stored evaluations for that key are read in the same transaction.
    public static func read(_ registry: Registry, ids: [String] = [],
                            stored: (key: EvaluationKey, texts: RuleTexts)? = nil) throws -> PackSource {
        try registry.snapshot { snap in
            let systems = try snap.systems(ids: ids).map(\.system)
            let wanted = Set(systems.map(\.id))
            let waivers = try snap.waivers().filter { ids.isEmpty || wanted.contains($0.waiver.system) }
            var source = PackSource(systems: systems, waivers: waivers, audit: try snap.auditLog())
            source.incidents = ids.isEmpty ? try snap.incidents() : systems.isEmpty ? [] : try snap.incidents(systems: systems.map(\.id))
            if let stored { source.evaluations = try snap.storedEvaluations(systems.map(\.id), key: stored.key, texts: stored.texts) }
            return source
        }
    }
}

extension PackSource {
    /// The pack's records from a workspace, for every face that makes a pack: the workspace's
    /// stale stored evaluations are refreshed first (when it may write), then records, waivers,
    /// incidents, the audit log and the stored evaluations are read in one transaction.
    public static func read(_ workspace: Workspace, ids: [String] = []) throws -> PackSource {
        workspace.refreshEvaluations(ids: ids)
        return try read(workspace.registry, ids: ids, stored: (workspace.evaluationKey, workspace.ruleSet.texts))
    }
}

/// How a pack is made: the rules-engine settings and the facts it records about itself.
public struct PackSettings: Sendable {
    /// The day ages and deadlines are measured from.
    public var today: Day
    /// Which text of the Act.
    public var timeline: TimelineKind
    /// The rules to run (built-in plus custom).
    public var rules: [any Rule]
    /// `aigov --version`.
    public var toolVersion: String
    /// RFC 3339 UTC time written into the pack (index, manifest, BOM timestamps, zip dates).
    public var generatedAt: String
    /// The Statement of Applicability's hand-written entries (`soa.yaml`) and their file.
    public var soaOverrides: [SoAOverride] = []
    public var soaFile: String?

    /// Settings from their parts.
    public init(today: Day, timeline: TimelineKind, rules: [any Rule] = RuleCatalog.builtIn,
                toolVersion: String, generatedAt: String) {
        self.today = today
        self.timeline = timeline
        self.rules = rules
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
    }

    /// The settings of a workspace: its day, timeline and rules, and this build's version.
    public init(_ workspace: Workspace, generatedAt: String) {
        self.init(today: workspace.today, timeline: workspace.timeline, rules: workspace.ruleSet.rules,
                  toolVersion: BuildInfo.describe(), generatedAt: generatedAt)
    }

    var context: RuleContext { RuleContext(today: today, timeline: Timeline(timeline)) }

    var checkSettings: CheckSettings {
        CheckSettings(today: today, timeline: timeline, rules: rules, toolVersion: toolVersion)
    }
}

/// The rules engine's results for every system of a source, computed once for all outputs.
public struct PackAnalysis: Sendable {
    /// One result per system, in source order.
    public var results: [SystemResult]
    /// Counts over all findings.
    public var summary: FindingSummary
    /// Waivers by system id.
    public var waiversBySystem: [String: [StoredWaiver]]

    /// Runs the engine over the source.
    public init(source: PackSource, settings: PackSettings) {
        var context = settings.context
        context.incidents = Dictionary(grouping: source.incidents.map(\.incident), by: \.system)
        let runner = CheckRunner(engine: RuleEngine(rules: settings.rules), context: context,
                                 waivers: source.waivers.map(\.waiver))
        results = source.systems.map { s in
            source.evaluations[s.id].map { SystemResult(system: s, evaluation: $0) } ?? runner.result(for: s)
        }
        var s = FindingSummary()
        for r in results { for f in r.findings { s.add(f) } }
        summary = s
        waiversBySystem = Dictionary(grouping: source.waivers, by: \.waiver.system)
    }
}

extension SystemResult {
    /// Counts of this system's findings.
    var summary: FindingSummary { FindingSummary(findings) }
}
