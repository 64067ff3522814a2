import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// A system's technical documentation, structured after Annex IV of the EU AI Act.
enum TechnicalDocumentation {
    static func yesNo(_ b: Bool?) -> String? { b.map { $0 ? "yes" : "no" } }

    static func document(_ r: SystemResult, waivers: [StoredWaiver], history: [AuditEntry], settings: PackSettings) -> Document {
        let s = r.system
        var sections: [Document.Section] = []

        // 1. Annex IV(1): general description and intended purpose.
        var general: [Document.Block] = [.facts([
            ("System id", s.id), ("Name", s.name), ("Intended purpose", s.purpose ?? "(not recorded)"),
            ("Owner", s.owner), ("Contact", s.contact), ("Status", s.status.rawValue),
            ("Status since", s.statusSince?.description), ("Tags", s.tags.joined(separator: ", ")),
            ("Legal basis", s.legalBasis),
        ])]
        if let i = s.impact {
            general.append(.heading("Decisions and the people affected"))
            general.append(.facts([
                ("Decisions", i.decisions), ("Affected groups", i.affectedGroups.joined(separator: ", ")),
                ("Stakeholders consulted", i.stakeholdersConsulted.joined(separator: ", ")),
                ("How decisions are explained", i.explanation), ("How to appeal", i.appeal),
            ]))
        }
        if !s.suppliers.isEmpty {
            general.append(.heading("Suppliers"))
            general.append(.table(["Supplier", "Role"], s.suppliers.map { [$0.name, $0.role?.rawValue ?? ""] }))
        }
        sections.append(.init(title: "General description and intended purpose", blocks: general))
        sections.append(ClassificationSection.section(s))

        // 2. Annex IV(2)(b): design choices — models and why they were chosen.
        var models: [Document.Block] = []
        if s.models.isEmpty { models.append(.para("No model is recorded.")) }
        models.append(.table(["Model", "Provider", "Version", "Technique", "Role", "Hosting", "Licence", "End of life"],
                             s.models.map { m in
                                 [m.name, m.provider, m.version ?? "", m.technique?.rawValue ?? "", m.role?.rawValue ?? "",
                                  m.hosting?.rawValue ?? "", m.license ?? "", m.endOfLife?.description ?? ""]
                             }))
        for m in s.models {
            models.append(.heading("Why \(m.name)"))
            models.append(.facts([("Rationale", m.rationale ?? "(not recorded)"),
                                  ("Alternatives considered", m.alternatives.joined(separator: "; ")),
                                  ("Parameters", m.parameters)]))
        }
        sections.append(.init(title: "Models and why they were chosen", blocks: models))

        // 3. Annex IV(2)(d): data requirements and provenance.
        var data: [Document.Block] = []
        if s.datasets.isEmpty { data.append(.para("No dataset is recorded.")) }
        data.append(.table(["Dataset", "Source", "Licence", "Purpose", "Personal data", "Special category", "Lawful basis",
                            "Collected", "Retention", "Derived from", "Known limitations"],
                           s.datasets.map { d in
                               [d.name, d.source ?? "", d.license ?? "", d.purpose.map(\.rawValue).joined(separator: ", "),
                                yesNo(d.personalData) ?? "", yesNo(d.specialCategory) ?? "", d.lawfulBasis?.rawValue ?? "",
                                d.collected ?? "", d.retention ?? "", d.derivedFrom.joined(separator: ", "), d.knownLimitations ?? ""]
                           }))
        sections.append(.init(title: "Data and provenance", blocks: data))

        // 4. Annex IV(2)(e), Art. 14: human oversight.
        var oversight: [Document.Block] = []
        if s.oversight.isEmpty { oversight.append(.para("No human oversight is recorded.")) }
        oversight.append(.table(["Type", "Mechanism", "Who", "Can stop", "Response (min)", "Last tested"],
                                s.oversight.map { o in
                                    [o.type?.rawValue ?? "", o.mechanism, o.who ?? "", yesNo(o.canStop) ?? "",
                                     o.responseMinutes.map(String.init) ?? "", o.lastTested?.description ?? ""]
                                }))
        sections.append(.init(title: "Human oversight", blocks: oversight))

        // 5. Art. 15(4): fallbacks and resilience.
        var fallbacks: [Document.Block] = []
        if s.fallbacks.isEmpty { fallbacks.append(.para("No fallback is recorded.")) }
        fallbacks.append(.table(["Trigger", "Strategy", "Uses AI", "Model", "Target", "RTO (min)", "Owner", "Runbook", "Last tested"],
                                s.fallbacks.map { f in
                                    [f.trigger?.rawValue ?? "", f.strategy?.rawValue ?? "", yesNo(f.usesAI) ?? "", f.model ?? "",
                                     f.target ?? "", f.rtoMinutes.map(String.init) ?? "", f.owner ?? "", f.runbook ?? "",
                                     f.lastTested?.description ?? ""]
                                }))
        let providers = Array(Set(s.models.filter { $0.role == .primary || s.models.count == 1 }.map(\.provider))).sorted()
        for p in providers {
            if let o = ExitScenario(providers: [p], today: settings.today).outcome(for: s) {
                fallbacks.append(.para("If \(p) became unavailable: \(o.kind.rawValue) — \(o.explanation)."))
            }
        }
        sections.append(.init(title: "Fallbacks and resilience", blocks: fallbacks))

        // 6. Risk tier and obligations with their dates.
        var tier: [Document.Block] = []
        let a = s.euAiAct
        tier.append(.facts([
            ("Risk tier", s.tier.rawValue), ("Role", a?.role?.rawValue), ("Annex III area", a?.annexIII?.rawValue),
            ("Annex I product", yesNo(a?.annexIProduct)),
            ("Annex I section", a?.annexIProduct == true ? (a?.annexISection ?? .a).rawValue + (a?.annexISection == nil ? " (not recorded: read as A)" : "") : nil),
            ("On the market since", a?.onMarketSince?.description), ("Significant change", a?.significantChange?.description),
            ("Legacy status (Art. 111(2))", s.tier == .high
                ? (HighRiskReach.explanation(for: s, timeline: Timeline(settings.timeline)) ?? "not legacy: the high-risk requirements apply on their dates")
                : nil),
            ("Art. 6(3) exemption", yesNo(a?.art63Exemption)),
            ("Art. 6(3) reason", a?.art63Reason), ("Profiling", yesNo(a?.profiling)), ("General-purpose AI", yesNo(a?.gpai)),
            ("Interacts with people", yesNo(a?.interactsWithPeople)), ("Synthetic content", yesNo(a?.syntheticContent)),
            ("Deep fake", yesNo(a?.deepfake)), ("Emotion or biometric categorisation", yesNo(a?.emotionOrBiometricCategorisation)),
            ("Public body", yesNo(a?.publicBody)), ("Public authority", yesNo(a?.publicAuthority)), ("Rationale", a?.rationale), ("EU database id", a?.euDatabaseId),
            ("Conformity assessment", a?.conformity?.rawValue),
        ]))
        tier.append(.heading("Obligations (\(settings.timeline.rawValue) timeline)"))
        tier.append(.table(["Obligations", "In force from", "On \(settings.today)"], obligations(r, settings: settings)))
        if !s.risks.isEmpty || !s.metrics.isEmpty {
            tier.append(.heading("Risks and how they are mitigated"))
            tier.append(.table(["Risk", "Severity", "Mitigation"],
                               s.risks.map { [$0.description, $0.severity?.rawValue ?? "", $0.mitigation ?? ""] }))
            tier.append(.table(["Metric", "Group", "Target", "Value", "Measured"],
                               s.metrics.map { [$0.name, $0.group ?? "", $0.target ?? "", $0.value ?? "", $0.measured?.description ?? ""] }))
        }
        if let rv = s.review {
            tier.append(.facts([("Last reviewed", rv.lastReviewed?.description), ("Review interval (days)", String(rv.effectiveInterval)),
                                ("Reviewer", rv.reviewer)]))
        }
        sections.append(.init(title: "Risk tier and obligations", blocks: tier))

        // 7. Evidence.
        var evidence: [Document.Block] = []
        if s.evidence.isEmpty { evidence.append(.para("No evidence is recorded.")) }
        evidence.append(.table(["Kind", "Title", "Location", "Date", "SHA-256"],
                               s.evidence.map { [$0.kind?.rawValue ?? "", $0.title, $0.uri ?? "", $0.date?.description ?? "", $0.sha256 ?? ""] }))
        sections.append(.init(title: "Evidence", blocks: evidence))

        // 8. Findings and waivers.
        let sum = r.summary
        var findings: [Document.Block] = [.para(
            "Completeness score \(r.score.value)/100 (\(r.score.passed) of \(r.score.applicable) checks pass) on \(settings.today): "
                + "\(sum.open) open, \(sum.waived) waived and \(sum.upcoming) upcoming findings.")]
        findings.append(.table(["Rule", "Severity", "Status", "Path", "Finding", "Reference", "Remediation", "Due"],
                               r.findings.map { f in
                                   [f.rule, f.severity.rawValue, f.status.rawValue, f.path, f.message, f.reference, f.remediation,
                                    f.due?.description ?? ""]
                               }))
        if !waivers.isEmpty {
            findings.append(.heading("Waivers"))
            findings.append(.table(["Rule", "Reason", "Approved by", "Expires", "In force", "Recorded by"],
                                   waivers.map { w in
                                       [w.waiver.rule, w.waiver.reason, w.waiver.approvedBy, w.waiver.expires.description,
                                        w.waiver.covers(settings.today) ? "yes" : "no", "\(w.createdBy) at \(w.createdAt)"]
                                   }))
        }
        sections.append(.init(title: "Findings and waivers", blocks: findings))

        // 9. Annex IV(6): changes through the life cycle.
        var changes: [Document.Block] = []
        if history.isEmpty { changes.append(.para("No change is recorded.")) }
        changes.append(.table(["#", "When", "Who", "Action", "Entity", "Fields", "Hash"],
                              history.map { e in
                                  [String(e.seq), e.at, e.actor, e.action, e.entityId, fieldList(e.changes), String(e.hash.prefix(12))]
                              }))
        sections.append(.init(title: "Change history", blocks: changes))

        return Document(title: "Technical documentation: \(s.name)",
                        subtitle: "\(s.id) · structured after Annex IV of Regulation (EU) 2024/1689 · generated \(settings.generatedAt) by aigov \(settings.toolVersion)",
                        sections: sections)
    }

    /// The obligation groups of the rules that apply to the system, with their dates.
    static func obligations(_ r: SystemResult, settings: PackSettings) -> [[String]] {
        groups(r, settings: settings).map { g in
            let from = g.day
            let state = from.map { settings.today >= $0 } ?? true ? "in force" : "upcoming"
            return [g.title, from?.description ?? "always", state]
        }
    }

    /// The timeline rows of the rules that apply to the system: a rule's group, or the group
    /// the record selects for it (INV-004 `art5-2026`, TRN-002 `art50-legacy`), in timeline order.
    static func groups(_ r: SystemResult, settings: PackSettings) -> [(name: String, title: String, day: Day?)] {
        let applicable = Set(r.applicable)
        let timeline = Timeline(settings.timeline)
        var names: Set<String> = []
        for rule in settings.rules where applicable.contains(rule.id) {
            names.insert((rule as? BuiltInRule)?.recordGroup(for: r.system)?.rawValue ?? rule.group(for: r.system).rawValue)
        }
        return timeline.rows.filter { names.contains($0.group) }.map { row in
            (row.group, ObligationGroup(rawValue: row.group).map(describe) ?? row.title.prefix(1).uppercased() + row.title.dropFirst(), row.inForce)
        }
    }

    /// A reader's name for an obligation group.
    static func describe(_ g: ObligationGroup) -> String {
        switch g {
        case .art5: "Prohibited practices (Art. 5)"
        case .lit: "AI literacy (Art. 4)"
        case .art50: "Transparency (Art. 50)"
        case .hr1: "High-risk requirements, Annex I products"
        case .hr3: "High-risk requirements, Annex III areas"
        case .ops: "Operational good practice"
        case .gdpr: "GDPR duties"
        }
    }

    /// `["a","b"]` → `a, b` (the audit log stores changed fields as a JSON list).
    static func fieldList(_ json: String) -> String {
        var s = json
        if s.hasPrefix("[") { s.removeFirst() }
        if s.hasSuffix("]") { s.removeLast() }
        return s.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: ",", with: ", ")
    }
}
