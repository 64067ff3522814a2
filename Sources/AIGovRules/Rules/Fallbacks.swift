import AIGovCore

/// FBK: what happens when the model or its vendor fails.
extension BuiltInRule {
    static let fallbackRules: [BuiltInRule] = [
        BuiltInRule(
            "FBK-001", "An active system has a fallback",
            applies: "active", fires: "`fallbacks` empty",
            severity: .highIfHighRisk, reference: "Art. 15(4)",
            remediation: "Add a `fallbacks` entry: what takes over when the model fails, who owns it and its runbook.",
            scope: { s, _ in s.isActive }
        ) { s, c in
            c.when(s.fallbacks.isEmpty, "fallbacks", "no fallback recorded for a \(s.status.rawValue) system")
        },
        BuiltInRule(
            "FBK-002", "Fallbacks do not all depend on the primary model's vendor",
            applies: "active, `fallbacks` not empty",
            fires: "every fallback has `uses_ai` true, and each one either names a `model` whose provider is a provider of a primary model, or names no model and has strategy alternate-model",
            severity: .highIfHighRisk, reference: "vendor concentration; NIST AI RMF Govern 6.2",
            remediation: "Add a fallback that survives the loss of the primary vendor: another vendor's model, a rule-based path or a manual process.",
            scope: { s, _ in s.isActive && !s.fallbacks.isEmpty }
        ) { s, c in
            let vendors = s.primaryModelIndices.map { s.models[$0].provider }
            let concentrated = s.fallbacks.allSatisfy { f in
                guard f.usesAI == true else { return false }
                if let name = f.model, !name.isEmptyText {
                    guard let m = s.model(named: name) else { return false }
                    return vendors.contains { $0.sameName(as: m.provider) }
                }
                return f.strategy == .alternateModel
            }
            let names = vendors.isEmpty ? "the primary vendor" : vendors.joined(separator: ", ")
            return c.when(concentrated, "fallbacks", "every fallback still depends on AI from \(names), the primary model's vendor")
        },
        BuiltInRule(
            "FBK-003", "A system deciding about people can fall back to a path without AI",
            applies: "active and `people`", fires: "no fallback with `uses_ai` false",
            severity: .fixed(.high), reference: "Art. 14(4)(d); NIST AI RMF Manage 2.4",
            remediation: "Add a fallback with `uses_ai: false` (manual process, rule-based path or disable) so decisions can continue without AI.",
            scope: { s, _ in s.isActive && s.decidesAboutPeople }
        ) { s, c in
            c.when(
                !s.fallbacks.contains { $0.usesAI == false }, "fallbacks",
                "decides about people but has no fallback without AI")
        },
        BuiltInRule(
            "FBK-004", "Each fallback has been tested",
            applies: "any", fires: "a fallback has no `last_tested` (per entry)",
            severity: .fixed(.medium), reference: "NIST AI RMF Manage 2.3",
            remediation: "Switch to the fallback in a drill and record the date in `last_tested`."
        ) { s, c in
            c.perEntry(s.fallbacks, "fallbacks", field: "last_tested") { _, f in
                f.lastTested == nil ? "fallback \(describe(f)) has never been tested" : nil
            }
        },
        BuiltInRule(
            "FBK-005", "Fallbacks are tested at least every \(Intervals.fallbackTestDays) days",
            applies: "any", fires: "a fallback's `last_tested` is stale by \(Intervals.fallbackTestDays) days (per entry)",
            severity: .fixed(.low), reference: "NIST AI RMF Manage 2.3",
            remediation: "Run the fallback drill again and update `last_tested`.",
            changes: { s, _ in s.fallbacks.compactMap(\.lastTested).map { RuleContext.staleFrom($0, days: Intervals.fallbackTestDays) } }
        ) { s, c in
            c.perEntry(s.fallbacks, "fallbacks", field: "last_tested") { _, f in
                guard let d = f.lastTested, c.isStale(d, days: Intervals.fallbackTestDays) else { return nil }
                return "fallback \(describe(f)) was last tested on \(d), more than \(Intervals.fallbackTestDays) days ago"
            }
        },
        BuiltInRule(
            "FBK-006", "A fallback's model is one of the system's models",
            applies: "any", fires: "a fallback's `model` names no entry of `models`",
            severity: .fixed(.high), reference: "record integrity",
            remediation: "Add the fallback model to `models`, or correct the name in the fallback's `model`."
        ) { s, c in
            c.perEntry(s.fallbacks, "fallbacks", field: "model") { _, f in
                guard let name = f.model, !name.isEmptyText, s.model(named: name) == nil else { return nil }
                return "fallback model \"\(name)\" is not among the system's models"
            }
        },
        BuiltInRule(
            "FBK-007", "Each fallback has an owner and a runbook",
            applies: "any", fires: "a fallback's `owner` or `runbook` is empty (per entry)",
            severity: .fixed(.medium), reference: "ISO/IEC 42001 A.6.2.6",
            remediation: "Record the team that switches to the fallback in `owner` and the runbook URI in `runbook`."
        ) { s, c in
            var out: [Finding] = []
            for (i, f) in s.fallbacks.enumerated() {
                let noOwner = f.owner.isEmptyText, noRunbook = f.runbook.isEmptyText
                guard noOwner || noRunbook else { continue }
                let (path, what) =
                    noOwner && noRunbook ? ("fallbacks[\(i)]", "no owner and no runbook")
                    : noOwner ? ("fallbacks[\(i)].owner", "no owner") : ("fallbacks[\(i)].runbook", "no runbook")
                out.append(c.finding(path, "fallback \(describe(f)) has \(what)"))
            }
            return out
        },
        BuiltInRule(
            "FBK-008", "A fallback does not switch to a model past its end of life",
            applies: "any", fires: "a fallback's `model` has an `end_of_life` before today",
            severity: .fixed(.high), reference: "NIST AI RMF Manage 3.1",
            remediation: "Point the fallback at a supported model, or replace the retired model and update `end_of_life`.",
            changes: { s, _ in s.models.compactMap(\.endOfLife).map { $0.adding(days: 1) } }
        ) { s, c in
            c.perEntry(s.fallbacks, "fallbacks", field: "model") { _, f in
                guard let name = f.model, let m = s.model(named: name),
                      let eol = m.endOfLife, eol < c.today else { return nil }
                return "fallback model \"\(name)\" reached end of life on \(eol)"
            }
        },
    ]

    /// How a message names a fallback: its model, else its strategy, else its trigger.
    private static func describe(_ f: Fallback) -> String {
        if let m = f.model, !m.isEmptyText { return "to model \"\(m)\"" }
        if let t = f.target, !t.isEmptyText { return "\"\(t)\"" }
        if let s = f.strategy { return s.rawValue }
        return f.trigger.map(\.rawValue) ?? "(unnamed)"
    }
}
