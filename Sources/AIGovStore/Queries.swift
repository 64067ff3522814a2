import AIGovCore
import Foundation
import GRDB

// Read queries for listings (the console's registry table and dashboard): one page of systems at a time, and aggregates computed by
// SQLite (GROUP BY) rather than by loading records, so a registry of 100,000 systems paints
// its first screen in a few milliseconds. Every value reaches SQL as a bound parameter; the
// only text spliced into SQL comes from the fixed `RegistrySort` columns below.

/// The column the console's registry table is ordered by.
public enum RegistrySort: String, CaseIterable, Sendable {
    case id, name, owner, status, tier

    /// The ORDER BY expression; ties are broken by id so paging is stable.
    var sql: String {
        switch self {
        case .id: "id"
        case .name: "name COLLATE NOCASE"
        case .owner: "owner"
        case .status:
            "CASE status WHEN 'production' THEN 0 WHEN 'pilot' THEN 1 WHEN 'development' THEN 2 WHEN 'proposed' THEN 3 ELSE 4 END"
        case .tier:
            "CASE coalesce(tier, 'unassessed') WHEN 'prohibited' THEN 0 WHEN 'high' THEN 1 WHEN 'limited' THEN 2 WHEN 'minimal' THEN 3 WHEN 'unassessed' THEN 4 ELSE 5 END"
        }
    }
}

/// Which systems the registry table shows and in what order.
public struct RegistryQuery: Sendable, Equatable {
    /// Structured filters (`tier:high status:production owner:x tag:y`).
    public var filter: SystemFilter
    /// Free text, matched case-insensitively against id, name, owner and purpose.
    public var text: String
    public var sort: RegistrySort
    public var descending: Bool

    public init(filter: SystemFilter = SystemFilter(), text: String = "", sort: RegistrySort = .id, descending: Bool = false) {
        self.filter = filter
        self.text = text
        self.sort = sort
        self.descending = descending
    }

    /// The WHERE clause over `systems` and its arguments.
    func whereClause() -> (String, StatementArguments) {
        var (clause, args) = filter.sql(ids: [])
        for word in text.split(whereSeparator: \.isWhitespace) {
            let pattern = "%" + likeEscape(String(word)) + "%"
            clause += " AND (id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR owner LIKE ? ESCAPE '\\' OR coalesce(purpose, '') LIKE ? ESCAPE '\\')"
            _ = args.append(contentsOf: StatementArguments([pattern, pattern, pattern, pattern]))
        }
        return (clause, args)
    }
}

/// Counts for the console's dashboard, each from one GROUP BY.
public struct RegistryCounts: Sendable, Equatable {
    public var total = 0
    public var byTier: [RiskTier: Int] = [:]
    public var byStatus: [SystemStatus: Int] = [:]
    public init() {}
}

extension Registry {
    /// How many systems the query selects.
    public func count(_ query: RegistryQuery) throws -> Int {
        let (clause, args) = query.whereClause()
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM systems WHERE \(clause)", arguments: args) ?? 0
        }
    }

    /// One page of the query's systems, in the query's order.
    ///
    /// Only the page's ids are selected with ORDER BY … LIMIT/OFFSET; their full records are then
    /// loaded by id, so the cost is that of the page, not of the registry.
    public func page(_ query: RegistryQuery, offset: Int, limit: Int) throws -> [StoredSystem] {
        let (clause, args) = query.whereClause()
        let direction = query.descending ? "DESC" : "ASC"
        return try read { db in
            var pageArgs = args
            _ = pageArgs.append(contentsOf: [max(0, limit), max(0, offset)])
            let ids = try String.fetchAll(db, sql: """
                SELECT id FROM systems WHERE \(clause) ORDER BY \(query.sort.sql) \(direction), id \(direction) LIMIT ? OFFSET ?
                """, arguments: pageArgs)
            guard !ids.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let loaded = try SystemRows.load(db: db, where: "id IN (\(marks))", arguments: StatementArguments(ids))
            let byId = Dictionary(loaded.map { ($0.system.id, $0) }, uniquingKeysWith: { a, _ in a })
            return ids.compactMap { byId[$0] }
        }
    }

    /// The position of a system in the query's order, or nil when the query does not select it.
    public func position(of id: String, in query: RegistryQuery) throws -> Int? {
        let (clause, args) = query.whereClause()
        let direction = query.descending ? "DESC" : "ASC"
        return try read { db in
            var a = args
            _ = a.append(contentsOf: [id])
            return try Int.fetchOne(db, sql: """
                SELECT n - 1 FROM (SELECT id, row_number() OVER (ORDER BY \(query.sort.sql) \(direction), id \(direction)) AS n
                FROM systems WHERE \(clause)) WHERE id = ?
                """, arguments: a)
        }
    }

    /// Systems after `afterId` in id order, at most `limit`: the batches of a full scan.
    public func batch(after afterId: String, limit: Int) throws -> [StoredSystem] {
        try read { db in
            try SystemRows.load(db: db, where: "id IN (SELECT id FROM systems WHERE id > ? ORDER BY id LIMIT ?)",
                                arguments: [afterId, limit])
        }
    }

    /// The waivers of the given systems (all waivers when `systems` is nil).
    public func waivers(systems: [String]?) throws -> [Waiver] {
        try read { db in
            var sql = "SELECT system_id, rule, reason, approved_by, expires FROM waivers"
            var args = StatementArguments()
            if let systems {
                guard !systems.isEmpty else { return [] }
                sql += " WHERE system_id IN (\(Array(repeating: "?", count: systems.count).joined(separator: ",")))"
                args = StatementArguments(systems)
            }
            return try Row.fetchAll(db, sql: sql, arguments: args).compactMap { r in
                Day(r[4] as String).map { Waiver(system: r[0], rule: r[1], reason: r[2], approvedBy: r[3], expires: $0) }
            }
        }
    }

    /// Systems by tier and by status.
    public func counts() throws -> RegistryCounts {
        try read { db in
            var c = RegistryCounts()
            for row in try Row.fetchAll(db, sql: "SELECT coalesce(tier, 'unassessed'), count(*) FROM systems GROUP BY 1") {
                if let t = RiskTier(rawValue: row[0]) { c.byTier[t, default: 0] += row[1] as Int }
            }
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM systems GROUP BY 1") {
                if let s = SystemStatus(rawValue: row[0]) { c.byStatus[s, default: 0] += row[1] as Int }
            }
            c.total = c.byStatus.values.reduce(0, +)
            return c
        }
    }

    /// SQLite's `PRAGMA data_version`: it changes when another connection commits, so polling it
    /// tells the console that a script changed the registry.
    public func dataVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
