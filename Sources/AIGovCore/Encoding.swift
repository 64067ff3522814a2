// Encodable conformances that write exactly the interchange format: snake_case keys in
// FORMAT.md order, nil and empty lists omitted. YAML and JSON output both use these.

extension AISystem: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, name, purpose, owner, contact, status, statusSince = "status_since", tags
        case legalBasis = "legal_basis", euAiAct = "eu_ai_act", impact, review, models, datasets
        case oversight, fallbacks, evidence, risks, metrics, suppliers
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(purpose, forKey: .purpose)
        try c.encode(owner, forKey: .owner)
        try c.encodeIfPresent(contact, forKey: .contact)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(statusSince, forKey: .statusSince)
        try c.encodeList(tags, forKey: .tags)
        try c.encodeIfPresent(legalBasis, forKey: .legalBasis)
        try c.encodeIfPresent(euAiAct, forKey: .euAiAct)
        try c.encodeIfPresent(impact, forKey: .impact)
        try c.encodeIfPresent(review, forKey: .review)
        try c.encodeList(models, forKey: .models)
        try c.encodeList(datasets, forKey: .datasets)
        try c.encodeList(oversight, forKey: .oversight)
        try c.encodeList(fallbacks, forKey: .fallbacks)
        try c.encodeList(evidence, forKey: .evidence)
        try c.encodeList(risks, forKey: .risks)
        try c.encodeList(metrics, forKey: .metrics)
        try c.encodeList(suppliers, forKey: .suppliers)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeList<T: Encodable>(_ list: [T], forKey key: Key) throws {
        if !list.isEmpty { try encode(list, forKey: key) }
    }
}

extension EUAIAct: Encodable {
    enum CodingKeys: String, CodingKey {
        case role, tier, annexIII = "annex_iii", annexIProduct = "annex_i_product"
        case art63Exemption = "art6_3_exemption", art63Reason = "art6_3_reason", profiling, gpai
        case interactsWithPeople = "interacts_with_people", syntheticContent = "synthetic_content"
        case deepfake, emotionOrBiometricCategorisation = "emotion_or_biometric_categorisation"
        case publicBody = "public_body", rationale, euDatabaseId = "eu_database_id", conformity
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encodeIfPresent(tier, forKey: .tier)
        try c.encodeIfPresent(annexIII, forKey: .annexIII)
        try c.encodeIfPresent(annexIProduct, forKey: .annexIProduct)
        try c.encodeIfPresent(art63Exemption, forKey: .art63Exemption)
        try c.encodeIfPresent(art63Reason, forKey: .art63Reason)
        try c.encodeIfPresent(profiling, forKey: .profiling)
        try c.encodeIfPresent(gpai, forKey: .gpai)
        try c.encodeIfPresent(interactsWithPeople, forKey: .interactsWithPeople)
        try c.encodeIfPresent(syntheticContent, forKey: .syntheticContent)
        try c.encodeIfPresent(deepfake, forKey: .deepfake)
        try c.encodeIfPresent(emotionOrBiometricCategorisation, forKey: .emotionOrBiometricCategorisation)
        try c.encodeIfPresent(publicBody, forKey: .publicBody)
        try c.encodeIfPresent(rationale, forKey: .rationale)
        try c.encodeIfPresent(euDatabaseId, forKey: .euDatabaseId)
        try c.encodeIfPresent(conformity, forKey: .conformity)
    }
}

extension Impact: Encodable {
    enum CodingKeys: String, CodingKey {
        case decisions, affectedGroups = "affected_groups", stakeholdersConsulted = "stakeholders_consulted"
        case explanation, appeal
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(decisions, forKey: .decisions)
        try c.encodeList(affectedGroups, forKey: .affectedGroups)
        try c.encodeList(stakeholdersConsulted, forKey: .stakeholdersConsulted)
        try c.encodeIfPresent(explanation, forKey: .explanation)
        try c.encodeIfPresent(appeal, forKey: .appeal)
    }
}

extension Review: Encodable {
    enum CodingKeys: String, CodingKey {
        case lastReviewed = "last_reviewed", intervalDays = "interval_days", reviewer
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(lastReviewed, forKey: .lastReviewed)
        try c.encodeIfPresent(intervalDays, forKey: .intervalDays)
        try c.encodeIfPresent(reviewer, forKey: .reviewer)
    }
}

extension Model: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, provider, technique, version, license, hosting, role, rationale, alternatives
        case endOfLife = "end_of_life", parameters
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(provider, forKey: .provider)
        try c.encodeIfPresent(technique, forKey: .technique)
        try c.encodeIfPresent(version, forKey: .version)
        try c.encodeIfPresent(license, forKey: .license)
        try c.encodeIfPresent(hosting, forKey: .hosting)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encodeIfPresent(rationale, forKey: .rationale)
        try c.encodeList(alternatives, forKey: .alternatives)
        try c.encodeIfPresent(endOfLife, forKey: .endOfLife)
        try c.encodeIfPresent(parameters, forKey: .parameters)
    }
}

extension Dataset: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, source, license, purpose, personalData = "personal_data"
        case specialCategory = "special_category", lawfulBasis = "lawful_basis", collected
        case knownLimitations = "known_limitations", derivedFrom = "derived_from", retention
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(license, forKey: .license)
        try c.encodeList(purpose, forKey: .purpose)
        try c.encodeIfPresent(personalData, forKey: .personalData)
        try c.encodeIfPresent(specialCategory, forKey: .specialCategory)
        try c.encodeIfPresent(lawfulBasis, forKey: .lawfulBasis)
        try c.encodeIfPresent(collected, forKey: .collected)
        try c.encodeIfPresent(knownLimitations, forKey: .knownLimitations)
        try c.encodeList(derivedFrom, forKey: .derivedFrom)
        try c.encodeIfPresent(retention, forKey: .retention)
    }
}

extension Oversight: Encodable {
    enum CodingKeys: String, CodingKey {
        case type, mechanism, who, canStop = "can_stop", responseMinutes = "response_minutes"
        case lastTested = "last_tested"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encode(mechanism, forKey: .mechanism)
        try c.encodeIfPresent(who, forKey: .who)
        try c.encodeIfPresent(canStop, forKey: .canStop)
        try c.encodeIfPresent(responseMinutes, forKey: .responseMinutes)
        try c.encodeIfPresent(lastTested, forKey: .lastTested)
    }
}

extension Fallback: Encodable {
    enum CodingKeys: String, CodingKey {
        case trigger, strategy, usesAI = "uses_ai", model, target, rtoMinutes = "rto_minutes"
        case owner, runbook, lastTested = "last_tested"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(trigger, forKey: .trigger)
        try c.encodeIfPresent(strategy, forKey: .strategy)
        try c.encodeIfPresent(usesAI, forKey: .usesAI)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(rtoMinutes, forKey: .rtoMinutes)
        try c.encodeIfPresent(owner, forKey: .owner)
        try c.encodeIfPresent(runbook, forKey: .runbook)
        try c.encodeIfPresent(lastTested, forKey: .lastTested)
    }
}

extension Evidence: Encodable {
    enum CodingKeys: String, CodingKey { case kind, title, uri, sha256, date }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(uri, forKey: .uri)
        try c.encodeIfPresent(sha256, forKey: .sha256)
        try c.encodeIfPresent(date, forKey: .date)
    }
}

extension Risk: Encodable {
    enum CodingKeys: String, CodingKey { case description, severity, mitigation }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(description, forKey: .description)
        try c.encodeIfPresent(severity, forKey: .severity)
        try c.encodeIfPresent(mitigation, forKey: .mitigation)
    }
}

extension Metric: Encodable {
    enum CodingKeys: String, CodingKey { case name, group, target, value, measured }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(group, forKey: .group)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(measured, forKey: .measured)
    }
}

extension Supplier: Encodable {
    enum CodingKeys: String, CodingKey { case name, role }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(role, forKey: .role)
    }
}

extension Waiver: Encodable {
    enum CodingKeys: String, CodingKey { case kind, system, rule, reason, approvedBy = "approved_by", expires }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("waiver", forKey: .kind)
        try c.encode(system, forKey: .system)
        try c.encode(rule, forKey: .rule)
        try c.encode(reason, forKey: .reason)
        try c.encode(approvedBy, forKey: .approvedBy)
        try c.encode(expires, forKey: .expires)
    }
}
