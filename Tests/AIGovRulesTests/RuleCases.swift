import AIGovCore
import Testing
@testable import AIGovRules

/// One edit of a clean baseline and what one rule must say about it.
struct RuleCase: Sendable, CustomTestStringConvertible {
    enum Base: Sendable { case deployer, provider, minimal }

    let rule: String
    let label: String
    let base: Base
    let edit: @Sendable (inout AISystem) -> Void
    /// Expected finding paths, in order; empty means the rule must not fire.
    let paths: [String]
    /// Expected severity of every finding, when it fires.
    let severity: Severity?

    var testDescription: String { "\(rule) \(paths.isEmpty ? "quiet" : "fires"): \(label)" }

    var system: AISystem {
        var s: AISystem
        switch base {
        case .deployer: s = Clean.deployer
        case .provider: s = Clean.provider
        case .minimal: s = Clean.minimal
        }
        edit(&s)
        return s
    }
}

/// A case where the rule fires with these paths and severity.
func fires(
    _ rule: String, _ label: String, _ base: RuleCase.Base, _ paths: [String], _ severity: Severity,
    _ edit: @escaping @Sendable (inout AISystem) -> Void
) -> RuleCase {
    RuleCase(rule: rule, label: label, base: base, edit: edit, paths: paths, severity: severity)
}

/// A case where the rule stays quiet.
func quiet(
    _ rule: String, _ label: String, _ base: RuleCase.Base, _ edit: @escaping @Sendable (inout AISystem) -> Void
) -> RuleCase {
    RuleCase(rule: rule, label: label, base: base, edit: edit, paths: [], severity: nil)
}

/// `today` shifted by `n` days, as a date string for fixtures.
func daysFromToday(_ n: Int) -> Day { today.adding(days: n) }

/// Removes every evidence entry of a kind.
func dropEvidence(_ kind: EvidenceKind) -> @Sendable (inout AISystem) -> Void {
    { s in s.evidence.removeAll { $0.kind == kind } }
}

extension RuleCase {
    static let classification: [RuleCase] = [
        fires("INV-001", "contact nil", .deployer, ["contact"], .low) { $0.contact = nil },
        fires("INV-001", "contact empty", .deployer, ["contact"], .low) { $0.contact = "" },
        fires("INV-001", "contact blank", .deployer, ["contact"], .low) { $0.contact = "  " },
        fires("INV-001", "pilot", .deployer, ["contact"], .low) { $0.contact = nil; $0.status = .pilot },
        quiet("INV-001", "development", .deployer) { $0.contact = nil; $0.status = .development },
        quiet("INV-001", "contact present", .deployer) { $0.contact = "x" },

        fires("INV-002", "tier absent, production", .deployer, ["eu_ai_act.tier"], .critical) { $0.euAiAct?.tier = nil },
        fires("INV-002", "no eu_ai_act, pilot", .deployer, ["eu_ai_act.tier"], .critical) { $0.euAiAct = nil; $0.status = .pilot },
        fires("INV-002", "unassessed, development", .deployer, ["eu_ai_act.tier"], .high) {
            $0.euAiAct?.tier = .unassessed; $0.status = .development
        },
        fires("INV-002", "unassessed, proposed", .deployer, ["eu_ai_act.tier"], .high) { $0.euAiAct = nil; $0.status = .proposed },
        quiet("INV-002", "tier minimal", .minimal) { _ in },

        fires("INV-003", "rationale nil", .deployer, ["eu_ai_act.rationale"], .medium) { $0.euAiAct?.rationale = nil },
        fires("INV-003", "rationale empty", .minimal, ["eu_ai_act.rationale"], .medium) { $0.euAiAct?.rationale = "" },
        quiet("INV-003", "unassessed", .deployer) { $0.euAiAct?.rationale = nil; $0.euAiAct?.tier = nil },

        fires("INV-004", "prohibited in production", .minimal, ["status"], .critical) { $0.euAiAct?.tier = .prohibited },
        fires("INV-004", "prohibited in pilot", .minimal, ["status"], .critical) {
            $0.euAiAct?.tier = .prohibited; $0.status = .pilot
        },
        fires("INV-004", "prohibited in development", .minimal, ["status"], .high) {
            $0.euAiAct?.tier = .prohibited; $0.status = .development
        },
        quiet("INV-004", "prohibited, proposed", .minimal) { $0.euAiAct?.tier = .prohibited; $0.status = .proposed },
        quiet("INV-004", "high-risk", .deployer) { _ in },

        fires("INV-005", "annex III, limited, exemption absent", .minimal, ["eu_ai_act.art6_3_exemption"], .high) {
            $0.euAiAct?.annexIII = .education; $0.euAiAct?.tier = .limited
        },
        fires("INV-005", "annex III, minimal, exemption false", .minimal, ["eu_ai_act.art6_3_exemption"], .high) {
            $0.euAiAct?.annexIII = .education; $0.euAiAct?.art63Exemption = false
        },
        quiet("INV-005", "exemption true", .minimal) {
            $0.euAiAct?.annexIII = .education; $0.euAiAct?.art63Exemption = true
        },
        quiet("INV-005", "annex III and high", .deployer) { _ in },
        quiet("INV-005", "no annex III", .minimal) { $0.euAiAct?.art63Exemption = false },

        fires("INV-006", "exemption with profiling", .minimal, ["eu_ai_act.profiling"], .critical) {
            $0.euAiAct?.art63Exemption = true; $0.euAiAct?.art63Reason = "narrow procedural task"; $0.euAiAct?.profiling = true
        },
        quiet("INV-006", "exemption without profiling", .minimal) {
            $0.euAiAct?.art63Exemption = true; $0.euAiAct?.art63Reason = "narrow procedural task"; $0.euAiAct?.profiling = false
        },
        quiet("INV-006", "profiling without exemption", .deployer) { _ in },

        fires("INV-007", "reason nil", .minimal, ["eu_ai_act.art6_3_reason"], .high) { $0.euAiAct?.art63Exemption = true },
        fires("INV-007", "reason empty", .minimal, ["eu_ai_act.art6_3_reason"], .high) {
            $0.euAiAct?.art63Exemption = true; $0.euAiAct?.art63Reason = ""
        },
        quiet("INV-007", "reason given", .minimal) {
            $0.euAiAct?.art63Exemption = true; $0.euAiAct?.art63Reason = "preparatory task"
        },

        fires("INV-008", "Annex I product, minimal", .minimal, ["eu_ai_act.tier"], .high) { $0.euAiAct?.annexIProduct = true },
        fires("INV-008", "Annex I product, unassessed", .minimal, ["eu_ai_act.tier"], .high) {
            $0.euAiAct?.annexIProduct = true; $0.euAiAct?.tier = nil
        },
        quiet("INV-008", "Annex I product, high", .deployer) { $0.euAiAct?.annexIProduct = true },
        quiet("INV-008", "Annex I product, prohibited", .minimal) {
            $0.euAiAct?.annexIProduct = true; $0.euAiAct?.tier = .prohibited
        },

        fires("INV-009", "emotion, minimal", .minimal, ["eu_ai_act.tier"], .high) {
            $0.euAiAct?.emotionOrBiometricCategorisation = true
        },
        fires("INV-009", "emotion, limited, annex employment", .minimal, ["eu_ai_act.tier"], .high) {
            $0.euAiAct?.emotionOrBiometricCategorisation = true; $0.euAiAct?.tier = .limited; $0.euAiAct?.annexIII = .employment
        },
        quiet("INV-009", "emotion, limited, annex biometrics", .minimal) {
            $0.euAiAct?.emotionOrBiometricCategorisation = true; $0.euAiAct?.tier = .limited; $0.euAiAct?.annexIII = .biometrics
        },
        quiet("INV-009", "emotion, high", .deployer) { $0.euAiAct?.emotionOrBiometricCategorisation = true },
        quiet("INV-009", "no emotion", .minimal) { $0.euAiAct?.emotionOrBiometricCategorisation = false },

        fires("INV-010", "purpose nil", .deployer, ["purpose"], .medium) { $0.purpose = nil },
        fires("INV-010", "purpose blank, proposed", .minimal, ["purpose"], .medium) { $0.purpose = " "; $0.status = .proposed },
        quiet("INV-010", "purpose present", .minimal) { $0.purpose = "p" },

        fires("INV-011", "no annex", .deployer, ["eu_ai_act.annex_iii"], .medium) { $0.euAiAct?.annexIII = nil },
        fires("INV-011", "no annex, annex_i absent", .deployer, ["eu_ai_act.annex_iii"], .medium) {
            $0.euAiAct?.annexIII = nil; $0.euAiAct?.annexIProduct = nil
        },
        quiet("INV-011", "Annex I product", .deployer) { $0.euAiAct?.annexIII = nil; $0.euAiAct?.annexIProduct = true },
        quiet("INV-011", "not high-risk", .minimal) { _ in },

        fires("INV-012", "out of scope, ML model", .minimal, ["models[0].technique"], .medium) {
            $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .machineLearning
        },
        fires("INV-012", "second model generative", .minimal, ["models[1].technique"], .medium) {
            $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .ruleBased
            $0.models.append(model("gen", provider: "p", technique: .generative))
        },
        fires("INV-012", "deep learning", .minimal, ["models[0].technique"], .medium) {
            $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .deepLearning
        },
        quiet("INV-012", "statistical model", .minimal) { $0.euAiAct?.tier = .outOfScope; $0.models[0].technique = .statistical },
        quiet("INV-012", "technique absent", .minimal) { $0.euAiAct?.tier = .outOfScope },
        quiet("INV-012", "ML but in scope", .minimal) { $0.models[0].technique = .machineLearning },
        // Rules v3: legacy systems (Art. 111(2)) and Annex I Section B products (Art. 2(2)).
        fires("INV-013", "on the market before 2027-12-02", .deployer, ["eu_ai_act.on_market_since"], .info) {
            $0.euAiAct?.onMarketSince = day("2025-03-01")
        },
        fires("INV-013", "changed before the cut-off", .provider, ["eu_ai_act.on_market_since"], .info) {
            $0.euAiAct?.onMarketSince = day("2025-03-01"); $0.euAiAct?.significantChange = day("2027-12-01")
        },
        quiet("INV-013", "changed on the cut-off", .deployer) {
            $0.euAiAct?.onMarketSince = day("2025-03-01"); $0.euAiAct?.significantChange = day("2027-12-02")
        },
        quiet("INV-013", "on the market from the cut-off", .deployer) { $0.euAiAct?.onMarketSince = day("2027-12-02") },
        quiet("INV-013", "no on_market_since", .deployer) { _ in },
        quiet("INV-013", "not high-risk", .minimal) { $0.euAiAct?.onMarketSince = day("2025-03-01") },
        fires("INV-014", "machinery safety component", .provider, ["eu_ai_act.annex_i_section"], .info) {
            $0.euAiAct?.annexIII = nil; $0.euAiAct?.annexIProduct = true; $0.euAiAct?.annexISection = .b
        },
        quiet("INV-014", "Section B with an Annex III area", .provider) {
            $0.euAiAct?.annexIProduct = true; $0.euAiAct?.annexISection = .b
        },
        quiet("INV-014", "Section A", .provider) {
            $0.euAiAct?.annexIII = nil; $0.euAiAct?.annexIProduct = true; $0.euAiAct?.annexISection = .a
        },
        quiet("INV-014", "section absent reads A", .provider) { $0.euAiAct?.annexIII = nil; $0.euAiAct?.annexIProduct = true },
    ]

    static let highRisk: [RuleCase] = [
        fires("HRP-005", "production, in progress", .provider, ["eu_ai_act.conformity"], .critical) {
            $0.euAiAct?.conformity = .inProgress
        },
        fires("HRP-005", "production, absent", .provider, ["eu_ai_act.conformity"], .critical) { $0.euAiAct?.conformity = nil },
        fires("HRP-005", "pilot, not started", .provider, ["eu_ai_act.conformity"], .high) {
            $0.euAiAct?.conformity = .notStarted; $0.status = .pilot
        },
        quiet("HRP-005", "development", .provider) { $0.euAiAct?.conformity = .notStarted; $0.status = .development },
        quiet("HRP-005", "deployer", .deployer) { _ in },

        fires("HRP-006", "production without declaration", .provider, ["evidence"], .high, dropEvidence(.conformityDeclaration)),
        quiet("HRP-006", "pilot without declaration", .provider) { s in
            dropEvidence(.conformityDeclaration)(&s); s.status = .pilot
        },

        fires("HRP-007", "no database id", .provider, ["eu_ai_act.eu_database_id"], .high) { $0.euAiAct?.euDatabaseId = nil },
        fires("HRP-007", "empty database id", .provider, ["eu_ai_act.eu_database_id"], .high) { $0.euAiAct?.euDatabaseId = "" },
        quiet("HRP-007", "Annex I product", .provider) { $0.euAiAct?.euDatabaseId = nil; $0.euAiAct?.annexIProduct = true },
        quiet("HRP-007", "pilot", .provider) { $0.euAiAct?.euDatabaseId = nil; $0.status = .pilot },

        fires("HRP-011", "no datasets", .provider, ["datasets"], .high) { $0.datasets = [] },
        fires("HRP-011", "product manufacturer", .provider, ["datasets"], .high) {
            $0.datasets = []; $0.euAiAct?.role = .productManufacturer
        },
        quiet("HRP-011", "deployer", .deployer) { $0.datasets = [] },
        quiet("HRP-011", "importer", .provider) { $0.datasets = []; $0.euAiAct?.role = .importer },

        // Rules v3: a private essential-services deployer owes it only for 5(b) and 5(c), which
        // the record cannot tell: medium until a classification settles it.
        fires("HRD-001", "essential services without fria", .deployer, ["evidence"], .medium, dropEvidence(.fria)),
        fires("HRD-001", "public body, employment", .deployer, ["evidence"], .high) { s in
            dropEvidence(.fria)(&s); s.euAiAct?.annexIII = .employment; s.euAiAct?.publicBody = true
        },
        fires("HRD-001", "public body, Annex I product", .deployer, ["evidence"], .high) { s in
            dropEvidence(.fria)(&s); s.euAiAct?.annexIII = nil; s.euAiAct?.annexIProduct = true; s.euAiAct?.publicBody = true
        },
        quiet("HRD-001", "public body, critical infrastructure", .deployer) { s in
            dropEvidence(.fria)(&s); s.euAiAct?.annexIII = .criticalInfrastructure; s.euAiAct?.publicBody = true
        },
        quiet("HRD-001", "private, employment", .deployer) { s in
            dropEvidence(.fria)(&s); s.euAiAct?.annexIII = .employment
        },
        quiet("HRD-001", "provider", .provider, dropEvidence(.fria)),

        fires("HRD-002", "no instructions", .deployer, ["evidence"], .medium, dropEvidence(.instructionsForUse)),
        quiet("HRD-002", "provider", .provider) { s in s.euAiAct?.role = .distributor; dropEvidence(.instructionsForUse)(&s) },
        fires("HRD-003", "no logging policy", .deployer, ["evidence"], .high, dropEvidence(.loggingPolicy)),
        quiet("HRD-003", "limited tier", .deployer) { s in s.euAiAct?.tier = .limited; dropEvidence(.loggingPolicy)(&s) },

        fires("HRD-004", "employment without notice", .deployer, ["evidence"], .high) { $0.euAiAct?.annexIII = .employment },
        quiet("HRD-004", "employment with notice", .deployer) {
            $0.euAiAct?.annexIII = .employment; $0.evidence.append(evidence(.workerInformation))
        },
        quiet("HRD-004", "essential services", .deployer) { _ in },

        fires("HRD-005", "public body, no id", .deployer, ["eu_ai_act.eu_database_id"], .high) { $0.euAiAct?.publicBody = true },
        fires("HRD-005", "public body, blank id", .deployer, ["eu_ai_act.eu_database_id"], .high) {
            $0.euAiAct?.publicBody = true; $0.euAiAct?.euDatabaseId = " "
        },
        quiet("HRD-005", "public body with id", .deployer) { $0.euAiAct?.publicBody = true; $0.euAiAct?.euDatabaseId = "EU-1" },
        quiet("HRD-005", "private", .deployer) { $0.euAiAct?.publicBody = nil },
    ]

    static let oversightCases: [RuleCase] = [
        fires("OVR-001", "no oversight", .deployer, ["oversight"], .critical) { $0.oversight = [] },
        fires("OVR-001", "no oversight, proposed", .deployer, ["oversight"], .critical) { $0.oversight = []; $0.status = .proposed },
        quiet("OVR-001", "not high-risk", .minimal) { $0.oversight = [] },

        fires("OVR-002", "cannot stop", .deployer, ["oversight"], .high) { $0.oversight[0].canStop = false },
        fires("OVR-002", "can_stop absent", .deployer, ["oversight"], .high) { $0.oversight[0].canStop = nil },
        quiet("OVR-002", "second entry can stop", .deployer) {
            $0.oversight.insert(oversight("review queue", who: "analyst", canStop: false, lastTested: "2026-11-01"), at: 0)
        },
        quiet("OVR-002", "no oversight (OVR-001's case)", .deployer) { $0.oversight = [] },

        fires("OVR-003", "never tested", .deployer, ["oversight[0]"], .high) { $0.oversight[0].lastTested = nil },
        fires("OVR-003", "second entry never tested", .deployer, ["oversight[1]"], .high) {
            $0.oversight.append(oversight("kill switch", who: "ops"))
        },
        fires("OVR-003", "profiling, not high-risk", .minimal, ["oversight[0]"], .medium) {
            $0.euAiAct?.profiling = true; $0.oversight = [oversight("override", who: "lead")]
        },
        quiet("OVR-003", "development", .deployer) { $0.oversight[0].lastTested = nil; $0.status = .development },
        quiet("OVR-003", "not about people", .minimal) { $0.oversight = [oversight("override", who: "lead")] },

        fires("OVR-004", "181 days ago", .deployer, ["oversight[0].last_tested"], .medium) {
            $0.oversight[0].lastTested = daysFromToday(-181)
        },
        quiet("OVR-004", "180 days ago", .deployer) { $0.oversight[0].lastTested = daysFromToday(-180) },
        quiet("OVR-004", "never tested (OVR-003's case)", .deployer) { $0.oversight[0].lastTested = nil },
        quiet("OVR-004", "stale, development", .deployer) { $0.oversight[0].lastTested = daysFromToday(-400); $0.status = .development },

        fires("OVR-005", "who absent", .minimal, ["oversight[0].who"], .medium) { $0.oversight = [oversight("override")] },
        fires("OVR-005", "who empty, proposed, second entry", .deployer, ["oversight[1].who"], .medium) {
            $0.status = .proposed; $0.oversight.append(oversight("stop", who: ""))
        },
        quiet("OVR-005", "who given", .minimal) { $0.oversight = [oversight("override", who: "lead")] },

        fires("OVR-006", "profiling in production, no oversight", .minimal, ["oversight"], .medium) { $0.euAiAct?.profiling = true },
        fires("OVR-006", "annex III, limited", .minimal, ["oversight"], .medium) {
            $0.euAiAct?.annexIII = .education; $0.euAiAct?.tier = .limited
        },
        quiet("OVR-006", "pilot", .minimal) { $0.euAiAct?.profiling = true; $0.status = .pilot },
        quiet("OVR-006", "high-risk (OVR-001's case)", .deployer) { $0.oversight = [] },
        quiet("OVR-006", "with oversight", .minimal) {
            $0.euAiAct?.profiling = true; $0.oversight = [oversight("o", who: "w", lastTested: "2026-11-01")]
        },
        quiet("OVR-006", "not about people", .minimal) { _ in },
    ]

    static let fallbacks: [RuleCase] = [
        fires("FBK-001", "high-risk without fallbacks", .deployer, ["fallbacks"], .high) { $0.fallbacks = [] },
        fires("FBK-001", "minimal, pilot, without fallbacks", .minimal, ["fallbacks"], .medium) {
            $0.fallbacks = []; $0.status = .pilot
        },
        quiet("FBK-001", "development", .minimal) { $0.fallbacks = []; $0.status = .development },

        fires("FBK-002", "only the same-vendor model", .deployer, ["fallbacks"], .high) { $0.fallbacks.removeLast() },
        fires("FBK-002", "vendor name differs in case", .deployer, ["fallbacks"], .high) {
            $0.fallbacks.removeLast(); $0.models[1].provider = " Internal"
        },
        fires("FBK-002", "alternate-model with no model named", .minimal, ["fallbacks"], .medium) {
            $0.fallbacks = [fallback(.alternateModel, usesAI: true, owner: "o", runbook: "r", lastTested: "2026-11-01")]
        },
        quiet("FBK-002", "one fallback without AI", .deployer) { _ in },
        quiet("FBK-002", "other vendor", .deployer) { $0.fallbacks.removeLast(); $0.models[1].provider = "OtherCo" },
        quiet("FBK-002", "uses_ai absent", .deployer) { $0.fallbacks.removeLast(); $0.fallbacks[0].usesAI = nil },
        quiet("FBK-002", "unknown model (FBK-006's case)", .deployer) { $0.fallbacks.removeLast(); $0.fallbacks[0].model = "ghost" },
        quiet("FBK-002", "no model, alternate-vendor", .minimal) {
            $0.fallbacks = [fallback(.alternateVendor, usesAI: true, owner: "o", runbook: "r", lastTested: "2026-11-01")]
        },
        quiet("FBK-002", "development", .deployer) { $0.fallbacks.removeLast(); $0.status = .development },

        fires("FBK-003", "only AI fallbacks", .deployer, ["fallbacks"], .high) { $0.fallbacks.removeLast() },
        fires("FBK-003", "uses_ai absent", .deployer, ["fallbacks"], .high) { $0.fallbacks[1].usesAI = nil },
        fires("FBK-003", "no fallbacks", .deployer, ["fallbacks"], .high) { $0.fallbacks = [] },
        quiet("FBK-003", "not about people", .minimal) { $0.fallbacks[0].usesAI = true },
        quiet("FBK-003", "development", .deployer) { $0.fallbacks = []; $0.status = .development },

        fires("FBK-004", "second never tested", .deployer, ["fallbacks[1].last_tested"], .medium) { $0.fallbacks[1].lastTested = nil },
        fires("FBK-004", "proposed system too", .minimal, ["fallbacks[0].last_tested"], .medium) {
            $0.fallbacks[0].lastTested = nil; $0.status = .proposed
        },
        quiet("FBK-004", "tested", .minimal) { _ in },

        fires("FBK-005", "366 days ago", .deployer, ["fallbacks[0].last_tested"], .low) { $0.fallbacks[0].lastTested = daysFromToday(-366) },
        quiet("FBK-005", "365 days ago", .deployer) { $0.fallbacks[0].lastTested = daysFromToday(-365) },
        quiet("FBK-005", "never tested (FBK-004's case)", .deployer) { $0.fallbacks[0].lastTested = nil },

        fires("FBK-006", "unknown model", .deployer, ["fallbacks[0].model"], .high) { $0.fallbacks[0].model = "ghost" },
        fires("FBK-006", "name differs in case", .deployer, ["fallbacks[0].model"], .high) { $0.fallbacks[0].model = "Scorecard-Logit" },
        quiet("FBK-006", "model empty", .deployer) { $0.fallbacks[0].model = "" },
        quiet("FBK-006", "known model", .deployer) { _ in },

        fires("FBK-007", "owner missing", .deployer, ["fallbacks[0].owner"], .medium) { $0.fallbacks[0].owner = nil },
        fires("FBK-007", "runbook empty", .deployer, ["fallbacks[1].runbook"], .medium) { $0.fallbacks[1].runbook = "" },
        fires("FBK-007", "both missing", .deployer, ["fallbacks[0]"], .medium) {
            $0.fallbacks[0].owner = nil; $0.fallbacks[0].runbook = nil
        },
        fires("FBK-007", "two entries", .deployer, ["fallbacks[0].runbook", "fallbacks[1].owner"], .medium) {
            $0.fallbacks[0].runbook = nil; $0.fallbacks[1].owner = " "
        },
        quiet("FBK-007", "both present", .minimal) { _ in },

        fires("FBK-008", "model ended yesterday", .deployer, ["fallbacks[0].model"], .high) { $0.models[1].endOfLife = daysFromToday(-1) },
        quiet("FBK-008", "model ends today", .deployer) { $0.models[1].endOfLife = today },
        quiet("FBK-008", "primary ended, fallback model fine", .deployer) { $0.models[0].endOfLife = daysFromToday(-1) },
    ]

    static let models: [RuleCase] = [
        fires("MOD-001", "no models", .deployer, ["models"], .medium) { $0.models = []; $0.fallbacks.removeFirst() },
        fires("MOD-001", "development", .minimal, ["models"], .medium) { $0.models = []; $0.status = .development },
        quiet("MOD-001", "proposed", .minimal) { $0.models = []; $0.status = .proposed },

        fires("MOD-002", "version absent", .deployer, ["models[1].version"], .high) { $0.models[1].version = nil },
        fires("MOD-002", "version empty", .deployer, ["models[0].version"], .high) { $0.models[0].version = "" },
        fires("MOD-002", "LATEST", .minimal, ["models[0].version"], .medium) { $0.models[0].version = "LATEST" },
        fires("MOD-002", "padded latest", .minimal, ["models[0].version"], .medium) { $0.models[0].version = " latest " },
        fires("MOD-002", "both models", .deployer, ["models[0].version", "models[1].version"], .high) {
            $0.models[0].version = "Latest"; $0.models[1].version = nil
        },
        quiet("MOD-002", "latest-2024-05", .minimal) { $0.models[0].version = "latest-2024-05" },
        quiet("MOD-002", "development", .minimal) { $0.models[0].version = nil; $0.status = .development },

        fires("MOD-003", "live primary ended yesterday", .deployer, ["models[0].end_of_life"], .critical) {
            $0.models[0].endOfLife = daysFromToday(-1)
        },
        fires("MOD-003", "pilot primary ended", .deployer, ["models[0].end_of_life"], .high) {
            $0.models[0].endOfLife = daysFromToday(-1); $0.status = .pilot
        },
        fires("MOD-003", "fallback model ended", .deployer, ["models[1].end_of_life"], .high) {
            $0.models[1].endOfLife = daysFromToday(-1)
        },
        fires("MOD-003", "no roles: first model is primary", .deployer, ["models[0].end_of_life"], .critical) {
            $0.models[0].role = nil; $0.models[1].role = nil; $0.models[0].endOfLife = daysFromToday(-30)
        },
        fires("MOD-003", "no roles: second model is not primary", .deployer, ["models[1].end_of_life"], .high) {
            $0.models[0].role = nil; $0.models[1].role = nil; $0.models[1].endOfLife = daysFromToday(-30)
        },
        fires("MOD-003", "ends today", .deployer, ["models[0].end_of_life"], .medium) { $0.models[0].endOfLife = today },
        fires("MOD-003", "ends in 90 days", .deployer, ["models[0].end_of_life"], .medium) {
            $0.models[0].endOfLife = daysFromToday(90)
        },
        fires("MOD-003", "proposed, ended", .minimal, ["models[0].end_of_life"], .high) {
            $0.models[0].endOfLife = daysFromToday(-1); $0.status = .proposed
        },
        quiet("MOD-003", "ends in 91 days", .deployer) { $0.models[0].endOfLife = daysFromToday(91) },

        fires("MOD-004", "licence absent", .deployer, ["models[0].license"], .high) { $0.models[0].license = nil },
        fires("MOD-004", "licence Unknown", .deployer, ["models[1].license"], .high) { $0.models[1].license = "Unknown" },
        fires("MOD-004", "licence empty, minimal", .minimal, ["models[0].license"], .medium) { $0.models[0].license = "" },
        quiet("MOD-004", "licence known", .minimal) { $0.models[0].license = "MIT" },

        fires("MOD-005", "primary without rationale", .deployer, ["models[0].rationale"], .low) { $0.models[0].rationale = nil },
        fires("MOD-005", "no roles: first model", .deployer, ["models[0].rationale"], .low) {
            $0.models[0].role = nil; $0.models[1].role = nil; $0.models[0].rationale = ""
        },
        fires("MOD-005", "proposed", .minimal, ["models[0].rationale"], .low) { $0.models[0].rationale = nil; $0.status = .proposed },
        fires("MOD-005", "two primaries", .deployer, ["models[0].rationale", "models[1].rationale"], .low) {
            $0.models[1].role = .primary; $0.models[0].rationale = nil; $0.models[1].rationale = nil
        },
        quiet("MOD-005", "fallback model without rationale", .deployer) { $0.models[1].rationale = nil },
        quiet("MOD-005", "no roles: second model", .deployer) {
            $0.models[0].role = nil; $0.models[1].role = nil; $0.models[1].rationale = nil
        },
        quiet("MOD-005", "roles but no primary", .deployer) { $0.models[0].role = .component; $0.models[0].rationale = nil },

        fires("MOD-006", "api primary without alternatives", .deployer, ["models[0].alternatives"], .info) {
            $0.models[0].hosting = .api; $0.models[0].alternatives = []
        },
        quiet("MOD-006", "api primary with alternatives", .deployer) { $0.models[0].hosting = .api },
        quiet("MOD-006", "self-hosted", .deployer) { $0.models[0].alternatives = [] },
        quiet("MOD-006", "api fallback model", .deployer) { $0.models[1].hosting = .api },
        quiet("MOD-006", "development", .deployer) {
            $0.models[0].hosting = .api; $0.models[0].alternatives = []; $0.status = .development
        },

        fires("MOD-007", "UNKNOWN provider", .deployer, ["models[1].provider"], .high) { $0.models[1].provider = "UNKNOWN" },
        fires("MOD-007", "unknown provider, minimal", .minimal, ["models[0].provider"], .medium) { $0.models[0].provider = "unknown" },
        quiet("MOD-007", "unknown vendor ltd", .minimal) { $0.models[0].provider = "Unknown Vendor Ltd" },
    ]

    static let datasets: [RuleCase] = [
        fires("DAT-001", "source absent", .deployer, ["datasets[1].source"], .high) { $0.datasets[1].source = nil },
        fires("DAT-001", "source empty, minimal", .minimal, ["datasets[0].source"], .medium) {
            $0.datasets = [dataset("d", source: "", license: "MIT")]
        },
        quiet("DAT-001", "source given", .minimal) { $0.datasets = [dataset("d", source: "s", license: "MIT")] },

        fires("DAT-002", "licence unknown", .deployer, ["datasets[0].license"], .medium) { $0.datasets[0].license = "unknown" },
        fires("DAT-002", "licence absent", .deployer, ["datasets[1].license"], .medium) { $0.datasets[1].license = nil },
        quiet("DAT-002", "licence internal", .deployer) { _ in },

        fires("DAT-003", "personal data, no basis", .deployer, ["datasets[0].lawful_basis"], .high) {
            $0.datasets[0].lawfulBasis = nil
        },
        quiet("DAT-003", "not personal", .deployer) { $0.datasets[0].lawfulBasis = nil; $0.datasets[0].personalData = false },
        quiet("DAT-003", "personal_data absent", .deployer) { $0.datasets[0].lawfulBasis = nil; $0.datasets[0].personalData = nil },

        fires("DAT-004", "special category, no dpia", .deployer, ["datasets[1].special_category"], .high) { s in
            s.datasets[1].specialCategory = true; dropEvidence(.dpia)(&s)
        },
        quiet("DAT-004", "special category with dpia", .deployer) { $0.datasets[1].specialCategory = true },
        quiet("DAT-004", "no special category", .minimal) { $0.datasets = [dataset("d", source: "s", license: "MIT", special: false)] },

        fires("DAT-005", "high-risk personal data, no dpia", .deployer, ["evidence"], .high, dropEvidence(.dpia)),
        fires("DAT-005", "profiling, not high-risk", .minimal, ["evidence"], .high) {
            $0.euAiAct?.profiling = true; $0.datasets = [dataset("d", source: "s", license: "MIT", personal: true)]
        },
        quiet("DAT-005", "no personal data", .deployer) { s in
            dropEvidence(.dpia)(&s); s.datasets[0].personalData = false; s.datasets[1].personalData = nil
        },
        quiet("DAT-005", "not high-risk nor profiling", .minimal) {
            $0.datasets = [dataset("d", source: "s", license: "MIT", personal: true, lawfulBasis: .consent)]
        },

        fires("DAT-006", "training without limitations", .deployer, ["datasets[0].known_limitations"], .medium) {
            $0.datasets[0].knownLimitations = nil
        },
        fires("DAT-006", "fine-tuning, blank", .deployer, ["datasets[1].known_limitations"], .medium) {
            $0.datasets[1].purpose = [.testing, .fineTuning]; $0.datasets[1].knownLimitations = " "
        },
        quiet("DAT-006", "testing only", .deployer) { $0.datasets[1].knownLimitations = nil },
        quiet("DAT-006", "not high-risk", .minimal) {
            $0.datasets = [dataset("d", source: "s", license: "MIT", purpose: [.training])]
        },

        fires("DAT-007", "unknown parent", .deployer, ["datasets[1].derived_from"], .low) { $0.datasets[1].derivedFrom = ["ghost"] },
        fires("DAT-007", "two unknown parents, one finding", .deployer, ["datasets[0].derived_from"], .low) {
            $0.datasets[0].derivedFrom = ["a", "b", "loan-holdout-2025"]
        },
        quiet("DAT-007", "known parent", .deployer) { _ in },
    ]

    static let transparency: [RuleCase] = [
        fires("TRN-001", "chatbot without disclosure", .minimal, ["evidence"], .high) { $0.euAiAct?.interactsWithPeople = true },
        fires("TRN-001", "pilot", .minimal, ["evidence"], .high) { $0.euAiAct?.interactsWithPeople = true; $0.status = .pilot },
        quiet("TRN-001", "with disclosure", .minimal) {
            $0.euAiAct?.interactsWithPeople = true; $0.evidence = [evidence(.aiDisclosure)]
        },
        quiet("TRN-001", "development", .minimal) { $0.euAiAct?.interactsWithPeople = true; $0.status = .development },

        fires("TRN-002", "provider, synthetic", .minimal, ["evidence"], .high) {
            $0.euAiAct?.role = .provider; $0.euAiAct?.syntheticContent = true
        },
        quiet("TRN-002", "with marking", .minimal) {
            $0.euAiAct?.role = .provider; $0.euAiAct?.syntheticContent = true; $0.evidence = [evidence(.contentMarking)]
        },
        quiet("TRN-002", "deployer", .minimal) { $0.euAiAct?.syntheticContent = true },

        fires("TRN-003", "deployer, deepfake", .minimal, ["evidence"], .high) { $0.euAiAct?.deepfake = true },
        fires("TRN-003", "deployer, emotion", .minimal, ["evidence"], .high) { $0.euAiAct?.emotionOrBiometricCategorisation = true },
        quiet("TRN-003", "provider", .minimal) { $0.euAiAct?.deepfake = true; $0.euAiAct?.role = .provider },
        quiet("TRN-003", "with disclosure", .minimal) { $0.euAiAct?.deepfake = true; $0.evidence = [evidence(.aiDisclosure)] },
        quiet("TRN-003", "proposed", .minimal) { $0.euAiAct?.deepfake = true; $0.status = .proposed },

        fires("TRN-004", "no explanation", .deployer, ["impact.explanation"], .high) { $0.impact?.explanation = nil },
        fires("TRN-004", "no impact at all", .deployer, ["impact.explanation"], .high) { $0.impact = nil },
        fires("TRN-004", "profiling, minimal", .minimal, ["impact.explanation"], .medium) {
            $0.euAiAct?.profiling = true; $0.impact?.explanation = ""
        },
        quiet("TRN-004", "not about people", .minimal) { $0.impact = nil },

        fires("TRN-005", "no affected groups", .deployer, ["impact.affected_groups"], .medium) { $0.impact?.affectedGroups = [] },
        quiet("TRN-005", "not about people", .minimal) { $0.impact?.affectedGroups = [] },

        fires("TRN-006", "no stakeholders", .deployer, ["impact.stakeholders_consulted"], .low) { $0.impact?.stakeholdersConsulted = [] },
        quiet("TRN-006", "profiling but not high-risk", .minimal) { $0.euAiAct?.profiling = true },

        fires("TRN-007", "appeal empty", .deployer, ["impact.appeal"], .medium) { $0.impact?.appeal = "" },
        fires("TRN-007", "annex III only", .minimal, ["impact.appeal"], .medium) { $0.euAiAct?.annexIII = .education },
        quiet("TRN-007", "appeal given", .deployer) { _ in },
    ]

    static let risksAndReview: [RuleCase] = [
        fires("RSK-001", "no risks", .deployer, ["risks"], .high) { $0.risks = [] },
        fires("RSK-001", "profiling, minimal", .minimal, ["risks"], .medium) { $0.euAiAct?.profiling = true },
        quiet("RSK-001", "development", .deployer) { $0.risks = []; $0.status = .development },
        quiet("RSK-001", "not about people", .minimal) { _ in },

        fires("RSK-002", "second risk unmitigated", .deployer, ["risks[1].mitigation"], .low) { $0.risks[1].mitigation = nil },
        fires("RSK-002", "blank mitigation, proposed", .minimal, ["risks[0].mitigation"], .low) {
            $0.risks = [risk("r", mitigation: " ")]; $0.status = .proposed
        },
        quiet("RSK-002", "mitigated", .minimal) { $0.risks = [risk("r", mitigation: "m")] },

        fires("MET-001", "no metrics", .deployer, ["metrics"], .medium) { $0.metrics = [] },
        quiet("MET-001", "development", .deployer) { $0.metrics = []; $0.status = .development },
        quiet("MET-001", "not high-risk", .minimal) { _ in },

        fires("REV-001", "no review", .deployer, ["review.last_reviewed"], .medium) { $0.review = nil },
        fires("REV-001", "review without date", .minimal, ["review.last_reviewed"], .medium) { $0.review?.lastReviewed = nil },
        quiet("REV-001", "proposed", .minimal) { $0.review = nil; $0.status = .proposed },

        fires("REV-002", "due yesterday", .deployer, ["review.last_reviewed"], .high) { $0.review?.lastReviewed = daysFromToday(-181) },
        quiet("REV-002", "due today", .deployer) { $0.review?.lastReviewed = daysFromToday(-180) },
        fires("REV-002", "default interval, due yesterday", .minimal, ["review.last_reviewed"], .medium) {
            $0.review?.intervalDays = nil; $0.review?.lastReviewed = daysFromToday(-366)
        },
        quiet("REV-002", "default interval, due today", .minimal) {
            $0.review?.intervalDays = nil; $0.review?.lastReviewed = daysFromToday(-365)
        },
        quiet("REV-002", "never reviewed (REV-001's case)", .deployer) { $0.review?.lastReviewed = nil },
        quiet("REV-002", "development", .deployer) { $0.review?.lastReviewed = daysFromToday(-1000); $0.status = .development },

        fires("REV-003", "366 days", .deployer, ["review.interval_days"], .low) { $0.review?.intervalDays = 366 },
        quiet("REV-003", "365 days", .deployer) { $0.review?.intervalDays = 365 },
        quiet("REV-003", "not high-risk", .minimal) { $0.review?.intervalDays = 400 },
    ]

    static let all = classification + highRisk + oversightCases + fallbacks + models + datasets + transparency + risksAndReview
        + guidedClassification
        + friaCases
}
