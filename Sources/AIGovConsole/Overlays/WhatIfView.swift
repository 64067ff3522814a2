import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules

/// `:whatif VENDOR`'s result: the systems that go down, degrade or continue, with why and the
/// fallback that takes over, as `aigov what-if` prints them (the same `WhatIfReport`). Read-only:
/// it scrolls and closes.
public struct WhatIfState: Equatable, Sendable {
    public var headline: String
    public var lines: [String]
    public var scroll = 0
}

enum WhatIfView {
    static let title = "What-if"
    static let bindings = [
        Binding([.char("j"), .down], .down, "scroll down"),
        Binding([.char("k"), .up], .up, "scroll up"),
        Binding([.escape, .char("q"), .enter], .back, "close"),
    ]
    static let hints = [Hint(.down, .up, text: "scroll"), Hint(.back, text: "close", key: .escape)]

    /// Runs the simulation through the workspace and opens the list.
    static func open(vendor: String, in c: Console) {
        do {
            let report = try c.workspace.whatIf(ExitScenario(providers: [vendor], today: c.today))
            c.overlay = .whatIf(WhatIfState(headline: report.headline, lines: lines(report)))
            c.message = StatusMessage(text: TextTable.sanitize(report.headline), isError: !report.down.isEmpty)
        } catch {
            c.show(error)
        }
    }

    /// Down, degraded, continues: each system with its status and tier, why, and the fallback.
    static func lines(_ report: WhatIfReport) -> [String] {
        var out: [String] = []
        for kind in [ExitOutcome.Kind.down, .degraded, .continues] {
            let list = report.systems(kind)
            out.append("\(kind.rawValue.uppercased()) (\(list.count))")
            for o in list {
                var line = "  \(o.system.id)  \(o.system.status.rawValue), \(o.system.tier.rawValue)"
                if let f = o.fallback {
                    line += "  RTO \(f.rtoMinutes.map { "\($0) min" } ?? "not set"), last tested \(f.lastTested?.description ?? "never")"
                }
                out.append(line)
                out.append("      " + o.explanation)
            }
        }
        return out
    }

    static func perform(_ action: Action, _ s: WhatIfState, in c: Console) -> Effect {
        var s = s
        switch action {
        case .back:
            c.overlay = nil
            return .redraw
        case .down: s.scroll = min(s.scroll + 1, max(0, s.lines.count - 1))
        case .up: s.scroll = max(0, s.scroll - 1)
        default: break
        }
        c.overlay = .whatIf(s)
        return .redraw
    }

    static func draw(_ c: Console, into b: inout ScreenBuffer) {
        guard case let .whatIf(s)? = c.overlay else { return }
        for r in 1..<(c.height - 1) { b.fill(row: r, style: .normal) }
        b.put(" " + TextTable.sanitize(s.headline), row: 1, col: 0, style: .header, maxWidth: c.width)
        let room = max(1, c.height - 3)
        for (i, line) in s.lines.dropFirst(s.scroll).prefix(room).enumerated() {
            let style: Style = line.hasPrefix("DOWN") ? .high : line.hasPrefix("DEGRADED") ? .medium : line.hasPrefix("CONTINUES") ? .ok
                : line.hasPrefix("      ") ? .dim : .normal
            b.put(" " + TextTable.sanitize(line), row: 2 + i, col: 0, style: style, maxWidth: c.width)
        }
    }
}
