import AIGovCore
import AIGovRules
import AIGovStore

/// What a what-if scenario does to the portfolio: every affected system's outcome, and the
/// tallies every face shows (`aigov what-if`, the console's `:whatif`, the pack).
public struct WhatIfReport: Sendable {
    public var scenario: ExitScenario
    public private(set) var outcomes: [ExitOutcome] = []

    public init(scenario: ExitScenario) { self.scenario = scenario }

    /// Adds one system (unaffected ones are skipped), so a registry can be streamed.
    public mutating func add(_ system: AISystem) {
        if let o = scenario.outcome(for: system) { outcomes.append(o) }
    }

    public func systems(_ kind: ExitOutcome.Kind) -> [ExitOutcome] { outcomes.filter { $0.kind == kind } }
    public func count(_ kind: ExitOutcome.Kind) -> Int { outcomes.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }
    public var down: [ExitOutcome] { systems(.down) }
    public var downDecidingAboutPeople: [String] { down.filter(\.decidesAboutPeople).map(\.system.id) }
    public var downHighRisk: [String] { down.filter(\.isHighRisk).map(\.system.id) }
    /// Production systems that go down: `aigov what-if` exits 1 when there are any.
    public var productionDown: [String] { down.filter { $0.system.status == .production }.map(\.system.id) }

    /// `affected` and one count per outcome kind.
    public var totals: [String: Int] {
        var t = ["affected": outcomes.count]
        for k in ExitOutcome.Kind.allCases { t[k.rawValue] = count(k) }
        return t
    }

    /// One line for a status bar: "what if X disappeared: 2 down (a, b), 1 degraded, 0 continue".
    public var headline: String {
        let d = down.map(\.system.id)
        return "what if \(scenario.summary) disappeared: \(d.count) down"
            + (d.isEmpty ? "" : " (\(d.prefix(4).joined(separator: ", "))\(d.count > 4 ? ", …" : ""))")
            + ", \(count(.degraded)) degraded, \(count(.continues)) continue"
    }
}

extension ExitScenario {
    /// "\"BigLab AI\" and model \"x\" and every model at end of life by D".
    public var summary: String {
        var parts: [String] = []
        if !providers.isEmpty { parts.append(providers.map { "\"\($0)\"" }.joined(separator: " and ")) }
        if !models.isEmpty { parts.append("model " + models.map { "\"\($0)\"" }.joined(separator: " and ")) }
        if let d = endOfLifeBy { parts.append("every model at end of life by \(d)") }
        return parts.joined(separator: " and ")
    }
}

extension Workspace {
    /// Simulates the scenario over the registry, streamed.
    public func whatIf(_ scenario: ExitScenario) throws -> WhatIfReport {
        var report = WhatIfReport(scenario: scenario)
        try registry.forEachSystem { report.add($0.system) }
        return report
    }

    /// Vendor concentration over the registry, streamed.
    public func vendorExposure() throws -> [VendorExposure] {
        var acc = VendorExposure.Accumulator(today: today)
        try registry.forEachSystem { acc.add($0.system) }
        return acc.result
    }
}
