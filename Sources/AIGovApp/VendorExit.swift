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

/// A provider the scenario names that no model of the portfolio has (a typo would otherwise
/// report "nothing affected"): exit 2, with the nearest provider that exists.
public struct UnknownProvider: Error, CustomStringConvertible, Equatable {
    public var names: [String]
    public var suggestions: [String: String]
    public var description: String {
        names.map { n in
            "no model has the provider \"\(n)\"" + (suggestions[n].map { " (did you mean \"\($0)\"?)" } ?? "")
        }.joined(separator: "; ")
    }
}

/// Where the systems of a vendor analysis come from: the registry (streamed) or files.
///
/// From the registry each system arrives as its vendor view (`Registry.forEachVendorView`):
/// status, tier, profiling, Annex III area, models and fallbacks, which is all that
/// `ExitScenario` and `VendorExposure` read; the other record tables are not read (#25).
public enum SystemSource {
    case registry(Registry)
    case systems([AISystem])

    func forEach(_ body: (AISystem) -> Void) throws {
        switch self {
        case let .registry(r): try r.forEachVendorView { body($0) }
        case let .systems(list): list.forEach(body)
        }
    }
}

/// Vendor concentration with the provider spellings that look like one provider.
public struct VendorReport: Sendable {
    public var today: Day
    public var rows: [VendorExposure]
    public var nearDuplicates: [(String, String)]
}

/// The vendor-exit use cases (`aigov vendors`, `aigov what-if`, the console's `:whatif`).
public enum VendorExit {
    /// Vendor concentration over the systems, streamed.
    public static func exposure(_ source: SystemSource, today: Day) throws -> VendorReport {
        var acc = VendorExposure.Accumulator(today: today)
        try source.forEach { acc.add($0) }
        let rows = acc.result
        return VendorReport(today: today, rows: rows, nearDuplicates: VendorExposure.nearDuplicates(rows))
    }

    /// Simulates the scenario over the systems, streamed. A provider the scenario names that no
    /// model has is refused (`UnknownProvider`), with the nearest provider name that exists.
    public static func whatIf(_ scenario: ExitScenario, _ source: SystemSource) throws -> WhatIfReport {
        var report = WhatIfReport(scenario: scenario)
        var providers: [String: String] = [:]
        try source.forEach { s in
            report.add(s)
            for m in s.models { providers[ProviderName.key(m.provider)] = m.provider }
        }
        let unknown = scenario.providers.filter { providers[ProviderName.key($0)] == nil }
        if !unknown.isEmpty {
            let names = Array(providers.values).sorted()
            var suggestions: [String: String] = [:]
            for n in unknown { suggestions[n] = Suggest.nearest(n, in: names) }
            throw UnknownProvider(names: unknown, suggestions: suggestions)
        }
        return report
    }
}

extension Workspace {
    /// Simulates the scenario over the registry, streamed (`VendorExit.whatIf`).
    public func whatIf(_ scenario: ExitScenario) throws -> WhatIfReport {
        try VendorExit.whatIf(scenario, .registry(registry))
    }
}
