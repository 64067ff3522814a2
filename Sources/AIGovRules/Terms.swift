import AIGovCore

// The "Terms used in the conditions" of RULES.md, in one place so every rule reads them alike.

extension AISystem {
    /// `HR`: tier high.
    var isHighRisk: Bool { tier == .high }
    /// `active`: status pilot or production.
    var isActive: Bool { status == .pilot || status == .production }
    /// `live`: status production.
    var isLive: Bool { status == .production }
    /// `people`: profiling, an Annex III area, or high-risk.
    var decidesAboutPeople: Bool {
        euAiAct?.profiling == true || euAiAct?.annexIII != nil || isHighRisk
    }
    /// The organisation's role, if recorded.
    var operatorRole: OperatorRole? { euAiAct?.role }

    /// `evidence(k)`: an evidence entry of that kind exists.
    func hasEvidence(_ kind: EvidenceKind) -> Bool { evidence.contains { $0.kind == kind } }

    /// Indexes of the `primary` models: role primary, or the first model when no model has a role.
    var primaryModelIndices: [Int] {
        if models.allSatisfy({ $0.role == nil }) { return models.isEmpty ? [] : [0] }
        return models.indices.filter { models[$0].role == .primary }
    }

    /// The model a name refers to, if any entry has that name.
    func model(named name: String) -> Model? { models.first { $0.name == name } }
}

extension Optional where Wrapped == String {
    /// `unpinned(v)`: absent, empty, or `latest` in any case.
    var isUnpinned: Bool {
        guard let v = self, !v.isBlank else { return true }
        return v.trimmingWhitespace.lowercased() == "latest"
    }

    /// Empty, or the word `unknown` in any case.
    var isBlankOrUnknown: Bool {
        guard let v = self, !v.isBlank else { return true }
        return v.isUnknown
    }
}

extension String {
    /// The word `unknown` in any case, ignoring surrounding white space.
    var isUnknown: Bool { trimmingWhitespace.lowercased() == "unknown" }

    /// The text without leading and trailing white space (no Foundation needed).
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Case-insensitive equality after trimming, for comparing free-text names such as vendors.
    func sameName(as other: String) -> Bool {
        trimmingWhitespace.lowercased() == other.trimmingWhitespace.lowercased()
    }
}
