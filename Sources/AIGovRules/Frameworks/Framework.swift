import AIGovCore

/// The frameworks a rule's findings are reported against (docs/frameworks.md): the AI Act by
/// article, ISO/IEC 42001 by Annex A control, the NIST AI RMF by subcategory.
///
/// The mapping is alignment, not legal equivalence: ISO/IEC 42001 is not a harmonised
/// standard under the AI Act, and passing a rule mapped to a control does not certify it.
public enum Framework: String, CaseIterable, Sendable {
    case euAIAct = "eu-ai-act"
    case iso42001
    case nistAIRMF = "nist-ai-rmf"

    /// The framework's name in output.
    public var title: String {
        switch self {
        case .euAIAct: "EU AI Act (Regulation (EU) 2024/1689 as amended)"
        case .iso42001: "ISO/IEC 42001:2023 Annex A"
        case .nistAIRMF: "NIST AI RMF 1.0"
        }
    }

    /// What one entry of the framework is called: article, control, subcategory.
    public var entryName: String {
        switch self {
        case .euAIAct: "article"
        case .iso42001: "control"
        case .nistAIRMF: "subcategory"
        }
    }

    /// Every entry of the framework, in the framework's order.
    public var items: [FrameworkItem] {
        switch self {
        case .euAIAct: AIActArticles.articles
        case .iso42001: ISO42001.controls
        case .nistAIRMF: NISTAIRMF.subcategories
        }
    }

    /// The entry with this id, or nil. Ids are matched as `canonicalId` writes them.
    public func item(_ id: String) -> FrameworkItem? { Framework.index[self]?[id] }

    private static let index: [Framework: [String: FrameworkItem]] = Dictionary(
        uniqueKeysWithValues: Framework.allCases.map { f in
            (f, Dictionary(f.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        })

    /// The id as the framework writes it, from what a person typed: `a.7.5` → `A.7.5`,
    /// `map 4.1` or `Map  4.1` → `MAP 4.1`, `art. 10`/`Art 10` → `Art. 10`, `annex iv` →
    /// `Annex IV`. The result still has to be looked up with `item`.
    public func canonicalId(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch self {
        case .iso42001:
            return words.joined().uppercased()
        case .nistAIRMF:
            return words.map { $0.uppercased() }.joined(separator: " ")
        case .euAIAct:
            guard let first = words.first else { return "" }
            let rest = words.dropFirst().joined(separator: " ")
            switch first.lowercased() {
            case "art", "art.", "article": return "Art. " + rest
            case "annex": return "Annex " + rest.uppercased()
            default: return words.joined(separator: " ")
            }
        }
    }
}

/// One article, control or subcategory.
public struct FrameworkItem: Sendable, Equatable, Hashable {
    /// `Art. 10`, `A.7.5`, `MAP 4.1`.
    public let id: String
    /// The short title.
    public let title: String
    /// The group it belongs to: the chapter for an article, the objective for a control
    /// (`A.7`), the category for a subcategory (`MAP 4`).
    public let group: String

    public init(id: String, title: String, group: String) {
        self.id = id
        self.title = title
        self.group = group
    }
}

/// A control objective, a NIST function or category, or an AI Act chapter.
public struct FrameworkGroup: Sendable, Equatable {
    public let id: String
    public let title: String
    /// The function of a NIST category; nil otherwise.
    public let parent: String?

    public init(id: String, title: String, parent: String? = nil) {
        self.id = id
        self.title = title
        self.parent = parent
    }
}

/// Which articles, controls and subcategories a rule serves. Built-in rules take theirs from
/// `FrameworkCrosswalk`; a custom rule declares its own (`frameworks:` in its file).
public struct FrameworkMapping: Sendable, Equatable, Hashable {
    /// AI Act articles and annexes (`Art. 10`, `Annex IV`); empty for aigov practice, GDPR or
    /// another law.
    public var euAIAct: [String]
    /// ISO/IEC 42001 Annex A controls (`A.7.5`).
    public var iso42001: [String]
    /// NIST AI RMF subcategories (`MAP 4.1`).
    public var nistAIRMF: [String]

    public init(euAIAct: [String] = [], iso42001: [String] = [], nistAIRMF: [String] = []) {
        self.euAIAct = euAIAct
        self.iso42001 = iso42001
        self.nistAIRMF = nistAIRMF
    }

    /// The ids for one framework.
    public func ids(_ framework: Framework) -> [String] {
        switch framework {
        case .euAIAct: euAIAct
        case .iso42001: iso42001
        case .nistAIRMF: nistAIRMF
        }
    }

    /// The entries for one framework, in the rule's order (ids the framework lacks are left out;
    /// the crosswalk's test and the custom-rule loader refuse them).
    public func items(_ framework: Framework) -> [FrameworkItem] {
        ids(framework).compactMap { framework.item($0) }
    }

    public static let none = FrameworkMapping()
}

extension Rule {
    /// The rule's articles, controls and subcategories: from the crosswalk for a built-in rule.
    public var frameworks: FrameworkMapping { FrameworkCrosswalk.builtIn[id] ?? .none }
}

/// A control's status in the Statement of Applicability.
public enum ControlStatus: String, CaseIterable, Sendable {
    /// Every covered system passes the mapped rules.
    case implemented
    /// Some covered systems pass, some do not.
    case partiallyImplemented = "partially implemented"
    /// No covered system passes.
    case notImplemented = "not implemented"
    /// No mapped rule applies to an active system (for the officer to justify), or the
    /// organisation said so by hand.
    case notApplicable = "not applicable"
    /// No rule maps to the control: the registry cannot show it (record it elsewhere).
    case outsideRegistry = "outside the registry"

    /// The statuses a person may write in `soa.yaml`.
    public static let writable: [ControlStatus] = [.implemented, .partiallyImplemented, .notImplemented, .notApplicable]
}
