// The `classification`, `fria` and `registration` blocks of a system (FORMAT.md; CLASSIFY.md
// and OPERATIONS.md give their meaning). The answers are data: each question is a field, each
// list of codes a list of spellings, so rules and the store can index them.

/// The guided classification's answers with who gave them and when (CLASSIFY.md).
public struct Classification: Equatable, Sendable {
    /// The version of the question set; CLASSIFY.md is "2026-07".
    public var questionnaire: String
    public var assessed: Day
    public var assessor: String
    /// Absent: the record's `eu_ai_act.role`.
    public var role: OperatorRole?
    public var answers: ClassificationAnswers?
    public var notes: String?

    /// The question set this binary asks and the rules hold answers against.
    public static let currentQuestionnaire = "2026-07"

    public init(questionnaire: String = Classification.currentQuestionnaire, assessed: Day, assessor: String) {
        self.questionnaire = questionnaire
        self.assessed = assessed
        self.assessor = assessor
    }
}

/// The answers (CLASSIFY.md, "The block"). A nil boolean or `aiSystem` is unanswered; an
/// absent list counts as empty.
public struct ClassificationAnswers: Equatable, Sendable {
    public var aiSystem: AISystemAnswer?
    public var excluded: [Art2Exclusion] = []
    public var prohibited: [Art5Practice] = []
    public var annexI: AnnexIAnswers?
    public var annexIII: [AnnexIIIPoint] = []
    public var profiling: Bool?
    public var art63: [Art63Condition] = []
    public var transparency: [Art50Function] = []
    public var gpai: Bool?
    public var publicAuthority: Bool?
    public var publicService: Bool?
    public var lawEnforcementOrMigration: Bool?
    public init() {}
}

/// Art. 6(1): the product legislation and its two conditions.
public struct AnnexIAnswers: Equatable, Sendable {
    public var legislation: [AnnexILegislation] = []
    public var safetyComponent: Bool?
    public var thirdPartyAssessment: Bool?
    public init() {}
}

/// The fundamental rights impact assessment's own facts (OPERATIONS.md, Art. 27). Sections
/// (c)–(f) are read from the rest of the record.
public struct FRIA: Equatable, Sendable {
    public var performed: Day?
    /// (a) the deployer's processes in which the system is used.
    public var process: String?
    /// (b) period of time and frequency of use.
    public var periodAndFrequency: String?
    /// Art. 27(3): results notified to the market surveillance authority.
    public var notified: Day?
    public var authority: String?
    /// Art. 27(4): the DPIA it cross-references.
    public var dpiaReference: String?
    public var nextReview: Day?
    public init() {}
}

/// Facts the EU database entry (Art. 49, Annex VIII) needs beyond the rest of the record
/// (OPERATIONS.md). The keys are aigov's choice; OPERATIONS.md names what they must cover.
public struct Registration: Equatable, Sendable {
    /// Name of the provider (or deployer, Section C) as registered.
    public var organisation: String?
    /// Address of the provider or deployer.
    public var address: String?
    /// Who submits the entry on the organisation's behalf.
    public var submittedBy: String?
    /// The authorised representative, if any (Annex VIII A.3).
    public var authorisedRepresentative: String?
    /// Trade name and any further unambiguous reference.
    public var tradeName: String?
    public var reference: String?
    /// Member states where it is placed on the market, put into service or made available.
    public var memberStates: [String] = []
    /// Notified body and certificate number (Annex VIII A.9).
    public var notifiedBodyCertificate: String?
    /// Electronic instructions for use (Annex VIII A.12; not for areas 1, 6, 7).
    public var instructionsUrl: String?
    /// URL for additional information.
    public var moreInformationUrl: String?
    /// Section C: the URL of the provider's entry in the EU database.
    public var providerEntryUrl: String?
    public init() {}
}

// MARK: codes

/// `answers.ai_system`: Art. 3(1). YAML `true`/`false` read as yes/no.
public enum AISystemAnswer: String, FormatEnum { case yes, no, uncertain }

/// Art. 2 exclusions (`answers.excluded`).
public enum Art2Exclusion: String, FormatEnum {
    case military
    case thirdCountryAuthority = "third-country-authority"
    case scientificResearch = "scientific-research"
    case preMarketResearch = "pre-market-research"
    case personalUse = "personal-use"
    case openSource = "open-source"

    /// The paragraph of Art. 2.
    public var article: String {
        switch self {
        case .military: "Art. 2(3)"
        case .thirdCountryAuthority: "Art. 2(4)"
        case .scientificResearch: "Art. 2(6)"
        case .preMarketResearch: "Art. 2(8)"
        case .personalUse: "Art. 2(10)"
        case .openSource: "Art. 2(12)"
        }
    }
}

/// Art. 5 practices (`answers.prohibited`).
public enum Art5Practice: String, FormatEnum {
    case a = "5-1-a", b = "5-1-b", c = "5-1-c", d = "5-1-d", e = "5-1-e", f = "5-1-f", g = "5-1-g", h = "5-1-h"
    case intimate = "5-1-intimate"

    public var article: String {
        switch self {
        case .intimate: "Art. 5(1)(ba)-(bb), 5(1a)"
        default: "Art. 5(1)(\(rawValue.dropFirst(4)))"
        }
    }
}

/// Annex I legislation (`answers.annex_i.legislation`), Sections A and B.
public enum AnnexILegislation: String, FormatEnum {
    case machinery, toys
    case recreationalCraft = "recreational-craft"
    case lifts, atex
    case radioEquipment = "radio-equipment"
    case pressureEquipment = "pressure-equipment"
    case cableways, ppe
    case gasAppliances = "gas-appliances"
    case medicalDevices = "medical-devices"
    case inVitroDiagnostics = "in-vitro-diagnostics"
    case civilAviationSecurity = "civil-aviation-security"
    case twoThreeWheelVehicles = "two-three-wheel-vehicles"
    case agriculturalVehicles = "agricultural-vehicles"
    case marineEquipment = "marine-equipment"
    case rail
    case motorVehicles = "motor-vehicles"
    case civilAviation = "civil-aviation"

    /// The Section of Annex I the act is listed in. Machinery (Regulation (EU) 2023/1230) moved
    /// from Section A to Section B with Regulation (EU) 2026/1744, Art. 1(41).
    public var section: AnnexISection {
        switch self {
        case .toys, .recreationalCraft, .lifts, .atex, .radioEquipment, .pressureEquipment, .cableways, .ppe,
             .gasAppliances, .medicalDevices, .inVitroDiagnostics: .a
        case .machinery, .civilAviationSecurity, .twoThreeWheelVehicles, .agriculturalVehicles, .marineEquipment, .rail,
             .motorVehicles, .civilAviation: .b
        }
    }
}

/// Annex III points (`answers.annex_iii`).
public enum AnnexIIIPoint: String, FormatEnum {
    case p1a = "1a", p1b = "1b", p1c = "1c"
    case p2 = "2"
    case p3a = "3a", p3b = "3b", p3c = "3c", p3d = "3d"
    case p4a = "4a", p4b = "4b"
    case p5a = "5a", p5b = "5b", p5c = "5c", p5d = "5d"
    case p6a = "6a", p6b = "6b", p6c = "6c", p6d = "6d", p6e = "6e"
    case p7a = "7a", p7b = "7b", p7c = "7c", p7d = "7d"
    case p8a = "8a", p8b = "8b"

    /// The area number, 1–8.
    public var areaNumber: Int { Int(String(rawValue.prefix(1))) ?? 0 }

    public var area: AnnexIIIArea {
        switch areaNumber {
        case 1: .biometrics
        case 2: .criticalInfrastructure
        case 3: .education
        case 4: .employment
        case 5: .essentialServices
        case 6: .lawEnforcement
        case 7: .migration
        default: .justiceDemocracy
        }
    }

    /// "point 4(a)", "point 2".
    public var label: String {
        rawValue.count == 1 ? "point \(rawValue)" : "point \(rawValue.prefix(1))(\(rawValue.dropFirst()))"
    }
}

/// Art. 6(3) conditions (`answers.art6_3`).
public enum Art63Condition: String, FormatEnum { case a, b, c, d }

/// Art. 50 functions (`answers.transparency`).
public enum Art50Function: String, FormatEnum {
    case interacts
    case syntheticContent = "synthetic-content"
    case emotionOrBiometric = "emotion-or-biometric"
    case deepfake
    case publicInterestText = "public-interest-text"

    public var article: String {
        switch self {
        case .interacts: "Art. 50(1)"
        case .syntheticContent: "Art. 50(2)"
        case .emotionOrBiometric: "Art. 50(3)"
        case .deepfake, .publicInterestText: "Art. 50(4)"
        }
    }
}

// MARK: the catalog rows (FieldTables.swift holds the rest)

extension Classification: CataloguedBlock {
    public init() { self.init(questionnaire: "", assessed: Day(ordinal: 0), assessor: "") }
    public static let scope = RecordScope.classification
    public static let fields: [CatalogField<Classification>] = [
        .text("questionnaire", required: true) { $0.questionnaire },
        .date("assessed", required: true) { $0.assessed },
        .text("assessor", required: true) { $0.assessor },
        .enumeration("role") { $0.role },
        .block("answers") { $0.answers },
        .text("notes") { $0.notes },
    ]
}

extension ClassificationAnswers: CataloguedBlock {
    public static let scope = RecordScope.answers
    public static let fields: [CatalogField<ClassificationAnswers>] = [
        .enumeration("ai_system") { $0.aiSystem },
        .enumerations("excluded") { $0.excluded },
        .enumerations("prohibited") { $0.prohibited },
        .block("annex_i") { $0.annexI },
        .enumerations("annex_iii") { $0.annexIII },
        .bool("profiling") { $0.profiling },
        .enumerations("art6_3") { $0.art63 },
        .enumerations("transparency") { $0.transparency },
        .bool("gpai") { $0.gpai },
        .bool("public_authority") { $0.publicAuthority },
        .bool("public_service") { $0.publicService },
        .bool("law_enforcement_or_migration") { $0.lawEnforcementOrMigration },
    ]
}

extension AnnexIAnswers: CataloguedBlock {
    public static let scope = RecordScope.annexI
    public static let fields: [CatalogField<AnnexIAnswers>] = [
        .enumerations("legislation") { $0.legislation },
        .bool("safety_component") { $0.safetyComponent },
        .bool("third_party_assessment") { $0.thirdPartyAssessment },
    ]
}

extension FRIA: CataloguedBlock {
    public static let scope = RecordScope.fria
    public static let fields: [CatalogField<FRIA>] = [
        .date("performed") { $0.performed },
        .text("process") { $0.process },
        .text("period_and_frequency") { $0.periodAndFrequency },
        .date("notified") { $0.notified },
        .text("authority") { $0.authority },
        .text("dpia_reference") { $0.dpiaReference },
        .date("next_review") { $0.nextReview },
    ]
}

extension Registration: CataloguedBlock {
    public static let scope = RecordScope.registration
    public static let fields: [CatalogField<Registration>] = [
        .text("organisation") { $0.organisation },
        .text("address") { $0.address },
        .text("submitted_by") { $0.submittedBy },
        .text("authorised_representative") { $0.authorisedRepresentative },
        .text("trade_name") { $0.tradeName },
        .text("reference") { $0.reference },
        .texts("member_states") { $0.memberStates },
        .text("notified_body_certificate") { $0.notifiedBodyCertificate },
        .text("instructions_url") { $0.instructionsUrl },
        .text("more_information_url") { $0.moreInformationUrl },
        .text("provider_entry_url") { $0.providerEntryUrl },
    ]
}

extension Classification: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension ClassificationAnswers: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension AnnexIAnswers: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension FRIA: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Registration: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}
