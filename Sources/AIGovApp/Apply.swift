import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation

/// What `apply -f` was asked to do: records read from files, and how to write them.
public struct ApplyRequest: Sendable {
    public var input: ParsedInput
    /// The inputs as the user named them (for messages about the whole input).
    public var source: String
    public var actor: String
    public var today: Day
    public var ifVersion: Int?
    public var dryRun = false
    /// Also delete what the registry has and the input lacks (systems, waivers, incidents).
    public var prune = false
    /// With `prune`: allow deleting more than half of the systems or of the incidents.
    public var pruneAll = false
    /// Custom rule files whose ids waivers may name (rules.d beside the database is read too).
    public var ruleFiles: [String] = []

    public init(input: ParsedInput, source: String, actor: String, today: Day) {
        self.input = input
        self.source = source
        self.actor = actor
        self.today = today
    }
}

/// What applying wrote (or, in a dry run, would write), and notes to show beside it.
public struct ApplyResult: Sendable {
    public var outcomes: [ChangeOutcome]
    /// One line per expired waiver in the input (stored as history; they cover nothing).
    public var notes: [String]
    public var dryRun: Bool
    public var changed: Int { outcomes.filter { $0.kind != .unchanged }.count }
}

/// The `apply` use case: every validation, the prune policy and the write (or its dry run), for
/// every face that applies files. The faces only read the files and print the result.
public enum Applying {
    /// Validates the whole request first (nothing is written when anything is wrong: the error
    /// is `InputRejected` listing each problem), then writes it in one transaction.
    ///
    /// `open(create)` opens the registry; `exists` says whether its file is there (a dry run
    /// against a missing registry reports everything as created and creates nothing).
    public static func run(_ r: ApplyRequest, databasePath: String, exists: Bool,
                           open: (_ create: Bool, _ readOnly: Bool) throws -> Registry) throws -> ApplyResult {
        let input = r.input
        var problems = input.problems + ClassificationPolicy.problems(in: input.systems, today: r.today)
        if !input.waivers.isEmpty {
            let ruleSet = try RuleSet.load(files: r.ruleFiles, besideDatabase: databasePath)
            problems += WaiverPolicy.problems(in: input.waivers, rules: ruleSet)
        }
        if !input.incidents.isEmpty {
            let recorded = exists ? try open(false, true) : nil
            problems += try IncidentPolicy.problems(in: input.incidents, inputSystems: Set(input.systems.map(\.system.id)),
                                                    registry: recorded, today: r.today)
        }
        if let v = r.ifVersion, input.systems.count != 1 {
            problems.append(InputProblem(file: r.source, path: "",
                                         message: "--if-version \(v) needs exactly one system in the input, found \(input.systems.count)"))
        }
        if !problems.isEmpty { throw InputRejected(problems) }
        let notes = WaiverPolicy.expiredNotes(in: input.waivers, today: r.today)
        if input.systems.isEmpty, input.waivers.isEmpty, input.incidents.isEmpty {
            throw InputRejected([InputProblem(file: r.source, path: "", message: "no documents found")])
        }
        if r.prune || r.pruneAll, input.systems.isEmpty {
            try PrunePolicy.check(deletions: [], counts: .init(), inputSystems: 0, pruneAll: r.pruneAll, source: r.source)
        }
        let systems = input.systems.map(\.system), waivers = input.waivers.map(\.waiver), incidents = input.incidents.map(\.incident)
        if r.dryRun, !exists {
            // Nothing to compare with: everything would be created.
            let ids = Set(systems.map(\.id))
            if let w = waivers.first(where: { !ids.contains($0.system) }) {
                throw RegistryError.unknownSystemForWaiver(system: w.system, rule: w.rule)
            }
            let outcomes = systems.map { ChangeOutcome(kind: .created, entity: "system", id: $0.id, fields: [], rowVersion: 1) }
                + waivers.map { ChangeOutcome(kind: .created, entity: "waiver", id: "\($0.system)/\($0.rule)", fields: [], rowVersion: nil) }
                + incidents.map { ChangeOutcome(kind: .created, entity: "incident", id: $0.id, fields: [], rowVersion: 1) }
            return ApplyResult(outcomes: outcomes, notes: notes, dryRun: true)
        }
        let registry = try open(!r.dryRun, false)
        let outcomes: [ChangeOutcome]
        if r.prune || r.pruneAll {
            outcomes = try registry.applyPruning(systems: systems, waivers: waivers, incidents: incidents, actor: r.actor,
                                                 dryRun: r.dryRun) { deletions, counts in
                try PrunePolicy.check(deletions: deletions, counts: counts, inputSystems: systems.count,
                                      pruneAll: r.pruneAll, source: r.source)
            }
        } else {
            outcomes = try registry.apply(systems: systems, waivers: waivers, incidents: incidents, actor: r.actor,
                                          ifVersion: r.ifVersion, dryRun: r.dryRun)
        }
        return ApplyResult(outcomes: outcomes, notes: notes, dryRun: r.dryRun)
    }
}
