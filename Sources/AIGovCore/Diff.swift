extension AISystem {
    /// The interchange keys whose values differ from `old`, dotted one level into the
    /// `eu_ai_act`, `impact` and `review` objects (`eu_ai_act.tier`); lists by their key.
    /// An object that appears or disappears with no field set is reported by its own key.
    ///
    /// The paths and their order are the catalog's (`RecordCatalog.recordFields`), so the
    /// audit log names fields exactly as files, `aigov set` and custom rules do.
    public func changedFields(from old: AISystem) -> [String] {
        var out: [String] = []
        for f in AISystem.fields { changes(f, from: old, into: &out) }
        return out
    }

    private func changes(_ f: CatalogField<AISystem>, from old: AISystem, into out: inout [String]) {
        guard case .block = f.info.kind else {
            if !f.same(old, self) { out.append(f.info.path) }
            return
        }
        var changed: [String] = []
        for child in f.blockFields { changes(child, from: old, into: &changed) }
        // The block's fields read an absent block as an empty one; what is left is presence.
        if changed.isEmpty, !f.same(old, self) { out.append(f.info.path) }
        out += changed
    }
}
