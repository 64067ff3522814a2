import AIGovCore

/// How far Chapter III (the high-risk requirements) reaches one system, rule set v3
/// (RULES.md "Annex I Section B products" and "Legacy high-risk systems"). Every rule of group
/// `hr` and INC-001…003 read it: the engine asks `RuleObligation.reaches` for their scope and
/// `RuleObligation.inForce` for their date.
public enum HighRiskReach: Equatable, Sendable {
    /// The ordinary group: `hr1` for an Annex I Section A product, else `hr3`.
    case ordinary(ObligationGroup)
    /// A legacy system of a public authority: group `hr-legacy`, in force from 2030-08-02.
    case legacyBackstop
    /// A legacy system outside public authorities: the Act reaches it only after a significant
    /// change to its design, so the rules yield nothing.
    case legacyGrace
    /// An Annex I Section B product without an Annex III area: its sectoral law carries the
    /// requirements (Art. 2(2)), so the rules yield nothing.
    case sectionB

    public static func of(_ s: AISystem, timeline: Timeline) -> HighRiskReach {
        if s.isSectionBProduct { return .sectionB }
        if s.isLegacy(timeline: timeline) { return s.isAuthority ? .legacyBackstop : .legacyGrace }
        return .ordinary(s.highRiskBaseGroup)
    }

    /// Whether the rules of group `hr` look at the system at all.
    public var reaches: Bool {
        switch self {
        case .ordinary, .legacyBackstop: true
        case .legacyGrace, .sectionB: false
        }
    }
}

extension AISystem {
    /// `hr1` when the system is an Annex I product of Section A (an absent section reads A),
    /// else `hr3`.
    public var highRiskBaseGroup: ObligationGroup {
        euAiAct?.annexIProduct == true && euAiAct?.annexISection != .b ? .hr1 : .hr3
    }

    /// `annex_i_product`, `annex_i_section` B and no `annex_iii` (RULES.md, Art. 2(2)).
    public var isSectionBProduct: Bool {
        euAiAct?.annexIProduct == true && euAiAct?.annexISection == .b && euAiAct?.annexIII == nil
    }

    /// `authority` of RULES.md: `public_authority` when recorded, else `public_body`.
    public var isAuthority: Bool { euAiAct?.publicAuthority ?? euAiAct?.publicBody ?? false }

    /// The day Chapter III starts for the system on `timeline` (the cut-off C of Art. 111(2)):
    /// its group's date, amended `hr3` 2027-12-02 and `hr1` 2028-08-02, original 2026-08-02 for
    /// both (the text as first published named that one date).
    public func legacyCutoff(timeline: Timeline) -> Day {
        let group: ObligationGroup = timeline.kind == .original ? .hr3 : highRiskBaseGroup
        return timeline.inForce(group) ?? Day(ordinal: 0)
    }

    /// On the market before the cut-off, and no significant change on or after it. Without
    /// `on_market_since` a system is not legacy: the duties apply until the record says otherwise.
    public func isLegacy(timeline: Timeline) -> Bool {
        guard let since = euAiAct?.onMarketSince else { return false }
        let cutoff = legacyCutoff(timeline: timeline)
        return since < cutoff && (euAiAct?.significantChange.map { $0 < cutoff } ?? true)
    }
}

extension RuleObligation {
    /// Whether a rule of this obligation looks at the system (false for a Section B product and
    /// a legacy system in its grace when the obligation is `hr`).
    public func reaches(_ system: AISystem, timeline: Timeline) -> Bool {
        guard case .highRisk = self else { return true }
        return HighRiskReach.of(system, timeline: timeline).reaches
    }

    /// The first day the obligation applies to the system: its group's date, or `hr-legacy`'s
    /// for a legacy system of a public authority.
    public func inForce(for system: AISystem, timeline: Timeline) -> Day? {
        if case .highRisk = self, HighRiskReach.of(system, timeline: timeline) == .legacyBackstop {
            return timeline.inForce(RecordGroup.hrLegacy)
        }
        return timeline.inForce(group(for: system))
    }
}

extension HighRiskReach {
    /// One sentence for a person (the console's system view, `aigov explain RULE ID`, the
    /// pack's technical documentation): why the high-risk rules reach the system as they do,
    /// and what ends a legacy system's grace; nil for an ordinary system.
    public static func explanation(for s: AISystem, timeline: Timeline) -> String? {
        let backstop = timeline.inForce(RecordGroup.hrLegacy).map(String.init(describing:)) ?? ""
        switch of(s, timeline: timeline) {
        case .ordinary: return nil
        case .sectionB:
            return "Annex I Section B product: the high-risk requirements reach it through its sectoral law; of the AI Act only Art. 6(1), 60a and 102–112 apply (Art. 2(2))"
        case .legacyGrace, .legacyBackstop:
            let since = s.euAiAct?.onMarketSince.map(String.init(describing:)) ?? ""
            let grace = "legacy system (Art. 111(2)): on the market since \(since), before \(s.legacyCutoff(timeline: timeline)); "
                + "Chapter III applies from a significant change in its design (record it as eu_ai_act.significant_change)"
            return s.isAuthority ? grace + ", and in any case from \(backstop) for a system of a public authority" : grace
        }
    }
}
