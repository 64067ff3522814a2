import AIGovApp
import AIGovCore
import AIGovFormats

/// `operations.html` and `operations.json`: the fundamental rights impact assessment drafted
/// for every system that needs one (or has one on record), and the EU database entry of every
/// system that must be registered (OPERATIONS.md). Both come from the application layer's
/// `FRIADraft` and `RegistrationEntry`, so they say what `aigov fria` and `aigov register` say.
enum OperationsPages {
    static let htmlFile = "operations.html"
    static let jsonFile = "operations.json"

    /// The systems whose assessment the pack carries: required, or performed anyway.
    static func drafts(_ systems: [AISystem], today: Day) -> [FRIADraft] {
        systems.filter { OperationsDuties.of($0).friaRequired || $0.fria != nil }.map { FRIADraft($0, today: today) }
    }

    /// The systems with an EU database entry to file (national and none have none).
    static func entries(_ systems: [AISystem], today: Day) -> [RegistrationEntry] {
        systems.map { RegistrationEntry($0, today: today) }.filter { $0.section != nil }
    }

    /// Both files, path and content.
    static func files(_ systems: [AISystem], settings: PackSettings) throws -> [(String, String)] {
        let drafts = drafts(systems, today: settings.today)
        let entries = entries(systems, today: settings.today)
        struct JSONFile: Encodable {
            var today: String
            var fria: [FRIADraft]
            var registrations: [RegistrationEntry]
        }
        let json = try RecordWriter.json(JSONFile(today: settings.today.description, fria: drafts, registrations: entries))
        return [(htmlFile, html(drafts, entries, settings: settings)), (jsonFile, json)]
    }

    /// The link and counts on the index page.
    static func indexSection(_ systems: [AISystem], settings: PackSettings) -> String {
        let drafts = drafts(systems, today: settings.today)
        let entries = entries(systems, today: settings.today)
        let incomplete = drafts.filter { !$0.complete }.count
        let unfilled = entries.filter { !$0.complete }.count
        var out = "<section><h2>Impact assessments and EU database registration</h2><p>"
        out += "<a href=\"\(htmlFile)\">\(drafts.count) fundamental rights impact assessment\(drafts.count == 1 ? "" : "s")</a> "
        out += "(\(incomplete) with empty sections) and "
        out += "<a href=\"\(htmlFile)#registration\">\(entries.count) EU database entr\(entries.count == 1 ? "y" : "ies")</a> "
        out += "(\(unfilled) with missing items), drafted from the records (Art. 27, Art. 49, Annex VIII).</p></section>\n"
        return out
    }

    static func html(_ drafts: [FRIADraft], _ entries: [RegistrationEntry], settings: PackSettings) -> String {
        let title = "Impact assessments and EU database registration"
        var out = HTMLPage.head(title: title)
        out += "<nav class=\"noprint\"><a href=\"index.html\">← Registry overview</a></nav>\n"
        out += "<header><h1>\(Text.html(title))</h1><p class=\"sub\">Drafted from the registry records on \(settings.today) "
        out += "by aigov \(Text.html(settings.toolVersion)) · Art. 27 and Art. 49, Annex VIII of Regulation (EU) 2024/1689</p></header>\n"

        // Overview.
        out += "<section id=\"fria\"><h2>Fundamental rights impact assessments (Art. 27)</h2>"
        if drafts.isEmpty { out += "<p class=\"muted\">No system needs an assessment or has one on record.</p>" }
        out += HTMLPage.table(header: ["System", "Required", "Performed", "Notified", "Next review", "Empty sections"],
                              rows: drafts.map { d in
                                  ["<a href=\"#fria-\(Text.html(d.system))\">\(Text.html(d.system))</a>", d.required ? "yes" : "no",
                                   d.performed?.description ?? "not yet", d.notified?.description ?? "not yet",
                                   (d.nextReview?.description ?? "") + (d.reviewOverdue ? " (overdue)" : ""),
                                   Text.html(d.missing.map { "(\($0.section)) \($0.path)" }.joined(separator: ", "))]
                              })
        out += "</section>\n"
        for d in drafts { out += friaSection(d) }

        out += "<section id=\"registration\"><h2>EU database registration (Art. 49, Annex VIII)</h2>"
        if entries.isEmpty { out += "<p class=\"muted\">No system has an EU database entry to file.</p>" }
        out += HTMLPage.table(header: ["System", "Registration", "Database id", "Missing items"],
                              rows: entries.map { e in
                                  ["<a href=\"#registration-\(Text.html(e.system))\">\(Text.html(e.system))</a>",
                                   Text.html(e.registration.rawValue), Text.html(e.euDatabaseId ?? "not recorded"),
                                   Text.html(e.missing.map { "\(e.section ?? "").\($0.point) \($0.path)" }.joined(separator: ", "))]
                              })
        out += "</section>\n"
        for e in entries { out += registrationSection(e) }
        return out + HTMLPage.foot("aigov \(Text.html(settings.toolVersion)) · generated \(Text.html(settings.generatedAt))")
    }

    static func friaSection(_ d: FRIADraft) -> String {
        var out = "<section id=\"fria-\(Text.html(d.system))\"><h2>Impact assessment: \(Text.html(d.name)) (\(Text.html(d.system)))</h2>\n"
        out += "<dl>"
        let facts: [(String, String)] = [
            ("Required", d.required ? "yes, before first use" : "not shown by the record"),
            ("Decided from", d.basis == .classification ? "the classification" : "the recorded eu_ai_act flags"),
            ("Performed", d.performed?.description ?? "not yet (fria.performed)"),
            ("Notified (Art. 27(3))", d.notified?.description ?? "not yet (fria.notified)"),
            ("Authority", d.authority ?? "not recorded"),
            ("DPIA reference (Art. 27(4))", d.dpiaReference ?? "none"),
            ("Next review (Art. 27(2))", (d.nextReview?.description ?? "not set") + (d.reviewOverdue ? " (overdue)" : "")),
        ] + d.evidence.map { ("Evidence", $0) }
        for (k, v) in facts { out += "<dt>\(Text.html(k))</dt><dd>\(Text.html(v))</dd>" }
        out += "</dl>\n"
        for s in d.sections {
            out += "<h3>(\(Text.html(s.letter))) \(Text.html(s.title))</h3>"
            out += "<p class=\"muted\">\(Text.html(s.article)) · from \(Text.html(s.paths.joined(separator: ", ")))</p>"
            if !s.filled { out += "<p><b>Empty:</b> record \(Text.html(s.paths.first ?? ""))</p>" }
            if !s.items.isEmpty {
                out += "<ul>" + s.items.map { "<li>\(Text.html($0))</li>" }.joined() + "</ul>"
            }
            out += "\n"
        }
        out += d.missing.isEmpty ? "<p>Every section (a)–(f) has content.</p>"
            : "<p><b>Missing:</b> \(Text.html(d.missing.map { "(\($0.section)) \($0.path)" }.joined(separator: ", ")))</p>"
        return out + "</section>\n"
    }

    static func registrationSection(_ e: RegistrationEntry) -> String {
        var out = "<section id=\"registration-\(Text.html(e.system))\"><h2>EU database entry: \(Text.html(e.name)) (\(Text.html(e.system)))</h2>\n"
        out += "<dl><dt>Registration</dt><dd>\(Text.html(e.registration.rawValue + (e.reference.map { " — \($0)" } ?? "")))</dd>"
        out += "<dt>Decided from</dt><dd>\(e.basis == .classification ? "the classification" : "the recorded eu_ai_act flags")</dd>"
        out += "<dt>EU database id</dt><dd>\(Text.html(e.euDatabaseId ?? "not recorded"))</dd></dl>\n"
        out += "<p>\(Text.html(e.note))</p>\n"
        out += HTMLPage.table(header: ["Point", "Item", "Value", "Status"], rows: e.items.map { i in
            let value = i.status == .missing ? "missing: " + i.missing.joined(separator: ", ") + (i.value.map { " (so far: \($0))" } ?? "")
                : (i.value ?? "")
            return ["\(Text.html(e.section ?? "")).\(Text.html(i.point))", Text.html(i.label), Text.html(value), Text.html(i.status.rawValue)]
        })
        return out + "</section>\n"
    }
}
