import AIGovApp
import AIGovCore
import AIGovFormats
import Foundation

/// The waiver dialog over the Findings screen and the System screen's Findings tab: three
/// fields, then one waiver recorded through the workspace, validated by the one waiver policy
/// (the messages of `aigov waive`: Art. 5 is never waived, the expiry is limited by the
/// finding's severity). `approved_by` starts empty: the person typing is not the approver
/// unless they type their own name. Unwaiving (`u`) is `aigov unwaive`'s call.
enum WaiveDialog {
    static let title = "Waiver dialog"
    static let bindings = [
        Binding([.char("j"), .down, .tab], .down, "next field"),
        Binding([.char("k"), .up, .backTab], .up, "previous field"),
        Binding([.enter], .open, "change the selected field"),
        Binding([.char("s"), .ctrl("s")], .save, "record the waiver", writes: true),
        Binding([.escape, .char("q")], .back, "cancel: nothing is recorded"),
    ]
    static let hints = [
        Hint(.open, text: "change"), Hint(.down, .up, text: "move"), Hint(.save, text: "record the waiver"),
        Hint(.back, text: "cancel", key: .escape),
    ]

    /// Opens the dialog for `rule`'s findings of `system`, with the suggested expiry and nothing else filled in.
    static func open(system: String, rule: String, in c: Console) {
        c.overlay = .waive(WaiveState(system: system, rule: rule, expires: WaiverPolicy.suggestedExpiry(from: c.today).description))
    }

    /// Removes the waiver of `rule` for `system` through the workspace (`aigov unwaive`'s call:
    /// one transaction with its audit entry).
    static func unwaive(system: String, rule: String, in c: Console) {
        do {
            guard let o = try c.workspace.unwaive(system: system, rule: rule, actor: c.actor) else {
                c.fail("no waiver for \(system) / \(rule)")
                return
            }
            c.didWrite()
            c.info("removed waiver \(o.id): its findings are open again")
        } catch {
            c.show(error)
        }
    }

    /// Moves between the fields, opens one in a prompt, records, or cancels.
    static func perform(_ action: Action, _ w: WaiveState, in c: Console) -> Effect {
        var w = w
        switch action {
        case .back:
            c.overlay = nil
            c.info("waiver not recorded")
            return .redraw
        case .down: w.cursor = min(WaiveState.labels.count - 1, w.cursor + 1)
        case .up: w.cursor = max(0, w.cursor - 1)
        case .save: return submit(w, in: c)
        default: break
        }
        c.overlay = .waive(w)
        if action == .open {
            c.prompt(Prompt(kind: .waiveField(w.cursor), label: WaiveState.labels[w.cursor] + ": ", editor: LineEditor(w.value(w.cursor))))
        }
        return .redraw
    }

    /// A field prompt's answer, into the dialog the prompt was opened over.
    static func submitField(_ i: Int, _ text: String, in c: Console) {
        guard case var .waive(w)? = c.overlay else { return }
        w.set(i, text)
        w.problem = nil
        c.overlay = .waive(w)
    }

    /// Records the waiver through the workspace; a refusal stays in the dialog with the policy's words.
    static func submit(_ w: WaiveState, in c: Console) -> Effect {
        var w = w
        let request = WaiverRequest(system: w.system, rule: w.rule, reason: w.reason, approvedBy: w.approvedBy,
                                    expires: w.expires.trimmingCharacters(in: .whitespaces))
        do {
            let (_, waiver) = try c.workspace.waive(request, actor: c.actor)
            c.overlay = nil
            // The waived findings leave the open list at once; the rest follows from the recheck.
            c.checker.dropFindings(system: waiver.system, rule: waiver.rule)
            c.findingsController.rebuild(c)
            c.didWrite()
            c.info("waived \(waiver.rule) for \(waiver.system) until \(waiver.expires)")
        } catch let e as InputRejected {
            w.problem = e.problems.map(\.description).joined(separator: "; ")
            c.overlay = .waive(w)
        } catch {
            w.problem = Console.describe(error)
            c.overlay = .waive(w)
        }
        return .redraw
    }
}
