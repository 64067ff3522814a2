import AIGovStore

/// The edit form's keys: moving over fields, changing them through prompts, adding and
/// removing list entries, saving with the row version read at opening, and leaving.
///
/// The field model (rows, values, choices, validation) is `FormState` and `FormFields`; this
/// controller only calls their API.
public final class FormController: ScreenController {
    public internal(set) var form: FormState?

    public let screen = ScreenID.edit
    public let title = "Edit form"
    public let bindings = [
        Binding([.enter], .open, "change the selected field (Tab completes allowed values)"),
        Binding([.char("x"), .delete], .clearField, "remove the selected field's value"),
        Binding([.char("a")], .addEntry, "add an entry to the selected list"),
        Binding([.char("d")], .removeEntry, "remove the selected list entry"),
        Binding([.char("s"), .ctrl("s")], .save, "save (refused if someone changed the system meanwhile)", writes: true),
        Binding([.char("R")], .reload, "after a conflict: reload the system and re-apply your edits"),
        Binding([.escape, .char("q")], .back, "leave the form (with unsaved edits, press twice to discard them)"),
    ]
    public let hints = [
        Hint(.open, text: "change"), Hint(.clearField, text: "clear"), Hint(.addEntry, text: "add entry"),
        Hint(.removeEntry, text: "remove entry"), Hint(.save, text: "save"), Hint(.back, text: "cancel", key: .escape),
    ]

    /// Rows of fields that fit under the heading and column titles.
    func visibleRows(_ c: Console) -> Int { max(1, c.height - 4) }

    /// Opens the form on the record as stored now, remembering its row version.
    func open(_ id: String, in c: Console) {
        do {
            guard let stored = try c.registry.system(id: id) else { throw RegistryError.notFound(id: id) }
            form = FormState(stored: stored.system, version: stored.rowVersion, today: c.today)
            c.stack.append(.edit)
        } catch {
            c.show(error)
        }
    }

    public func resized(_ c: Console) {
        guard var f = form else { return }
        ListCursor.keepVisible(cursor: f.cursor, top: &f.top, rows: visibleRows(c))
        form = f
    }

    /// On a field with a problem the status bar says what it is; on a closed field, what it takes.
    public func statusHints(in c: Console) -> [(key: String, text: String)] {
        let all = KeyMap.resolve(hints, in: [bindings, KeyMap.global], readOnly: c.readOnly)
        if let f = form, f.rows.indices.contains(f.cursor), case let .field(path) = f.rows[f.cursor] {
            if let r = f.refused[path] { return [("✗", r.message)] }
            if let choices = FormFields.choices(for: path) { return Array(all.prefix(1)) + [("one of:", choices.joined(separator: " "))] }
        }
        return all
    }

    /// Navigating away keeps the form while it has unsaved edits.
    public func leave(_ c: Console) -> Bool {
        if let f = form, f.hasChanges {
            c.info("save (s) or discard (Esc Esc) your edits first")
            return false
        }
        form = nil
        c.stack.removeAll { $0 == .edit }
        return true
    }

    public func perform(_ action: Action, in c: Console) -> Effect? {
        guard var f = form else { return nil }
        switch action {
        case .back: return back(c)
        case .refresh:
            c.info("refresh is off while editing; R reloads the record after a conflict")
            return .redraw
        case .down, .up, .top, .bottom, .pageDown, .pageUp, .open, .clearField, .addEntry, .removeEntry, .save, .reload: break
        default: return nil
        }
        f.confirmDiscard = false
        if ListCursor.move(action, cursor: &f.cursor, count: f.rows.count, page: visibleRows(c)) {
            if case .section = f.rows[f.cursor] { ListCursor.skipHeading(action, cursor: &f.cursor, count: f.rows.count) }
            ListCursor.keepVisible(cursor: f.cursor, top: &f.top, rows: visibleRows(c))
            form = f
            return .redraw
        }
        guard f.rows.indices.contains(f.cursor) else { return Effect.none }
        let row = f.rows[f.cursor]
        switch action {
        case .open:
            switch row {
            case let .field(path):
                let current = f.refused[path]?.value ?? f.values[path] ?? ""
                c.prompt(Prompt(kind: .formValue(path: path), label: "\(path) = ", editor: LineEditor(current),
                                choices: FormFields.choices(for: path) ?? []))
            case let .add(list): beginAdd(list, in: f, c)
            case .entry, .section: break
            }
        case .clearField:
            guard case let .field(path) = row else { return Effect.none }
            if !f.assign(path: path, value: "") { c.fail("\(path): \(f.refused[path]?.message ?? "refused")") }
        case .addEntry:
            let list: String?
            switch row {
            case let .add(l), let .entry(l, _): list = l
            case let .field(path): list = FormFields.lists.first { path.hasPrefix($0.key + "[") }?.key
            case .section: list = nil
            }
            if let list { beginAdd(list, in: f, c) } else { c.info("a adds an entry to a list: move to models, datasets, oversight …") }
        case .removeEntry:
            guard case let .entry(list, index) = row else {
                c.info("d removes a list entry: move to its heading (e.g. models[0])")
                return .redraw
            }
            if f.assign(path: "\(list)[\(index)]", value: "") { c.info("removed \(list)[\(index)]") }
        case .save:
            return save(&f, c)
        case .reload:
            reload(&f, c)
        default: break
        }
        form = f
        return .redraw
    }

    /// Esc: leaves at once without edits; with edits, the first press warns and the second discards.
    func back(_ c: Console) -> Effect {
        guard var f = form else { return Effect.none }
        if f.hasChanges, !f.confirmDiscard {
            f.confirmDiscard = true
            form = f
            c.fail("\(f.edits.count + f.refused.count) unsaved edit(s): s saves, Esc again discards")
            return .redraw
        }
        form = nil
        if c.message?.sticky == true { c.message = nil }
        c.stack.removeAll { $0 == .edit }
        if f.hasChanges { c.info("edits discarded") }
        return .redraw
    }

    /// Opens the prompt for a new list entry, prefilled with the list's template.
    func beginAdd(_ list: String, in f: FormState, _ c: Console) {
        let index = FormFields.listCount(f.working, list)
        let template = FormFields.lists.first { $0.key == list }?.template ?? "{}"
        c.prompt(Prompt(kind: .formAdd(list: list, index: index), label: "\(list)[\(index)] = ", editor: LineEditor(template)))
    }

    /// A field prompt's answer: validated by `FormState.assign`, kept with its problem when refused.
    func submitValue(_ text: String, path: String, in c: Console) {
        guard var f = form else { return }
        let before = f.refused[path]?.value ?? f.values[path] ?? ""
        if text == before, f.refused[path] == nil { return }
        if !f.assign(path: path, value: text) { c.fail("\(path): \(f.refused[path]?.message ?? "refused")") }
        form = f
    }

    /// An add prompt's answer: the new entry, in flow YAML.
    func submitEntry(_ text: String, list: String, index: Int, in c: Console) {
        guard var f = form else { return }
        let path = "\(list)[\(index)]"
        if f.assign(path: path, value: text) { c.info("added \(path)") } else { c.fail("\(path): \(f.refused[path]?.message ?? "refused")") }
        form = f
    }

    /// Saves through `Registry.update` with the version read when the form opened; a conflict
    /// keeps the form and everything typed, and offers to reload.
    func save(_ f: inout FormState, _ c: Console) -> Effect {
        if !f.refused.isEmpty {
            c.fail("\(f.refused.count) field(s) have problems: fix them (Enter) or clear them (x) before saving")
        } else if f.edits.isEmpty {
            c.info("nothing to save")
        } else {
            let edits = f.edits
            do {
                let outcome = try c.workspace.edit(id: f.systemId, assignments: edits, actor: c.actor, ifVersion: f.baseVersion,
                                                   file: "form")
                form = nil
                if c.message?.sticky == true { c.message = nil }
                c.stack.removeAll { $0 == .edit }
                c.didWrite()
                switch outcome.kind {
                case .unchanged: c.info("\(f.systemId) unchanged")
                default: c.info("saved \(f.systemId) (\(outcome.fields.joined(separator: ", "))), now version \(outcome.rowVersion ?? 0)")
                }
                return .redraw
            } catch let RegistryError.versionConflict(_, _, actual) {
                f.conflictVersion = actual
                c.message = StatusMessage(text: "not saved: \(f.systemId) was changed meanwhile (now version \(actual), you opened \(f.baseVersion)); your edits are kept — R reloads and re-applies them",
                                          isError: true, sticky: true)
            } catch {
                c.show(error)
            }
        }
        form = f
        return .redraw
    }

    /// R after a conflict: the record as stored now, with the edits re-applied.
    func reload(_ f: inout FormState, _ c: Console) {
        guard f.conflictVersion != nil else {
            c.info("R reloads after a conflict; there is none")
            return
        }
        do {
            guard let fresh = try c.registry.system(id: f.systemId) else { throw RegistryError.notFound(id: f.systemId) }
            f.rebase(on: fresh.system, version: fresh.rowVersion)
            c.message = nil
            c.info("reloaded \(f.systemId) at version \(fresh.rowVersion); your edits are re-applied — check them and save (s)")
        } catch {
            c.show(error)
        }
    }

    /// Another process committed while the form is open: never replace what is being typed;
    /// say that saving will meet a conflict.
    func otherProcessWrote(_ c: Console) {
        guard var f = form, let current = try? c.registry.system(id: f.systemId), current.rowVersion != f.baseVersion else { return }
        f.conflictVersion = current.rowVersion
        form = f
        c.message = StatusMessage(text: "\(f.systemId) was changed by someone else (now version \(current.rowVersion)); your edits are kept — R reloads and re-applies them",
                                  isError: true, sticky: true)
    }
}
