import AIGovCore
import AIGovStore

/// The ids new systems of one import take: each must be free in the registry and among the
/// import's other new systems; a taken id gets the first free suffix `-2`, `-3` ….
struct NewIds {
    var claimed: Set<String> = []
    /// For each wanted id, the suffix its last claim ended at. The ids tried before it are
    /// still taken (claims only add), so the next claim of the same id starts there: 10,000
    /// entries of one name no longer try 1 + 2 + … + 10,000 ids.
    var next: [String: Int] = [:]

    mutating func claim(_ wanted: String, taken: (String) throws -> Bool) throws -> [String] {
        var n = next[wanted] ?? 1
        func candidate(_ n: Int) -> String {
            guard n > 1 else { return wanted }
            let suffix = "-\(n)"
            return String(wanted.prefix(63 - suffix.count)) + suffix
        }
        var id = candidate(n)
        while try claimed.contains(id) || taken(id) {
            n += 1
            id = candidate(n)
        }
        next[wanted] = n
        claimed.insert(id)
        return [id]
    }
}

/// What resolving an import's targets asks of the registry, read once when first needed:
/// which systems exist, record which models, and carry which register tags. It was a query
/// (or a scan of every system, for a model) per contribution: 5,000 MLflow models read the
/// whole registry 5,000 times, and 10,000 register entries ran 30,000 queries.
final class RegistryLookup {
    let registry: Registry
    private var loaded = false
    /// Ids in id order (the order of the registry's reads); the maps hold positions in it.
    private var ids: [String] = []
    private var positions: [String: Int] = [:]
    /// Each model's name and provider, and each name prefix a `ModelKey.prefixMatches` would
    /// match (the name before an `@` or `/`), to the systems recording it.
    private var byModel: [ModelKey: [Int]] = [:]
    private var byPrefix: [ModelKey: [Int]] = [:]
    /// Register tags (by their bytes, as SQL compares them) to the systems carrying them.
    private var byTag: [[UInt8]: [Int]] = [:]
    private var registerTagged: Set<Int> = []

    init(_ registry: Registry) { self.registry = registry }

    private func load() throws {
        guard !loaded else { return }
        loaded = true
        try registry.forEachSystem { stored in
            let s = stored.system
            let p = ids.count
            ids.append(s.id)
            positions[s.id] = p
            func add(_ key: ModelKey, _ map: inout [ModelKey: [Int]]) {
                if map[key]?.last != p { map[key, default: []].append(p) }
            }
            for m in s.models {
                let key = ModelKey(name: m.name, provider: m.provider)
                add(key, &byModel)
                add(key, &byPrefix)
                var prefix = ""
                for c in m.name {
                    if c == "@" || c == "/" { add(ModelKey(name: prefix, provider: m.provider), &byPrefix) }
                    prefix.append(c)
                }
            }
            for t in s.tags where t.hasPrefix(AlgorithmRegister.tagPrefix) {
                registerTagged.insert(p)
                let bytes = Array(t.utf8)
                if byTag[bytes]?.last != p { byTag[bytes, default: []].append(p) }
            }
        }
    }

    /// The systems, in id order, with a model matching one of `keys` or prefix-matching one
    /// of `prefixes` (`ModelKey.matches`, `ModelKey.prefixMatches`).
    func systems(recording keys: [ModelKey], prefixes: [ModelKey]) throws -> [String] {
        try load()
        var found: Set<Int> = []
        for k in keys { found.formUnion(byModel[k] ?? []) }
        for k in prefixes { found.formUnion(byPrefix[k] ?? []) }
        return found.sorted().map { ids[$0] }
    }

    /// The systems, in id order, carrying this register tag.
    func systems(tagged tag: String) throws -> [String] {
        try load()
        return (byTag[Array(tag.utf8)] ?? []).map { ids[$0] }
    }

    func exists(_ id: String) throws -> Bool {
        try load()
        return positions[id] != nil
    }

    /// Whether the system carries any `algoritmeregister:` tag.
    func hasRegisterTag(_ id: String) throws -> Bool {
        try load()
        return positions[id].map(registerTagged.contains) ?? false
    }
}
