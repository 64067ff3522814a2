import AIGovCore
import AIGovRules
import Foundation
import GRDB

// Issue #25: reads ask SQL for exactly what they print. A listing (`get -o csv|table`) reads
// the `systems` columns it shows and the stored evaluation's head row in one query; `check`
// reads the same columns and the stored finding rows; `vendors` and `what-if` read the columns
// their analysis looks at and the `models` and `fallbacks` rows. None of them loads a whole
// record, except for a system whose stored evaluation does not hold (a pinned day, other
// rules, a read-only file): that one is loaded whole, in the same read transaction, so the
// caller can evaluate it.

/// The columns of a system every listing prints.
public struct SystemHeader: Sendable, Equatable {
    public var id: String
    public var name: String
    public var owner: String
    public var status: SystemStatus
    public var tier: RiskTier
    public var rowVersion: Int

    public init(id: String, name: String, owner: String, status: SystemStatus, tier: RiskTier, rowVersion: Int) {
        self.id = id
        self.name = name
        self.owner = owner
        self.status = status
        self.tier = tier
        self.rowVersion = rowVersion
    }

    public init(_ stored: StoredSystem) {
        let s = stored.system
        self.init(id: s.id, name: s.name, owner: s.owner, status: s.status, tier: s.tier, rowVersion: stored.rowVersion)
    }

    /// A record that holds these fields and nothing else: what a check report's writers read
    /// of a system (its id, tier and status). Not a record to print or evaluate.
    public var headerRecord: AISystem {
        var s = AISystem(id: id, name: name, owner: owner, status: status)
        if tier != .unassessed {
            var act = EUAIAct()
            act.tier = tier
            s.euAiAct = act
        }
        return s
    }
}

/// A batch of a projected read: the selected systems' headers in id order, with whatever the
/// read asked of each one's stored evaluation (nil when none holds), and the inputs (whole
/// records) of those without one, for the caller to evaluate.
public struct ProjectedBatch<Stored: Sendable>: Sendable {
    public var headers: [SystemHeader]
    public var stored: [Stored?]
    /// The systems whose `stored` is nil, with their waivers and incidents: what the caller
    /// evaluates (read in the same transaction, so they agree with the headers).
    public var unevaluated: [EvaluationInput]
    /// Every system's header record with its evidence list, by id, when the read asked for
    /// evidence (`forEachCheckedBatch(withEvidence:)`); empty otherwise.
    public var records: [String: AISystem]
}

enum HeaderRows {
    /// The header columns of `systems` (alias `s`); a tier without an `eu_ai_act` block reads
    /// as unassessed, as the record does.
    static let columns = """
        s.id, s.name, s.owner, s.status, CASE WHEN s.has_eu_ai_act = 1 THEN coalesce(s.tier, 'unassessed') ELSE 'unassessed' END,
        s.row_version
        """

    static func decode(_ r: Row) -> SystemHeader {
        let status: String = r[3], tier: String = r[4]
        return SystemHeader(id: r[0], name: r[1], owner: r[2], status: SystemStatus(rawValue: status) ?? .proposed,
                            tier: RiskTier(rawValue: tier) ?? .unassessed, rowVersion: r[5])
    }

    /// `filter`'s condition over the alias `s`.
    static func condition(_ filter: SystemFilter, ids: [String]) -> (String, StatementArguments) {
        filter.sql(ids: ids, alias: "s")
    }
}

extension Registry {
    /// The listing of `get -o csv|table`: each selected system's header and stored summary
    /// (score, open findings, worst open severity) from one query over `systems` and
    /// `evaluations`, a batch at a time in id order, inside one read transaction.
    public func forEachListedBatch(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 2000,
                                   key: EvaluationKey,
                                   _ body: (ProjectedBatch<EvaluationSummary>) throws -> Void) throws {
        let (clause, args) = HeaderRows.condition(filter, ids: ids)
        let today = key.today.description
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(HeaderRows.columns), e.score, e.open, e.worst_open
                FROM systems s LEFT JOIN evaluations e ON e.system_id = s.id AND \(EvaluationRows.holdingJoin)
                WHERE \(clause) ORDER BY s.id
                """, arguments: [key.timeline.rawValue, key.ruleSet, today, today] + args)
            var headers: [SystemHeader] = [], stored: [EvaluationSummary?] = []
            func flush() throws {
                guard !headers.isEmpty else { return }
                try body(try batch(headers, stored, withEvidence: false, db: db))
                headers.removeAll(keepingCapacity: true)
                stored.removeAll(keepingCapacity: true)
            }
            while let r = try rows.next() {
                headers.append(HeaderRows.decode(r))
                var summary: EvaluationSummary?
                if let score = r[6] as Int?, let open = r[7] as Int? {
                    let worst: String? = r[8]
                    let severity = worst.flatMap(Severity.init(rawValue:))
                    if worst == nil || severity != nil { summary = EvaluationSummary(score: score, open: open, worstOpen: severity) }
                }
                stored.append(summary)
                if headers.count >= batchSize { try flush() }
            }
            try flush()
        }
    }

    /// `check`'s read: each selected system's header and stored evaluation (its finding rows
    /// decoded as they are stepped), a batch at a time in id order, inside one read transaction.
    /// `withEvidence`: each system's header record also carries its evidence list (the
    /// framework tallies of `check --framework` and the SoA count evidence), read from
    /// `evidence` alone.
    public func forEachCheckedBatch(ids: [String] = [], filter: SystemFilter = SystemFilter(), batchSize: Int = 500,
                                    key: EvaluationKey, texts: RuleTexts, withEvidence: Bool = false,
                                    _ body: (ProjectedBatch<Evaluation>) throws -> Void) throws {
        let (clause, args) = HeaderRows.condition(filter, ids: ids)
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(HeaderRows.columns) FROM systems s WHERE \(clause) ORDER BY s.id",
                                           arguments: args)
            var headers: [SystemHeader] = []
            func flush() throws {
                guard !headers.isEmpty else { return }
                let found = try EvaluationRows.load(headers.map(\.id), key: key, texts: texts, db: db)
                let stored = headers.map { found[$0.id] }
                try body(try batch(headers, stored, withEvidence: withEvidence, db: db))
                headers.removeAll(keepingCapacity: true)
            }
            while let r = try rows.next() {
                headers.append(HeaderRows.decode(r))
                if headers.count >= batchSize { try flush() }
            }
            try flush()
        }
    }

    /// The batch of `headers`: the inputs (whole records) of those whose stored part is nil,
    /// and with `withEvidence` every header record with its evidence list.
    private func batch<T>(_ headers: [SystemHeader], _ stored: [T?], withEvidence: Bool, db: Database) throws -> ProjectedBatch<T> {
        var records: [String: AISystem] = [:]
        if withEvidence {
            let evidence = try SystemRows.loadEvidence(db: db, ids: headers.map(\.id))
            for h in headers {
                var s = h.headerRecord
                s.evidence = evidence[h.id] ?? []
                records[h.id] = s
            }
        }
        let missing = headers.indices.filter { stored[$0] == nil }.map { headers[$0].id }
        // Partial records are never evaluated: the inputs are read whole.
        let inputs = missing.isEmpty ? [] : try EvaluationRows.inputs(missing, known: [:], db: db)
        return ProjectedBatch(headers: headers, stored: stored, unevaluated: inputs, records: records)
    }

    /// Every system (selected by `filter`) with the fields the vendor analyses read — status,
    /// tier, profiling, Annex III area, models and fallbacks — and nothing else, in id order.
    /// Three ordered scans merged (`systems`, `models`, `fallbacks`); no other record table is read.
    public func forEachVendorView(filter: SystemFilter = SystemFilter(), _ body: (AISystem) throws -> Void) throws {
        let (clause, args) = HeaderRows.condition(filter, ids: [])
        try read { db in
            let systems = try Row.fetchCursor(db, sql: """
                SELECT \(HeaderRows.columns), s.has_eu_ai_act, s.profiling, s.annex_iii FROM systems s WHERE \(clause) ORDER BY s.id
                """, arguments: args)
            let models = try Row.fetchCursor(db, sql: """
                SELECT m.system_id, m.name, m.provider, m.role, m.end_of_life FROM models m
                WHERE m.system_id IN (SELECT s.id FROM systems s WHERE \(clause)) ORDER BY m.system_id, m.position
                """, arguments: args)
            let fallbacks = try Row.fetchCursor(db, sql: """
                SELECT f.system_id, f.strategy, f.uses_ai, f.model, f.target, f.rto_minutes, f.last_tested FROM fallbacks f
                WHERE f.system_id IN (SELECT s.id FROM systems s WHERE \(clause)) ORDER BY f.system_id, f.position
                """, arguments: args)
            var model = try models.next(), fallback = try fallbacks.next()
            while let r = try systems.next() {
                var s = HeaderRows.decode(r).headerRecord
                if r[6] as Bool {
                    var act = s.euAiAct ?? EUAIAct()
                    act.profiling = r[7]
                    act.annexIII = (r[8] as String?).flatMap(AnnexIIIArea.init(rawValue:))
                    s.euAiAct = act
                }
                // Child rows are ordered by system id like the systems: skip those of systems
                // the filter left out, take this system's.
                while let m = model, (m[0] as String) <= s.id {
                    if (m[0] as String) == s.id {
                        var x = Model(name: m[1], provider: m[2])
                        x.role = (m[3] as String?).flatMap(ModelRole.init(rawValue:))
                        x.endOfLife = (m[4] as String?).flatMap(Day.init)
                        s.models.append(x)
                    }
                    model = try models.next()
                }
                while let f = fallback, (f[0] as String) <= s.id {
                    if (f[0] as String) == s.id {
                        var x = Fallback()
                        x.strategy = (f[1] as String?).flatMap(FallbackStrategy.init(rawValue:))
                        x.usesAI = f[2]
                        x.model = f[3]
                        x.target = f[4]
                        x.rtoMinutes = f[5]
                        x.lastTested = (f[6] as String?).flatMap(Day.init)
                        s.fallbacks.append(x)
                    }
                    fallback = try fallbacks.next()
                }
                try body(s)
            }
        }
    }
}
