import AIGovApp
import AIGovCore
import AIGovRules

/// The Statement of Applicability and the NIST AI RMF view as documents: `aigov soa -o md`
/// and the pack's `soa.md`/`soa.html` and `nist-ai-rmf.md`/`nist-ai-rmf.html` are the same text.
public enum FrameworkPages {
    public static let soaName = "soa"
    public static let nistName = "nist-ai-rmf"

    /// What every page says about the mapping.
    static let alignment = "The mapping of aigov's rules to controls and subcategories is alignment, not legal equivalence: "
        + "ISO/IEC 42001 is not a harmonised standard under the AI Act, and a control the registry shows as implemented "
        + "is one whose mapped rules pass on every active system it covers, not a certified control (docs/frameworks.md)."

    /// `3 high, 1 medium` for the open findings of a tally, or `0`.
    public static func openText(_ s: FindingSummary) -> String { s.openText }

    /// `a, b, c and 4 more`.
    public static func names(_ ids: [String], limit: Int = 8) -> String {
        ids.count <= limit ? ids.joined(separator: ", ") : ids.prefix(limit).joined(separator: ", ") + " and \(ids.count - limit) more"
    }

    /// `passing/covered`, e.g. `3/5`.
    public static func coverage(_ t: FrameworkRowTally) -> String { t.coverageText }

    static func soaDocument(_ soa: StatementOfApplicability) -> Document {
        let counts = soa.statusCounts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        var summary: [Document.Block] = [
            .facts([
                ("Day", soa.today.description),
                ("Active systems counted", String(soa.activeSystems)),
                ("Controls", "38 (Annex A)"),
                ("Statuses", counts),
                ("Written by hand", soa.overridesFile.map { "\(soa.rows.filter { $0.override != nil }.count) control(s), from \($0)" } ?? "none (no soa.yaml)"),
            ]),
            .para("For each control: applicable when a rule mapped to it applies to an active system (pilot or production); "
                  + "systems passing/covered counts the active systems the mapped rules apply to and those with no open finding of them; "
                  + "the status is implemented when every covered system passes, not implemented when none does, partially implemented "
                  + "otherwise, and not applicable when no mapped rule applies (to be justified). A status written in soa.yaml wins."),
            .para(alignment),
        ]
        if soa.activeSystems == 0 { summary.append(.para("The registry holds no active system: every control it maps is not applicable.")) }
        let header = ["Control", "Title", "Applicable", "Systems passing/covered", "Open findings", "Waived", "Evidence", "Status", "Source"]
        func row(_ r: SoARow) -> [String] {
            [r.control.id, r.control.title, r.applicability, coverage(r.tally), openText(r.tally.summary), String(r.tally.summary.waived),
             String(r.tally.evidence.count), r.status.rawValue, r.override == nil ? r.source : "soa.yaml"]
        }
        var details: [Document.Block] = []
        for r in soa.registryRows {
            details.append(.heading("\(r.control.id) \(r.control.title)"))
            details.append(.facts([
                ("Status", r.status.rawValue + (r.override != nil && r.override?.status != r.drafted ? " (the registry drafts: \(r.drafted.rawValue))" : "")),
                ("Justification", r.override.map { "\($0.justification) (\($0.source))" }),
                ("Rules", r.tally.rules.joined(separator: ", ")),
                ("Systems covered", names(r.tally.covered, limit: 20)),
                ("Not passing", names(r.tally.failing, limit: 20)),
                ("Evidence", r.tally.evidence.isEmpty ? nil
                    : r.tally.evidence.prefix(20).map { "\($0.system): \($0.title) (\($0.kind.rawValue))" }.joined(separator: "; ")
                    + (r.tally.evidence.count > 20 ? "; and \(r.tally.evidence.count - 20) more" : "")),
            ]))
        }
        let outside = soa.outsideRows.map { r in
            [r.control.id, r.control.title, r.override?.status.rawValue ?? "record elsewhere", r.override.map { "\($0.justification) (\($0.source))" } ?? ""]
        }
        return Document(
            title: "Statement of Applicability — ISO/IEC 42001:2023 Annex A",
            subtitle: "Drafted by aigov from the registry on \(soa.today); the organisation reviews and signs it.",
            sections: [
                Document.Section(title: "Summary", blocks: summary),
                Document.Section(title: "Controls the registry shows", blocks: [.table(header, soa.registryRows.map(row))]),
                Document.Section(title: "Controls in detail", blocks: details),
                Document.Section(title: "Outside the registry: record elsewhere", blocks: [
                    .para("No aigov rule maps to these controls (the AI policy, its review, resources, competence). "
                          + "Record their status and evidence in the management system, or by hand in soa.yaml."),
                    .table(["Control", "Title", "Status", "Justification"], outside),
                ]),
            ])
    }

    static func nistDocument(_ view: FrameworkView, today: Day) -> Document {
        var sections = [Document.Section(title: "Summary", blocks: [
            .facts([("Day", today.description), ("Active systems counted", String(view.systems)),
                    ("Subcategories", "72 in 19 categories; \(view.rows.filter { !$0.row.rules.isEmpty }.count) mapped to aigov rules")]),
            .para("Per subcategory: the aigov rules mapped to it, the active systems they apply to and how many pass them, and their "
                  + "open and waived findings. A subcategory no rule maps to is shown as outside the registry."),
            .para(alignment),
        ])]
        let byCategory = Dictionary(grouping: view.rows, by: { $0.item.group })
        for function in NISTAIRMF.functions {
            var blocks: [Document.Block] = []
            for category in NISTAIRMF.categories where category.parent == function.id {
                blocks.append(.heading("\(category.id) \(category.title)"))
                blocks.append(.table(["Subcategory", "Title", "Rules", "Systems passing/covered", "Open findings", "Waived", "Not passing"],
                                     (byCategory[category.id] ?? []).map { item, t in
                                         t.rules.isEmpty
                                             ? [item.id, item.title, "outside the registry", "", "", "", ""]
                                             : [item.id, item.title, t.rules.joined(separator: ", "), coverage(t), openText(t.summary),
                                                String(t.summary.waived), names(t.failing)]
                                     }))
            }
            sections.append(Document.Section(title: "\(function.title) (\(function.id))", blocks: blocks))
        }
        return Document(title: "NIST AI RMF 1.0 — the registry by function and category",
                        subtitle: "Drafted by aigov from the registry on \(today).", sections: sections)
    }

    /// `aigov soa -o md`, the pack's `soa.md`.
    public static func soaMarkdown(_ soa: StatementOfApplicability) -> String { soaDocument(soa).markdown() }

    /// The pack's four framework files, path and text.
    static func files(soa: StatementOfApplicability, nist: FrameworkView, today: Day) -> [(String, String)] {
        let s = soaDocument(soa)
        let n = nistDocument(nist, today: today)
        return [
            (soaName + ".md", s.markdown()), (soaName + ".html", s.html(backLink: "index.html")),
            (nistName + ".md", n.markdown()), (nistName + ".html", n.html(backLink: "index.html")),
        ]
    }
}
