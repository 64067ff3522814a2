import AIGovCore
import Foundation
import GRDB

/// Mapping between `AISystem` and the normalised tables of schema.sql.
///
/// The columns are spelled here by hand (SQL needs them), one per field of the catalog
/// (AIGovCore, FieldTables.swift); `EveryFieldStoreTests` writes a record with every field set
/// and compares what it reads back field by field, so a column missed here or in schema.sql
/// fails by name.
///
/// Child rows keep their list position so a record reads back in the order it was written.
/// Loading many systems walks each table once in (system_id, position) order and merges,
/// so listing 100,000 systems costs ten sequential scans, not a query per system.
enum SystemRows {
    static let systemColumns = """
        id, row_version, name, purpose, owner, contact, status, status_since, legal_basis,
        has_eu_ai_act, role, tier, annex_iii, annex_i_product, art6_3_exemption, art6_3_reason,
        profiling, gpai, interacts_with_people, synthetic_content, deepfake,
        emotion_or_biometric_categorisation, public_body, tier_rationale, eu_database_id, conformity,
        has_impact, impact_decisions, impact_affected_groups, impact_stakeholders, impact_explanation,
        impact_appeal, has_review, last_reviewed, review_interval_days, reviewer, updated_at, updated_by,
        annex_i_section, on_market_since, significant_change, public_authority
        """

    // MARK: writing

    /// The systems row's INSERT, built once rather than per system. Every INSERT here goes
    /// through the connection's statement cache (`cachedStatement`), so SQLite prepares each
    /// once and a batch only rebinds and steps them.
    static let insertSystemSQL: String = {
        let count = systemColumns.split(separator: ",").count
        return "INSERT INTO systems (\(systemColumns)) VALUES (\(Array(repeating: "?", count: count).joined(separator: ",")))"
    }()

    /// The `systems` row's UPDATE: every column but `id`, in `systemColumns`' order.
    static let updateSystemSQL: String = {
        let columns = systemColumns.split(separator: ",").map(\.trimmingWhitespace).filter { $0 != "id" }
        return "UPDATE systems SET " + columns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?"
    }()

    /// The `systems` row's values, in `systemColumns`' order (`id` first).
    static func systemValues(_ s: AISystem, rowVersion: Int, at: String, by actor: String) -> [(any DatabaseValueConvertible)?] {
        let e = s.euAiAct
        let i = s.impact
        let r = s.review
        return [
            s.id, rowVersion, s.name, s.purpose, s.owner, s.contact, s.status.rawValue, s.statusSince?.description,
            s.legalBasis,
            e != nil, e?.role?.rawValue, e?.tier?.rawValue, e?.annexIII?.rawValue, e?.annexIProduct,
            e?.art63Exemption, e?.art63Reason, e?.profiling, e?.gpai, e?.interactsWithPeople,
            e?.syntheticContent, e?.deepfake, e?.emotionOrBiometricCategorisation, e?.publicBody,
            e?.rationale, e?.euDatabaseId, e?.conformity?.rawValue,
            i != nil, i?.decisions, jsonList(i?.affectedGroups ?? []), jsonList(i?.stakeholdersConsulted ?? []),
            i?.explanation, i?.appeal,
            r != nil, r?.lastReviewed?.description, r?.intervalDays, r?.reviewer,
            at, actor,
            e?.annexISection?.rawValue, e?.onMarketSince?.description, e?.significantChange?.description, e?.publicAuthority,
        ]
    }

    static func insert(_ s: AISystem, rowVersion: Int, at: String, by actor: String, db: Database) throws {
        try db.cachedStatement(sql: insertSystemSQL).execute(arguments: StatementArguments(systemValues(s, rowVersion: rowVersion, at: at, by: actor)))
        try insertParts(s, replacing: nil, db: db)
    }

    /// Rewrites the stored `old` as `s` (the same id): one UPDATE of its `systems` row, whose
    /// trigger drops its stored evaluations, and of the tables of its lists and blocks only
    /// those whose part changed, each emptied for the system and written again. Before #25 an
    /// update deleted the row (cascading over thirteen tables) and inserted everything: a
    /// `set` of one field compiled and stepped a dozen statements where it now needs one.
    static func replace(_ old: AISystem, with s: AISystem, rowVersion: Int, at: String, by actor: String, db: Database) throws {
        var values = systemValues(s, rowVersion: rowVersion, at: at, by: actor)
        values.removeFirst()
        values.append(s.id)
        try db.cachedStatement(sql: updateSystemSQL).execute(arguments: StatementArguments(values))
        try insertParts(s, replacing: old, db: db)
    }

    /// The rows of the system's lists and blocks. With `old`, a part equal to old's is left
    /// as it is, and a changed one has its rows deleted first.
    static func insertParts(_ s: AISystem, replacing old: AISystem?, db: Database) throws {
        /// Whether to write the part: always for a new system; for a replaced one, when it
        /// changed, after deleting its rows from `tables`.
        func changed<T: Equatable>(_ part: (AISystem) -> T, _ tables: String...) throws -> Bool {
            guard let old else { return true }
            if part(old) == part(s) { return false }
            for table in tables { try exec(db, "DELETE FROM \(table) WHERE system_id = ?", [s.id]) }
            return true
        }
        if try changed(\.tags, "tags") {
            for (p, tag) in s.tags.enumerated() {
                try exec(db, "INSERT INTO tags (system_id, position, tag) VALUES (?,?,?)", [s.id, p, tag])
            }
        }
        if try changed(\.models, "models") {
            for (p, m) in s.models.enumerated() {
                try exec(db, """
                    INSERT INTO models (system_id, position, name, provider, technique, version, license, hosting,
                      role, rationale, alternatives, end_of_life, parameters) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """, [s.id, p, m.name, m.provider, m.technique?.rawValue, m.version, m.license, m.hosting?.rawValue,
                          m.role?.rawValue, m.rationale, jsonList(m.alternatives), m.endOfLife?.description, m.parameters])
            }
        }
        if try changed(\.datasets, "datasets") {
            for (p, d) in s.datasets.enumerated() {
                try exec(db, """
                    INSERT INTO datasets (system_id, position, name, source, license, purpose, personal_data,
                      special_category, lawful_basis, collected, known_limitations, derived_from, retention)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """, [s.id, p, d.name, d.source, d.license, jsonList(d.purpose.map(\.rawValue)), d.personalData,
                          d.specialCategory, d.lawfulBasis?.rawValue, d.collected, d.knownLimitations,
                          jsonList(d.derivedFrom), d.retention])
            }
        }
        if try changed(\.oversight, "oversight") {
            for (p, o) in s.oversight.enumerated() {
                try exec(db, """
                    INSERT INTO oversight (system_id, position, type, mechanism, who, can_stop, response_minutes,
                      last_tested) VALUES (?,?,?,?,?,?,?,?)
                    """, [s.id, p, o.type?.rawValue, o.mechanism, o.who, o.canStop, o.responseMinutes,
                          o.lastTested?.description])
            }
        }
        if try changed(\.fallbacks, "fallbacks") {
            for (p, f) in s.fallbacks.enumerated() {
                try exec(db, """
                    INSERT INTO fallbacks (system_id, position, trigger, strategy, uses_ai, model, target,
                      rto_minutes, owner, runbook, last_tested) VALUES (?,?,?,?,?,?,?,?,?,?,?)
                    """, [s.id, p, f.trigger?.rawValue, f.strategy?.rawValue, f.usesAI, f.model, f.target,
                          f.rtoMinutes, f.owner, f.runbook, f.lastTested?.description])
            }
        }
        if try changed(\.evidence, "evidence") {
            for (p, ev) in s.evidence.enumerated() {
                try exec(db, """
                    INSERT INTO evidence (system_id, position, kind, title, uri, sha256, date) VALUES (?,?,?,?,?,?,?)
                    """, [s.id, p, ev.kind?.rawValue, ev.title, ev.uri, ev.sha256, ev.date?.description])
            }
        }
        if try changed(\.risks, "risks") {
            for (p, k) in s.risks.enumerated() {
                try exec(db, "INSERT INTO risks (system_id, position, description, severity, mitigation) VALUES (?,?,?,?,?)",
                         [s.id, p, k.description, k.severity?.rawValue, k.mitigation])
            }
        }
        if try changed(\.metrics, "metrics") {
            for (p, m) in s.metrics.enumerated() {
                try exec(db, """
                    INSERT INTO metrics (system_id, position, name, grp, target, value, measured) VALUES (?,?,?,?,?,?,?)
                    """, [s.id, p, m.name, m.group, m.target, m.value, m.measured?.description])
            }
        }
        if try changed(\.suppliers, "suppliers") {
            for (p, sp) in s.suppliers.enumerated() {
                try exec(db, "INSERT INTO suppliers (system_id, position, name, role) VALUES (?,?,?,?)",
                         [s.id, p, sp.name, sp.role?.rawValue])
            }
        }
        if try changed(\.classification, "classification_codes", "classifications"), let c = s.classification {
            let a = c.answers
            let i = a?.annexI
            try exec(db, """
                INSERT INTO classifications (system_id, questionnaire, assessed, assessor, role, notes, has_answers,
                  ai_system, has_annex_i, safety_component, third_party_assessment, profiling, gpai, public_authority,
                  public_service, law_enforcement_or_migration) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """, [s.id, c.questionnaire, c.assessed.description, c.assessor, c.role?.rawValue, c.notes, a != nil,
                      a?.aiSystem?.rawValue, i != nil, i?.safetyComponent, i?.thirdPartyAssessment, a?.profiling, a?.gpai,
                      a?.publicAuthority, a?.publicService, a?.lawEnforcementOrMigration])
            if let a {
                for (list, codes) in codeLists(a) {
                    for (p, code) in codes.enumerated() {
                        try exec(db, "INSERT INTO classification_codes (system_id, list, position, code) VALUES (?,?,?,?)",
                                 [s.id, list, p, code])
                    }
                }
            }
        }
        if try changed(\.fria, "fria"), let f = s.fria {
            try exec(db, """
                INSERT INTO fria (system_id, performed, process, period_and_frequency, notified, authority, dpia_reference,
                  next_review) VALUES (?,?,?,?,?,?,?,?)
                """, [s.id, f.performed?.description, f.process, f.periodAndFrequency, f.notified?.description, f.authority,
                      f.dpiaReference, f.nextReview?.description])
        }
        if try changed(\.registration, "registration"), let g = s.registration {
            try exec(db, """
                INSERT INTO registration (system_id, organisation, address, submitted_by, authorised_representative,
                  trade_name, reference, member_states, notified_body_certificate, instructions_url, more_information_url,
                  provider_entry_url) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """, [s.id, g.organisation, g.address, g.submittedBy, g.authorisedRepresentative, g.tradeName, g.reference,
                      jsonList(g.memberStates), g.notifiedBodyCertificate, g.instructionsUrl, g.moreInformationUrl,
                      g.providerEntryUrl])
        }
    }

    /// The lists of codes of the answers by their `classification_codes.list` name.
    static func codeLists(_ a: ClassificationAnswers) -> [(String, [String])] {
        [("excluded", a.excluded.map(\.rawValue)), ("prohibited", a.prohibited.map(\.rawValue)),
         ("annex_i", (a.annexI?.legislation ?? []).map(\.rawValue)), ("annex_iii", a.annexIII.map(\.rawValue)),
         ("art6_3", a.art63.map(\.rawValue)), ("transparency", a.transparency.map(\.rawValue))]
    }

    private static func exec(_ db: Database, _ sql: String, _ values: [(any DatabaseValueConvertible)?]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
    }

    /// A list as a JSON array of strings, exactly as `JSONEncoder` writes it (it escapes `/`
    /// too). Lists of plain text — nearly all of them — are written directly.
    static func jsonList(_ list: [String]) -> String {
        guard !list.isEmpty else { return "[]" }
        if list.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F } }) {
            return "[\"" + list.joined(separator: "\",\"") + "\"]"
        }
        // JSONEncoder of [String] cannot fail.
        let data = (try? JSONEncoder().encode(list)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a JSON array of strings as written by `jsonList`. Plain strings (no escapes) are
    /// read directly — listing 100,000 systems reads a million of these — and anything else
    /// goes through JSONDecoder.
    static func parseList(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        let u = Array(text.utf8)
        if !u.contains(0x5C), u.count >= 4, u.first == 0x5B, u.last == 0x5D {
            var out: [String] = []
            var i = 1
            while i < u.count - 1 {
                guard u[i] == 0x22, let end = u[(i + 1)...].firstIndex(of: 0x22) else { return decodeList(text) }
                out.append(String(decoding: u[(i + 1)..<end], as: UTF8.self))
                i = end + 1
                if i < u.count - 1 {
                    guard u[i] == 0x2C else { return decodeList(text) }
                    i += 1
                }
            }
            return out
        }
        return decodeList(text)
    }

    private static func decodeList(_ text: String) -> [String] {
        guard let data = text.data(using: .utf8), let list = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return list
    }

    // MARK: reading

    /// The stored systems among `ids`, by id — what a batch write compares its input with.
    /// Reads them `chunk` ids at a time with `load`, so a batch of 10,000 costs a few dozen
    /// queries (each table walked once per chunk) instead of fourteen queries per system.
    static func loadMany(db: Database, ids: [String], chunk: Int = 500) throws -> [String: StoredSystem] {
        var out: [String: StoredSystem] = [:]
        out.reserveCapacity(ids.count)
        let unique = Array(Set(ids)).sorted()
        var start = 0
        while start < unique.count {
            let part = Array(unique[start..<min(start + chunk, unique.count)])
            start += part.count
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            for stored in try load(db: db, where: "id IN (\(marks))", arguments: StatementArguments(part)) {
                out[stored.system.id] = stored
            }
        }
        return out
    }

    /// The `evidence` columns `evidence(_:)` reads, after `system_id`.
    static let evidenceColumns = "kind, title, uri, sha256, date"

    /// One evidence entry from a row of `system_id` and `evidenceColumns`.
    static func evidence(_ r: Row) -> Evidence {
        var e = Evidence(title: r[2], kind: enumValue(r[1]))
        e.uri = r[3]
        e.sha256 = r[4]
        e.date = day(r[5])
        return e
    }

    /// The evidence lists of `ids` (those with none are absent), read from `evidence` alone.
    static func loadEvidence(db: Database, ids: [String]) throws -> [String: [Evidence]] {
        var out: [String: [Evidence]] = [:]
        guard !ids.isEmpty else { return out }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT system_id, \(evidenceColumns) FROM evidence WHERE system_id IN (\(marks)) ORDER BY system_id, position
            """, arguments: StatementArguments(ids))
        while let r = try rows.next() { out[r[0] as String, default: []].append(evidence(r)) }
        return out
    }

    /// Loads the systems whose ids the `where` clause selects (SQL over table `systems`), ordered by id.
    static func load(db: Database, where clause: String = "1", arguments: StatementArguments = []) throws -> [StoredSystem] {
        var out: [StoredSystem] = []
        var index: [String: Int] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(systemColumns) FROM systems WHERE \(clause) ORDER BY id"),
                                       arguments: arguments)
        while let row = try rows.next() {
            let stored = decodeSystem(row)
            index[stored.system.id] = out.count
            out.append(stored)
        }
        guard !out.isEmpty else { return out }
        let sub = "system_id IN (SELECT id FROM systems WHERE \(clause))"
        func each(_ table: String, _ columns: String, _ body: (Int, Row) -> Void) throws {
            let c = try Row.fetchCursor(db.cachedStatement(sql: "SELECT system_id, \(columns) FROM \(table) WHERE \(sub) ORDER BY system_id, position"),
                                        arguments: arguments)
            while let row = try c.next() {
                if let i = index[row[0] as String] { body(i, row) }
            }
        }
        try each("tags", "tag") { i, r in out[i].system.tags.append(r[1]) }
        try each("models", "name, provider, technique, version, license, hosting, role, rationale, alternatives, end_of_life, parameters") { i, r in
            var m = Model(name: r[1], provider: r[2])
            m.technique = enumValue(r[3])
            m.version = r[4]
            m.license = r[5]
            m.hosting = enumValue(r[6])
            m.role = enumValue(r[7])
            m.rationale = r[8]
            m.alternatives = parseList(r[9])
            m.endOfLife = day(r[10])
            m.parameters = r[11]
            out[i].system.models.append(m)
        }
        try each("datasets", "name, source, license, purpose, personal_data, special_category, lawful_basis, collected, known_limitations, derived_from, retention") { i, r in
            var d = Dataset(name: r[1])
            d.source = r[2]
            d.license = r[3]
            d.purpose = parseList(r[4]).compactMap(DataPurpose.init(rawValue:))
            d.personalData = r[5]
            d.specialCategory = r[6]
            d.lawfulBasis = enumValue(r[7])
            d.collected = r[8]
            d.knownLimitations = r[9]
            d.derivedFrom = parseList(r[10])
            d.retention = r[11]
            out[i].system.datasets.append(d)
        }
        try each("oversight", "type, mechanism, who, can_stop, response_minutes, last_tested") { i, r in
            var o = Oversight(mechanism: r[2])
            o.type = enumValue(r[1])
            o.who = r[3]
            o.canStop = r[4]
            o.responseMinutes = r[5]
            o.lastTested = day(r[6])
            out[i].system.oversight.append(o)
        }
        try each("fallbacks", "trigger, strategy, uses_ai, model, target, rto_minutes, owner, runbook, last_tested") { i, r in
            var f = Fallback()
            f.trigger = enumValue(r[1])
            f.strategy = enumValue(r[2])
            f.usesAI = r[3]
            f.model = r[4]
            f.target = r[5]
            f.rtoMinutes = r[6]
            f.owner = r[7]
            f.runbook = r[8]
            f.lastTested = day(r[9])
            out[i].system.fallbacks.append(f)
        }
        try each("evidence", evidenceColumns) { i, r in out[i].system.evidence.append(evidence(r)) }
        try each("risks", "description, severity, mitigation") { i, r in
            var k = Risk(description: r[1])
            k.severity = enumValue(r[2])
            k.mitigation = r[3]
            out[i].system.risks.append(k)
        }
        try each("metrics", "name, grp, target, value, measured") { i, r in
            var m = Metric(name: r[1])
            m.group = r[2]
            m.target = r[3]
            m.value = r[4]
            m.measured = day(r[5])
            out[i].system.metrics.append(m)
        }
        try each("suppliers", "name, role") { i, r in
            var s = Supplier(name: r[1])
            s.role = enumValue(r[2])
            out[i].system.suppliers.append(s)
        }
        func one(_ table: String, _ columns: String, _ body: (Int, Row) -> Void) throws {
            let c = try Row.fetchCursor(db.cachedStatement(sql: "SELECT system_id, \(columns) FROM \(table) WHERE \(sub) ORDER BY system_id"),
                                        arguments: arguments)
            while let row = try c.next() {
                if let i = index[row[0] as String] { body(i, row) }
            }
        }
        try one("classifications", """
            questionnaire, assessed, assessor, role, notes, has_answers, ai_system, has_annex_i, safety_component,
            third_party_assessment, profiling, gpai, public_authority, public_service, law_enforcement_or_migration
            """) { i, r in
            var c = Classification(questionnaire: r[1], assessed: day(r[2]) ?? Day(ordinal: 0), assessor: r[3])
            c.role = enumValue(r[4])
            c.notes = r[5]
            if r[6] as Bool {
                var a = ClassificationAnswers()
                a.aiSystem = enumValue(r[7])
                if r[8] as Bool {
                    var annexI = AnnexIAnswers()
                    annexI.safetyComponent = r[9]
                    annexI.thirdPartyAssessment = r[10]
                    a.annexI = annexI
                }
                a.profiling = r[11]
                a.gpai = r[12]
                a.publicAuthority = r[13]
                a.publicService = r[14]
                a.lawEnforcementOrMigration = r[15]
                c.answers = a
            }
            out[i].system.classification = c
        }
        let codes = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT system_id, list, code FROM classification_codes WHERE \(sub) ORDER BY system_id, list, position
            """), arguments: arguments)
        while let r = try codes.next() {
            guard let i = index[r[0] as String], out[i].system.classification?.answers != nil else { continue }
            let code: String = r[2]
            switch r[1] as String {
            case "excluded": Art2Exclusion(rawValue: code).map { out[i].system.classification?.answers?.excluded.append($0) }
            case "prohibited": Art5Practice(rawValue: code).map { out[i].system.classification?.answers?.prohibited.append($0) }
            case "annex_i":
                if let v = AnnexILegislation(rawValue: code) {
                    if out[i].system.classification?.answers?.annexI == nil { out[i].system.classification?.answers?.annexI = AnnexIAnswers() }
                    out[i].system.classification?.answers?.annexI?.legislation.append(v)
                }
            case "annex_iii": AnnexIIIPoint(rawValue: code).map { out[i].system.classification?.answers?.annexIII.append($0) }
            case "art6_3": Art63Condition(rawValue: code).map { out[i].system.classification?.answers?.art63.append($0) }
            case "transparency": Art50Function(rawValue: code).map { out[i].system.classification?.answers?.transparency.append($0) }
            default: break
            }
        }
        try one("fria", "performed, process, period_and_frequency, notified, authority, dpia_reference, next_review") { i, r in
            var f = FRIA()
            f.performed = day(r[1])
            f.process = r[2]
            f.periodAndFrequency = r[3]
            f.notified = day(r[4])
            f.authority = r[5]
            f.dpiaReference = r[6]
            f.nextReview = day(r[7])
            out[i].system.fria = f
        }
        try one("registration", """
            organisation, address, submitted_by, authorised_representative, trade_name, reference, member_states,
            notified_body_certificate, instructions_url, more_information_url, provider_entry_url
            """) { i, r in
            var g = Registration()
            g.organisation = r[1]
            g.address = r[2]
            g.submittedBy = r[3]
            g.authorisedRepresentative = r[4]
            g.tradeName = r[5]
            g.reference = r[6]
            g.memberStates = parseList(r[7])
            g.notifiedBodyCertificate = r[8]
            g.instructionsUrl = r[9]
            g.moreInformationUrl = r[10]
            g.providerEntryUrl = r[11]
            out[i].system.registration = g
        }
        return out
    }

    private static func decodeSystem(_ r: Row) -> StoredSystem {
        var s = AISystem(id: r[0], name: r[2], owner: r[4], status: enumValue(r[6]) ?? .proposed)
        s.purpose = r[3]
        s.contact = r[5]
        s.statusSince = day(r[7])
        s.legalBasis = r[8]
        if r[9] as Bool {
            var e = EUAIAct()
            e.role = enumValue(r[10])
            e.tier = enumValue(r[11])
            e.annexIII = enumValue(r[12])
            e.annexIProduct = r[13]
            e.art63Exemption = r[14]
            e.art63Reason = r[15]
            e.profiling = r[16]
            e.gpai = r[17]
            e.interactsWithPeople = r[18]
            e.syntheticContent = r[19]
            e.deepfake = r[20]
            e.emotionOrBiometricCategorisation = r[21]
            e.publicBody = r[22]
            e.rationale = r[23]
            e.euDatabaseId = r[24]
            e.conformity = enumValue(r[25])
            e.annexISection = enumValue(r[38])
            e.onMarketSince = day(r[39])
            e.significantChange = day(r[40])
            e.publicAuthority = r[41]
            s.euAiAct = e
        }
        if r[26] as Bool {
            var i = Impact()
            i.decisions = r[27]
            i.affectedGroups = parseList(r[28])
            i.stakeholdersConsulted = parseList(r[29])
            i.explanation = r[30]
            i.appeal = r[31]
            s.impact = i
        }
        if r[32] as Bool {
            var v = Review()
            v.lastReviewed = day(r[33])
            v.intervalDays = r[34]
            v.reviewer = r[35]
            s.review = v
        }
        return StoredSystem(system: s, rowVersion: r[1], updatedAt: r[36], updatedBy: r[37])
    }

    private static func enumValue<E: FormatEnum>(_ dbValue: DatabaseValue) -> E? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return E(rawValue: text)
    }

    private static func day(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap(Day.init)
    }
}

/// A system as stored, with the row version that optimistic writers compare.
public struct StoredSystem: Sendable, Equatable {
    public var system: AISystem
    public var rowVersion: Int
    public var updatedAt: String
    public var updatedBy: String
}
