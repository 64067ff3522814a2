// The record's one description: every field of FORMAT.md, by type, in FORMAT.md order.
//
// To add a field: add its row here (and the property in System.swift), its column in
// schema.sql and SystemRows, its read in Reader.swift and a value in the every-field fixtures
// (Tests/AIGovCLITests/Fixtures/every-field.*). The writer, diff, reader's allowed keys, edit
// form and custom-rule fields follow from the row; the every-field tests fail until the rest
// agree.

extension AISystem: Catalogued {
    public static let scope = RecordScope.system
    public static let fields: [CatalogField<AISystem>] = [
        .text("id", required: true) { $0.id },
        .text("name", required: true) { $0.name },
        .text("purpose") { $0.purpose },
        .text("owner", required: true) { $0.owner },
        .text("contact") { $0.contact },
        .enumeration("status", required: true) { $0.status },
        .date("status_since") { $0.statusSince },
        .texts("tags") { $0.tags },
        .text("legal_basis") { $0.legalBasis },
        .block("eu_ai_act") { $0.euAiAct },
        .block("impact") { $0.impact },
        .block("review") { $0.review },
        .entries("models") { $0.models },
        .entries("datasets") { $0.datasets },
        .entries("oversight") { $0.oversight },
        .entries("fallbacks") { $0.fallbacks },
        .entries("evidence") { $0.evidence },
        .entries("risks") { $0.risks },
        .entries("metrics") { $0.metrics },
        .entries("suppliers") { $0.suppliers },
        .block("classification") { $0.classification },
        .block("fria") { $0.fria },
        .block("registration") { $0.registration },
    ]
}

extension EUAIAct: CataloguedBlock {
    public static let scope = RecordScope.euAiAct
    public static let fields: [CatalogField<EUAIAct>] = [
        .enumeration("role") { $0.role },
        .enumeration("tier") { $0.tier },
        .enumeration("annex_iii") { $0.annexIII },
        .bool("annex_i_product") { $0.annexIProduct },
        .enumeration("annex_i_section") { $0.annexISection },
        .date("on_market_since") { $0.onMarketSince },
        .date("significant_change") { $0.significantChange },
        .bool("art6_3_exemption") { $0.art63Exemption },
        .text("art6_3_reason") { $0.art63Reason },
        .bool("profiling") { $0.profiling },
        .bool("gpai") { $0.gpai },
        .bool("interacts_with_people") { $0.interactsWithPeople },
        .bool("synthetic_content") { $0.syntheticContent },
        .bool("deepfake") { $0.deepfake },
        .bool("emotion_or_biometric_categorisation") { $0.emotionOrBiometricCategorisation },
        .bool("public_body") { $0.publicBody },
        .bool("public_authority") { $0.publicAuthority },
        .text("rationale") { $0.rationale },
        .text("eu_database_id") { $0.euDatabaseId },
        .enumeration("conformity") { $0.conformity },
    ]
}

extension Impact: CataloguedBlock {
    public static let scope = RecordScope.impact
    public static let fields: [CatalogField<Impact>] = [
        .text("decisions") { $0.decisions },
        .texts("affected_groups") { $0.affectedGroups },
        .texts("stakeholders_consulted") { $0.stakeholdersConsulted },
        .text("explanation") { $0.explanation },
        .text("appeal") { $0.appeal },
    ]
}

extension Review: CataloguedBlock {
    public static let scope = RecordScope.review
    public static let fields: [CatalogField<Review>] = [
        .date("last_reviewed") { $0.lastReviewed },
        .number("interval_days") { $0.intervalDays },
        .text("reviewer") { $0.reviewer },
    ]
}

extension Model: Catalogued {
    public static let scope = RecordScope.models
    public static let fields: [CatalogField<Model>] = [
        .text("name", required: true) { $0.name },
        .text("provider", required: true) { $0.provider },
        .enumeration("technique") { $0.technique },
        .text("version") { $0.version },
        .text("license") { $0.license },
        .enumeration("hosting") { $0.hosting },
        .enumeration("role") { $0.role },
        .text("rationale") { $0.rationale },
        .texts("alternatives") { $0.alternatives },
        .date("end_of_life") { $0.endOfLife },
        .text("parameters") { $0.parameters },
    ]
}

extension Dataset: Catalogued {
    public static let scope = RecordScope.datasets
    public static let fields: [CatalogField<Dataset>] = [
        .text("name", required: true) { $0.name },
        .text("source") { $0.source },
        .text("license") { $0.license },
        .enumerations("purpose") { $0.purpose },
        .bool("personal_data") { $0.personalData },
        .bool("special_category") { $0.specialCategory },
        .enumeration("lawful_basis") { $0.lawfulBasis },
        .text("collected") { $0.collected },
        .text("known_limitations") { $0.knownLimitations },
        .texts("derived_from") { $0.derivedFrom },
        .text("retention") { $0.retention },
    ]
}

extension Oversight: Catalogued {
    public static let scope = RecordScope.oversight
    public static let fields: [CatalogField<Oversight>] = [
        .enumeration("type") { $0.type },
        .text("mechanism", required: true) { $0.mechanism },
        .text("who") { $0.who },
        .bool("can_stop") { $0.canStop },
        .number("response_minutes") { $0.responseMinutes },
        .date("last_tested") { $0.lastTested },
    ]
}

extension Fallback: Catalogued {
    public static let scope = RecordScope.fallbacks
    public static let fields: [CatalogField<Fallback>] = [
        .enumeration("trigger") { $0.trigger },
        .enumeration("strategy") { $0.strategy },
        .bool("uses_ai") { $0.usesAI },
        .text("model") { $0.model },
        .text("target") { $0.target },
        .number("rto_minutes") { $0.rtoMinutes },
        .text("owner") { $0.owner },
        .text("runbook") { $0.runbook },
        .date("last_tested") { $0.lastTested },
    ]
}

extension Evidence: Catalogued {
    public static let scope = RecordScope.evidence
    public static let fields: [CatalogField<Evidence>] = [
        .enumeration("kind") { $0.kind },
        .text("title", required: true) { $0.title },
        .text("uri") { $0.uri },
        .text("sha256") { $0.sha256 },
        .date("date") { $0.date },
    ]
}

extension Risk: Catalogued {
    public static let scope = RecordScope.risks
    public static let fields: [CatalogField<Risk>] = [
        .text("description", required: true) { $0.description },
        .enumeration("severity") { $0.severity },
        .text("mitigation") { $0.mitigation },
    ]
}

extension Metric: Catalogued {
    public static let scope = RecordScope.metrics
    public static let fields: [CatalogField<Metric>] = [
        .text("name", required: true) { $0.name },
        .text("group") { $0.group },
        .text("target") { $0.target },
        .text("value") { $0.value },
        .date("measured") { $0.measured },
    ]
}

extension Supplier: Catalogued {
    public static let scope = RecordScope.suppliers
    public static let fields: [CatalogField<Supplier>] = [
        .text("name", required: true) { $0.name },
        .enumeration("role") { $0.role },
    ]
}

/// A waiver is its own document (FORMAT.md, "Waivers"); `kind: waiver` precedes these keys.
extension Waiver: Catalogued {
    public static let scope = RecordScope.waiver
    public static let fields: [CatalogField<Waiver>] = [
        .text("system", required: true) { $0.system },
        .text("rule", required: true) { $0.rule },
        .text("reason", required: true) { $0.reason },
        .text("approved_by", required: true) { $0.approvedBy },
        .date("expires", required: true) { $0.expires },
    ]
}
