/// "Did you mean": the candidate nearest to a word a person typed, for error messages.
public enum Suggest {
    /// The candidate within a small edit distance of `word` (case-insensitive; at most 2 edits,
    /// or 1 for words of up to 4 characters), the nearest first; nil when none is that close.
    /// Words and candidates longer than 200 characters are not compared (the cost is bounded).
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty, w.count <= 200 else { return nil }
        let limit = w.count <= 4 ? 1 : 2
        var best: (String, Int)?
        for c in candidates {
            let k = Array(c.lowercased().unicodeScalars)
            guard k.count <= 200, abs(k.count - w.count) <= limit, k != w else { continue }
            let d = distance(w, k, limit: limit)
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        return best?.0
    }

    /// `; did you mean "x"?` for a message, or "" when nothing is near.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        nearest(word, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// Levenshtein distance, stopping early once every path exceeds `limit` (then limit + 1).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
