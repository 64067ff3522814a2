import AIGovCore
import AIGovFormats
import Foundation

/// Generates large, realistic registries for benchmarks: variations of the demo systems
/// with other ids, owners, statuses, vendors and dates, reproducible from a seed.
public struct RegistryGenerator {
    var rng: SplitMix64
    let templates: [AISystem]

    static let owners = ["credit-risk", "people-analytics", "digital-channels", "finance-ops", "legal-ops", "marketing",
                         "customer-service", "fraud-ops", "supply-chain", "it-operations", "claims", "hr-services"]
    static let vendors = ["BigLab AI", "Aurora Models", "OpenWeights Collective", "CloudVision Inc", "internal",
                          "Nordic Speech", "AffectCo", "Sécurité Vision SA", "DataForge", "unknown"]

    public init(seed: UInt64, templates: [AISystem]) {
        rng = SplitMix64(seed: seed)
        self.templates = templates
    }

    mutating func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) / 10_000 < p }
    mutating func day(from: String, spanDays: Int) -> Day {
        (Day(from) ?? Day(ordinal: 20_000)).adding(days: Int(rng.next() % UInt64(max(1, spanDays))))
    }

    /// The `i`th generated system.
    public mutating func system(_ i: Int) -> AISystem {
        var s = pick(templates)
        s.id = "\(s.id.prefix(40))-\(i)"
        s.name = "\(s.name) #\(i)"
        s.owner = pick(Self.owners)
        s.status = chance(0.05) ? .retired : pick([.proposed, .development, .pilot, .production, .production, .production])
        if chance(0.1) { s.euAiAct?.tier = pick(RiskTier.allCases) }
        for m in s.models.indices {
            if chance(0.5) { s.models[m].provider = pick(Self.vendors) }
            if chance(0.3) { s.models[m].endOfLife = day(from: "2026-01-01", spanDays: 900) }
            if chance(0.2) { s.models[m].version = chance(0.5) ? "latest" : "\(rng.next() % 9).\(rng.next() % 20)" }
        }
        for f in s.fallbacks.indices where chance(0.5) {
            s.fallbacks[f].lastTested = chance(0.2) ? nil : day(from: "2025-01-01", spanDays: 700)
        }
        for o in s.oversight.indices where chance(0.5) {
            s.oversight[o].lastTested = chance(0.2) ? nil : day(from: "2025-06-01", spanDays: 540)
        }
        if chance(0.7) {
            var r = s.review ?? Review()
            r.lastReviewed = day(from: "2025-06-01", spanDays: 540)
            s.review = r
        }
        if chance(0.2) { s.evidence.removeAll() }
        return s
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
public struct SplitMix64 {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
