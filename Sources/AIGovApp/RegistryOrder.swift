import AIGovCore
import AIGovStore

/// The registry table's orders that come from the evaluation rather than from a column of the
/// `systems` table: by score, by worst open finding, by number of open findings. The rows are
/// the same scored rows the table shows (`Workspace.scored`: stored summaries, stale ones
/// evaluated); the console only picks the order and draws them.
public enum ScoredOrder: String, CaseIterable, Sendable {
    case score, worst, open

    /// Worst first unless `reversed`: lowest score, most severe open finding (none last), most
    /// open findings; ties by id, so the order is stable.
    public func sorted(_ rows: [ScoredSystem], reversed: Bool = false) -> [ScoredSystem] {
        func key(_ r: ScoredSystem) -> Int {
            switch self {
            case .score: r.score
            case .worst: -(r.worstOpen.map { $0.rank + 1 } ?? 0)
            case .open: -r.open
            }
        }
        return rows.sorted { a, b in
            let (ka, kb) = (key(a), key(b))
            if ka != kb { return reversed ? ka > kb : ka < kb }
            return a.stored.system.id < b.stored.system.id
        }
    }
}

extension Workspace {
    /// Every system `query` selects (its filter and text; its column sort is ignored), scored
    /// and in `order`. Read a batch at a time; at 100,000 systems it reads them all, so it is
    /// what a person asks for with a key, not what a screen draws on every frame.
    public func scoredRows(_ query: RegistryQuery, order: ScoredOrder, reversed: Bool = false,
                           batchSize: Int = 2000) throws -> [ScoredSystem] {
        var q = query
        q.sort = .id
        q.descending = false
        var rows: [ScoredSystem] = []
        var offset = 0
        while true {
            let page = try registry.page(q, offset: offset, limit: batchSize)
            rows += try scored(page)
            offset += page.count
            if page.count < batchSize { break }
        }
        return order.sorted(rows, reversed: reversed)
    }
}
