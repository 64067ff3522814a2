import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovStore

/// `:import KIND PATH [SYSTEM]`: the importer's field diff first (a dry run of the same
/// application-layer import `aigov import` runs), then, on Enter, the write — validated,
/// one transaction, audited as the importer with the source's SHA-256. Esc writes nothing.
public struct ImportPreviewState: Equatable, Sendable {
    public var kind: ImportKind
    public var path: String
    public var system: String?
    /// The dry run's lines: per system its outcome and each field old → new.
    public var lines: [String]
    public var changed: Int
    public var scroll = 0
    public var problem: String?
}

enum ImportPreview {
    static let title = "Import preview"
    static let bindings = [
        Binding([.char("j"), .down], .down, "scroll down"),
        Binding([.char("k"), .up], .up, "scroll up"),
        Binding([.enter, .char("y")], .save, "import: write what the preview shows", writes: true),
        Binding([.escape, .char("q"), .char("n")], .back, "cancel: nothing is written"),
    ]
    static let hints = [Hint(.save, text: "import"), Hint(.down, .up, text: "scroll"), Hint(.back, text: "cancel", key: .escape)]

    /// Reads the source and shows what importing it would change.
    static func open(_ kind: ImportKind, path: String, system: String?, in c: Console) {
        do {
            let report = try run(kind, path: path, system: system, dryRun: true, in: c)
            c.overlay = .importPreview(ImportPreviewState(kind: kind, path: path, system: system, lines: lines(report),
                                                          changed: report.changedCount))
        } catch {
            c.show(error)
        }
    }

    /// The preview's lines: per system its outcome and each field old → new, then the notes.
    static func lines(_ report: ImportReport) -> [String] {
        var lines: [String] = []
        for s in report.systems {
            lines.append("\(s.outcome.rawValue) \(s.id)")
            lines += s.changes.map { "    \($0.field): \($0.before) → \($0.after)" }
        }
        return lines + report.warnings.map { "warning: \($0)" } + report.notes.map { "note: \($0)" }
    }

    static func run(_ kind: ImportKind, path: String, system: String?, dryRun: Bool, in c: Console) throws -> ImportReport {
        let source = try ImportSource.read(path: path, readmeInFolder: kind == .hf).get()
        return try Importer.run(kind, sources: [source], options: ImportOptions(system: system), registry: c.registry,
                                actor: c.actor, dryRun: dryRun)
    }

    static func perform(_ action: Action, _ s: ImportPreviewState, in c: Console) -> Effect {
        var s = s
        switch action {
        case .back:
            c.overlay = nil
            c.info("nothing imported")
            return .redraw
        case .down: s.scroll = min(s.scroll + 1, max(0, s.lines.count - 1))
        case .up: s.scroll = max(0, s.scroll - 1)
        case .save:
            do {
                // Write only what was shown: the source and the registry must still give the same diff.
                guard try lines(run(s.kind, path: s.path, system: s.system, dryRun: true, in: c)) == s.lines else {
                    s.problem = "the file or the registry changed since the preview; nothing was written (Esc, then :import again)"
                    break
                }
                let report = try run(s.kind, path: s.path, system: s.system, dryRun: false, in: c)
                c.overlay = nil
                c.didWrite()
                c.info("imported \(s.kind.rawValue) \(s.path): \(report.changedCount) changed, \(report.systems.count - report.changedCount) unchanged")
                return .redraw
            } catch {
                s.problem = Console.describe(error)
            }
        default: break
        }
        c.overlay = .importPreview(s)
        return .redraw
    }

    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        guard case let .importPreview(s)? = c.overlay else { return }
        for r in 1..<(c.height - 1) { b.fill(row: r, style: .normal) }
        let head = " Import \(s.kind.rawValue) \(s.path): \(s.changed) system\(s.changed == 1 ? "" : "s") would change — Enter imports, Esc cancels"
        b.put(head, row: 1, col: 0, style: .header, maxWidth: c.width)
        let room = max(1, c.height - 4 - (s.problem == nil ? 0 : 1))
        for (i, line) in s.lines.dropFirst(s.scroll).prefix(room).enumerated() {
            b.put(" " + line, row: 2 + i, col: 0, style: line.hasPrefix("    ") ? .normal : .key, maxWidth: c.width)
        }
        if let p = s.problem { b.put(" " + p, row: c.height - 2, col: 0, style: .error, maxWidth: c.width) }
    }
}
