import AIGovCore

// The "Terms used in the conditions" of RULES.md, in one place so every rule reads them alike.

extension AISystem {
    /// `HR`: tier high.
    var isHighRisk: Bool { tier == .high }
    /// `active`: status pilot or production.
    public var isActive: Bool { status == .pilot || status == .production }
    /// `live`: status production.
    var isLive: Bool { status == .production }
    /// `people`: profiling, an Annex III area, or high-risk.
    var decidesAboutPeople: Bool {
        euAiAct?.profiling == true || euAiAct?.annexIII != nil || isHighRisk
    }
    /// The `eu_ai_act` block, empty when absent.
    var act: EUAIAct { euAiAct ?? EUAIAct() }
    /// The organisation's role, if recorded.
    var operatorRole: OperatorRole? { euAiAct?.role }

    /// `evidence(k)`: an evidence entry of that kind exists.
    func hasEvidence(_ kind: EvidenceKind) -> Bool { evidence.contains { $0.kind == kind } }

    /// Indexes of the `primary` models: role primary, or the first model when no model has a role.
    var primaryModelIndices: [Int] {
        if models.allSatisfy({ $0.role == nil }) { return models.isEmpty ? [] : [0] }
        return models.indices.filter { models[$0].role == .primary }
    }

    /// The outcome of the record's classification when it did not stop at step 1 or 2: "with a
    /// classification" of RULES.md, where HRD-001, HRD-005 and HRP-007 read its obligations.
    var settledOutcome: ClassificationOutcome? {
        guard let o = ClassificationOutcome.of(self), o.isSettled else { return nil }
        return o
    }

    /// The model a name refers to, if any entry has that name.
    func model(named name: String) -> Model? { models.first { $0.name == name } }
}

extension Optional where Wrapped == String {
    /// "Empty" of RULES.md: absent, empty or only white space (`isBlank`, on a fast path).
    var isEmptyText: Bool { self?.isEmptyText ?? true }

    /// `unpinned(v)`: absent, empty, or `latest` in any case.
    var isUnpinned: Bool {
        guard let v = self else { return true }
        return v.isEmptyText || v.isWord("latest")
    }

    /// Empty, or the word `unknown` in any case.
    var isBlankOrUnknown: Bool {
        guard let v = self else { return true }
        return v.isEmptyText || v.isWord("unknown")
    }
}

extension String {
    /// Same answer as `isBlank` of AIGovCore, without a Unicode property lookup per
    /// character for ASCII text (rules read millions of fields in a large registry).
    var isEmptyText: Bool {
        for byte in utf8 {
            switch byte {
            case 0x20, 0x09...0x0D: continue
            case 0x80...: return isBlank
            default: return false
            }
        }
        return true
    }

    /// The word `unknown` in any case, ignoring surrounding white space.
    var isUnknown: Bool { isWord("unknown") }

    /// Whether the text is `word` (lower-case ASCII) in any case, ignoring surrounding white space.
    func isWord(_ word: StaticString) -> Bool {
        var bytes = utf8[...]
        while let b = bytes.first, b == 0x20 || (0x09...0x0D).contains(b) { bytes.removeFirst() }
        while let b = bytes.last, b == 0x20 || (0x09...0x0D).contains(b) { bytes.removeLast() }
        guard bytes.count == word.utf8CodeUnitCount else {
            // Non-ASCII white space around the word: compare the slow, exact way.
            return bytes.contains { $0 >= 0x80 } && trimmingWhitespace.lowercased() == word.description
        }
        return word.withUTF8Buffer { w in
            zip(bytes, w).allSatisfy { b, c in (b >= 0x41 && b <= 0x5A ? b + 0x20 : b) == c }
        }
    }

    /// The text without leading and trailing white space (no Foundation needed).
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Case-insensitive equality after trimming, for comparing free-text names such as vendors.
    func sameName(as other: String) -> Bool {
        self == other || trimmingWhitespace.lowercased() == other.trimmingWhitespace.lowercased()
    }
}
