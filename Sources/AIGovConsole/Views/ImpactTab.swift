import AIGovApp
import AIGovCore
import AIGovRules

extension SystemView {
    /// The tab row of the System screen. With room, tabs get a space either side and a gap
    /// (and the Findings tab its open count); narrower, the gaps go, then the count; at 80
    /// columns the tabs share the spaces between them and the selected one is drawn padded.
    static func drawTabs(_ selected: SystemTab, openCount: Int, width: Int, into b: inout ScreenBuffer) {
        let tabs = SystemTab.allCases
        func labels(count: Bool) -> [String] {
            tabs.map { $0 == .findings && count && openCount > 0 ? "\($0.rawValue) (\(openCount))" : $0.rawValue }
        }
        func needed(_ l: [String], pad: Int, gap: Int) -> Int { l.reduce(1) { $0 + TextWidth.of($1) + pad + gap } }
        let counted = labels(count: true), plain = labels(count: false)
        let layouts: [([String], Int)] = [(counted, 1), (counted, 0), (plain, 0)]
        if let (names, gap) = layouts.first(where: { needed($0.0, pad: 2, gap: $0.1) <= width }) {
            var tx = 1
            for (t, label) in zip(tabs, names) {
                tx = b.put(" \(label) ", row: 2, col: tx, style: t == selected ? .tabActive : .tab) + gap
            }
            return
        }
        var tx = 1
        var active: (col: Int, label: String)?
        for (t, label) in zip(tabs, plain) {
            if t == selected { active = (tx, label) }
            tx = b.put(" \(label)", row: 2, col: tx, style: .tab)
        }
        if let active { b.put(" \(active.label) ", row: 2, col: active.col, style: .tabActive) }
    }
}

/// The Impact tab: the duties the system has after go-live (OPERATIONS.md) and its
/// fundamental rights impact assessment in the six sections of Art. 27(1), drafted from the
/// record by the application layer (the same draft as `aigov fria` and the audit pack).
enum ImpactTab {
    static func lines(_ sys: AISystem, today: Day, width: Int) -> [Line] {
        var out: [Line] = []
        let labelWidth = 24
        func heading(_ t: String, _ style: Style = .header) {
            if !out.isEmpty { out.append([]) }
            out.append([(" " + t, style)])
        }
        func kv(_ label: String, _ value: String?, _ style: Style = .normal) {
            let chunks = wrap(value ?? "—", width: max(10, width - labelWidth - 3))
            for (i, chunk) in chunks.enumerated() {
                out.append([(TextWidth.fit(i == 0 ? "   " + label : "", labelWidth), .dim), (chunk, value == nil ? .dim : style)])
            }
        }
        func para(_ text: String, _ style: Style = .normal, indent: Int = 5, bullet: Bool = false) {
            let pad = String(repeating: " ", count: indent)
            for (i, l) in wrap(text, width: max(10, width - indent - 3)).enumerated() {
                out.append([(pad + (bullet ? (i == 0 ? "• " : "  ") : "") + l, style)])
            }
        }

        let duties = OperationsDuties.of(sys)
        let draft = FRIADraft(sys, today: today)
        let entry = RegistrationEntry(sys, today: today)
        let basis = duties.basis == .classification ? "from the classification" : "from the recorded flags"

        heading("Duties after go-live")
        kv("impact assessment", duties.friaRequired ? "required before first use (Art. 27), \(basis)" : "not required, \(basis)",
           duties.friaRequired && draft.performed == nil ? .high : .normal)
        let registration = entry.registration.rawValue + (entry.reference.map { " — \($0)" } ?? "")
        kv("EU registration", registration + ", \(basis)")
        if entry.section != nil {
            if entry.missing.isEmpty {
                kv("entry", "every item filled" + (entry.restricted ? " (secure non-public section)" : ""), .ok)
            } else {
                kv("entry missing", entry.missing.map { "\(entry.section ?? "").\($0.point) \($0.path)" }.joined(separator: ", "), .medium)
            }
            kv("EU database id", entry.euDatabaseId)
        } else {
            kv("entry", entry.note, .dim)
        }

        heading("Assessment (Art. 27)")
        kv("performed", draft.performed?.description, duties.friaRequired && draft.performed == nil ? .high : .normal)
        if draft.performed != nil {
            kv("notified", draft.notified?.description ?? "not notified (Art. 27(3))", draft.notified == nil ? .high : .normal)
        } else {
            kv("notified", draft.notified?.description)
        }
        kv("authority", draft.authority)
        kv("DPIA reference", draft.dpiaReference)
        if let next = draft.nextReview {
            let n = next.days(since: today)
            kv("next review", draft.reviewOverdue ? "\(next) (\(-n) days overdue)" : "\(next) (in \(n) days)",
               draft.reviewOverdue ? .medium : .normal)
        } else {
            kv("next review", nil)
        }
        for e in draft.evidence { kv("evidence", e) }

        for s in draft.sections {
            heading("(\(s.letter)) \(s.title)", s.filled ? .header : .medium)
            out.append([("     " + s.article + " · " + s.paths.joined(separator: ", "), .dim)])
            if !s.filled { para("empty: record \(s.paths[0])", .medium) }
            let prose = s.letter == "a" || s.letter == "b"
            for item in s.items { para(item, .normal, bullet: !prose) }
        }
        out.append([])
        if draft.missing.isEmpty {
            out.append([("   every section (a)–(f) has content", .ok)])
        } else {
            out.append([("   missing: " + draft.missing.map { "(\($0.section)) \($0.path)" }.joined(separator: ", "), .medium)])
        }
        return out
    }
}
