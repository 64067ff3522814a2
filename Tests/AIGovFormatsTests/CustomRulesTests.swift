import AIGovCore
@testable import AIGovFormats
import AIGovRules
import Foundation
import Testing

private let today = RuleContext(today: Day("2026-11-24")!)

/// Rules from YAML text; fails the test when the file has problems.
private func rules(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [CustomRule] {
    let r = CustomRuleLoader.parse(data: Data(yaml.utf8), file: "org.yaml")
    #expect(r.problems.map(\.description) == [], sourceLocation: sourceLocation)
    return r.rules
}

/// The problems of a rule file, as printed.
private func problems(_ yaml: String) -> [String] {
    let r = CustomRuleLoader.parse(data: Data(yaml.utf8), file: "org.yaml")
    #expect(r.rules.isEmpty, "a file with problems yields no rules")
    return r.problems.map(\.description)
}

/// One rule whose `require` is the condition given in YAML flow style.
private func rule(require condition: String, when scope: String? = nil, extra: String = "") -> CustomRule? {
    let text = """
        rules:
          - id: ORG-100
            title: Test rule
            severity: medium
            remediation: Fix it.
        \(extra)\(scope.map { "    when: \($0)\n" } ?? "")    require: \(condition)
        """
    return rules(text).first
}

/// Whether the condition holds for the system (the rule does not fire).
private func holds(_ condition: String, _ system: AISystem, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    guard let r = rule(require: condition) else {
        Issue.record("rule did not load: \(condition)", sourceLocation: sourceLocation)
        return false
    }
    return r.evaluate(system, context: today).isEmpty
}

/// A system rich enough for every scope of the language.
private func sample() -> AISystem {
    var s = AISystem(id: "loan-scoring", name: "Loan scoring", owner: "credit-risk", status: .production)
    s.purpose = "Score loan applications"
    s.contact = "   "
    s.statusSince = Day("2025-03-01")
    s.tags = ["finance", "pii"]
    var act = EUAIAct()
    act.tier = .high
    act.annexIII = .essentialServices
    act.profiling = true
    s.euAiAct = act
    var impact = Impact()
    impact.affectedGroups = ["applicants"]
    s.impact = impact
    var review = Review()
    review.lastReviewed = Day("2025-11-24")
    s.review = review
    var gpt = Model(name: "gpt", provider: "openai")
    gpt.hosting = .api
    gpt.role = .primary
    gpt.version = "5.10"
    gpt.alternatives = ["claude", "llama"]
    gpt.endOfLife = Day("2027-01-31")
    var llama = Model(name: "llama", provider: "internal")
    llama.hosting = .selfHosted
    llama.role = .fallback
    s.models = [gpt, llama]
    var ds = Dataset(name: "applications")
    ds.purpose = [.training, .validation]
    ds.personalData = true
    s.datasets = [ds]
    var fb = Fallback()
    fb.strategy = .alternateModel
    fb.usesAI = true
    fb.model = "llama"
    fb.rtoMinutes = 30
    fb.lastTested = Day("2026-06-01")
    s.fallbacks = [fb]
    s.evidence = [Evidence(title: "Risk assessment", kind: .riskAssessment)]
    var metric = Metric(name: "recall")
    metric.value = "0.87"
    metric.measured = Day("2026-10-01")
    s.metrics = [metric]
    var risk = Risk(description: "Bias")
    risk.severity = .high
    s.risks = [risk]
    return s
}

@Suite struct CustomRuleConditionTests {
    @Test(arguments: [
        // eq / ne on text, enumerations, booleans, numbers, dates
        ("{field: owner, eq: credit-risk}", true),
        ("{field: owner, eq: Credit-Risk}", false),
        ("{field: owner, ne: credit-risk}", false),
        ("{field: status, eq: production}", true),
        ("{field: status, ne: production}", false),
        ("{field: eu_ai_act.profiling, eq: true}", true),
        ("{field: eu_ai_act.profiling, eq: false}", false),
        ("{field: review.interval_days, eq: 365}", true),
        ("{field: status_since, eq: 2025-03-01}", true),
        // in / not_in
        ("{field: status, in: [pilot, production]}", true),
        ("{field: status, in: [pilot, development]}", false),
        ("{field: status, not_in: [pilot, production]}", false),
        ("{field: eu_ai_act.tier, not_in: [limited, minimal]}", true),
        // ordering on numbers, dates and text
        ("{field: review.interval_days, lt: 366}", true),
        ("{field: review.interval_days, lt: 365}", false),
        ("{field: review.interval_days, le: 365}", true),
        ("{field: review.interval_days, gt: 365}", false),
        ("{field: review.interval_days, ge: 365}", true),
        ("{field: status_since, lt: 2025-03-02}", true),
        ("{field: status_since, gt: 2025-03-01}", false),
        ("{field: name, lt: Loan scorinh}", true),
        ("{field: name, ge: M}", false),
        // matches
        ("{field: name, matches: '^Loan'}", true),
        ("{field: name, matches: 'score$'}", false),
        ("{field: name, matches: '(?i)SCORING'}", true),
        ("{field: status, matches: 'prod'}", true),
        // present: absent, blank text, empty list and blocks
        ("{field: purpose, present: true}", true),
        ("{field: contact, present: true}", false),
        ("{field: contact, present: false}", true),
        ("{field: legal_basis, present: false}", true),
        ("{field: tags, present: true}", true),
        ("{field: impact.stakeholders_consulted, present: true}", false),
        ("{field: impact, present: true}", true),
        ("{field: eu_ai_act.conformity, present: true}", false),
    ])
    func operators(condition: String, expected: Bool) {
        #expect(holds(condition, sample()) == expected, "\(condition)")
    }

    @Test func absentValuesCompareFalseExceptNe() {
        let s = sample()
        #expect(!holds("{field: legal_basis, eq: x}", s))
        #expect(holds("{field: legal_basis, ne: x}", s))
        #expect(!holds("{field: legal_basis, lt: x}", s))
        #expect(!holds("{field: legal_basis, in: [x]}", s))
        #expect(holds("{field: legal_basis, not_in: [x]}", s))
        #expect(!holds("{field: legal_basis, matches: '.*'}", s))
        #expect(!holds("{field: eu_ai_act.public_body, eq: false}", s), "an absent flag is neither true nor false")
    }

    @Test func textComparesAsNumbersOrDatesWhenBothSidesAre() {
        let s = sample()
        // 0.87 < 0.9 numerically ("0.87" > "0.9" as text)
        #expect(holds("{any: metrics, where: {field: value, lt: 0.9}}", s))
        #expect(!holds("{any: metrics, where: {field: value, ge: 0.9}}", s))
        // eq stays exact: 5.10 is not 5.1
        #expect(!holds("{any: models, where: {field: version, eq: 5.1}}", s))
        #expect(holds("{any: models, where: {field: version, eq: '5.10'}}", s))
        // ordering 5.10 vs 5.9 is numeric when both read as numbers
        #expect(holds("{any: models, where: {field: version, lt: 5.9}}", s))
    }

    @Test func tierIsUnassessedWhenAbsent() {
        let bare = AISystem(id: "bare", name: "Bare", owner: "o", status: .pilot)
        #expect(holds("{field: eu_ai_act.tier, eq: unassessed}", bare))
        #expect(holds("{field: eu_ai_act.tier, present: true}", bare))
        #expect(!holds("{field: eu_ai_act, present: true}", bare))
        #expect(holds("{field: review.interval_days, eq: 365}", bare))
    }

    @Test func quantifiersOverLists() {
        let s = sample()
        #expect(holds("{any: models, where: {field: hosting, eq: api}}", s))
        #expect(!holds("{all: models, where: {field: hosting, eq: api}}", s))
        #expect(holds("{all: models, where: {field: provider, present: true}}", s))
        #expect(!holds("{none: models, where: {field: hosting, eq: api}}", s))
        #expect(holds("{none: models, where: {field: hosting, eq: on-device}}", s))
        // without where: any = not empty, none = empty
        #expect(holds("{any: datasets}", s))
        #expect(!holds("{any: oversight}", s))
        #expect(holds("{none: oversight}", s))
        #expect(!holds("{none: models}", s))
        // all over an empty list holds
        #expect(holds("{all: oversight, where: {field: can_stop, eq: true}}", s))
    }

    @Test func countWithAndWithoutWhere() {
        let s = sample()
        #expect(holds("{count: models, eq: 2}", s))
        #expect(!holds("{count: models, gt: 2}", s))
        #expect(holds("{count: models, where: {field: hosting, eq: api}, eq: 1}", s))
        #expect(holds("{count: evidence, where: {field: kind, eq: dpia}, lt: 1}", s))
        #expect(holds("{count: oversight, eq: 0}", s))
        #expect(holds("{count: impact.stakeholders_consulted, eq: 0}", s))
    }

    @Test func listsOfTextAndNestedLists() {
        let s = sample()
        #expect(holds("{any: tags, where: {field: ., eq: pii}}", s))
        #expect(!holds("{any: tags, where: {field: ., eq: health}}", s))
        #expect(holds("{any: impact.affected_groups, where: {field: ., matches: appl}}", s))
        #expect(holds("{any: datasets, where: {any: purpose, where: {field: ., eq: training}}}", s))
        #expect(!holds("{any: datasets, where: {any: purpose, where: {field: ., eq: fine-tuning}}}", s))
        // a list inside an entry
        #expect(holds("{any: models, where: {any: alternatives, where: {field: ., eq: claude}}}", s))
        #expect(holds("{all: models, where: {count: alternatives, le: 2}}", s))
    }

    @Test func dollarReachesTheRecordFromInsideAWhere() {
        let s = sample()
        #expect(holds("{any: models, where: {and: [{field: hosting, eq: api}, {field: $.status, eq: production}]}}", s))
        #expect(!holds("{any: models, where: {field: $.owner, eq: someone-else}}", s))
        #expect(holds("{any: fallbacks, where: {any: $.tags, where: {field: ., eq: finance}}}", s))
        #expect(holds("{field: $.status, eq: production}", s), "also allowed at the top level")
    }

    @Test func fallbackModelEntryCrossReference() {
        var s = sample()
        #expect(holds("{any: fallbacks, where: {field: model_entry.hosting, eq: self-hosted}}", s))
        #expect(holds("{any: fallbacks, where: {field: model_entry.provider, eq: internal}}", s))
        #expect(holds("{all: fallbacks, where: {field: model_entry, present: true}}", s))
        s.fallbacks[0].model = "missing"
        #expect(!holds("{any: fallbacks, where: {field: model_entry.hosting, eq: self-hosted}}", s))
        #expect(holds("{all: fallbacks, where: {field: model_entry, present: false}}", s))
        s.fallbacks[0].model = nil
        #expect(!holds("{any: fallbacks, where: {field: model_entry.hosting, present: true}}", s))
    }

    @Test func ageInDaysBoundaries() {
        // today 2026-11-24; last reviewed 2025-11-24 is exactly 365 days ago
        var s = sample()
        #expect(!holds("{age_days: review.last_reviewed, gt: 365}", s))
        #expect(holds("{age_days: review.last_reviewed, ge: 365}", s))
        #expect(holds("{age_days: review.last_reviewed, eq: 365}", s))
        s.review?.lastReviewed = Day("2025-11-23")
        #expect(holds("{age_days: review.last_reviewed, gt: 365}", s))
        s.review?.lastReviewed = Day("2026-11-24")
        #expect(holds("{age_days: review.last_reviewed, eq: 0}", s))
        // a date in the future has a negative age
        #expect(holds("{any: models, where: {age_days: end_of_life, lt: 0}}", s))
        #expect(holds("{any: models, where: {age_days: end_of_life, eq: -68}}", s))
        // an absent date: every comparison is false, so not(...) holds
        s.review = nil
        #expect(!holds("{age_days: review.last_reviewed, gt: 365}", s))
        #expect(!holds("{age_days: review.last_reviewed, le: 365}", s))
        #expect(holds("{not: {age_days: review.last_reviewed, le: 365}}", s))
    }

    @Test func logicalCombinators() {
        let s = sample()
        #expect(holds("{and: [{field: status, eq: production}, {field: owner, eq: credit-risk}]}", s))
        #expect(!holds("{and: [{field: status, eq: production}, {field: owner, eq: x}]}", s))
        #expect(holds("{or: [{field: status, eq: pilot}, {field: owner, eq: credit-risk}]}", s))
        #expect(!holds("{or: [{field: status, eq: pilot}, {field: owner, eq: x}]}", s))
        #expect(holds("{not: {field: status, eq: pilot}}", s))
        // all / any / none given a list of conditions are and / or / nor
        #expect(holds("{all: [{field: status, eq: production}, {field: owner, eq: credit-risk}]}", s))
        #expect(holds("{any: [{field: status, eq: pilot}, {field: owner, eq: credit-risk}]}", s))
        #expect(holds("{none: [{field: status, eq: pilot}, {field: owner, eq: x}]}", s))
        #expect(!holds("{none: [{field: status, eq: pilot}, {field: owner, eq: credit-risk}]}", s))
    }
}

@Suite struct CustomRuleBehaviourTests {
    @Test func scopeRetiredAndFindingFields() throws {
        let r = try #require(rule(
            require: "{field: contact, present: true}", when: "{field: eu_ai_act.tier, eq: high}",
            extra: "    message: '{id} ({name}, {owner}, {status}, {tier}) has no contact'\n    path: contact\n"))
        var s = sample()
        let f = r.evaluate(s, context: today)
        #expect(f == [Finding(
            rule: "ORG-100", system: "loan-scoring", severity: .medium, path: "contact",
            message: "loan-scoring (Loan scoring, credit-risk, production, high) has no contact",
            reference: CustomRuleLoader.defaultReference, remediation: "Fix it.")])
        #expect(r.applies(to: s, context: today))
        s.euAiAct?.tier = .minimal
        #expect(!r.applies(to: s, context: today))
        #expect(r.evaluate(s, context: today).isEmpty)
        s.euAiAct?.tier = .high
        s.status = .retired
        #expect(!r.applies(to: s, context: today))
        #expect(r.evaluate(s, context: today).isEmpty)
    }

    @Test func defaultsAndRendering() throws {
        let r = try #require(rule(
            require: "{any: fallbacks, where: {or: [{field: uses_ai, eq: false}, {field: strategy, in: [rule-based, manual-process]}]}}",
            when: "{all: [{field: status, eq: production}, {any: models, where: {field: hosting, eq: api}}]}"))
        #expect(r.path == "fallbacks")
        #expect(r.severityText == "medium")
        #expect(r.worstSeverity(for: sample()) == .medium)
        #expect(r.obligation == .fixed(.ops))
        #expect(r.appliesWhen == "status ≠ retired and status = production and some models entry has (hosting = api)")
        #expect(r.firesWhen == "not (some fallbacks entry has (uses_ai = false or strategy in [rule-based, manual-process]))")
        #expect(r.evaluate(sample(), context: today).first?.message == "loan-scoring: Test rule")
        let hr = try #require(rule(require: "{none: oversight}", extra: "    group: hr\n    reference: Policy 1\n"))
        #expect(hr.obligation == .highRisk)
        #expect(hr.reference == "Policy 1")
        #expect(hr.firesWhen == "not (oversight empty)")
    }

    @Test func customFindingsCanBeWaived() throws {
        let r = try #require(rule(require: "{field: legal_basis, present: true}"))
        let engine = RuleEngine(rules: RuleCatalog.builtIn + [r])
        let s = sample()
        let open = engine.evaluate(s, context: today, waivers: []).filter { $0.rule == "ORG-100" }
        #expect(open.map(\.status) == [.open])
        let w = Waiver(system: "loan-scoring", rule: "ORG-100", reason: "Mandate pending", approvedBy: "cro", expires: Day("2026-12-31")!)
        let waived = engine.evaluate(s, context: today, waivers: [w]).filter { $0.rule == "ORG-100" }
        #expect(waived.map(\.status) == [.waived])
        #expect(waived.first?.waiver == w)
        let later = RuleContext(today: Day("2027-01-01")!)
        #expect(engine.evaluate(s, context: later, waivers: [w]).filter { $0.rule == "ORG-100" }.map(\.status) == [.open])
        // it counts in the score like a built-in check
        let findings = engine.evaluate(s, context: today, waivers: [])
        let score = engine.score(s, context: today, findings: findings)
        #expect(score.failed.contains { $0.rule == "ORG-100" && $0.lost == Score.weight(of: .medium) })
    }

    @Test func groupDecidesUpcoming() throws {
        let r = try #require(rule(require: "{field: legal_basis, present: true}", extra: "    group: hr3\n"))
        let found = RuleEngine(rules: [r]).evaluate(sample(), context: today, waivers: [])
        #expect(found.map(\.status) == [.upcoming])
        #expect(found.first?.due == Day("2027-12-02"))
    }
}

@Suite struct CustomRuleExampleTests {
    static var examplesFile: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/org-rules.yaml").path
    }

    static func loaded() -> [CustomRule] {
        let r = CustomRuleLoader.load(files: [examplesFile])
        #expect(r.problems.map(\.description) == [])
        return r.rules
    }

    /// A production system on a hosted API model, with no fallbacks yet.
    static func apiSystem() -> AISystem {
        var s = AISystem(id: "support-chatbot", name: "Support chatbot", owner: "customer-care", status: .production)
        var m = Model(name: "gpt", provider: "openai")
        m.hosting = .api
        s.models = [m]
        return s
    }

    @Test func hostedApiModelsNeedASelfHostedOrNonAIFallback() throws {
        let rule = try #require(Self.loaded().first { $0.id == "ORG-001" })
        // as docs/custom-rules.md shows it for `aigov explain`
        #expect(rule.appliesWhen == "status ≠ retired and status = production and some models entry has (hosting = api)")
        #expect(rule.firesWhen == "not (some fallbacks entry has (uses_ai = false or model_entry.hosting = self-hosted))")
        var s = Self.apiSystem()
        let f = rule.evaluate(s, context: today)
        #expect(f.map(\.path) == ["fallbacks"])
        #expect(f.first?.severity == .high)
        #expect(f.first?.message == "support-chatbot runs a hosted API model in production without a fallback that is self-hosted or free of AI")

        // A fallback to a second API vendor still fires.
        var other = Model(name: "claude", provider: "anthropic")
        other.hosting = .api
        s.models.append(other)
        var vendor = Fallback()
        vendor.strategy = .alternateVendor
        vendor.usesAI = true
        vendor.model = "claude"
        s.fallbacks = [vendor]
        #expect(rule.evaluate(s, context: today).count == 1)

        // A fallback to a self-hosted model passes.
        var local = Model(name: "llama", provider: "internal")
        local.hosting = .selfHosted
        s.models.append(local)
        var selfHosted = Fallback()
        selfHosted.usesAI = true
        selfHosted.model = "llama"
        s.fallbacks = [vendor, selfHosted]
        #expect(rule.evaluate(s, context: today).isEmpty)

        // A fallback without AI passes.
        var manual = Fallback()
        manual.strategy = .manualProcess
        manual.usesAI = false
        s.fallbacks = [vendor, manual]
        #expect(rule.evaluate(s, context: today).isEmpty)

        // Out of scope: not production, or no API model.
        var pilot = Self.apiSystem()
        pilot.status = .pilot
        #expect(!rule.applies(to: pilot, context: today))
        var onPrem = Self.apiSystem()
        onPrem.models[0].hosting = .selfHosted
        #expect(!rule.applies(to: onPrem, context: today))
    }

    @Test func peopleAnalyticsSystemsNeedADPIA() throws {
        let rule = try #require(Self.loaded().first { $0.id == "ORG-002" })
        #expect(rule.obligation == .fixed(.gdpr))
        var s = AISystem(id: "attrition-model", name: "Attrition model", owner: "people-analytics", status: .development)
        s.evidence = [Evidence(title: "Model card", kind: .modelCard)]
        let f = rule.evaluate(s, context: today)
        #expect(f.map(\.message) == ["attrition-model is owned by people-analytics and has no DPIA on record"])
        #expect(f.map(\.path) == ["evidence"])
        s.evidence.append(Evidence(title: "DPIA 2026", kind: .dpia))
        #expect(rule.evaluate(s, context: today).isEmpty)
        let other = AISystem(id: "other", name: "Other", owner: "finance", status: .production)
        #expect(!rule.applies(to: other, context: today))
    }
}

@Suite struct CustomRuleDocumentationTests {
    /// The "More patterns" of docs/custom-rules.md load and behave as described.
    @Test func morePatternsLoad() throws {
        let s = sample()
        #expect(holds("{age_days: review.last_reviewed, le: 365}", s))
        var never = s
        never.review = nil
        #expect(!holds("{age_days: review.last_reviewed, le: 365}", never))
        #expect(!holds("{and: [{count: oversight, ge: 2}, {any: oversight, where: {field: can_stop, eq: true}}]}", s))
        #expect(!holds(#"{all: models, where: {or: [{field: hosting, ne: api}, {field: version, matches: '\d{4}-\d{2}-\d{2}'}]}}"#, s))
        var pinned = s
        pinned.models[0].version = "gpt-2026-05-13"
        #expect(holds(#"{all: models, where: {or: [{field: hosting, ne: api}, {field: version, matches: '\d{4}-\d{2}-\d{2}'}]}}"#, pinned))
        #expect(!holds("{none: datasets, where: {and: [{field: personal_data, eq: true}, {any: purpose, where: {field: ., eq: training}}]}}", s))
        #expect(holds("{all: fallbacks, where: {age_days: last_tested, le: 180}}", s))
        #expect(holds("{count: evidence, where: {field: kind, eq: risk-assessment}, ge: 1}", s))
    }
}

@Suite struct CustomRuleFileTests {
    @Test func badRuleFileListsEveryProblemWithItsPath() {
        let text = """
            rules:
              - id: ORG-001
                title: First
                severity: severe
                remediation: r
                colour: red
                when:
                  all:
                    - {field: status, eq: production}
                    - {field: hostng, eq: api}
                require: {any: models, where: {field: hosting, eq: hosted}}
              - id: FBK-002
                title: Second
                severity: low
                remediation: r
                group: art99
                path: fallback
                message: "{id} {team}"
                require: {field: status, gt: pilot}
              - id: org-3
                severity: low
                remediation: r
                require: {field: name, matches: '(unclosed', eq: x}
              - id: ORG-001
                title: Dup
                severity: low
                remediation: r
                require: {field: name, matches: '(unclosed'}
              - id: ORG-005
                title: Types
                severity: low
                remediation: r
                require:
                  and:
                    - {field: review.interval_days, gt: soon}
                    - {field: tags, eq: pii}
                    - {age_days: name, gt: 3}
                    - {count: status, eq: 1}
                    - {all: models}
                    - {field: eu_ai_act.profiling, eq: yes}
                    - {field: review.last_reviewed, lt: 2026-02-30}
                    - {any: models, where: {field: status, eq: production}}
                    - {field: models.hosting, eq: api}
                    - {nope: 1}
                    - {field: status, eqq: production}
                    - {field: status, in: []}
                    - {field: status, eq: null}
                    - {count: models, where: {field: name, present: maybe}, ge: 1}
            """
        #expect(problems(text) == [
            "org.yaml:rules[0].colour: unknown key \"colour\" (expected one of id, title, severity, reference, remediation, group, path, message, when, require, frameworks)",
            "org.yaml:rules[0].severity: expected one of critical, high, medium, low, info, got \"severe\"",
            "org.yaml:rules[0].when.all[1].field: unknown field \"hostng\" (expected one of \(FieldCatalog.recordPaths.joined(separator: ", ")))",
            "org.yaml:rules[0].require.where.eq: expected one of api, self-hosted, on-device (the values of hosting), got \"hosted\"",
            "org.yaml:rules[1].id: \"FBK-002\" is the id of a built-in rule",
            "org.yaml:rules[1].group: expected one of art5, lit, art50, hr1, hr3, ops, gdpr, hr, got \"art99\"",
            "org.yaml:rules[1].path: unknown field \"fallback\" (expected one of \(FieldCatalog.recordPaths.joined(separator: ", ")))",
            "org.yaml:rules[1].message: unknown placeholder {team} (expected one of {id}, {name}, {owner}, {status}, {tier})",
            "org.yaml:rules[1].require.gt: gt orders numbers, dates and text, and \"status\" is an enumeration (use eq, ne, in or not_in)",
            "org.yaml:rules[2].id: expected a rule id such as ORG-001 (capital letters or digits, a hyphen, three digits), got \"org-3\"",
            "org.yaml:rules[2].title: missing required key \"title\"",
            "org.yaml:rules[2].require: expected exactly one of eq, ne, in, not_in, lt, le, gt, ge, matches, present, got eq and matches",
            "org.yaml:rules[3].require.matches: not a valid regular expression: \"(unclosed\"",
            "org.yaml:rules[3].id: duplicate rule id \"ORG-001\" (also at rules[0])",
            "org.yaml:rules[4].require.and[0].gt: expected a number (review.interval_days is a number), got \"soon\"",
            "org.yaml:rules[4].require.and[1].eq: \"tags\" is a list: use any, all, none or count over it, or present",
            "org.yaml:rules[4].require.and[2].age_days: age_days needs a date field, and \"name\" is text",
            "org.yaml:rules[4].require.and[3].count: count needs a list field, and \"status\" is an enumeration",
            "org.yaml:rules[4].require.and[4].where: all needs a where condition (all over a list without one always holds)",
            "org.yaml:rules[4].require.and[5].eq: expected true or false (eu_ai_act.profiling is true or false), got \"yes\"",
            "org.yaml:rules[4].require.and[6].lt: expected a date YYYY-MM-DD (review.last_reviewed is a date), got \"2026-02-30\"",
            "org.yaml:rules[4].require.and[7].where.field: unknown field \"status\" in models entries; the record's field is $.status (expected one of \(FieldScope.model.paths.joined(separator: ", ")), or $.PATH for a field of the whole record)",
            "org.yaml:rules[4].require.and[8].field: unknown field \"models.hosting\"; hosting is a field of models entries: use any, all, none or count: models with where: {field: hosting, …} (expected one of \(FieldCatalog.recordPaths.joined(separator: ", ")))",
            "org.yaml:rules[4].require.and[9]: expected a condition with one of field, age_days, any, all, none, count, and, or, not, got \"nope\"",
            "org.yaml:rules[4].require.and[10].eqq: unknown key \"eqq\" (expected one of field, eq, ne, in, not_in, lt, le, gt, ge, matches, present); did you mean \"eq\"?",
            "org.yaml:rules[4].require.and[11].in: expected a non-empty list of values, got an empty list",
            "org.yaml:rules[4].require.and[12].eq: expected a value, got null (use present: false)",
            "org.yaml:rules[4].require.and[13].where.present: expected true or false, got \"maybe\"",
        ])
    }

    @Test func fileShapeProblems() {
        #expect(problems("") == ["org.yaml: expected a mapping with a rules list, got an empty document"])
        #expect(problems("- id: ORG-001") == ["org.yaml: expected a mapping, got a list"])
        #expect(problems("rule: []") == [
            "org.yaml:rule: unknown key \"rule\" (expected one of rules); did you mean \"rules\"?",
            "org.yaml:rules: missing required key \"rules\"",
        ])
        #expect(problems("rules: {id: x}") == ["org.yaml:rules: expected a list, got a mapping"])
        #expect(problems("rules: []\n---\nrules: []\n") == ["org.yaml: expected one document with a rules list, got 2 (--- separated)"])
        #expect(problems("rules: [\n") .first?.hasPrefix("org.yaml: malformed YAML/JSON at line") == true)
        #expect(problems("rules:\n  - id: ORG-001\n    title: t\n    severity: low\n    remediation: r\n") == [
            "org.yaml:rules[0].require: missing required key \"require\" (the condition every system in scope must meet)",
        ])
        #expect(problems("rules:\n  - {id: INV-100, title: t, severity: low, remediation: r, require: {any: models}}\n") == [
            "org.yaml:rules[0].id: the prefix \"INV\" is reserved for built-in rules (choose another, e.g. ORG)",
        ])
        #expect(CustomRuleLoader.parse(data: Data("rules: []\n".utf8), file: "e.yaml").problems.isEmpty)
    }

    @Test func problemsCarryLines() {
        let r = CustomRuleLoader.parse(data: Data("rules:\n  - id: ORG-001\n    title: t\n    severity: low\n    remediation: r\n    require: {field: hostng, present: true}\n".utf8), file: "l.yaml")
        #expect(r.problems.first?.path == "rules[0].require.field")
        #expect(r.problems.first?.line == 6)
    }

    @Test func foldersAndDuplicateIdsAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aigov-rules-\(UUID().uuidString)")
        let rulesDir = dir.appendingPathComponent("rules.d")
        try FileManager.default.createDirectory(at: rulesDir.appendingPathComponent("sub.yaml"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = "rules:\n  - {id: ORG-001, title: t, severity: low, remediation: r, require: {any: models}}\n"
        let two = "rules:\n  - {id: ORG-002, title: t, severity: low, remediation: r, require: {any: models}}\n  - {id: ORG-001, title: t, severity: low, remediation: r, require: {any: models}}\n"
        try one.write(to: rulesDir.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try two.write(to: rulesDir.appendingPathComponent("c.YAML"), atomically: true, encoding: .utf8)
        try one.write(to: rulesDir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try one.write(to: rulesDir.appendingPathComponent(".hidden.yaml"), atomically: true, encoding: .utf8)

        let db = dir.appendingPathComponent("registry.db").path
        #expect(CustomRuleLoader.folder(besideDatabase: db) == rulesDir.path)
        let files = CustomRuleLoader.folderFiles(rulesDir.path)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["b.yml", "c.YAML"])
        #expect(CustomRuleLoader.folderFiles(dir.appendingPathComponent("missing").path) == [])

        let r = CustomRuleLoader.load(files: files + [dir.appendingPathComponent("nope.yaml").path])
        #expect(r.rules.map(\.id) == ["ORG-001", "ORG-002"])
        #expect(r.problems.map(\.description) == [
            "\(dir.path)/nope.yaml: no such file or folder",
            "\(files[1]):rules[1].id: duplicate rule id \"ORG-001\" (also in \(files[0]))",
        ])
        // a folder given to --rules stands for its files
        #expect(CustomRuleLoader.load(files: [rulesDir.path]).rules.count == 2)
        #expect(CustomRuleLoader.load(files: [dir.path]).problems.map(\.message) == ["no .yaml or .yml files in this folder"])
    }

    @Test func fastOverManySystems() throws {
        let loaded = CustomRuleExampleTests.loaded()
        let extra = try #require(rule(
            require: "{and: [{not: {age_days: review.last_reviewed, gt: 365}}, {count: models, where: {field: version, matches: '^[0-9]'}, ge: 1}]}",
            when: "{field: eu_ai_act.tier, in: [high, limited]}"))
        let engine = RuleEngine(rules: loaded + [extra])
        let base = sample()
        var systems: [AISystem] = []
        systems.reserveCapacity(100_000)
        for i in 0..<100_000 {
            var s = base
            s.id = "system-\(i)"
            s.owner = i % 3 == 0 ? "people-analytics" : "credit-risk"
            systems.append(s)
        }
        let clock = ContinuousClock()
        var found: [Finding] = []
        let elapsed = clock.measure { found = engine.evaluate(systems, context: today, waivers: []) }
        #expect(found.count == 33_334)
        // Debug builds are several times slower than release; the bound only catches a regression
        // to per-system encoding.
        #expect(elapsed < .seconds(10), "took \(elapsed)")
        print("custom rules over 100,000 systems: \(elapsed)")
    }
}

