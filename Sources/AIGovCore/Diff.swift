extension AISystem {
    /// The interchange keys whose values differ from `old`, dotted one level into the
    /// `eu_ai_act`, `impact` and `review` objects (`eu_ai_act.tier`); lists by their key.
    /// An object that appears or disappears with no field set is reported by its own key.
    public func changedFields(from old: AISystem) -> [String] {
        var out: [String] = []
        func cmp<T: Equatable>(_ key: String, _ a: T, _ b: T) { if a != b { out.append(key) } }
        func presence<T: Equatable>(_ key: String, _ a: T?, _ b: T?, empty: T) {
            if (a == nil) != (b == nil), (a ?? empty) == (b ?? empty) { out.append(key) }
        }
        cmp("id", old.id, id)
        cmp("name", old.name, name)
        cmp("purpose", old.purpose, purpose)
        cmp("owner", old.owner, owner)
        cmp("contact", old.contact, contact)
        cmp("status", old.status, status)
        cmp("status_since", old.statusSince, statusSince)
        cmp("tags", old.tags, tags)
        cmp("legal_basis", old.legalBasis, legalBasis)

        presence("eu_ai_act", old.euAiAct, euAiAct, empty: EUAIAct())
        let ea = old.euAiAct ?? EUAIAct(), eb = euAiAct ?? EUAIAct()
        cmp("eu_ai_act.role", ea.role, eb.role)
        cmp("eu_ai_act.tier", ea.tier, eb.tier)
        cmp("eu_ai_act.annex_iii", ea.annexIII, eb.annexIII)
        cmp("eu_ai_act.annex_i_product", ea.annexIProduct, eb.annexIProduct)
        cmp("eu_ai_act.art6_3_exemption", ea.art63Exemption, eb.art63Exemption)
        cmp("eu_ai_act.art6_3_reason", ea.art63Reason, eb.art63Reason)
        cmp("eu_ai_act.profiling", ea.profiling, eb.profiling)
        cmp("eu_ai_act.gpai", ea.gpai, eb.gpai)
        cmp("eu_ai_act.interacts_with_people", ea.interactsWithPeople, eb.interactsWithPeople)
        cmp("eu_ai_act.synthetic_content", ea.syntheticContent, eb.syntheticContent)
        cmp("eu_ai_act.deepfake", ea.deepfake, eb.deepfake)
        cmp("eu_ai_act.emotion_or_biometric_categorisation", ea.emotionOrBiometricCategorisation, eb.emotionOrBiometricCategorisation)
        cmp("eu_ai_act.public_body", ea.publicBody, eb.publicBody)
        cmp("eu_ai_act.rationale", ea.rationale, eb.rationale)
        cmp("eu_ai_act.eu_database_id", ea.euDatabaseId, eb.euDatabaseId)
        cmp("eu_ai_act.conformity", ea.conformity, eb.conformity)

        presence("impact", old.impact, impact, empty: Impact())
        let ia = old.impact ?? Impact(), ib = impact ?? Impact()
        cmp("impact.decisions", ia.decisions, ib.decisions)
        cmp("impact.affected_groups", ia.affectedGroups, ib.affectedGroups)
        cmp("impact.stakeholders_consulted", ia.stakeholdersConsulted, ib.stakeholdersConsulted)
        cmp("impact.explanation", ia.explanation, ib.explanation)
        cmp("impact.appeal", ia.appeal, ib.appeal)

        presence("review", old.review, review, empty: Review())
        let ra = old.review ?? Review(), rb = review ?? Review()
        cmp("review.last_reviewed", ra.lastReviewed, rb.lastReviewed)
        cmp("review.interval_days", ra.intervalDays, rb.intervalDays)
        cmp("review.reviewer", ra.reviewer, rb.reviewer)

        cmp("models", old.models, models)
        cmp("datasets", old.datasets, datasets)
        cmp("oversight", old.oversight, oversight)
        cmp("fallbacks", old.fallbacks, fallbacks)
        cmp("evidence", old.evidence, evidence)
        cmp("risks", old.risks, risks)
        cmp("metrics", old.metrics, metrics)
        cmp("suppliers", old.suppliers, suppliers)
        return out
    }
}
