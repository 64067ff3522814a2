import AIGovCore

/// The built-in rules of RULES.md, in the order of that document.
public enum RuleCatalog {
    /// The catalogue's version, part of the rule-set hash that stored evaluations are kept under
    /// (with every rule's texts). Change it with any change to what a rule finds that its texts
    /// do not show, so registries re-evaluate with the new binary.
    public static let version = "3"

    /// Every built-in rule: INV, HRP, HRD, OVR, FBK, MOD, DAT, TRN, RSK, MET, REV, CLS, then FRI and INC.
    public static let builtIn: [any Rule] = builtInRules + IncidentRule.all.map { $0 as any Rule }

    /// The same rules with their concrete type, for callers that want `obligation` or `severity`.
    public static let builtInRules: [BuiltInRule] =
        BuiltInRule.classification + BuiltInRule.highRiskProviders + BuiltInRule.highRiskDeployers
        + BuiltInRule.oversightRules + BuiltInRule.fallbackRules + BuiltInRule.modelRules
        + BuiltInRule.datasetRules + BuiltInRule.transparencyRules + BuiltInRule.riskRules
        + BuiltInRule.reviewRules
        + BuiltInRule.guidedClassification  // CLS (RULES.md, CLASSIFY.md)
        + BuiltInRule.friaRules  // FRI (OPERATIONS.md)

    private static let byId: [String: any Rule] = Dictionary(
        builtIn.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The built-in rule with this id (case-insensitive, e.g. `fbk-002`), or nil.
    public static func rule(id: String) -> (any Rule)? { byId[id.uppercased()] }
}
