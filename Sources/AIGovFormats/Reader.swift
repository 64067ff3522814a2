import Foundation
import AIGovCore

/// Reads interchange documents (FORMAT.md, version 1) into records.
public enum RecordReader {
    // The keys each mapping allows are the catalog's (AIGovCore, FieldTables.swift), so the
    // reader accepts exactly what the writer writes. `kind` is the document's envelope (system
    // or waiver), not a field of either.
    static let systemKeys = ["kind"] + RecordCatalog.keys(in: .system)
    static let waiverKeys = ["kind"] + RecordCatalog.keys(in: .waiver)

    /// The id pattern of FORMAT.md: `^[a-z0-9][a-z0-9-]{1,62}$`.
    public static func isSlug(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 2, u.count <= 63 else { return false }
        func ok(_ c: UInt8, dash: Bool) -> Bool {
            (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (dash && c == 45)
        }
        return ok(u[0], dash: false) && u.dropFirst().allSatisfy { ok($0, dash: true) }
    }

    /// Reads one document: a system or a waiver (by `kind`), or nil after reporting problems.
    static func document(_ node: Node, path: String, sink: ProblemSink) -> Record? {
        var kind = "system"
        if let k = node["kind"], !k.isNull {
            if case let .scalar(text, _) = k.kind, text == "system" || text == "waiver" || text == "incident" {
                kind = text
            } else {
                sink.add(path.isEmpty ? "kind" : "\(path).kind", k, "expected one of system, waiver, incident, got \(describe(k))")
                return nil
            }
        }
        let before = sink.problems.count
        if kind == "incident" {
            let i = incident(node, path: path, sink: sink)
            return sink.problems.count == before ? i.map(Record.incident) : nil
        }
        if kind == "waiver" {
            let w = waiver(node, path: path, sink: sink)
            return sink.problems.count == before ? w.map(Record.waiver) : nil
        }
        let s = system(node, path: path, sink: sink)
        return sink.problems.count == before ? s.map(Record.system) : nil
    }

    static func waiver(_ node: Node, path: String, sink: ProblemSink) -> Waiver? {
        guard let f = Fields(node, path: path, allowed: waiverKeys, sink: sink) else { return nil }
        let system = f.string("system", required: true)
        let rule = f.string("rule", required: true)
        let reason = f.string("reason", required: true)
        let approved = f.string("approved_by", required: true)
        let expires = f.day("expires", required: true)
        if let system, !isSlug(system) {
            f.sink.add(f.sub("system"), f.value("system"), "expected a system id matching ^[a-z0-9][a-z0-9-]{1,62}$, got \"\(system)\"")
        }
        guard let system, let rule, let reason, let approved, let expires else { return nil }
        return Waiver(system: system, rule: rule, reason: reason, approvedBy: approved, expires: expires)
    }

    static func system(_ node: Node, path: String, sink: ProblemSink) -> AISystem? {
        guard let f = Fields(node, path: path, allowed: systemKeys, sink: sink) else { return nil }
        let id = f.string("id", required: true)
        if let id, !id.isEmpty, !isSlug(id) {
            sink.add(f.sub("id"), f.value("id"), "expected a slug matching ^[a-z0-9][a-z0-9-]{1,62}$, got \"\(id)\"")
        }
        let name = f.string("name", required: true)
        let owner = f.string("owner", required: true)
        let status: SystemStatus? = f.enumValue("status", required: true)
        var s = AISystem(id: id ?? "", name: name ?? "", owner: owner ?? "", status: status ?? .proposed)
        s.purpose = f.string("purpose")
        s.contact = f.string("contact")
        s.statusSince = f.day("status_since")
        s.tags = f.strings("tags")
        s.legalBasis = f.string("legal_basis")

        if let e = f.object(.euAiAct) {
            var a = EUAIAct()
            a.role = e.enumValue("role")
            a.tier = e.enumValue("tier")
            a.annexIII = e.enumValue("annex_iii")
            a.annexIProduct = e.bool("annex_i_product")
            a.annexISection = e.enumValue("annex_i_section")
            a.onMarketSince = e.day("on_market_since")
            a.significantChange = e.day("significant_change")
            if let since = a.onMarketSince, let change = a.significantChange, change < since {
                sink.add(e.sub("significant_change"), e.value("significant_change"),
                         "\(change) is before on_market_since \(since): a design can change only once the system is on the market")
            }
            a.art63Exemption = e.bool("art6_3_exemption")
            a.art63Reason = e.string("art6_3_reason")
            a.profiling = e.bool("profiling")
            a.gpai = e.bool("gpai")
            a.interactsWithPeople = e.bool("interacts_with_people")
            a.syntheticContent = e.bool("synthetic_content")
            a.deepfake = e.bool("deepfake")
            a.emotionOrBiometricCategorisation = e.bool("emotion_or_biometric_categorisation")
            a.publicBody = e.bool("public_body")
            a.publicAuthority = e.bool("public_authority")
            a.rationale = e.string("rationale")
            a.euDatabaseId = e.string("eu_database_id")
            a.conformity = e.enumValue("conformity")
            s.euAiAct = a
        }
        if let i = f.object(.impact) {
            var m = Impact()
            m.decisions = i.string("decisions")
            m.affectedGroups = i.strings("affected_groups")
            m.stakeholdersConsulted = i.strings("stakeholders_consulted")
            m.explanation = i.string("explanation")
            m.appeal = i.string("appeal")
            s.impact = m
        }
        if let r = f.object(.review) {
            var v = Review()
            v.lastReviewed = r.day("last_reviewed")
            v.intervalDays = r.int("interval_days", InputLimits.intervalDays)
            v.reviewer = r.string("reviewer")
            s.review = v
        }

        var modelNames: [String: String] = [:]
        for m in f.entries(.models) {
            var model = Model(name: m.string("name", required: true) ?? "", provider: m.string("provider", required: true) ?? "")
            unique(model.name, path: m.sub("name"), node: m.value("name"), what: "model", seen: &modelNames, sink: sink)
            model.technique = m.enumValue("technique")
            model.version = m.string("version")
            model.license = m.string("license")
            model.hosting = m.enumValue("hosting")
            model.role = m.enumValue("role")
            model.rationale = m.string("rationale")
            model.alternatives = m.strings("alternatives")
            model.endOfLife = m.day("end_of_life")
            model.parameters = m.string("parameters")
            s.models.append(model)
        }
        var datasetNames: [String: String] = [:]
        for d in f.entries(.datasets) {
            var ds = Dataset(name: d.string("name", required: true) ?? "")
            unique(ds.name, path: d.sub("name"), node: d.value("name"), what: "dataset", seen: &datasetNames, sink: sink)
            ds.source = d.string("source")
            ds.license = d.string("license")
            if let pn = d.value("purpose") {
                if case .list = pn.kind {
                    ds.purpose = d.items("purpose").compactMap { Fields.enumValue($0.0, path: $0.1, sink: sink) }
                } else if let one: DataPurpose = Fields.enumValue(pn, path: d.sub("purpose"), sink: sink) {
                    ds.purpose = [one]
                }
            }
            ds.personalData = d.bool("personal_data")
            ds.specialCategory = d.bool("special_category")
            ds.lawfulBasis = d.enumValue("lawful_basis")
            ds.collected = d.string("collected")
            if let c = ds.collected, !isPeriod(c) {
                sink.add(d.sub("collected"), d.value("collected"), "expected a period YYYY-MM-DD..YYYY-MM-DD, got \"\(c)\"")
            }
            ds.knownLimitations = d.string("known_limitations")
            ds.derivedFrom = d.strings("derived_from")
            ds.retention = d.string("retention")
            s.datasets.append(ds)
        }
        for o in f.entries(.oversight) {
            var ov = Oversight(mechanism: o.string("mechanism", required: true) ?? "")
            ov.type = o.enumValue("type")
            ov.who = o.string("who")
            ov.canStop = o.bool("can_stop")
            ov.responseMinutes = o.int("response_minutes", InputLimits.minutes)
            ov.lastTested = o.day("last_tested")
            s.oversight.append(ov)
        }
        for b in f.entries(.fallbacks) {
            var fb = Fallback()
            fb.trigger = b.enumValue("trigger")
            fb.strategy = b.enumValue("strategy")
            fb.usesAI = b.bool("uses_ai")
            fb.model = b.string("model")
            fb.target = b.string("target")
            fb.rtoMinutes = b.int("rto_minutes", InputLimits.minutes)
            fb.owner = b.string("owner")
            fb.runbook = b.string("runbook")
            fb.lastTested = b.day("last_tested")
            s.fallbacks.append(fb)
        }
        for e in f.entries(.evidence) {
            var ev = Evidence(title: e.string("title", required: true) ?? "", kind: e.enumValue("kind"))
            ev.uri = e.string("uri")
            ev.sha256 = e.string("sha256")
            if let h = ev.sha256, h.utf8.count != 64 || !h.allSatisfy(\.isHexDigit) {
                sink.add(e.sub("sha256"), e.value("sha256"), "expected 64 hexadecimal characters, got \"\(h)\"")
            }
            ev.date = e.day("date")
            s.evidence.append(ev)
        }
        for r in f.entries(.risks) {
            var risk = Risk(description: r.string("description", required: true) ?? "")
            risk.severity = r.enumValue("severity")
            risk.mitigation = r.string("mitigation")
            s.risks.append(risk)
        }
        for m in f.entries(.metrics) {
            var metric = Metric(name: m.string("name", required: true) ?? "")
            metric.group = m.string("group")
            metric.target = m.string("target")
            metric.value = m.string("value")
            metric.measured = m.day("measured")
            s.metrics.append(metric)
        }
        for m in f.entries(.suppliers) {
            var sup = Supplier(name: m.string("name", required: true) ?? "")
            sup.role = m.enumValue("role")
            s.suppliers.append(sup)
        }
        if let c = f.object(.classification) { s.classification = classification(c) }
        if let r = f.object(.fria) {
            var a = FRIA()
            a.performed = r.day("performed")
            a.process = r.string("process")
            a.periodAndFrequency = r.string("period_and_frequency")
            a.notified = r.day("notified")
            a.authority = r.string("authority")
            a.dpiaReference = r.string("dpia_reference")
            a.nextReview = r.day("next_review")
            s.fria = a
        }
        if let r = f.object(.registration) {
            var g = Registration()
            g.organisation = r.string("organisation")
            g.address = r.string("address")
            g.submittedBy = r.string("submitted_by")
            g.authorisedRepresentative = r.string("authorised_representative")
            g.tradeName = r.string("trade_name")
            g.reference = r.string("reference")
            g.memberStates = r.strings("member_states")
            for (i, code) in g.memberStates.enumerated() where !isMemberState(code) {
                sink.add(r.sub("member_states") + "[\(i)]", nil, "expected an ISO 3166-1 alpha-2 code in upper case (NL, DE, …), got \"\(code)\"")
            }
            g.notifiedBodyCertificate = r.string("notified_body_certificate")
            g.instructionsUrl = r.string("instructions_url")
            g.moreInformationUrl = r.string("more_information_url")
            g.providerEntryUrl = r.string("provider_entry_url")
            s.registration = g
        }
        return s
    }

    /// The `classification` block (CLASSIFY.md): strict like the rest, codes named by what they are.
    static func classification(_ c: Fields) -> Classification {
        var out = Classification(questionnaire: c.string("questionnaire", required: true) ?? "",
                                 assessed: c.day("assessed", required: true) ?? Day(ordinal: 0),
                                 assessor: c.string("assessor", required: true) ?? "")
        out.role = c.enumValue("role")
        out.notes = c.string("notes")
        guard let a = c.object(.answers) else { return out }
        var answers = ClassificationAnswers()
        if let n = a.value("ai_system") {
            // `ai_system` takes yes, no or uncertain; an unquoted YAML true/false reads as yes/no.
            if case let .scalar(text, plain) = n.kind, plain, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(text) {
                answers.aiSystem = text.lowercased() == "true" ? .yes : .no
            } else if case let .scalar(text, _) = n.kind, let v = AISystemAnswer(rawValue: text) {
                answers.aiSystem = v
            } else {
                a.sink.add(a.sub("ai_system"), n, "expected yes, no or uncertain, got \(describe(n))")
            }
        }
        answers.excluded = a.codes("excluded", what: "Art. 2 exclusion")
        answers.prohibited = a.codes("prohibited", what: "Art. 5 practice")
        if let i = a.object(.annexI) {
            var annexI = AnnexIAnswers()
            annexI.legislation = i.codes("legislation", what: "Annex I legislation")
            annexI.safetyComponent = i.bool("safety_component")
            annexI.thirdPartyAssessment = i.bool("third_party_assessment")
            answers.annexI = annexI
        }
        answers.annexIII = a.codes("annex_iii", what: "Annex III point")
        answers.profiling = a.bool("profiling")
        answers.art63 = a.codes("art6_3", what: "Art. 6(3) condition")
        answers.transparency = a.codes("transparency", what: "Art. 50 function")
        answers.gpai = a.bool("gpai")
        answers.publicAuthority = a.bool("public_authority")
        answers.publicService = a.bool("public_service")
        answers.lawEnforcementOrMigration = a.bool("law_enforcement_or_migration")
        out.answers = answers
        return out
    }

    /// ISO 3166-1 alpha-2 in upper case (two letters A–Z); the EU's own codes are among them.
    public static func isMemberState(_ s: String) -> Bool {
        s.utf8.count == 2 && s.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    private static func unique(_ name: String, path: String, node: Node?, what: String, seen: inout [String: String],
                               sink: ProblemSink) {
        guard !name.isEmpty else { return }
        if let first = seen[name] {
            sink.add(path, node, "duplicate \(what) name \"\(name)\" (also at \(first))")
        } else {
            seen[name] = path
        }
    }

    static func isPeriod(_ s: String) -> Bool {
        let parts = s.components(separatedBy: "..")
        guard parts.count == 2, let a = Day(parts[0]), let b = Day(parts[1]) else { return false }
        return a <= b
    }
}

/// One document of an input: a system or a waiver.
public enum Record: Sendable, Equatable {
    case system(AISystem)
    case waiver(Waiver)
    /// A serious incident (OPERATIONS.md).
    case incident(Incident)
}

/// What text the registry stores: no NUL (SQLite and C strings would cut it off silently)
/// and no control characters but tab, line feed and carriage return (they have no place in
/// a record and are how escape sequences reach a terminal). Refusing them at input keeps the
/// stored record equal to what was read, so re-applying a file never reports a phantom change.
public enum StoredText {
    /// Why `text` cannot be stored, or nil when it can.
    public static func problem(_ text: String) -> String? {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b < 0x20 || b == 0x7F {
                if b == 0x09 || b == 0x0A || b == 0x0D { previous = b; continue }
                return b == 0 ? "contains a NUL character (U+0000); text may not hold NUL"
                    : "contains the control character U+\(hex4(UInt32(b))); text may hold no control characters but tab and line breaks"
            }
            // C1 controls (U+0080…U+009F) are C2 80…C2 9F in UTF-8; U+009B is a one-character CSI.
            if previous == 0xC2, (0x80...0x9F).contains(b) {
                return "contains the control character U+\(hex4(UInt32(b))); text may hold no control characters but tab and line breaks"
            }
            previous = b
        }
        return nil
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<4).reversed().map { digits[Int((v >> (UInt32($0) * 4)) & 0xF)] })
    }
}
