import AIGovCore
import Foundation

/// Provider names compared the way people write them: case- and white-space-insensitive.
public enum ProviderName {
    /// "  BigLab   AI " → "biglab ai".
    public static func key(_ name: String) -> String {
        // ASCII names (nearly all) on their bytes: `vendors` keys every model of the registry
        // several times, and Unicode case mapping and white-space properties cost far more.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var space = false
        for b in name.utf8 {
            guard b < 0x80 else { return unicodeKey(name) }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                space = !bytes.isEmpty
                continue
            }
            if space {
                bytes.append(0x20)
                space = false
            }
            bytes.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unicodeKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A looser key that also ignores punctuation: "Biglab-AI" and "BigLab AI" share "biglabai".
    public static func looseKey(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}

/// What would happen to one system if some providers or models disappeared.
public struct ExitOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A fallback on a provider that is still there takes over.
        case continues
        /// Only a fallback without AI (manual process, rules, disable) remains.
        case degraded
        /// No usable fallback.
        case down
    }

    public var system: AISystem
    public var kind: Kind
    /// Names of the system's models that are lost.
    public var lostModels: [String]
    /// The fallback that takes over (its index in `fallbacks`), if any.
    public var fallbackIndex: Int?
    /// Why: which fallback takes over, or why none can.
    public var explanation: String

    public var fallback: Fallback? { fallbackIndex.map { system.fallbacks[$0] } }
    public var decidesAboutPeople: Bool { system.decidesAboutPeople }
    public var isHighRisk: Bool { system.isHighRisk }
}

/// A scenario for `aigov what-if`: providers, models, or end-of-life by a date disappear.
public struct ExitScenario: Sendable {
    public var providers: [String] { didSet { providerKeys = Set(providers.map(ProviderName.key)) } }
    public var models: [String] { didSet { modelKeys = Set(models.map(ProviderName.key)) } }
    /// Models whose end of life falls on or before this day are lost.
    public var endOfLifeBy: Day?
    /// Models already past their end of life on this day are lost too.
    public var today: Day
    /// The keys of `providers` and `models`, made once: `vendors` asks about every model of
    /// the registry.
    private var providerKeys: Set<String>
    private var modelKeys: Set<String>

    public init(providers: [String] = [], models: [String] = [], endOfLifeBy: Day? = nil, today: Day) {
        self.providers = providers
        self.models = models
        self.endOfLifeBy = endOfLifeBy
        self.today = today
        providerKeys = Set(providers.map(ProviderName.key))
        modelKeys = Set(models.map(ProviderName.key))
    }

    /// Whether a model is unavailable in this scenario.
    public func isLost(_ m: Model) -> Bool {
        isLost(m, providerKey: ProviderName.key(m.provider))
    }

    /// `isLost` for a model whose provider key the caller has already made.
    func isLost(_ m: Model, providerKey: String) -> Bool {
        if providerKeys.contains(providerKey) { return true }
        if !modelKeys.isEmpty, modelKeys.contains(ProviderName.key(m.name)) { return true }
        if let eol = m.endOfLife {
            if eol < today { return true }
            if let by = endOfLifeBy, eol <= by { return true }
        }
        return false
    }

    /// The outcome for one system, or nil when none of the models it needs (primary or
    /// component) is lost, or the system is retired.
    ///
    /// A fallback counts as continuing when it names a model that is not lost, or has
    /// strategy alternate-vendor without naming a model; one that names a lost model, or
    /// is an alternate-model fallback naming no model (assumed on the same vendor), does not
    /// count. A fallback with `uses_ai: false`, or a manual-process, rule-based or disable
    /// strategy without a model, degrades the system instead.
    public func outcome(for s: AISystem) -> ExitOutcome? {
        outcome(for: s, providerKeys: s.models.map { ProviderName.key($0.provider) })
    }

    /// `outcome(for:)` with the provider key of each of the system's models made by the caller.
    func outcome(for s: AISystem, providerKeys keys: [String]) -> ExitOutcome? {
        guard s.status != .retired else { return nil }
        let lostAt = s.models.indices.map { isLost(s.models[$0], providerKey: keys[$0]) }
        let primaries = s.primaryModelIndices
        guard s.models.indices.contains(where: { i in
            lostAt[i] && (primaries.contains(i) || s.models[i].role == .component)
        }) else { return nil }
        let lost = s.models.indices.filter { lostAt[$0] }.map { s.models[$0].name }

        var degradedAt: Int?
        var reasons: [String] = []
        for (i, f) in s.fallbacks.enumerated() {
            let label = "fallbacks[\(i)]"
            if let name = f.model, !name.isBlank {
                guard let at = s.models.firstIndex(where: { $0.name == name }) else {
                    reasons.append("\(label) names unknown model \"\(name)\"")
                    continue
                }
                let m = s.models[at]
                if lostAt[at] {
                    reasons.append("\(label) switches to \"\(m.name)\" (\(m.provider)), which is lost too")
                    continue
                }
                if f.usesAI == false {
                    if degradedAt == nil { degradedAt = i }
                    continue
                }
                return ExitOutcome(system: s, kind: .continues, lostModels: lost, fallbackIndex: i,
                                   explanation: "\(label) switches to \"\(m.name)\" on \(m.provider)")
            }
            if f.usesAI == false || [.manualProcess, .ruleBased, .disable].contains(f.strategy) {
                if degradedAt == nil { degradedAt = i }
                continue
            }
            if f.strategy == .alternateVendor {
                return ExitOutcome(system: s, kind: .continues, lostModels: lost, fallbackIndex: i,
                                   explanation: "\(label) switches to another vendor (\(f.target ?? "unnamed"))")
            }
            reasons.append("\(label) names no model and may depend on the same vendor")
        }
        if let d = degradedAt {
            let f = s.fallbacks[d]
            return ExitOutcome(system: s, kind: .degraded, lostModels: lost, fallbackIndex: d,
                               explanation: "only a fallback without AI remains: fallbacks[\(d)] \(f.strategy?.rawValue ?? "fallback") (\(f.target ?? "no target recorded"))")
        }
        let why = s.fallbacks.isEmpty ? "no fallback recorded" : "no usable fallback: " + reasons.joined(separator: "; ")
        return ExitOutcome(system: s, kind: .down, lostModels: lost, fallbackIndex: nil, explanation: why)
    }
}

/// One row of `aigov vendors`: how much of the portfolio depends on one provider.
public struct VendorExposure: Sendable, Equatable {
    /// The provider as first written (names that differ only in case or white space are one provider).
    public var provider: String
    public var key: String
    /// Other spellings seen for the same key.
    public var spellings: [String]
    /// Non-retired systems with any model from this provider.
    public var systems = 0
    /// Of those, systems with a primary model from it.
    public var primary = 0
    /// Of the primary users, those in production or deciding about people.
    public var critical = 0
    /// Of the primary users, those with a tested fallback that does not depend on it.
    public var covered = 0
    /// Of the primary users, those without such a fallback.
    public var uncovered = 0
    /// The longest recovery-time objective among the covering fallbacks.
    public var worstRTOMinutes: Int?
    /// The nearest model end of life from this provider.
    public var nextEndOfLife: Day?
    /// Production systems that would go down if this provider disappeared.
    public var productionDown = 0

    /// Exposure of every provider named across `systems` (retired ones excluded), most
    /// depended-on first.
    public static func analyse(_ systems: [AISystem], today: Day) -> [VendorExposure] {
        var acc = Accumulator(today: today)
        for s in systems { acc.add(s) }
        return acc.result
    }

    /// Builds the exposure table one system at a time, so a registry can be streamed.
    public struct Accumulator: Sendable, Equatable {
        let today: Day
        var rows: [String: VendorExposure] = [:]
        var order: [String] = []
        /// Each provider spelling's key, made once per spelling: a registry names a few
        /// providers many times over.
        var keys: [String: String] = [:]

        public init(today: Day) { self.today = today }

        /// Equal when they hold the same rows, whatever spellings each has keyed so far.
        public static func == (a: Accumulator, b: Accumulator) -> Bool {
            a.today == b.today && a.rows == b.rows && a.order == b.order
        }

        /// Providers with production systems that would go down without them, worst first.
        public func topProductionDown(_ n: Int) -> [VendorExposure] {
            Array(result.filter { $0.productionDown > 0 }.sorted { ($0.productionDown, $1.provider) > ($1.productionDown, $0.provider) }.prefix(n))
        }

        public mutating func add(_ s: AISystem) {
            guard s.status != .retired else { return }
            var seen: Set<String> = []
            var modelKeys: [String] = []
            modelKeys.reserveCapacity(s.models.count)
            for m in s.models {
                let key: String
                if let known = keys[m.provider] {
                    key = known
                } else {
                    key = ProviderName.key(m.provider)
                    keys[m.provider] = key
                }
                modelKeys.append(key)
                if rows[key] == nil {
                    rows[key] = VendorExposure(provider: m.provider, key: key, spellings: [])
                    order.append(key)
                }
                if rows[key]?.provider != m.provider, rows[key]?.spellings.contains(m.provider) == false {
                    rows[key]?.spellings.append(m.provider)
                }
                if let eol = m.endOfLife, eol >= today {
                    let current = rows[key]?.nextEndOfLife ?? eol
                    rows[key]?.nextEndOfLife = min(current, eol)
                }
                if seen.insert(key).inserted { rows[key]?.systems += 1 }
            }
            var primaryKeys: [String] = []
            for i in s.primaryModelIndices where !primaryKeys.contains(modelKeys[i]) {
                primaryKeys.append(modelKeys[i])
            }
            for key in primaryKeys {
                guard var row = rows[key] else { continue }
                row.primary += 1
                if s.isLive || s.decidesAboutPeople { row.critical += 1 }
                let scenario = ExitScenario(providers: [row.provider], today: today)
                if let o = scenario.outcome(for: s, providerKeys: modelKeys) {
                    if let f = o.fallback, o.kind != .down, f.lastTested != nil {
                        row.covered += 1
                        if let rto = f.rtoMinutes { row.worstRTOMinutes = max(row.worstRTOMinutes ?? rto, rto) }
                    } else {
                        row.uncovered += 1
                    }
                    if o.kind == .down, s.isLive { row.productionDown += 1 }
                }
                rows[key] = row
            }
        }

        public var result: [VendorExposure] {
            order.compactMap { rows[$0] }.sorted {
                ($0.primary, $0.systems, $1.provider) > ($1.primary, $1.systems, $0.provider)
            }
        }
    }

    /// Pairs of provider names that are probably the same vendor written differently
    /// ("BigLab AI" and "Biglab-AI"): equal once punctuation is ignored, or one edit apart.
    public static func nearDuplicates(_ rows: [VendorExposure]) -> [(String, String)] {
        var out: [(String, String)] = []
        for (i, a) in rows.enumerated() {
            for b in rows[(i + 1)...] {
                let ka = ProviderName.looseKey(a.provider), kb = ProviderName.looseKey(b.provider)
                if ka == kb || (min(ka.count, kb.count) >= 5 && editDistanceAtMostOne(ka, kb)) {
                    out.append((a.provider, b.provider))
                }
            }
        }
        return out
    }

    static func editDistanceAtMostOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }
}
