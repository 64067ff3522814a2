import AIGovCore
import AIGovRules
import Foundation
import GRDB

/// Which evaluation a read wants: the timeline, the rule set and the day.
public struct EvaluationKey: Sendable, Equatable {
    public var timeline: TimelineKind
    /// A hash of the built-in catalogue and the custom rule files (`RuleSet.fingerprint`).
    public var ruleSet: String
    public var today: Day

    public init(timeline: TimelineKind, ruleSet: String, today: Day) {
        self.timeline = timeline
        self.ruleSet = ruleSet
        self.today = today
    }
}

/// One system with everything its evaluation reads: its own waivers and incidents.
public struct EvaluationInput: Sendable {
    public var system: AISystem
    public var waivers: [Waiver]
    public var incidents: [Incident]
}

/// What the store needs to evaluate at write time and to restore stored findings: the key, a
/// function that evaluates systems (the workspace's rule set; the store knows no rules), and
/// each rule's reference and remediation, which findings are stored without.
public struct Evaluator: Sendable {
    public var key: EvaluationKey
    public var texts: RuleTexts
    /// Evaluates each input, in the order given (the workspace spreads it over the cores).
    public var evaluate: @Sendable ([EvaluationInput]) -> [Evaluation]

    public init(key: EvaluationKey, texts: RuleTexts, evaluate: @escaping @Sendable ([EvaluationInput]) -> [Evaluation]) {
        self.key = key
        self.texts = texts
        self.evaluate = evaluate
    }
}

/// The reference and remediation of each rule by id: stored findings leave them out when they
/// are the rule's own.
public struct RuleTexts: Sendable {
    let byId: [String: (reference: String, remediation: String)]
    /// The rule ids in rule-set order: `applicable_rules` is one `1` or `0` per rule in this
    /// order (the rule-set hash pins it), so reading it back shares these strings.
    let ids: [String]
    let position: [String: Int]

    public init(_ rules: [any Rule]) {
        var byId: [String: (reference: String, remediation: String)] = [:]
        var position: [String: Int] = [:]
        for (i, r) in rules.enumerated() where byId[r.id] == nil {
            byId[r.id] = (r.reference, r.remediation)
            position[r.id] = i
        }
        self.byId = byId
        self.position = position
        ids = rules.map(\.id)
    }

    /// The rule set's own copy of a rule id (shared storage), or `id` when it is not one.
    func interned(_ id: String) -> String { position[id].map { ids[$0] } ?? id }

    /// The applicable rules as a mask over `ids`; nil when one is not in the rule set.
    func mask(_ applicable: [String]) -> String? {
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: ids.count)
        for id in applicable {
            guard let i = position[id] else { return nil }
            bytes[i] = UInt8(ascii: "1")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The rule ids a mask marks; nil when it does not fit the rule set.
    func ids(_ mask: String) -> [String]? {
        guard mask.utf8.count == ids.count else { return nil }
        var out: [String] = []
        for (i, b) in mask.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "1"): out.append(ids[i])
            case UInt8(ascii: "0"): continue
            default: return nil
            }
        }
        return out
    }
}

/// What a listing shows of a system's evaluation: its score, open findings and the most
/// severe of them.
public struct EvaluationSummary: Sendable, Equatable {
    public var score: Int
    public var open: Int
    public var worstOpen: Severity?

    public init(score: Int, open: Int, worstOpen: Severity?) {
        self.score = score
        self.open = open
        self.worstOpen = worstOpen
    }

    public init(_ e: Evaluation) {
        let s = FindingSummary(e.findings)
        self.init(score: e.score.value, open: s.open, worstOpen: s.worstOpen)
    }
}

/// Holds the registry's write-time evaluator (set by the workspace that opened it).
final class EvaluatorSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Evaluator?

    var evaluator: Evaluator? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Mapping between `Evaluation` and the tables `evaluations` and `findings` (schema.sql, version 3).
enum EvaluationRows {
    /// Systems per statement when a list of ids is bound (well under SQLite's variable limit).
    static let chunk = 500

    static func marks(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }

    /// Replaces the stored evaluation of each system for `key`'s timeline.
    static func save(_ items: [(id: String, evaluation: Evaluation)], key: EvaluationKey, texts: RuleTexts, db: Database) throws {
        let timeline = key.timeline.rawValue
        let remove = try db.cachedStatement(sql: "DELETE FROM evaluations WHERE system_id = ? AND timeline = ?")
        // The foreign key removes a head's findings; rows a tool without foreign keys (the
        // sqlite3 shell) left behind go too.
        let orphans = try db.cachedStatement(sql: "DELETE FROM findings WHERE system_id = ? AND timeline = ?")
        let head = try db.cachedStatement(sql: """
            INSERT INTO evaluations (system_id, timeline, rule_set, evaluated_on, valid_until, score, applicable,
              total_weight, lost_weight, failed, applicable_rules, open, worst_open)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let row = try db.cachedStatement(sql: """
            INSERT INTO findings (system_id, timeline, position, rule, severity, status, path, message, reference,
              remediation, due, waiver_reason, waiver_approved_by, waiver_expires)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for (id, e) in items {
            try remove.execute(arguments: [id, timeline])
            try orphans.execute(arguments: [id, timeline])
            // A rule set whose ids repeat cannot be masked, and a result that depends on timing
            // (a pattern out of time) is not a fact of the record and the day: nothing is
            // stored, and reads evaluate again.
            guard !e.isTimingDependent, let mask = texts.mask(e.applicable) else { continue }
            let summary = FindingSummary(e.findings)
            let failed = e.score.failed.map { "\($0.rule):\($0.weight):\($0.lost)" }.joined(separator: " ")
            try head.execute(arguments: [
                id, timeline, key.ruleSet, key.today.description, e.validUntil?.description, e.score.value,
                e.score.applicable, e.score.totalWeight, e.score.lostWeight, failed,
                mask, summary.open, summary.worstOpen?.rawValue,
            ])
            for (i, f) in e.findings.enumerated() {
                let own = texts.byId[f.rule]
                try row.execute(arguments: [
                    id, timeline, i, f.rule, f.severity.rawValue, f.status.rawValue, f.path, f.message,
                    own?.reference == f.reference ? nil : f.reference,
                    own?.remediation == f.remediation ? nil : f.remediation,
                    f.due?.description, f.waiver?.reason, f.waiver?.approvedBy, f.waiver?.expires.description,
                ])
            }
        }
    }

    /// The stored evaluations of `ids` that hold for `key`, by system id. A row that is stale
    /// (another rule set, computed for a later day, past its `valid_until`) or that cannot be
    /// read back exactly (a rule it names is unknown) is left out: the caller evaluates it.
    static func load(_ ids: [String], key: EvaluationKey, texts: RuleTexts, db: Database) throws -> [String: Evaluation] {
        var out: [String: Evaluation] = [:]
        try holding(ids, key: key) { fresh, args in
            var heads: [String: (score: [Int], failed: String, applicable: String, validUntil: Day?)] = [:]
            let headRows = try Row.fetchCursor(db, sql: """
                SELECT system_id, valid_until, applicable, total_weight, lost_weight, failed, applicable_rules
                FROM evaluations WHERE \(fresh)
                """, arguments: args)
            while let r = try headRows.next() {
                let until: String? = r[1]
                if let until, Day(until) == nil { continue }
                heads[r[0]] = ([r[2], r[3], r[4]], r[5], r[6], until.flatMap(Day.init))
            }
            var findings: [String: [Finding]] = [:]
            var broken: Set<String> = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT system_id, rule, severity, status, path, message, reference, remediation, due,
                  waiver_reason, waiver_approved_by, waiver_expires
                FROM findings WHERE system_id IN (SELECT system_id FROM evaluations WHERE \(fresh)) AND timeline = ?
                ORDER BY system_id, position
                """, arguments: args + [key.timeline.rawValue])
            // Rows come in system order: gather one system's findings, then file them once.
            var current = "", list: [Finding] = []
            while let r = try rows.next() {
                let system: String = r[0]
                if system != current {
                    if !list.isEmpty { findings[current] = list }
                    current = system
                    list = findings[system] ?? []
                }
                guard let f = finding(r, system: current, texts: texts) else { broken.insert(system); continue }
                list.append(f)
            }
            if !list.isEmpty { findings[current] = list }
            for (id, h) in heads where !broken.contains(id) {
                guard let e = evaluation(h, findings: findings[id] ?? [], texts: texts) else { continue }
                out[id] = e
            }
        }
        return out
    }

    /// `holding`'s condition over the alias `e` of `evaluations` joined to `systems`, with four
    /// arguments: the timeline, the rule set, and the day twice.
    static let holdingJoin = "e.timeline = ? AND e.rule_set = ? AND e.evaluated_on <= ? AND (e.valid_until IS NULL OR e.valid_until > ?)"

    /// Calls `body` for each chunk of `ids` with the condition (and its arguments) that selects
    /// the chunk's `evaluations` rows holding for `key`: the same timeline and rule set, computed
    /// on or before its day, and not past their `valid_until`. The one definition of "fresh",
    /// with `stale`.
    static func holding(_ ids: [String], key: EvaluationKey, _ body: (String, StatementArguments) throws -> Void) throws {
        let today = key.today.description
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let part = Array(ids[start..<min(start + chunk, ids.count)])
            var args = StatementArguments([key.timeline.rawValue, key.ruleSet, today, today])
            args += StatementArguments(part)
            try body("""
                timeline = ? AND rule_set = ? AND evaluated_on <= ? AND (valid_until IS NULL OR valid_until > ?)
                AND system_id IN (\(marks(part.count)))
                """, args)
        }
    }

    private static func finding(_ r: Row, system: String, texts: RuleTexts) -> Finding? {
        let rule: String = r[1]
        let own = texts.byId[rule]
        guard let severity = Severity(rawValue: r[2]), let status = FindingStatus(rawValue: r[3]),
              let reference = (r[6] as String?) ?? own?.reference,
              let remediation = (r[7] as String?) ?? own?.remediation else { return nil }
        var due: Day?
        if let text = r[8] as String? {
            guard let d = Day(text) else { return nil }
            due = d
        }
        var waiver: Waiver?
        if let reason = r[9] as String? {
            guard let by = r[10] as String?, let expires = (r[11] as String?).flatMap(Day.init) else { return nil }
            waiver = Waiver(system: system, rule: rule, reason: reason, approvedBy: by, expires: expires)
        }
        return Finding(rule: rule, system: system, severity: severity, status: status, path: r[4], message: r[5],
                       reference: reference, remediation: remediation, due: due, waiver: waiver)
    }

    /// The `failed` column read back: "RULE:weight:lost RULE:weight:lost …", parts separated
    /// by one or more spaces, each with exactly two colons and two integers; nil otherwise. One
    /// pass over the bytes: a check of 100,000 systems reads a million of these.
    static func failedChecks(_ text: String, texts: RuleTexts) -> [Score.FailedCheck]? {
        var text = text
        return text.withUTF8 { u -> [Score.FailedCheck]? in
            // `Int(_:)` of the bytes a..<b: an optional sign, then one or more digits, nil on overflow.
            func integer(_ a: Int, _ b: Int) -> Int? {
                var k = a, negative = false
                if k < b, u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-") {
                    negative = u[k] == UInt8(ascii: "-")
                    k += 1
                }
                guard k < b else { return nil }
                var v = 0
                while k < b {
                    let d = u[k] &- 48
                    guard d < 10 else { return nil }
                    let (m, o1) = v.multipliedReportingOverflow(by: 10)
                    let (n, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
                    guard !o1, !o2 else { return nil }
                    v = n
                    k += 1
                }
                return v
            }
            var failed: [Score.FailedCheck] = []
            var i = 0
            while i < u.count {
                if u[i] == UInt8(ascii: " ") {
                    i += 1
                    continue
                }
                var end = i, first = -1, second = -1
                while end < u.count, u[end] != UInt8(ascii: " ") {
                    if u[end] == UInt8(ascii: ":") {
                        if first < 0 { first = end } else if second < 0 { second = end } else { return nil }
                    }
                    end += 1
                }
                guard second >= 0, let weight = integer(first + 1, second), let lost = integer(second + 1, end) else { return nil }
                let rule = String(decoding: UnsafeBufferPointer(rebasing: u[i..<first]), as: UTF8.self)
                failed.append(Score.FailedCheck(rule: texts.interned(rule), weight: weight, lost: lost))
                i = end
            }
            return failed
        }
    }

    /// The evaluation from its head row and findings; nil when the row does not add up (a file
    /// edited by hand), so that it is evaluated again rather than shown wrong.
    private static func evaluation(_ h: (score: [Int], failed: String, applicable: String, validUntil: Day?),
                                   findings: [Finding], texts: RuleTexts) -> Evaluation? {
        guard let applicable = texts.ids(h.applicable) else { return nil }
        guard let failed = failedChecks(h.failed, texts: texts) else { return nil }
        let score = Score(applicable: h.score[0], totalWeight: h.score[1], lostWeight: h.score[2], failed: failed)
        return Evaluation(findings: findings, score: score, applicable: applicable, validUntil: h.validUntil)
    }

    /// The figures listings show (score, open findings, the worst open severity) of the stored
    /// evaluations of `ids` that hold for `key`, read from the head rows alone.
    static func summaries(_ ids: [String], key: EvaluationKey, db: Database) throws -> [String: EvaluationSummary] {
        var out: [String: EvaluationSummary] = [:]
        try holding(ids, key: key) { fresh, args in
            let rows = try Row.fetchCursor(db, sql: "SELECT system_id, score, open, worst_open FROM evaluations WHERE \(fresh)",
                                           arguments: args)
            while let r = try rows.next() {
                let worst: String? = r[3]
                let severity = worst.flatMap(Severity.init(rawValue:))
                if worst != nil, severity == nil { continue }
                out[r[0]] = EvaluationSummary(score: r[1], open: r[2], worstOpen: severity)
            }
        }
        return out
    }

    /// The ids of systems (in id order) with no evaluation that holds for `key` (the complement
    /// of `holding`'s condition).
    static func stale(key: EvaluationKey, ids: [String] = [], db: Database) throws -> [String] {
        let today = key.today.description
        func select(_ only: String, _ args: StatementArguments) throws -> [String] {
            try String.fetchAll(db, sql: """
                SELECT s.id FROM systems s LEFT JOIN evaluations e ON e.system_id = s.id AND e.timeline = ?
                WHERE (e.system_id IS NULL OR e.rule_set <> ? OR e.evaluated_on > ?
                  OR (e.valid_until IS NOT NULL AND e.valid_until <= ?))\(only)
                ORDER BY s.id
                """, arguments: [key.timeline.rawValue, key.ruleSet, today, today] + args)
        }
        guard !ids.isEmpty else { return try select("", []) }
        // Only the named systems: a read of one system looks up one, not the whole registry.
        var out: [String] = []
        let sorted = Array(Set(ids)).sorted()
        for start in stride(from: 0, to: sorted.count, by: chunk) {
            let part = Array(sorted[start..<min(start + chunk, sorted.count)])
            out += try select(" AND s.id IN (\(marks(part.count)))", StatementArguments(part))
        }
        return out
    }

    /// Evaluates each of `ids` that exists and stores the results, inside a write transaction.
    @discardableResult
    static func evaluateAndSave(_ ids: [String], known: [String: AISystem], with evaluator: Evaluator,
                                db: Database) throws -> [String: Evaluation] {
        let inputs = try inputs(ids, known: known, db: db)
        let items = zip(inputs, evaluator.evaluate(inputs)).map { (id: $0.system.id, evaluation: $1) }
        try save(items, key: evaluator.key, texts: evaluator.texts, db: db)
        return Dictionary(items.map { ($0.id, $0.evaluation) }, uniquingKeysWith: { a, _ in a })
    }

    /// Each of `ids` that exists, with its own waivers and incidents, in the order of `ids`;
    /// `known` supplies records the caller already holds (just written).
    static func inputs(_ ids: [String], known: [String: AISystem], db: Database) throws -> [EvaluationInput] {
        var out: [EvaluationInput] = []
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let part = Array(ids[start..<min(start + chunk, ids.count)])
            let args = StatementArguments(part)
            let m = marks(part.count)
            let missing = part.filter { known[$0] == nil }
            var systems = known
            if !missing.isEmpty {
                for s in try SystemRows.load(db: db, where: "id IN (\(marks(missing.count)))", arguments: StatementArguments(missing)) {
                    systems[s.system.id] = s.system
                }
            }
            let waivers = try Row.fetchAll(db, sql: "SELECT system_id, rule, reason, approved_by, expires FROM waivers WHERE system_id IN (\(m))",
                                           arguments: args).compactMap { r in
                Day(r[4] as String).map { Waiver(system: r[0], rule: r[1], reason: r[2], approvedBy: r[3], expires: $0) }
            }
            let byWaiver = Dictionary(grouping: waivers, by: \.system)
            let incidents = try IncidentRows.load(db: db, where: "system_id IN (\(m))", arguments: args).map(\.incident)
            let byIncident = Dictionary(grouping: incidents, by: \.system)
            for id in part {
                guard let s = systems[id] else { continue }
                out.append(EvaluationInput(system: s, waivers: byWaiver[id] ?? [], incidents: byIncident[id] ?? []))
            }
        }
        return out
    }
}

extension Registry {
    /// Whether this process may write the registry file at `path` and create its companions
    /// (`-wal`, `-shm`) beside it: false on a read-only file, folder or file system.
    public static func mayWrite(path: String) -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(dir.isEmpty ? "." : dir, W_OK) == 0
    }

    /// The evaluator writes use from now on (the workspace sets it when it opens the registry);
    /// nil: writes only drop the stored evaluations of what they touch.
    public var evaluator: Evaluator? {
        get { evaluatorSlot.evaluator }
        set { evaluatorSlot.evaluator = newValue }
    }

    /// Inside a write transaction: stores fresh evaluations of the systems the write touched (the
    /// schema's triggers have dropped their old ones), so a read after the commit finds them
    /// current. Without an evaluator it does nothing and the next read rebuilds them. `known`
    /// holds records just written (not read back).
    func settle(_ ids: Set<String>, known: [String: AISystem] = [:], db: Database) throws {
        guard !ids.isEmpty, let evaluator else { return }
        try EvaluationRows.evaluateAndSave(ids.sorted(), known: known, with: evaluator, db: db)
    }

    /// The systems (ids in order) whose stored evaluation does not hold for `key`.
    /// With `ids`, only those of them (looked up by id, not by scanning the registry).
    public func staleEvaluations(_ key: EvaluationKey, ids: [String] = []) throws -> [String] {
        try read { db in try EvaluationRows.stale(key: key, ids: ids, db: db) }
    }

    /// Evaluates and stores the systems (of `ids`, all when empty) whose stored evaluation is
    /// stale for the evaluator's key, `batchSize` systems per write transaction (so other writers wait at most one batch).
    /// Returns how many it refreshed; nothing when the registry is read-only.
    @discardableResult
    public func refreshEvaluations(with evaluator: Evaluator, ids: [String] = [], batchSize: Int = 2000) throws -> Int {
        guard !readOnly else { return 0 }
        let stale = try staleEvaluations(evaluator.key, ids: ids)
        var start = 0
        while start < stale.count {
            let part = Array(stale[start..<min(start + batchSize, stale.count)])
            start += part.count
            try storeEvaluations(of: part, with: evaluator)
        }
        return stale.count
    }

    /// The stored summaries of `ids` that hold for `key` (the console's registry page).
    public func storedSummaries(_ ids: [String], key: EvaluationKey) throws -> [String: EvaluationSummary] {
        try read { db in try EvaluationRows.summaries(ids, key: key, db: db) }
    }

    /// The stored evaluations of `ids` that hold for `key` (the console's page of rows).
    public func storedEvaluations(_ ids: [String], key: EvaluationKey, texts: RuleTexts) throws -> [String: Evaluation] {
        try read { db in try EvaluationRows.load(ids, key: key, texts: texts, db: db) }
    }
}

extension Registry {
    /// Evaluates and stores `ids` in one write transaction, reading them inside it so that what
    /// is stored matches what is committed (a read that found them stale).
    /// Returns what it stored, by system id.
    @discardableResult
    public func storeEvaluations(of ids: [String], with evaluator: Evaluator) throws -> [String: Evaluation] {
        guard !readOnly, !ids.isEmpty else { return [:] }
        return try immediate { db in try EvaluationRows.evaluateAndSave(ids, known: [:], with: evaluator, db: db) }
    }
}

extension RegistrySnapshot {
    /// The stored evaluations of `ids` that hold for `key`, in this snapshot's transaction (the
    /// audit pack reads them with the records they belong to).
    public func storedEvaluations(_ ids: [String], key: EvaluationKey, texts: RuleTexts) throws -> [String: Evaluation] {
        try EvaluationRows.load(ids, key: key, texts: texts, db: db)
    }
}
