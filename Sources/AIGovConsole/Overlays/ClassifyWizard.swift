import AIGovApp
import AIGovCore
import AIGovRules
import AIGovStore

/// The guided classification over the whole screen (`c` on a system, `:classify ID`, and
/// `aigov classify ID` on a terminal): one step per screen, then the outcome, the trail and
/// the record diff. The questions, the skipping and the outcome are the application layer's
/// `ClassificationWizard`; this draws it and maps keys. Enter does not leave a step with
/// nothing ticked (the status line says what to do); at the outcome Enter asks "store? y/n" and
/// only `y` writes. Esc at any point writes nothing; while an option's full text (`?`) is open,
/// Esc closes only that text.
public struct WizardState: Equatable, Sendable {
    public var wizard: ClassificationWizard
    /// The row version the answers were started on; a write meanwhile is a conflict.
    public var version: Int
    /// The option under the cursor, an index into `options` of the current step.
    public var cursor = 0
    /// Lines scrolled at the review.
    public var scroll = 0
    /// Showing the full text of the option under the cursor (`?`).
    public var detail = false
    /// Why the last confirm was refused.
    public var problem: String?
    /// At the outcome, after Enter: waiting for `y` to store (any other key does not).
    public var confirming = false
    /// Quit the console when the wizard closes (`aigov classify ID` on a terminal).
    public var exitOnClose = false

    /// The pickable rows of the current step: each question's options, in order.
    public var options: [(question: Question, option: AnswerOption)] {
        guard let step = wizard.current else { return [] }
        return wizard.questions(of: step).flatMap { q in wizard.options(of: q).map { (q, $0) } }
    }

    public static func == (a: WizardState, b: WizardState) -> Bool {
        a.wizard == b.wizard && a.version == b.version && a.cursor == b.cursor && a.scroll == b.scroll
            && a.detail == b.detail && a.problem == b.problem && a.exitOnClose == b.exitOnClose && a.confirming == b.confirming
    }
}

enum ClassifyWizard {
    static let title = "Classification wizard"
    static let bindings = [
        Binding([.char("j"), .down], .down, "next option"),
        Binding([.char("k"), .up], .up, "previous option"),
        Binding([.char("g"), .home], .top, "first option"),
        Binding([.char("G"), .end], .bottom, "last option (a list's last is \"none of these\")"),
        Binding([.char(" "), .char("x")], .toggleGroup, "tick or untick the option (a single choice takes it)"),
        Binding([.enter, .char("n"), .right, .char("l")], .accept, "next step (once an option is ticked); at the outcome: ask to store", writes: true),
        Binding([.char("y")], .save, "at the outcome, after Enter: yes, store the answers and flags", writes: true),
        Binding([.backspace, .char("p"), .left, .char("h")], .back, "previous step"),
        Binding([.char("?")], .help, "the full text of the option under the cursor (Esc closes it)"),
        Binding([.escape, .char("q")], .quit, "close the full text; else cancel: nothing is written"),
    ]
    static let hints = [
        Hint(.toggleGroup, text: "tick"), Hint(.accept, text: "next"), Hint(.back, text: "back", key: .backspace),
        Hint(.help, text: "full text"), Hint(.quit, text: "cancel", key: .escape),
    ]

    /// Opens the wizard on system `id`, from its stored record.
    static func open(_ id: String, exitOnClose: Bool = false, in c: Console) {
        do {
            guard let stored = try c.registry.system(id: id) else { throw RegistryError.notFound(id: id) }
            let w = ClassificationWizard(system: stored.system, today: c.today, assessor: c.actor)
            c.overlay = .classify(WizardState(wizard: w, version: stored.rowVersion, exitOnClose: exitOnClose))
        } catch {
            c.show(error)
        }
    }

    static func perform(_ action: Action, _ s: WizardState, in c: Console) -> Effect {
        var s = s
        s.problem = nil
        if s.confirming {
            // Only y stores; any other key takes the question back (Esc still closes the wizard).
            s.confirming = false
            if action == .save { return confirm(s, in: c) }
            if action != .quit {
                c.info("not stored: Enter, then y stores it; Esc cancels")
                c.overlay = .classify(s)
                return .redraw
            }
        }
        switch action {
        case .quit where s.detail:
            // The full text is a panel over the wizard: Esc closes it, not the wizard.
            s.detail = false
        case .save:
            c.info(s.wizard.atReview ? "press Enter first: it asks before storing" : "y stores the outcome, at the last step")
        case .quit:
            c.overlay = nil
            c.info("classification not stored")
            return s.exitOnClose ? .quit : .redraw
        case .help:
            s.detail.toggle()
        case .down:
            if s.wizard.atReview { s.scroll += 1 } else { s.cursor = min(s.cursor + 1, max(0, s.options.count - 1)); s.detail = false }
        case .up:
            if s.wizard.atReview { s.scroll = max(0, s.scroll - 1) } else { s.cursor = max(0, s.cursor - 1); s.detail = false }
        case .top, .bottom:
            if s.wizard.atReview { if action == .top { s.scroll = 0 } } else { s.cursor = action == .top ? 0 : max(0, s.options.count - 1); s.detail = false }
        case .toggleGroup:
            let rows = s.options
            guard rows.indices.contains(s.cursor) else { break }
            s.wizard.pick(rows[s.cursor].question.id, rows[s.cursor].option.code)
            // Answers can hide questions of this step (the Annex I conditions): keep the cursor on a row.
            s.cursor = min(s.cursor, max(0, s.options.count - 1))
        case .accept:
            if s.wizard.atReview {
                s.confirming = true
                c.info("store the classification of \(s.wizard.system.id) (tier \(s.wizard.result.outcome.tier.rawValue))? y/n")
                break
            }
            guard s.wizard.currentStepAnswered else {
                c.fail(ClassificationWizard.unansweredHint)
                break
            }
            s.wizard.next()
            (s.cursor, s.scroll, s.detail) = (0, 0, false)
        case .back:
            s.wizard.back()
            (s.cursor, s.scroll, s.detail) = (0, 0, false)
        default:
            break
        }
        c.overlay = .classify(s)
        return .redraw
    }

    /// Stores answers and flags through the workspace: one transaction, one audit entry.
    static func confirm(_ s: WizardState, in c: Console) -> Effect {
        var s = s
        let id = s.wizard.system.id
        do {
            let (outcome, result) = try c.workspace.classify(id: id, s.wizard.classification, actor: c.actor, ifVersion: s.version)
            c.overlay = nil
            c.didWrite()
            let what = outcome.kind == .unchanged ? "unchanged" : "stored"
            c.info("classified \(id): tier \(result.outcome.tier.rawValue) (\(what))")
            return s.exitOnClose ? .quit : .redraw
        } catch {
            s.problem = Console.describe(error)
            c.overlay = .classify(s)
            return .redraw
        }
    }

    // MARK: drawing

    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        guard case let .classify(s)? = c.overlay else { return }
        for r in 1..<(c.height - 1) { b.fill(row: r, style: .normal) }
        let w = s.wizard
        let (n, total) = w.progress
        let width = c.width
        if let step = w.current {
            b.put(" Classify \(w.system.id) · step \(n) of \(total): \(step.title)", row: 1, col: 0, style: .header, maxWidth: width)
            var row = 2
            for line in wrap("\(step.article) — \(step.explanation)", width: width - 2).prefix(2) {
                b.put(" " + line, row: row, col: 0, style: .dim)
                row += 1
            }
            row += 1
            let options = s.options
            // Rows: a heading per question, then its options; scrolled so the cursor stays in view.
            var lines: [(text: String, style: Style, option: Int?)] = []
            var index = 0
            for q in w.questions(of: step) {
                lines.append((" \(q.text)  [\(q.article)]", .key, nil))
                let picked = w.ticked(q.id)
                for o in w.options(of: q) {
                    let mark: String
                    if case .multi = q.kind { mark = picked.contains(o.code) ? "[x]" : "[ ]" } else { mark = picked.contains(o.code) ? "(•)" : "( )" }
                    lines.append(("   \(mark) \(o.label)", .normal, index))
                    index += 1
                }
            }
            let detailRows = s.detail ? 4 : 0
            let room = max(1, c.height - 2 - row - detailRows - (s.problem == nil ? 0 : 1))
            let cursorLine = lines.firstIndex { $0.option == s.cursor } ?? 0
            let top = max(0, min(cursorLine - room / 2, lines.count - room))
            for (i, l) in lines.dropFirst(top).prefix(room).enumerated() {
                let selected = l.option == s.cursor
                if selected { b.fill(row: row + i, style: .selected) }
                b.put(l.text, row: row + i, col: 0, style: selected ? .selected : l.style, maxWidth: width)
            }
            if lines.count > room {
                b.put(" \(top + 1)–\(min(lines.count, top + room)) of \(lines.count) ", row: row + room - 1, col: width - 16, style: .dim, maxWidth: 16)
            }
            if s.detail, options.indices.contains(s.cursor) {
                let o = options[s.cursor].option
                let r0 = c.height - 2 - detailRows
                for r in r0..<(r0 + detailRows) { b.fill(row: r, style: .statusBar) }
                for (i, line) in wrap(o.detail, width: width - 4).prefix(detailRows).enumerated() {
                    b.put("  " + line, row: r0 + i, col: 0, style: .statusBar, maxWidth: width)
                }
            }
        } else {
            drawReview(s, c, into: &b)
        }
        if let p = s.problem { b.put(" " + p, row: c.height - 2, col: 0, style: .error, maxWidth: width) }
    }

    /// The review: the outcome, the trail, the obligations, and what the record would become.
    static func drawReview(_ s: WizardState, _ c: Console, into b: inout ScreenBuffer) {
        let r = s.wizard.result
        let o = r.outcome
        let ask = s.confirming ? "store? y/n" : "Enter, then y stores it, Backspace goes back, Esc cancels"
        b.put(" Classify \(s.wizard.system.id) · outcome: tier \(o.tier.rawValue) — \(ask)",
              row: 1, col: 0, style: .header, maxWidth: c.width)
        var lines: [(String, Style)] = [("Trail", .key)]
        lines += o.trail.map { ("  \($0.article): \($0.text)", .normal) }
        lines.append(("Obligations", .key))
        lines.append(("  fundamental rights impact assessment (Art. 27): \(o.obligations.friaRequired ? "required" : "not required")", .normal))
        lines.append(("  EU database registration (Art. 49): \(o.obligations.registration.rawValue)", .normal))
        lines.append(("  transparency (Art. 50): \(o.obligations.transparency.isEmpty ? "none" : o.obligations.transparency.joined(separator: ", "))", .normal))
        let changes = r.recordChanges
        lines.append(("Record changes (old → new)\(changes.isEmpty ? ": none" : "")", .key))
        lines += changes.map { ("  \($0.field): \($0.before) → \($0.after)", .normal) }
        let room = max(1, c.height - 4)
        let top = min(s.scroll, max(0, lines.count - room))
        for (i, l) in lines.dropFirst(top).prefix(room).enumerated() {
            b.put(" " + l.0, row: 2 + i, col: 0, style: l.1, maxWidth: c.width)
        }
    }
}
