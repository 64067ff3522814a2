/// One AI system: the record of FORMAT.md.
///
/// Every stored property is described once in the catalog (FieldTables.swift), from which
/// the writer, the diff, the reader's keys, the edit form and custom-rule fields derive.
///
/// Optional scalars keep the difference between "absent" (nil) and "written
/// empty" (`""`), so a record round-trips exactly; rules treat both as empty.
/// Lists default to empty and are omitted from output when empty.
public struct AISystem: Equatable, Sendable {
    public var id: String
    public var name: String
    public var purpose: String?
    public var owner: String
    public var contact: String?
    public var status: SystemStatus
    public var statusSince: Day?
    public var tags: [String] = []
    public var legalBasis: String?
    public var euAiAct: EUAIAct?
    public var impact: Impact?
    public var review: Review?
    public var models: [Model] = []
    public var datasets: [Dataset] = []
    public var oversight: [Oversight] = []
    public var fallbacks: [Fallback] = []
    public var evidence: [Evidence] = []
    public var risks: [Risk] = []
    public var metrics: [Metric] = []
    public var suppliers: [Supplier] = []
    public var classification: Classification?
    public var fria: FRIA?
    public var registration: Registration?

    public init(id: String, name: String, owner: String, status: SystemStatus) {
        self.id = id
        self.name = name
        self.owner = owner
        self.status = status
    }

    /// The risk tier, `unassessed` when the record has none.
    public var tier: RiskTier { euAiAct?.tier ?? .unassessed }

    /// The top-level keys of FORMAT.md, in the order they are written (from the catalog,
    /// FieldTables.swift).
    public static var topLevelKeys: [String] { RecordCatalog.keys(in: .system) }
}

public struct EUAIAct: Equatable, Sendable {
    public var role: OperatorRole?
    public var tier: RiskTier?
    public var annexIII: AnnexIIIArea?
    public var annexIProduct: Bool?
    /// A or B (rules v3: absent reads A when `annexIProduct`).
    public var annexISection: AnnexISection?
    /// When the first unit of this type and model was placed on the market or put into service
    /// in the Union (recital 39 of Regulation (EU) 2026/1744): decides legacy status (Art. 111).
    public var onMarketSince: Day?
    /// The last significant change in the system's design (Art. 111(2)).
    public var significantChange: Day?
    public var art63Exemption: Bool?
    public var art63Reason: String?
    public var profiling: Bool?
    public var gpai: Bool?
    public var interactsWithPeople: Bool?
    public var syntheticContent: Bool?
    public var deepfake: Bool?
    public var emotionOrBiometricCategorisation: Bool?
    public var publicBody: Bool?
    /// The deployer is a public authority or acts on its behalf (Art. 49(3), 111(2)); absent:
    /// rules read `publicBody`.
    public var publicAuthority: Bool?
    public var rationale: String?
    public var euDatabaseId: String?
    public var conformity: Conformity?
    public init() {}
}

public struct Impact: Equatable, Sendable {
    public var decisions: String?
    public var affectedGroups: [String] = []
    public var stakeholdersConsulted: [String] = []
    public var explanation: String?
    public var appeal: String?
    public init() {}
}

public struct Review: Equatable, Sendable {
    public var lastReviewed: Day?
    public var intervalDays: Int?
    public var reviewer: String?
    public init() {}
}

public struct Model: Equatable, Sendable {
    public var name: String
    public var provider: String
    public var technique: Technique?
    public var version: String?
    public var license: String?
    public var hosting: Hosting?
    public var role: ModelRole?
    public var rationale: String?
    public var alternatives: [String] = []
    public var endOfLife: Day?
    public var parameters: String?
    public init(name: String, provider: String) {
        self.name = name
        self.provider = provider
    }
}

public struct Dataset: Equatable, Sendable {
    public var name: String
    public var source: String?
    public var license: String?
    public var purpose: [DataPurpose] = []
    public var personalData: Bool?
    public var specialCategory: Bool?
    public var lawfulBasis: LawfulBasis?
    public var collected: String?
    public var knownLimitations: String?
    public var derivedFrom: [String] = []
    public var retention: String?
    public init(name: String) { self.name = name }
}

public struct Oversight: Equatable, Sendable {
    public var type: OversightType?
    public var mechanism: String
    public var who: String?
    public var canStop: Bool?
    public var responseMinutes: Int?
    public var lastTested: Day?
    public init(mechanism: String) { self.mechanism = mechanism }
}

public struct Fallback: Equatable, Sendable {
    public var trigger: FallbackTrigger?
    public var strategy: FallbackStrategy?
    public var usesAI: Bool?
    public var model: String?
    public var target: String?
    public var rtoMinutes: Int?
    public var owner: String?
    public var runbook: String?
    public var lastTested: Day?
    public init() {}
}

public struct Evidence: Equatable, Sendable {
    public var kind: EvidenceKind?
    public var title: String
    public var uri: String?
    public var sha256: String?
    public var date: Day?
    public init(title: String, kind: EvidenceKind? = nil) {
        self.title = title
        self.kind = kind
    }
}

public struct Risk: Equatable, Sendable {
    public var description: String
    public var severity: RiskLevel?
    public var mitigation: String?
    public init(description: String) { self.description = description }
}

public struct Metric: Equatable, Sendable {
    public var name: String
    public var group: String?
    public var target: String?
    public var value: String?
    public var measured: Day?
    public init(name: String) { self.name = name }
}

public struct Supplier: Equatable, Sendable {
    public var name: String
    public var role: SupplierRole?
    public init(name: String) { self.name = name }
}

/// A finding accepted for one system until a date (FORMAT.md, "Waivers").
public struct Waiver: Equatable, Sendable {
    public var system: String
    public var rule: String
    public var reason: String
    public var approvedBy: String
    public var expires: Day
    public init(system: String, rule: String, reason: String, approvedBy: String, expires: Day) {
        self.system = system
        self.rule = rule
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
    }

    /// A waiver holds through the end of its `expires` day.
    public func covers(_ today: Day) -> Bool { today <= expires }
}

extension String {
    /// True when the text is empty or only white space: how rules read "empty".
    public var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` in Swift alone: tab, the space separators
    /// (Unicode category Zs) and, as Foundation has it, U+200B ZERO WIDTH SPACE off both ends.
    /// Foundation's goes through `NSString`, whose first use was a twentieth of an `aigov set`
    /// (#25). `TrimmingTests` holds both to Foundation for every scalar of the BMP.
    public var trimmingSpaces: String {
        trimmingScalars { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` in Swift alone: also U+000A–U+000D,
    /// U+0085 and the line and paragraph separators (Unicode category Z*).
    public var trimmingWhitespace: String {
        trimmingScalars { u in
            switch u.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return u == "\t" || u == "\u{200B}" || (0x0A...0x0D).contains(u.value) || u.value == 0x85
            }
        }
    }

    func trimmingScalars(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        var end = scalars.endIndex
        while end > first {
            let before = scalars.index(before: end)
            if !drop(scalars[before]) { break }
            end = before
        }
        return String(Substring(scalars[first..<end]))
    }
}

extension Optional where Wrapped == String {
    /// True when absent, empty or only white space.
    public var isBlank: Bool { self?.isBlank ?? true }
}
