/// What lies over the screen and takes every key first: a prompt line, the waiver dialog, or help.
///
/// Overlays are modal: while one is open, only its own bindings apply. A prompt remembers the
/// overlay it was opened over (the waiver dialog's fields are typed in one) and puts it back.
public indirect enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case waive(WaiveState)
    /// The guided classification (ClassifyWizard.swift).
    case classify(WizardState)
    /// `:import`'s field diff, before anything is written (ImportPreview.swift).
    case importPreview(ImportPreviewState)
    /// `:whatif VENDOR`'s systems that go down, degrade or continue (WhatIfView.swift).
    case whatIf(WhatIfState)
    case prompt(Prompt, over: Overlay?)

    /// The prompt being typed in, if that is what is open.
    public var prompt: Prompt? {
        if case let .prompt(p, _) = self { return p }
        return nil
    }

    /// The waiver dialog, also while one of its fields is being typed in.
    public var waive: WaiveState? {
        switch self {
        case let .waive(w): return w
        case let .prompt(_, over): return over?.waive
        case .help, .classify, .importPreview, .whatIf: return nil
        }
    }
}

/// The prompt line's keys: accept, cancel, complete; every other key edits the line.
enum PromptController {
    static let title = "Prompts"
    static let bindings = [
        Binding([.enter], .accept, "accept"),
        Binding([.escape], .back, "cancel (what you typed in a form is kept until you leave it)"),
        Binding([.tab], .complete, "next allowed value, for a field with a closed list"),
        Binding([.ctrl("u")], .clearLine, "clear the line"),
    ]

    /// Accepts, cancels, completes or clears; accepting and cancelling put back what was under the prompt.
    static func perform(_ action: Action, _ p: Prompt, over: Overlay?, in c: Console) -> Effect {
        var p = p
        switch action {
        case .back:
            c.overlay = over
        case .accept:
            c.overlay = over
            return submit(p, in: c)
        case .complete:
            guard !p.choices.isEmpty else { return Effect.none }
            let next = p.choices.firstIndex(of: p.editor.text).map { (p.choices.index(after: $0)) % p.choices.count } ?? 0
            p.editor.set(p.choices[next])
            c.overlay = .prompt(p, over: over)
        case .clearLine:
            return edit(.ctrl("u"), p, over: over, in: c)
        default: return Effect.none
        }
        return .redraw
    }

    /// A key no binding takes: the line editor's (letters, Backspace, arrows, Ctrl-A/E/W …).
    static func edit(_ key: Key, _ p: Prompt, over: Overlay?, in c: Console) -> Effect {
        var p = p
        _ = p.editor.handle(key)
        c.overlay = .prompt(p, over: over)
        return .redraw
    }

    /// Hands the accepted text to whoever opened the prompt.
    static func submit(_ p: Prompt, in c: Console) -> Effect {
        let text = p.editor.text
        switch p.kind {
        case .command: return c.run(ConsoleCommand.parse(text))
        case .registryFilter: c.registryController.submitFilter(text, in: c)
        case .findingsFilter: c.findingsController.submitFilter(text, in: c)
        case let .formValue(path): c.formController.submitValue(text, path: path, in: c)
        case let .formAdd(list, index): c.formController.submitEntry(text, list: list, index: index, in: c)
        case let .waiveField(i): WaiveDialog.submitField(i, text, in: c)
        case let .incidentAction(what, id): c.incidentsController.submitAction(what, text, id: id, in: c)
        }
        return .redraw
    }
}
