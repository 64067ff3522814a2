@testable import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation
import Testing

/// The application layer's use cases, on real registry files.
@Suite struct WorkspaceTests {
    final class Temp {
        let dir = NSTemporaryDirectory() + "aigov-app-" + UUID().uuidString
        init() { try? FileManager.default.createDirectory(atPath: dir + "/rules.d", withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: dir) }
    }

    static let rule = """
        rules:
          - id: ORG-010
            title: Every system names a contact
            severity: medium
            reference: policy
            remediation: set contact
            message: "{id} has no contact"
            when: {field: status, eq: production}
            require: {field: contact, present: true}
        """

    static func system(_ id: String, status: SystemStatus = .production) -> AISystem {
        var s = AISystem(id: id, name: id, owner: "o", status: status)
        s.contact = nil
        return s
    }

    @Test func theRuleSetIncludesRulesBesideTheDatabase() throws {
        let t = Temp()
        _ = FileManager.default.createFile(atPath: t.dir + "/rules.d/org.yaml", contents: Data(Self.rule.utf8))
        let rules = try RuleSet.load(files: [], besideDatabase: t.dir + "/r.db")
        #expect(rules.rule(id: "org-010")?.id == "ORG-010")
        #expect(rules.rules.count == RuleCatalog.builtIn.count + 1)
        // And the workspace's scores use it.
        let ws = try Workspace.open(path: t.dir + "/r.db", create: true, today: .pinned(Day("2026-11-30")!))
        _ = try ws.registry.apply(systems: [Self.system("no-contact")], actor: "t")
        var rules10: [String] = []
        try ws.check { results in rules10 += results.flatMap(\.findings).map(\.rule).filter { $0 == "ORG-010" } }
        #expect(rules10 == ["ORG-010"])
        let builtInOnly = Workspace(registry: ws.registry, today: ws.today)
        let a = try ws.scored(try ws.registry.systems()).first?.score
        let b = try builtInOnly.scored(try ws.registry.systems()).first?.score
        #expect(a != nil && b != nil && a! < b!)
    }

    @Test func waiverPolicy() throws {
        let today = try #require(Day("2026-11-30"))
        func check(_ rule: String, _ expires: String, reason: String = "r") -> Result<Waiver, InputRejected> {
            WaiverPolicy.validate(WaiverRequest(system: "s", rule: rule, reason: reason, approvedBy: "a", expires: expires),
                                  rules: .builtIn, today: today)
        }
        #expect(try check("fbk-001", "2026-11-30").get().rule == "FBK-001")
        let messages = { (r: Result<Waiver, InputRejected>) -> [String] in
            if case let .failure(e) = r { return e.problems.map(\.description) }
            return []
        }
        #expect(messages(check("NOPE-1", "2027-01-01")) == ["waive:rule: unknown rule id \"NOPE-1\" (see `aigov rules`)"])
        #expect(messages(check("FBK-001", "2026-11-29")) == ["waive:expires: 2026-11-29 is already past"])
        #expect(messages(check("FBK-001", "tomorrow", reason: " ")) == [
            "waive:expires: expected a date YYYY-MM-DD, got \"tomorrow\"", "waive:reason: must not be empty",
        ])
    }

    @Test func dueItemsFollowTheRulesScopesAndIntervals() throws {
        let last = try #require(Day("2026-01-01"))
        var s = Self.system("people")
        s.euAiAct = EUAIAct()
        s.euAiAct?.profiling = true
        var review = Review()
        review.lastReviewed = last
        s.review = review
        var o = Oversight(mechanism: "override")
        o.lastTested = last
        s.oversight = [o]
        let items = DueSchedule.items(for: s)
        #expect(items.contains { $0.kind == .review && $0.due == last.adding(days: Intervals.defaultReviewDays) })
        #expect(items.contains { $0.kind == .oversightTest && $0.due == last.adding(days: Intervals.oversightTestDays) })
        // OVR-004 and REV-002 do not apply to a system in development: nothing of theirs falls due.
        s.status = .development
        #expect(DueSchedule.items(for: s).isEmpty)
        // A system that decides nothing about people has no oversight test due.
        s.status = .production
        s.euAiAct?.profiling = false
        #expect(!DueSchedule.items(for: s).contains { $0.kind == .oversightTest })
    }
}

/// The build is part of the rule set's fingerprint (#27): another build of aigov may evaluate
/// the same rule texts differently, so its stored evaluations start fresh.
@Suite struct FingerprintTests {
    @Test func anotherBuildIsAnotherFingerprint() {
        #expect(RuleSet.catalogueDigest(build: "0.2.0 (aaaaaaa)") != RuleSet.catalogueDigest(build: "0.2.0 (bbbbbbb)"))
        #expect(RuleSet.builtInDigest == RuleSet.catalogueDigest(build: BuildInfo.describe()))
    }

    /// The digest is fed piece by piece (#25); it must stay the SHA-256 of the joined text it
    /// was defined as, or every registry's stored evaluations would be recomputed. Checked
    /// against coreutils' sha256sum of that text.
    @Test func theDigestIsTheSHA256OfTheCatalogueText() throws {
        let build = "0.2.0 (ccccccc)"
        var text = build + "\n" + RuleCatalog.version + "\n"
        for r in RuleCatalog.builtIn {
            text += [r.id, r.title, r.appliesWhen, r.firesWhen, r.severityText, r.reference, r.remediation,
                     r.obligation.text].joined(separator: "\u{1F}") + "\n"
        }
        let file = NSTemporaryDirectory() + "aigov-catalogue-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", file]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let hex = RuleSet.catalogueDigest(build: build).map { String(format: "%02x", $0) }.joined()
        #expect(p.terminationStatus == 0)
        #expect(printed.split(separator: " ").first.map(String.init) == hex)
    }
}
