import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore
import Foundation

/// The System screen: a header, the tabs, and the selected tab's lines.
///
/// `lines(_:today:width:)` is a pure presentation function (lazygit's habit), so each tab can
/// be tested without a terminal.
public enum SystemView {
    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        guard let s = c.systemController.state else { return }
        let sys = s.stored.system
        let open = s.findings.filter { $0.status == .open }
        var x = b.put(" \(sys.id)", row: 1, col: 0, style: .header)
        x = b.put("  \(sys.name)", row: 1, col: x, style: .normal)
        let right = "score \(s.score)  open \(open.count)  v\(s.stored.rowVersion) "
        b.put(right, row: 1, col: c.width - TextWidth.of(right), style: s.score >= 90 ? .ok : s.score >= 60 ? .medium : .high)
        SystemView.drawTabs(s.tab, openCount: open.count, width: c.width, into: &b)
        let lines = SystemView.lines(s, today: c.today, width: c.width)
        for i in 0..<(c.height - 4) {
            let idx = s.scroll + i
            guard lines.indices.contains(idx) else { break }
            b.draw(lines[idx], row: 3 + i)
        }
        if lines.count > c.height - 4 {
            let more = "\(min(lines.count, s.scroll + c.height - 4))/\(lines.count)"
            b.put(more, row: c.height - 2, col: c.width - TextWidth.of(more) - 1, style: .dim)
        }
    }

    /// The Findings tab's lines, and the line each finding starts on. The selected finding
    /// (`findingCursor`, what `w` and `u` act on) is marked with `›` and drawn selected.
    static func findingLines(_ s: SystemState, width: Int) -> (lines: [Line], starts: [Int]) {
        var out: [Line] = []
        var starts: [Int] = []
        func para(_ text: String, _ style: Style, indent: Int) {
            for l in wrap(text, width: width - indent - 1) { out.append([(String(repeating: " ", count: indent) + l, style)]) }
        }
        if s.findings.isEmpty { out.append([("   no findings: every rule that applies passes", .ok)]) }
        for (i, f) in s.findings.enumerated() {
            let status = f.status == .open ? "" : f.status == .waived ? "  waived until \(f.waiver?.expires.description ?? "?")" : "  from \(f.due?.description ?? "?")"
            let selected = i == s.findingCursor
            out.append([])
            starts.append(out.count)
            out.append([((selected ? "›" : " ") + TextWidth.fit(f.severity.rawValue, 9), selected ? .selected : f.status == .open ? Style.severity(f.severity) : .dim),
                        (TextWidth.fit(f.rule, 9), selected ? .selected : .key), (f.path, selected ? .selected : .dim), (status, selected ? .selected : .dim)])
            para(f.message, f.status == .open ? .normal : .dim, indent: 4)
            para("fix: " + f.remediation + (f.reference.isEmpty ? "" : " (\(f.reference))"), .dim, indent: 4)
        }
        return (out, starts)
    }

    /// The lines of the selected tab.
    public static func lines(_ s: SystemState, today: Day, width: Int) -> [Line] {
        var out: [Line] = []
        let sys = s.stored.system
        let labelWidth = 24
        func heading(_ t: String) {
            if !out.isEmpty { out.append([]) }
            out.append([(" " + t, .header)])
        }
        func kv(_ label: String, _ value: String?, _ style: Style = .normal) {
            let v = value.map { $0.isEmpty ? "(empty)" : $0 } ?? "—"
            let chunks = wrap(v, width: max(10, width - labelWidth - 3))
            for (i, chunk) in chunks.enumerated() {
                out.append([(TextWidth.fit(i == 0 ? "   " + label : "", labelWidth), .dim), (chunk, value == nil ? .dim : style)])
            }
        }
        func para(_ text: String, _ style: Style = .normal, indent: Int = 5) {
            for l in wrap(text, width: width - indent - 1) { out.append([(String(repeating: " ", count: indent) + l, style)]) }
        }
        func flag(_ b: Bool?) -> String? { b.map { $0 ? "yes" : "no" } }
        // Due dates, their scope and their urgency come from the application layer (the rules'
        // schedule), so the view shows exactly what a rule would report as overdue.
        let dueItems = DueSchedule.items(for: sys)
        func dueText(_ kind: DueItem.Kind, entry: Int? = nil) -> (String, Style)? {
            guard let item = dueItems.first(where: { $0.kind == kind && $0.entry == entry }) else { return nil }
            let n = item.due.days(since: today)
            let text = item.kind == .modelEndOfLife
                ? "\(item.due) (\(n < 0 ? "\(-n) days ago" : "in \(n) days"))"
                : n < 0 ? "\(item.due) (\(-n) days overdue)" : "\(item.due) (in \(n) days)"
            switch item.urgency(on: today) {
            case .overdue: return (text, item.kind == .modelEndOfLife ? .critical : .high)
            case .soon: return (text, .medium)
            case .later: return (text, .normal)
            }
        }

        switch s.tab {
        case .overview:
            heading("System")
            kv("purpose", sys.purpose)
            kv("owner", sys.owner)
            kv("contact", sys.contact)
            kv("status", sys.status.rawValue + (sys.statusSince.map { " since \($0)" } ?? ""))
            kv("tags", sys.tags.isEmpty ? nil : sys.tags.joined(separator: ", "))
            kv("legal basis", sys.legalBasis)
            kv("suppliers", sys.suppliers.isEmpty ? nil : sys.suppliers.map { $0.name + ($0.role.map { " (\($0.rawValue))" } ?? "") }.joined(separator: ", "))
            kv("last change", "version \(s.stored.rowVersion) by \(s.stored.updatedBy) (times in History)")
            heading("EU AI Act")
            if let e = sys.euAiAct {
                kv("tier", e.tier?.rawValue, e.tier == .high || e.tier == .prohibited ? .high : .normal)
                kv("role", e.role?.rawValue)
                kv("annex III area", e.annexIII?.rawValue)
                // Rules v3's facts, shown when recorded.
                if let v = e.annexISection { kv("annex I section", v.rawValue) }
                if let d = e.onMarketSince { kv("on market since", d.description) }
                if let d = e.significantChange { kv("significant change", d.description) }
                if let reach = s.reach { kv("high-risk reach", reach, .medium) }
                let flags: [(String, Bool?)] = [
                    ("annex I product", e.annexIProduct), ("art. 6(3) exemption", e.art63Exemption), ("profiling", e.profiling),
                    ("GPAI", e.gpai), ("interacts with people", e.interactsWithPeople), ("synthetic content", e.syntheticContent),
                    ("deepfake", e.deepfake), ("emotion/biometric categ.", e.emotionOrBiometricCategorisation), ("public body", e.publicBody),
                    ("public authority", e.publicAuthority),
                ]
                let yes = flags.filter { $0.1 == true }.map(\.0)
                kv("applies", yes.isEmpty ? "none of the flags" : yes.joined(separator: ", "))
                if e.art63Exemption == true { kv("exemption reason", e.art63Reason) }
                kv("rationale", e.rationale)
                kv("conformity", e.conformity?.rawValue)
                kv("EU database id", e.euDatabaseId)
            } else {
                kv("tier", "unassessed (no eu_ai_act section)", .medium)
            }
            heading("Impact")
            if let i = sys.impact {
                kv("decisions", i.decisions)
                kv("affected groups", i.affectedGroups.isEmpty ? nil : i.affectedGroups.joined(separator: ", "))
                kv("consulted", i.stakeholdersConsulted.isEmpty ? nil : i.stakeholdersConsulted.joined(separator: ", "))
                kv("explanation", i.explanation)
                kv("appeal", i.appeal)
            } else {
                kv("impact", nil)
            }
            heading("Review")
            if let r = sys.review {
                kv("last reviewed", r.lastReviewed?.description)
                kv("interval", "\(r.effectiveInterval) days")
                kv("reviewer", r.reviewer)
                if let d = dueText(.review) { kv("next review", d.0, d.1) }
            } else {
                kv("review", nil)
            }
        case .models:
            if sys.models.isEmpty { out.append([("   no models recorded", .dim)]) }
            for (i, m) in sys.models.enumerated() {
                heading("models[\(i)]  \(m.name)")
                kv("provider", m.provider)
                kv("version", m.version, m.version.isBlank || m.version == "latest" ? .medium : .normal)
                kv("role", m.role?.rawValue)
                kv("technique", m.technique?.rawValue)
                kv("hosting", m.hosting?.rawValue)
                kv("license", m.license)
                kv("parameters", m.parameters)
                if let d = dueText(.modelEndOfLife, entry: i) {
                    kv("end of life", d.0, d.1)
                } else if let eol = m.endOfLife {
                    kv("end of life", eol.description)
                } else {
                    kv("end of life", nil)
                }
                kv("rationale", m.rationale)
                kv("alternatives", m.alternatives.isEmpty ? nil : m.alternatives.joined(separator: ", "))
            }
        case .data:
            if sys.datasets.isEmpty { out.append([("   no datasets recorded", .dim)]) }
            for (i, d) in sys.datasets.enumerated() {
                heading("datasets[\(i)]  \(d.name)")
                kv("source", d.source)
                kv("purpose", d.purpose.isEmpty ? nil : d.purpose.map(\.rawValue).joined(separator: ", "))
                kv("license", d.license)
                kv("personal data", flag(d.personalData))
                kv("special category", flag(d.specialCategory), d.specialCategory == true ? .medium : .normal)
                kv("lawful basis", d.lawfulBasis?.rawValue)
                kv("collected", d.collected)
                kv("retention", d.retention)
                kv("known limitations", d.knownLimitations)
                kv("derived from", d.derivedFrom.isEmpty ? nil : d.derivedFrom.joined(separator: ", "))
            }
        case .oversight:
            if sys.oversight.isEmpty { out.append([("   no human oversight recorded", .dim)]) }
            for (i, o) in sys.oversight.enumerated() {
                heading("oversight[\(i)]  \(o.type?.rawValue ?? "type not set")")
                kv("mechanism", o.mechanism)
                kv("who", o.who)
                kv("can stop", flag(o.canStop))
                kv("response", o.responseMinutes.map { "\($0) minutes" })
                kv("last tested", o.lastTested?.description)
                if let d = dueText(.oversightTest, entry: i) { kv("next test", d.0, d.1) }
            }
        case .fallbacks:
            if sys.fallbacks.isEmpty { out.append([("   no fallbacks recorded", .dim)]) }
            for (i, f) in sys.fallbacks.enumerated() {
                heading("fallbacks[\(i)]  \(f.trigger?.rawValue ?? "?") → \(f.strategy?.rawValue ?? "?")")
                kv("uses AI", flag(f.usesAI))
                kv("model", f.model)
                kv("target", f.target)
                kv("RTO", f.rtoMinutes.map { "\($0) minutes" })
                kv("owner", f.owner)
                kv("runbook", f.runbook)
                kv("last tested", f.lastTested?.description)
                if let d = dueText(.fallbackTest, entry: i) { kv("next test", d.0, d.1) }
            }
        case .evidence:
            heading("Evidence (\(sys.evidence.count))")
            for e in sys.evidence {
                out.append([("   " + TextWidth.fit(e.kind?.rawValue ?? "other", 24), .dim), (e.title, .normal),
                            (e.date.map { "  \($0)" } ?? "", .dim)])
                if let uri = e.uri { out.append([(TextWidth.fit("", 27) + uri, .dim)]) }
            }
            heading("Risks (\(sys.risks.count))")
            for r in sys.risks {
                out.append([("   " + TextWidth.fit(r.severity?.rawValue ?? "-", 8), r.severity == .high ? .high : .normal), (r.description, .normal)])
                if let m = r.mitigation { para("mitigation: " + m, .dim, indent: 12) }
            }
            heading("Metrics (\(sys.metrics.count))")
            for m in sys.metrics {
                let target = m.target.map { " target \($0)" } ?? ""
                let value = m.value.map { " value \($0)" } ?? ""
                out.append([("   " + m.name + (m.group.map { " [\($0)]" } ?? ""), .normal), (target + value + (m.measured.map { "  (\($0))" } ?? ""), .dim)])
            }
        case .findings:
            out += findingLines(s, width: width).lines
        case .impact:
            out += ImpactTab.lines(sys, today: today, width: width)
        case .history:
            if s.history.isEmpty { out.append([("   no history", .dim)]) }
            for e in s.history {
                let changes = (try? JSONDecoder().decode([String].self, from: Data(e.changes.utf8))) ?? []
                out.append([(" " + TextWidth.fit(e.at.replacingOccurrences(of: "T", with: " "), 25), .dim), (TextWidth.fit(e.action, 8), .key),
                            (TextWidth.fit(e.rowVersion.map { "v\($0)" } ?? "", 5), .dim), (TextWidth.fit(e.actor, 16), .normal),
                            (e.entity == "waiver" ? e.entityId + " " : "", .normal), (changes.joined(separator: ", "), .normal)])
                // Field-level diff against the previous version: old → new for each changed field.
                for d in FieldDiff.changes(in: e) {
                    out.append([("      " + d.field + ": ", .key), (d.before, .dim), (" → ", .normal), (d.after, .normal)])
                }
            }
        }
        return out
    }
}

/// The Findings screen.
enum FindingsView {
    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        let f = c.findingsController.state
        let total = f.rows.filter { if case .finding = $0 { true } else { false } }.count
        var info = " Findings  \(total) open  grouped by \(f.grouping.rawValue)"
        if !f.filterText.isEmpty { info += "  find: \(f.filterText)" }
        if let s = c.scan, !s.finished { info += "  checking \(s.done)/\(s.total)…" }
        b.put(info, row: 1, col: 0, style: .header)
        // Grouped by rule the second column is the system; by severity, the rule and the system; by system, the rule.
        let secondTitle = switch f.grouping {
        case .rule: TextWidth.fit("SYSTEM", 22)
        case .severity: TextWidth.fit("RULE", 9) + TextWidth.fit("SYSTEM", 22)
        case .system: TextWidth.fit("RULE", 9)
        }
        b.put(" " + TextWidth.fit("SEVERITY", 9) + secondTitle + "MESSAGE",
              row: 2, col: 0, style: .header)
        if f.rows.isEmpty, let s = c.scan, s.finished {
            b.put("   no open findings", row: 3, col: 0, style: .ok)
        }
        for i in 0..<c.findingsController.visibleRows(c) {
            let idx = f.top + i
            guard f.rows.indices.contains(idx) else { break }
            let selected = idx == f.cursor
            switch f.rows[idx] {
            case let .group(title, count):
                b.put(" ▸ \(title) (\(count))", row: 3 + i, col: 0, style: selected ? .selected : .key)
            case let .finding(x):
                let second = switch f.grouping {
                case .rule: TextWidth.fit(x.system, 22)
                case .severity: TextWidth.fit(x.rule, 9) + TextWidth.fit(x.system, 22)
                case .system: TextWidth.fit(x.rule, 9)
                }
                if selected {
                    b.fill(row: 3 + i, style: .selected)
                    b.put(" " + TextWidth.fit(x.severity.rawValue, 9) + second + x.message, row: 3 + i, col: 0, style: .selected)
                } else {
                    var col = b.put(" " + TextWidth.fit(x.severity.rawValue, 9), row: 3 + i, col: 0, style: .severity(x.severity))
                    col = b.put(second, row: 3 + i, col: col, style: .normal)
                    b.put(x.message, row: 3 + i, col: col, style: .normal)
                }
            }
        }
    }
}

/// The waiver dialog, drawn over the Findings screen.
enum WaiveView {
    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        guard let w = c.overlay?.waive else { return }
        let boxW = min(c.width - 4, 72)
        let left = (c.width - boxW) / 2
        let top = max(2, c.height / 2 - 5)
        for r in top..<(top + 9) { b.fill(row: r, col: left, count: boxW, style: .statusBar) }
        b.put(" Waive \(w.rule) for \(w.system)", row: top, col: left, style: .statusBar, maxWidth: boxW)
        for i in 0..<3 {
            let label = "  " + TextWidth.fit(WaiveState.labels[i], 13)
            let x = b.put(label, row: top + 2 + i, col: left, style: .statusBar)
            let v = w.value(i)
            b.put(TextWidth.fit(v.isEmpty ? "(empty)" : v, boxW - (x - left) - 2), row: top + 2 + i, col: x,
                  style: i == w.cursor ? .selected : .statusBar)
        }
        if let p = w.problem { b.put("  " + p, row: top + 6, col: left, style: .error, maxWidth: boxW) }
        let keys = KeyMap.resolve(WaiveDialog.hints, in: [WaiveDialog.bindings], readOnly: c.readOnly)
        b.put("  " + keys.map { "\($0.key) \($0.text)" }.joined(separator: " · "), row: top + 8, col: left, style: .statusBar, maxWidth: boxW)
    }
}

/// The edit form.
enum FormView {
    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        guard let f = c.formController.form else { return }
        var info = " Edit \(f.systemId)  opened at version \(f.baseVersion)  \(f.edits.count) change\(f.edits.count == 1 ? "" : "s")"
        if !f.refused.isEmpty { info += "  \(f.refused.count) refused" }
        b.put(info, row: 1, col: 0, style: .header)
        if let v = f.conflictVersion {
            let t = " CONFLICT: now version \(v) — R reload "
            b.put(t, row: 1, col: c.width - TextWidth.of(t), style: .error)
        }
        b.put(" " + TextWidth.fit("FIELD", 36) + "VALUE", row: 2, col: 0, style: .header)
        let valueCol = 37
        for i in 0..<c.formController.visibleRows(c) {
            let idx = f.top + i
            guard f.rows.indices.contains(idx) else { break }
            let row = 3 + i
            let selected = idx == f.cursor
            if selected { b.fill(row: row, style: .selected) }
            switch f.rows[idx] {
            case let .section(title):
                b.put(" ── \(title) ", row: row, col: 0, style: selected ? .selected : .header)
            case let .entry(list, index):
                let name = f.values["\(list)[\(index)].name"] ?? f.values["\(list)[\(index)].title"]
                    ?? f.values["\(list)[\(index)].description"] ?? f.values["\(list)[\(index)].mechanism"] ?? ""
                b.put("   \(list)[\(index)]  \(name)", row: row, col: 0, style: selected ? .selected : .key)
            case let .add(list):
                b.put("   + add to \(list) (a)", row: row, col: 0, style: selected ? .selected : .dim)
            case let .field(path):
                let short = path.split(separator: ".").last.map(String.init) ?? path
                let indent = path.contains("[") ? "       " : path.contains(".") ? "     " : "   "
                let changed = f.values[path] != f.originalValues[path]
                let mark = f.refused[path] != nil ? "✗" : changed ? "*" : " "
                b.put(TextWidth.fit(mark + indent.dropFirst() + short, valueCol - 1), row: row, col: 0,
                      style: selected ? .selected : f.refused[path] != nil ? .error : changed ? .ok : .normal)
                if let r = f.refused[path] {
                    let x = b.put(r.value.isEmpty ? "(empty)" : r.value, row: row, col: valueCol, style: selected ? .selected : .error,
                                  maxWidth: (c.width - valueCol) / 2)
                    b.put("  ✗ " + r.message, row: row, col: x, style: selected ? .selected : .error)
                } else if let v = f.values[path] {
                    b.put(v, row: row, col: valueCol, style: selected ? .selected : changed ? .ok : .normal)
                } else {
                    b.put("—", row: row, col: valueCol, style: selected ? .selected : .dim)
                }
            }
        }
    }
}
