import AIGovCore
import AIGovRules

// The duties that start when a system is in use (OPERATIONS.md): which of them a system has,
// and the fundamental rights impact assessment drafted from the record (Art. 27).

/// Which fundamental rights impact assessment and EU database registration a system owes.
///
/// The one place that decides it: `aigov fria`, `aigov register`, the console's Impact tab
/// and the audit pack all ask `OperationsDuties.of(_:)`.
public struct OperationsDuties: Sendable, Equatable {
    /// Where the answer came from.
    public enum Basis: String, Sendable, Equatable {
        /// The classification's outcome (CLASSIFY.md, "Obligations derived").
        case classification
        /// The recorded `eu_ai_act` flags, as the rules read them (no classification, or its
        /// outcome stopped at step 1 or 2).
        case recordedFlags = "recorded-flags"
    }

    /// Art. 27: an impact assessment is due before first use.
    public var friaRequired: Bool
    /// Art. 49: the Annex VIII section of the EU database entry (or national, or none).
    public var registration: RegistrationSection
    public var basis: Basis
    /// The Annex III areas the system falls in: from the classification's points, else the
    /// recorded `annex_iii`.
    public var areas: [AnnexIIIArea]

    public init(friaRequired: Bool, registration: RegistrationSection, basis: Basis, areas: [AnnexIIIArea]) {
        self.friaRequired = friaRequired
        self.registration = registration
        self.basis = basis
        self.areas = areas
    }

    /// The duties of one system.
    ///
    /// With a classification whose outcome did not stop at step 1 or 2, its obligations
    /// decide. Otherwise the recorded flags do, as the rules read them:
    /// - FRIA: HRD-001's condition — high-risk, role deployer, and (`public_body` with
    ///   `annex_iii` ≠ critical-infrastructure, or `annex_iii` = essential-services);
    /// - registration: a provider (provider, product-manufacturer, authorised-representative)
    ///   of a high-risk system with `annex_iii` set → A (national for critical-infrastructure);
    ///   a provider claiming the Art. 6(3) exemption, not high-risk → B; a public-body deployer
    ///   of a high-risk system with `annex_iii` set and ≠ critical-infrastructure → C; A, B and C
    ///   are restricted when `annex_iii` is law-enforcement or migration.
    public static func of(_ s: AISystem) -> OperationsDuties {
        if let outcome = ClassificationOutcome.of(s), outcome.stoppedAt != 1, outcome.stoppedAt != 2 {
            var areas: [AnnexIIIArea] = []
            for p in s.classification?.answers?.annexIII ?? [] where !areas.contains(p.area) { areas.append(p.area) }
            return OperationsDuties(friaRequired: outcome.obligations.friaRequired,
                                    registration: outcome.obligations.registration, basis: .classification, areas: areas)
        }
        let act = s.euAiAct ?? EUAIAct()
        let high = s.tier == .high
        let area = act.annexIII
        let role = act.role
        let fria = high && role == .deployer
            && ((act.publicBody == true && area != .criticalInfrastructure) || area == .essentialServices)
        let provider = role == .provider || role == .productManufacturer || role == .authorisedRepresentative
        var section: RegistrationSection = .none
        if provider, high, let area {
            section = area == .criticalInfrastructure ? .national : .A
        } else if provider, !high, act.art63Exemption == true {
            section = .B
        } else if role == .deployer, high, act.publicBody == true, let area, area != .criticalInfrastructure {
            section = .C
        }
        if area == .lawEnforcement || area == .migration {
            switch section {
            case .A: section = .aRestricted
            case .B: section = .bRestricted
            case .C: section = .cRestricted
            default: break
            }
        }
        return OperationsDuties(friaRequired: fria, registration: section, basis: .recordedFlags, areas: area.map { [$0] } ?? [])
    }
}

/// A fundamental rights impact assessment drafted from the record: the six sections of
/// Art. 27(1), each section that is empty named by its letter and record path.
public struct FRIADraft: Sendable, Equatable, Encodable {
    public struct Section: Sendable, Equatable, Encodable {
        /// `a` … `f`.
        public var letter: String
        public var title: String
        public var article: String
        /// The record paths the section is drawn from.
        public var paths: [String]
        /// False when the section is empty (FRI-002).
        public var filled: Bool
        /// The section's content, one entry per line or list item.
        public var items: [String]
    }

    /// An empty section: its letter and the path to fill.
    public struct Missing: Sendable, Equatable, Encodable {
        public var section: String
        public var path: String
    }

    public var system: String
    public var name: String
    /// Whether the system owes an assessment (`OperationsDuties`), and why.
    public var required: Bool
    public var basis: OperationsDuties.Basis
    public var performed: Day?
    public var notified: Day?
    public var authority: String?
    public var dpiaReference: String?
    public var nextReview: Day?
    /// `next_review` is before the draft's day (FRI-003).
    public var reviewOverdue: Bool
    /// Evidence entries of kind fria: "title (uri, date)".
    public var evidence: [String]
    public var sections: [Section]
    public var missing: [Missing]

    /// Every section has content.
    public var complete: Bool { missing.isEmpty }

    enum CodingKeys: String, CodingKey {
        case system, name, required, basis, performed, notified, authority, dpiaReference = "dpia_reference"
        case nextReview = "next_review", reviewOverdue = "review_overdue", evidence, sections, missing, complete
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(system, forKey: .system)
        try c.encode(name, forKey: .name)
        try c.encode(required, forKey: .required)
        try c.encode(basis.rawValue, forKey: .basis)
        try c.encode(performed, forKey: .performed)
        try c.encode(notified, forKey: .notified)
        try c.encode(authority, forKey: .authority)
        try c.encode(dpiaReference, forKey: .dpiaReference)
        try c.encode(nextReview, forKey: .nextReview)
        try c.encode(reviewOverdue, forKey: .reviewOverdue)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(sections, forKey: .sections)
        try c.encode(missing, forKey: .missing)
        try c.encode(complete, forKey: .complete)
    }

    /// Drafts the assessment of `s` as it stands on `today`.
    public init(_ s: AISystem, today: Day) {
        let duties = OperationsDuties.of(s)
        let f = s.fria
        system = s.id
        name = s.name
        required = duties.friaRequired
        basis = duties.basis
        performed = f?.performed
        notified = f?.notified
        authority = f?.authority.nonBlank
        dpiaReference = f?.dpiaReference.nonBlank
        nextReview = f?.nextReview
        reviewOverdue = f?.nextReview.map { $0 < today } ?? false
        evidence = s.evidence.filter { $0.kind == .fria }.map(OpsText.evidence)
        sections = FRIASection.allCases.map { section in
            Section(letter: section.rawValue, title: section.title, article: section.article, paths: section.sources,
                    filled: !section.isEmpty(in: s), items: FRIADraft.items(section, of: s))
        }
        missing = FRIASection.allCases.filter { $0.isEmpty(in: s) }.map { Missing(section: $0.rawValue, path: $0.path) }
    }

    /// The content of one section, from the record.
    static func items(_ section: FRIASection, of s: AISystem) -> [String] {
        switch section {
        case .a: return s.fria?.process.nonBlank.map { [$0] } ?? []
        case .b: return s.fria?.periodAndFrequency.nonBlank.map { [$0] } ?? []
        case .c:
            var out = (s.impact?.affectedGroups ?? []).filter { !$0.isBlank }
            if !out.isEmpty, let consulted = s.impact?.stakeholdersConsulted.filter({ !$0.isBlank }), !consulted.isEmpty {
                out.append("Stakeholders consulted: " + consulted.joined(separator: ", "))
            }
            return out
        case .d:
            return s.risks.map { r in
                var t = r.description
                if let sev = r.severity { t += " (severity \(sev.rawValue))" }
                t += r.mitigation.nonBlank.map { "; mitigation: \($0)" } ?? "; no mitigation recorded"
                return t
            }
        case .e:
            return s.oversight.map { o in
                var t = (o.type.map { $0.rawValue + ": " } ?? "") + o.mechanism
                var facts: [String] = []
                if let who = o.who.nonBlank { facts.append("who: \(who)") }
                if let stop = o.canStop { facts.append("can stop the system: \(stop ? "yes" : "no")") }
                if let m = o.responseMinutes { facts.append("responds within \(m) min") }
                if let d = o.lastTested { facts.append("last tested \(d)") }
                if !facts.isEmpty { t += " (" + facts.joined(separator: "; ") + ")" }
                return t
            }
        case .f:
            if s.fallbacks.isEmpty { return [] }
            var out = s.fallbacks.map { fb in
                var t = "On \(fb.trigger?.rawValue ?? "any failure"): \(fb.strategy?.rawValue ?? "fallback")"
                if let target = fb.target.nonBlank { t += " — \(target)" }
                var facts: [String] = []
                if let owner = fb.owner.nonBlank { facts.append("owner \(owner)") }
                if let rto = fb.rtoMinutes { facts.append("recovery within \(rto) min") }
                if let d = fb.lastTested { facts.append("last tested \(d)") }
                if let rb = fb.runbook.nonBlank { facts.append("runbook \(rb)") }
                if !facts.isEmpty { t += " (" + facts.joined(separator: "; ") + ")" }
                return t
            }
            out.append("Complaints: " + (s.impact?.appeal.nonBlank ?? "no complaint mechanism recorded (impact.appeal)"))
            if let r = s.review, r.lastReviewed != nil || r.intervalDays != nil || !r.reviewer.isBlank {
                var t = "Governance: "
                t += r.lastReviewed.map { "last reviewed \($0)" } ?? "never reviewed"
                t += ", every \(r.effectiveInterval) days"
                if let who = r.reviewer.nonBlank { t += " by \(who)" }
                out.append(t)
            } else {
                out.append("Governance: no review recorded (review)")
            }
            return out
        }
    }

    /// The draft as Markdown (`aigov fria -o md`).
    public func markdown() -> String {
        let md = OpsText.markdown
        var out = "# Fundamental rights impact assessment: \(md(name)) (\(md(system)))\n\n"
        out += "Drafted by aigov from the registry record (Art. 27 of Regulation (EU) 2024/1689). "
        out += required
            ? "An assessment is required before first use (\(basis == .classification ? "from the classification" : "from the recorded eu\\_ai\\_act flags")).\n\n"
            : "The record does not show that an assessment is required (\(basis == .classification ? "from the classification" : "from the recorded eu\\_ai\\_act flags")).\n\n"
        out += "- **Performed:** \(performed?.description ?? "not yet (fria.performed)")\n"
        out += "- **Notified to the market surveillance authority (Art. 27(3)):** \(notified?.description ?? "not yet (fria.notified)")\n"
        out += "- **Authority:** \(authority.map(md) ?? "not recorded")\n"
        out += "- **DPIA reference (Art. 27(4)):** \(dpiaReference.map(md) ?? "none")\n"
        out += "- **Next review (Art. 27(2)):** \(nextReview.map { "\($0)" + (reviewOverdue ? " (overdue)" : "") } ?? "not set")\n"
        for e in evidence { out += "- **Evidence:** \(md(e))\n" }
        out += "\n"
        for s in sections {
            out += "## (\(s.letter)) \(md(s.title))\n\n_\(s.article); from \(s.paths.map { "`\($0)`" }.joined(separator: ", "))_\n\n"
            if !s.filled {
                out += "**Empty:** record `\(s.paths[0])`.\n\n"
                if s.items.isEmpty { continue }
            }
            if s.items.count == 1, s.letter == "a" || s.letter == "b" {
                out += md(s.items[0]) + "\n\n"
            } else {
                for i in s.items { out += "- " + md(i) + "\n" }
                out += "\n"
            }
        }
        if missing.isEmpty {
            out += "Every section (a)–(f) has content.\n"
        } else {
            out += "**Missing:** " + missing.map { "(\($0.section)) `\($0.path)`" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}

/// Text helpers for the operations documents.
enum OpsText {
    /// Escapes text for Markdown: characters with Markdown meaning are backslash-escaped,
    /// `<`, `>` and `&` become entities (no raw HTML), line breaks become spaces.
    static func markdown(_ s: String) -> String { MarkupText.markdown(s) }

    /// "title (uri, date)".
    static func evidence(_ e: Evidence) -> String {
        let extra = [e.uri.nonBlank, e.date?.description].compactMap { $0 }
        return e.title + (extra.isEmpty ? "" : " (" + extra.joined(separator: ", ") + ")")
    }
}

extension Optional where Wrapped == String {
    /// The text when it is not blank, else nil.
    var nonBlank: String? {
        guard let s = self, !s.isBlank else { return nil }
        return s
    }
}
