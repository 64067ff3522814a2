/// The closed vocabularies of the interchange format (FORMAT.md). Raw values are
/// the exact spellings in files and in the database's CHECK constraints.
public protocol FormatEnum: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {}

extension FormatEnum {
    /// All spellings, comma-separated, for error messages ("expected one of …").
    public static var spellings: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum SystemStatus: String, FormatEnum { case proposed, development, pilot, production, retired }

public enum OperatorRole: String, FormatEnum {
    case provider, deployer, importer, distributor
    case productManufacturer = "product-manufacturer"
    case authorisedRepresentative = "authorised-representative"
}

public enum RiskTier: String, FormatEnum {
    case unassessed
    case outOfScope = "out-of-scope"
    case prohibited, high, limited, minimal
}

public enum AnnexIIIArea: String, FormatEnum {
    case biometrics
    case criticalInfrastructure = "critical-infrastructure"
    case education, employment
    case essentialServices = "essential-services"
    case lawEnforcement = "law-enforcement"
    case migration
    case justiceDemocracy = "justice-democracy"
}

/// The Section of Annex I an Annex I product's legislation is listed in (FORMAT.md, rules v3):
/// Section B products get their high-risk requirements through their sectoral law (Art. 2(2)).
public enum AnnexISection: String, FormatEnum {
    case a = "A"
    case b = "B"
}

public enum Conformity: String, FormatEnum {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done
    case notRequired = "not-required"
}

public enum Technique: String, FormatEnum {
    case ruleBased = "rule-based"
    case statistical
    case machineLearning = "machine-learning"
    case deepLearning = "deep-learning"
    case generative, other
}

public enum Hosting: String, FormatEnum {
    case api
    case selfHosted = "self-hosted"
    case onDevice = "on-device"
}

public enum ModelRole: String, FormatEnum { case primary, fallback, component }

public enum DataPurpose: String, FormatEnum {
    case training, validation, testing
    case fineTuning = "fine-tuning"
    case retrieval, inference
}

public enum LawfulBasis: String, FormatEnum {
    case consent, contract
    case legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests"
    case publicTask = "public-task"
    case legitimateInterests = "legitimate-interests"
}

public enum OversightType: String, FormatEnum {
    case inTheLoop = "human-in-the-loop"
    case onTheLoop = "human-on-the-loop"
    case inCommand = "human-in-command"
}

public enum FallbackTrigger: String, FormatEnum {
    case providerOutage = "provider-outage"
    case modelDeprecation = "model-deprecation"
    case costSpike = "cost-spike"
    case qualityRegression = "quality-regression"
    case modelFailure = "model-failure"
    case securityIncident = "security-incident"
    case legalChange = "legal-change"
}

public enum FallbackStrategy: String, FormatEnum {
    case alternateModel = "alternate-model"
    case alternateVendor = "alternate-vendor"
    case ruleBased = "rule-based"
    case manualProcess = "manual-process"
    case degrade, disable
}

public enum EvidenceKind: String, FormatEnum {
    case riskAssessment = "risk-assessment"
    case dpia, fria
    case technicalDocumentation = "technical-documentation"
    case instructionsForUse = "instructions-for-use"
    case conformityDeclaration = "conformity-declaration"
    case qms
    case testReport = "test-report"
    case modelCard = "model-card"
    case postMarketPlan = "post-market-plan"
    case loggingPolicy = "logging-policy"
    case aiDisclosure = "ai-disclosure"
    case contentMarking = "content-marking"
    case workerInformation = "worker-information"
    case incidentProcedure = "incident-procedure"
    case literacyTraining = "literacy-training"
    case registerEntry = "register-entry"
    case sourceCode = "source-code"
    case publicPage = "public-page"
    case other
}

public enum RiskLevel: String, FormatEnum { case low, medium, high }

public enum SupplierRole: String, FormatEnum {
    case developer, `operator`
    case dataSupplier = "data-supplier"
    case reviewer, other
}

/// Severity of a finding, most severe first.
public enum Severity: String, FormatEnum, Comparable {
    case critical, high, medium, low, info

    /// 4 for critical down to 0 for info.
    public var rank: Int {
        switch self {
        case .critical: 4
        case .high: 3
        case .medium: 2
        case .low: 1
        case .info: 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
