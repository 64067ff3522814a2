import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation

/// One system with the figures every listing shows: score, worst open finding, open count.
public struct ScoredSystem: Sendable {
    public var stored: StoredSystem
    public var score: Int
    public var worstOpen: Severity?
    public var open: Int

    public init(stored: StoredSystem, result: SystemResult) {
        self.init(stored: stored, evaluation: Evaluation(findings: result.findings, score: result.score,
                                                         applicable: result.applicable, validUntil: nil))
    }

    public init(stored: StoredSystem, evaluation: Evaluation) {
        self.init(stored: stored, summary: EvaluationSummary(evaluation))
    }

    public init(stored: StoredSystem, summary: EvaluationSummary) {
        self.stored = stored
        score = summary.score
        worstOpen = summary.worstOpen
        open = summary.open
    }
}

/// One row of the registry listing: the system's header and its evaluation's figures.
public struct ListedSystem: Sendable {
    public var header: SystemHeader
    public var summary: EvaluationSummary

    public init(header: SystemHeader, summary: EvaluationSummary) {
        self.header = header
        self.summary = summary
    }

    public init(_ s: ScoredSystem) {
        self.init(header: SystemHeader(s.stored), summary: EvaluationSummary(score: s.score, open: s.open, worstOpen: s.worstOpen))
    }
}

extension Workspace {
    /// The stored evaluations this workspace reads and writes.
    public var evaluationKey: EvaluationKey { EvaluationKey(timeline: timeline, ruleSet: ruleSet.fingerprint, today: today) }

    /// Evaluates systems with their own waivers and incidents on every core: what the registry's
    /// writes store (`Registry.evaluator`) and what a read uses for stale rows.
    public var evaluator: Evaluator {
        let engine = ruleSet.engine
        let context = context
        return Evaluator(key: evaluationKey, texts: ruleSet.texts) { inputs in
            Parallel.map(inputs, workers: Parallel.workers(forItems: inputs.count)) { input in
                var c = context
                if !input.incidents.isEmpty { c.incidents = [input.system.id: input.incidents] }
                return engine.evaluation(input.system, context: c, waivers: input.waivers)
            }
        }
    }

    /// Whether reads may store what they evaluate: a writable registry, its own rules, and the
    /// clock's day (a pinned day evaluates in memory: `Today`).
    public var storesEvaluations: Bool { ruleSet.isRegistrys && !registry.readOnly && !isDayPinned }

    /// Evaluates and stores every system whose stored evaluation is stale for this workspace (a
    /// new day past its next change, another timeline, changed rules), when it may write. A
    /// read must not fail for a cache it could not write (a read-only file, a long lock): it
    /// then evaluates the stale systems in memory. Returns how many it refreshed.
    /// With `ids`, only those systems (a `check` of a few systems refreshes no others).
    @discardableResult
    public func refreshEvaluations(ids: [String] = []) -> Int {
        guard storesEvaluations else { return 0 }
        return (try? registry.refreshEvaluations(with: evaluator, ids: ids)) ?? 0
    }

    /// A runner over this workspace's rules and day, with the stored waivers and incidents of
    /// `ids` (of every system when nil). Every face evaluates through here, so the INC rules see
    /// the same incidents in `check`, the console and the pack.
    public func runner(for ids: [String]? = nil) throws -> CheckRunner {
        let waivers = try ids.map { try registry.waivers(systems: $0) } ?? registry.waivers().map(\.waiver)
        var context = context
        context.incidents = try incidentIndex(for: ids)
        return CheckRunner(engine: ruleSet.engine, context: context, waivers: waivers)
    }

    /// The selected systems' results a batch at a time, in id order, so a large registry is
    /// never all in memory (`check`). Stale stored evaluations are refreshed first when the
    /// workspace may write; whatever is still stale (read-only, a concurrent write, a pinned
    /// day) is evaluated in memory, so the results always equal a fresh evaluation.
    ///
    /// Each result's `system` is the system's header record (`SystemHeader.headerRecord`: id,
    /// name, owner, status, tier), which is what the report writers print; the stored finding
    /// rows give the rest. Whole records are read only for systems evaluated here (#25). With
    /// `withEvidence` each header record also carries the system's evidence list, read from
    /// `evidence` alone (the framework tallies of `check --framework` and the SoA count it).
    public func check(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 500, withEvidence: Bool = false,
                      _ body: ([SystemResult]) throws -> Void) throws {
        refreshEvaluations(ids: ids)
        let evaluator = evaluator
        try registry.forEachCheckedBatch(ids: ids, filter: filter, batchSize: batchSize, key: evaluationKey,
                                         texts: ruleSet.texts, withEvidence: withEvidence) { batch in
            let fresh = Workspace.evaluate(batch.unevaluated, evaluator)
            try body(zip(batch.headers, batch.stored).compactMap { h, e in
                (e ?? fresh[h.id]).map { SystemResult(system: batch.records[h.id] ?? h.headerRecord, evaluation: $0) }
            })
        }
    }

    /// The listing's figures (`get -o csv|table`) a batch at a time, in id order: each system's
    /// header and its stored score, worst open finding and open count, from one query over
    /// `systems` and `evaluations`; stale ones are refreshed first or evaluated in memory, as
    /// in `check`.
    public func forEachListed(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 2000,
                              _ body: ([ListedSystem]) throws -> Void) throws {
        refreshEvaluations(ids: ids)
        let evaluator = evaluator
        try registry.forEachListedBatch(ids: ids, filter: filter, batchSize: batchSize, key: evaluationKey) { batch in
            let fresh = Workspace.evaluate(batch.unevaluated, evaluator).mapValues(EvaluationSummary.init)
            try body(zip(batch.headers, batch.stored).compactMap { h, e in
                (e ?? fresh[h.id]).map { ListedSystem(header: h, summary: $0) }
            })
        }
    }

    /// The inputs evaluated by `evaluator` (on every core), by system id: the systems a
    /// projected read found without a stored evaluation, with their own waivers and incidents.
    static func evaluate(_ inputs: [EvaluationInput], _ evaluator: Evaluator) -> [String: Evaluation] {
        guard !inputs.isEmpty else { return [:] }
        return Dictionary(zip(inputs.map(\.system.id), evaluator.evaluate(inputs)).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
    }

    /// The stored evaluations with the stale ones (nil) evaluated by `runner`.
    static func complete(_ systems: [StoredSystem], _ stored: [Evaluation?], _ runner: CheckRunner) -> [Evaluation] {
        let stale = systems.indices.filter { stored[$0] == nil }
        guard !stale.isEmpty else { return stored.compactMap { $0 } }
        let fresh = Parallel.map(stale.map { systems[$0].system }, workers: Parallel.workers(forItems: stale.count)) {
            runner.evaluation(for: $0)
        }
        var out = stored
        for (i, e) in zip(stale, fresh) { out[i] = e }
        return out.compactMap { $0 }
    }

    /// Results for systems read by the caller (the console's pages and background scan): stored
    /// where they hold, the rest evaluated now and stored when the workspace may write.
    public func results(for systems: [StoredSystem]) throws -> [SystemResult] {
        zip(systems, try evaluations(for: systems)).map { SystemResult(system: $0.system, evaluation: $1) }
    }

    func evaluations(for systems: [StoredSystem]) throws -> [Evaluation] {
        guard !systems.isEmpty else { return [] }
        let ids = systems.map(\.system.id)
        let stored = try registry.storedEvaluations(ids, key: evaluationKey, texts: ruleSet.texts)
        let found = systems.map { stored[$0.system.id] }
        let stale = systems.filter { stored[$0.system.id] == nil }.map(\.system.id)
        guard !stale.isEmpty else { return found.compactMap { $0 } }
        // Evaluated once: inside the write that stores them when the workspace may write (so
        // what is stored matches what is committed), else in memory.
        let written = storesEvaluations ? (try? registry.storeEvaluations(of: stale, with: evaluator)) ?? [:] : [:]
        let refreshed = systems.map { stored[$0.system.id] ?? written[$0.system.id] }
        let left = stale.filter { written[$0] == nil }
        guard !left.isEmpty else { return refreshed.compactMap { $0 } }
        return Workspace.complete(systems, refreshed, try runner(for: left))
    }

    /// The full result (findings, score, applicable rules) of one system, or nil when unknown.
    public func result(for id: String) throws -> (stored: StoredSystem, result: SystemResult)? {
        guard let stored = try registry.system(id: id) else { return nil }
        return (stored, try results(for: [stored])[0])
    }

    /// Scores for a page of stored systems (the console's registry table): the stored summaries,
    /// and for stale ones a fresh evaluation, stored when the workspace may write.
    public func scored(_ stored: [StoredSystem]) throws -> [ScoredSystem] {
        let summaries = try registry.storedSummaries(stored.map(\.system.id), key: evaluationKey)
        let stale = stored.filter { summaries[$0.system.id] == nil }
        let fresh = Dictionary(zip(stale.map(\.system.id), try evaluations(for: stale)).map { ($0, EvaluationSummary($1)) },
                               uniquingKeysWith: { a, _ in a })
        return stored.compactMap { s in (summaries[s.system.id] ?? fresh[s.system.id]).map { ScoredSystem(stored: s, summary: $0) } }
    }

    /// Refuses (with `WorkspaceError.unknownSystems`) when any of `ids` names no system.
    public func requireSystems(_ ids: [String]) throws {
        guard !ids.isEmpty else { return }
        let found = Set(try registry.systemIds(ids))
        let missing = ids.filter { !found.contains($0) }
        if !missing.isEmpty { throw WorkspaceError.unknownSystems(missing) }
    }
}

/// Errors of the use cases that are not input problems of a file.
public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case unknownSystems([String])

    public var description: String {
        switch self {
        case let .unknownSystems(ids): "no system with id \(ids.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
    }
}


