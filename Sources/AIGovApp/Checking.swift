import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// One system with the figures every listing shows: score, worst open finding, open count.
public struct ScoredSystem: Sendable {
    public var stored: StoredSystem
    public var score: Int
    public var worstOpen: Severity?
    public var open: Int

    public init(stored: StoredSystem, result: SystemResult) {
        self.stored = stored
        let summary = FindingSummary(result.findings)
        score = result.score.value
        worstOpen = summary.worstOpen
        open = summary.open
    }
}

extension Workspace {
    /// A runner over this workspace's rules and day, with the stored waivers and incidents of
    /// `ids` (of every system when nil). Every face evaluates through here, so the INC rules see
    /// the same incidents in `check`, the console and the pack.
    public func runner(for ids: [String]? = nil) throws -> CheckRunner {
        let waivers = try ids.map { try registry.waivers(systems: $0) } ?? registry.waivers().map(\.waiver)
        var context = context
        context.incidents = try incidentIndex(for: ids)
        return CheckRunner(engine: ruleSet.engine, context: context, waivers: waivers)
    }

    /// Evaluates the selected systems a batch at a time, in id order, so a large registry is
    /// never all in memory (`check`, the console's background scan, the pack).
    public func check(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 500,
                      _ body: ([SystemResult]) throws -> Void) throws {
        let runner = try runner()
        try registry.forEachBatch(ids: ids, filter: filter, batchSize: batchSize) { batch in
            try body(runner.results(for: batch.map(\.system)))
        }
    }

    /// The full result (findings, score, applicable rules) of one system, or nil when unknown.
    public func result(for id: String) throws -> (stored: StoredSystem, result: SystemResult)? {
        guard let stored = try registry.system(id: id) else { return nil }
        return (stored, try runner(for: [id]).result(for: stored.system))
    }

    /// Scores for a page of stored systems (the console's registry table), reading only
    /// that page's waivers.
    public func scored(_ stored: [StoredSystem]) throws -> [ScoredSystem] {
        Scorer(runner: try runner(for: stored.map(\.system.id))).scored(stored)
    }

    /// A scorer with every waiver loaded, for batches read inside a registry read
    /// (`get`'s table and CSV stream the registry with `forEachBatch`, and the store's reads
    /// do not nest).
    public func scorer() throws -> Scorer { Scorer(runner: try runner()) }

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

/// Scores systems with a runner whose waivers are already loaded.
public struct Scorer: Sendable {
    let runner: CheckRunner

    public func scored(_ stored: [StoredSystem]) -> [ScoredSystem] {
        zip(stored, runner.results(for: stored.map(\.system))).map { ScoredSystem(stored: $0, result: $1) }
    }
}
