/// The source fields an import read but did not map into a record, with how often each
/// occurred and why (#26: nothing is lost silently).
///
/// Every importer collects one of these while it reads and appends `notes()` to the
/// report's notes, so every face (CLI summary, JSON report, the console's preview) lists
/// them the same way: `not mapped: FIELD ×N (REASON)`, one line per field, sorted by field.
struct UnmappedFields {
    private var counts: [String: (count: Int, reason: String)] = [:]

    /// Counts one occurrence of `field` (a source path without indices, e.g.
    /// `modelCard.considerations.energyConsumptions`), dropped for `reason`.
    mutating func add(_ field: String, reason: String) {
        counts[field, default: (0, reason)].count += 1
    }

    /// Whether nothing was left unmapped.
    var isEmpty: Bool { counts.isEmpty }

    /// How often `field` was left unmapped (0 when never).
    func count(_ field: String) -> Int { counts[field]?.count ?? 0 }

    /// One note line per field, sorted by field.
    func notes() -> [String] {
        counts.sorted { $0.key < $1.key }.map { "not mapped: \($0.key) ×\($0.value.count) (\($0.value.reason))" }
    }
}
