import Foundation
import Testing

/// The console's Frameworks screen (#24) in a real terminal, at the smallest size the layout is
/// designed for and at a large one: key 5 shows the ISO/IEC 42001 SoA, Tab the NIST AI RMF and
/// the AI Act, Enter the systems and findings behind a row, Esc the table again; no line is wider
/// than the terminal.
@Suite struct FrameworksConsoleE2ETests {
    /// Every line of a captured screen fits `width` (tmux would wrap or cut a longer one, and the
    /// console must never draw one).
    static func fits(_ screen: String, width: Int) -> Bool {
        screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= width }
    }

    @Test(.enabled(if: Tools.tmux, "tmux is not installed"), arguments: [(80, 24), (200, 50)])
    func theFrameworksScreenInARealTerminal(width: Int, height: Int) throws {
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath())
        let t = TempDir()
        let db = t.file("demo.db")
        let demo = try CLI.run(["demo", "--db", db, "-o", "json"], env: ["AIGOV_TODAY": "2026-11-24"])
        #expect(demo.code == 0, "\(demo.err)")
        let tmux = ConsoleE2ETests.Tmux(path: tmuxPath)
        defer { tmux.kill() }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "env AIGOV_TODAY=2026-11-24 TERM=xterm-256color \(q(CLI.binary)) tui --read-only --db \(q(db))"
        try tmux.run(["new-session", "-d", "-s", "console", "-x", String(width), "-y", String(height), command])
        try tmux.waitFor("the dashboard") { $0.contains("Systems by tier") && $0.contains("Open findings") }

        // The Statement of Applicability.
        try tmux.send("5")
        try tmux.waitFor("the SoA") {
            $0.contains("5 Frameworks") && $0.contains("ISO/IEC 42001 SoA") && $0.contains("38 controls over 13 active systems") && $0.contains("CONTROL")
                && $0.contains("STATUS") && $0.contains("A.2.4") && $0.contains("partially implemented")
        }
        if width >= 200 {
            // Everything fits at once: A.7.5 and the controls outside the registry, with the wide columns.
            try tmux.waitFor("the whole SoA") {
                $0.contains("APPLICABLE") && $0.contains("EVIDENCE") && $0.contains("Outside the registry: record elsewhere")
                    && $0.split(separator: "\n").contains { $0.contains("A.7.5") && $0.contains("partially implemented") }
                    && $0.split(separator: "\n").contains { $0.contains("A.2.2") && $0.contains("outside the registry") }
            }
        } else {
            try tmux.send("G")
            try tmux.waitFor("the end of the SoA") {
                $0.contains("Outside the registry: record elsewhere")
                    && $0.split(separator: "\n").contains { $0.contains("A.7.5") && $0.contains("partially implemented") }
                    && $0.split(separator: "\n").contains { $0.contains("A.10.4") && $0.contains("outside the registry") }
            }
            try tmux.send("g")
            try tmux.waitFor("the top of the SoA") { $0.contains("1/38") }
        }
        let soa = try tmux.screen()
        #expect(Self.fits(soa, width: width), "\(soa)")

        // Enter: the systems and findings behind the first control; Esc: the table again.
        try tmux.send("Enter")
        try tmux.waitFor("the drill-down") {
            $0.contains("A.2.4") && $0.contains("Not passing (") && $0.contains("Passing (") && $0.contains("Esc table")
        }
        let drill = try tmux.screen()
        #expect(Self.fits(drill, width: width), "\(drill)")
        #expect(!drill.contains("CONTROL"))
        try tmux.send("Escape")
        try tmux.waitFor("the table again") { $0.contains("CONTROL") && $0.contains("1/38") && !$0.contains("Not passing (") }

        // Tab: NIST by function and category, then the AI Act by article.
        try tmux.send("Tab")
        try tmux.waitFor("the NIST view") { $0.contains("SUBCATEGORY") && $0.contains("GOVERN  Govern") && $0.contains("GOVERN 1.1") }
        let nist = try tmux.screen()
        #expect(Self.fits(nist, width: width), "\(nist)")
        try tmux.send("Tab")
        try tmux.waitFor("the AI Act view") { $0.contains("ARTICLE") && $0.contains("Art. 10") && $0.contains("Chapter III") }
        let act = try tmux.screen()
        #expect(Self.fits(act, width: width), "\(act)")
        try tmux.send("Tab")
        try tmux.waitFor("the SoA again") { $0.contains("CONTROL") && $0.contains("1/38") }

        try tmux.send("Q")
        try tmux.waitFor("the console to exit") { !$0.contains("ISO/IEC 42001 SoA") }
    }
}
