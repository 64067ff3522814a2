import Foundation
import Testing

/// The guided classification in a real terminal: a recruitment tool used by a private deployer
/// that profiles applicants comes out high-risk in the employment area, stored with one audit entry.
@Suite struct ClassifyConsoleE2ETests {
    static let record = """
        id: talent-match
        name: Talent match
        purpose: Rank applicants for open vacancies so recruiters read the best matches first
        owner: recruitment
        status: pilot
        """

    @Test(.enabled(if: Tools.tmux, "tmux is not installed")) func classifyARecruitmentToolInTheConsole() throws {
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath())
        let tmp = TempDir()
        let db = tmp.file("r.db")
        let file = tmp.file("talent-match.yaml")
        try Self.record.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let tmux = ConsoleE2ETests.Tmux(path: tmuxPath)
        defer { tmux.kill() }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "env AIGOV_ACTOR=e2e-officer AIGOV_TODAY=2026-11-30 TERM=xterm-256color \(q(CLI.binary)) tui --db \(q(db))"
        // 80×24: the smallest terminal the console is designed for.
        try tmux.run(["new-session", "-d", "-s", "console", "-x", "80", "-y", "24", command])
        try tmux.waitFor("the dashboard") { $0.contains("Systems by tier") }

        try tmux.send("-l", ":classify talent-match")
        try tmux.send("Enter")
        try tmux.waitFor("the role step") { $0.contains("step 1 of") && $0.contains("Your organisation's role") }
        try tmux.send("j", "Space")                       // deployer
        try tmux.waitFor("deployer picked") { $0.contains("(•) deployer") }
        try tmux.send("Enter")
        try tmux.waitFor("the AI system step") { $0.contains("Is it an AI system?") && $0.contains("Art. 3(1)") }
        try tmux.send("Space", "Enter")                   // yes
        try tmux.waitFor("the exclusions step") { $0.contains("Is it excluded from the Act?") }
        // `?` shows the full text of the option under the cursor; Esc closes only that text.
        try tmux.send("?")
        try tmux.waitFor("the full text") { $0.contains("Art. 2(3): placed on the market") }
        try tmux.send("Escape")
        try tmux.waitFor("the full text closed, the wizard still open") {
            !$0.contains("Art. 2(3): placed on the market") && $0.contains("Is it excluded from the Act?")
        }
        // Enter with nothing ticked does not move on; "none of these" (the last option, G) does.
        try tmux.send("Enter")
        try tmux.waitFor("the status line's advice") { $0.contains("nothing is ticked on this step") && $0.contains("Is it excluded from the Act?") }
        try tmux.send("G", "Space", "Enter")
        try tmux.waitFor("the prohibitions step") { $0.contains("prohibited practice") }
        try tmux.send("G", "Space", "Enter")
        try tmux.waitFor("the Annex I step") { $0.contains("Annex I legislation") }
        try tmux.send("G", "Space", "Enter")
        try tmux.waitFor("the Annex III step") { $0.contains("Annex III area") }
        for _ in 0..<8 { try tmux.send("j") }               // 1a 1b 1c 2 3a 3b 3c 3d → 4a
        try tmux.send("Space")
        try tmux.waitFor("4(a) ticked") { $0.contains("[x] 4(a) recruitment and selection") }
        for _ in 0..<18 { try tmux.send("j") }              // past the other points and "none of these" to profiling: yes
        try tmux.send("Space")
        try tmux.waitFor("profiling answered") { $0.contains("(•) yes") }
        try tmux.send("Enter")
        // Art. 6(3) is skipped: profiling is always high-risk.
        try tmux.waitFor("the transparency step") { $0.contains("transparency functions") }
        try tmux.send("G", "Space", "Enter")
        try tmux.waitFor("the context step") { $0.contains("Who uses it") }
        try tmux.send("j", "j", "j", "Space", "j", "j", "Space")   // public authority: no, public service: no
        try tmux.send("Enter")
        try tmux.waitFor("the outcome") { $0.contains("outcome: tier high") && $0.contains("eu_ai_act.annex_iii") }
        // Enter asks; only y stores.
        try tmux.send("Enter")
        try tmux.waitFor("the question") { $0.contains("store? y/n") }
        #expect(!(try CLI.run(["get", "talent-match", "-o", "yaml"], db: db).out.contains("tier: high")), "Enter alone stored")
        try tmux.send("y")
        try tmux.waitFor("the stored message") { $0.contains("classified talent-match: tier high") }
        try tmux.send("Q")
        try tmux.waitFor("the console to exit") { !$0.contains("Systems by tier") }

        let yaml = try CLI.run(["get", "talent-match", "-o", "yaml"], db: db).out
        #expect(yaml.contains("tier: high"), "\(yaml)")
        #expect(yaml.contains("annex_iii: employment"), "\(yaml)")
        #expect(yaml.contains("profiling: true"))
        #expect(yaml.contains("assessor: e2e-officer"))
        let history = try CLI.run(["history", "talent-match"], db: db).out
        #expect(history.contains("e2e-officer"), "\(history)")
        #expect(history.contains("eu_ai_act.tier"), "\(history)")
        #expect(try CLI.run(["audit", "verify"], db: db).code == 0)
    }

    @Test(.enabled(if: Tools.tmux, "tmux is not installed")) func escapeWritesNothing() throws {
        let tmuxPath = try #require(ConsoleE2ETests.tmuxPath())
        let tmp = TempDir()
        let db = tmp.file("r.db")
        let file = tmp.file("talent-match.yaml")
        try Self.record.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["apply", "-f", file], db: db).code == 0)
        let before = try CLI.dump(db)
        let tmux = ConsoleE2ETests.Tmux(path: tmuxPath)
        defer { tmux.kill() }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // `aigov classify ID` on a terminal opens the same wizard and closes with it.
        let command = "env AIGOV_ACTOR=e2e-officer AIGOV_TODAY=2026-11-30 TERM=xterm-256color \(q(CLI.binary)) classify talent-match --db \(q(db)); sleep 5"
        try tmux.run(["new-session", "-d", "-s", "console", "-x", "80", "-y", "24", command])
        try tmux.waitFor("the wizard") { $0.contains("Classify talent-match") && $0.contains("step 1 of") }
        try tmux.send("j", "Space", "Enter", "Space", "Enter")
        try tmux.waitFor("the exclusions step") { $0.contains("Is it excluded from the Act?") }
        try tmux.send("Escape")
        try tmux.waitFor("the wizard to close") { !$0.contains("Classify talent-match") }
        #expect(try CLI.dump(db) == before)
    }
}
