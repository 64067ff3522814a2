import AIGovCore

/// MOD: are the models pinned, licensed, supported and justified?
extension BuiltInRule {
    static let modelRules: [BuiltInRule] = [
        BuiltInRule(
            "MOD-001", "A system past the proposal stage records its models",
            applies: "status ≠ proposed, ≠ retired", fires: "`models` empty",
            severity: .fixed(.medium), reference: "Annex IV 1",
            remediation: "Record each model under `models` with provider, version, licence and hosting.",
            scope: { s, _ in s.status != .proposed }
        ) { s, c in
            c.when(s.models.isEmpty, "models", "no models recorded")
        },
        BuiltInRule(
            "MOD-002", "Models of an active system are pinned to a version",
            applies: "active", fires: "a model's version is `unpinned` (per model)",
            severity: .highIfHighRisk, reference: "Annex IV 1(c)",
            remediation: "Pin `version` to a fixed version or snapshot id so behaviour cannot change unnoticed.",
            scope: { s, _ in s.isActive }
        ) { s, c in
            c.perEntry(s.models, "models", field: "version") { _, m in
                guard m.version.isUnpinned else { return nil }
                let v = m.version.isEmptyText ? "no version" : "version \"\(m.version ?? "")\""
                return "model \"\(m.name)\" is not pinned (\(v))"
            }
        },
        BuiltInRule(
            "MOD-003", "Models are not past or near their end of life",
            applies: "status ≠ retired",
            fires: "a model's `end_of_life` is before today → critical if it is primary and live, else high; within 90 days after today → medium (per model)",
            severity: .computed("critical if a primary model of a live system is past end of life; high if past; medium if within 90 days") {
                $0.isLive && !$0.primaryModelIndices.isEmpty ? .critical : .high
            },
            reference: "NIST AI RMF Manage 3.1",
            remediation: "Migrate to a supported model version before the vendor's end-of-life date and update `models`.",
            changes: { s, today in
                // Past end of life the day after it; the warning window opens 90 days before;
                // inside the window the message counts the days, so it changes daily.
                s.models.compactMap(\.endOfLife).flatMap { eol in
                    let opens = eol.adding(days: -Intervals.endOfLifeWarningDays)
                    return [eol.adding(days: 1), opens] + (opens <= today && today <= eol ? [today.adding(days: 1)] : [])
                }
            }
        ) { s, c in
            let primary = s.primaryModelIndices
            var out: [Finding] = []
            for (i, m) in s.models.enumerated() {
                guard let eol = m.endOfLife else { continue }
                let path = "models[\(i)].end_of_life"
                if eol < c.today {
                    let severity: Severity = primary.contains(i) && s.isLive ? .critical : .high
                    out.append(c.finding(path, "model \"\(m.name)\" reached end of life on \(eol)", severity: severity))
                } else if eol.days(since: c.today) <= Intervals.endOfLifeWarningDays {
                    let days = eol.days(since: c.today)
                    out.append(c.finding(path, "model \"\(m.name)\" reaches end of life on \(eol), in \(days) days", severity: .medium))
                }
            }
            return out
        },
        BuiltInRule(
            "MOD-004", "Each model's licence is known",
            applies: "any", fires: "a model's `license` is empty or `unknown` (per model)",
            severity: .highIfHighRisk, reference: "ISO/IEC 42001 A.10.3",
            remediation: "Record the model's licence in `license` (an SPDX id, or `proprietary` with the contract)."
        ) { s, c in
            c.perEntry(s.models, "models", field: "license") { _, m in
                m.license.isBlankOrUnknown ? "model \"\(m.name)\" has no known licence" : nil
            }
        },
        BuiltInRule(
            "MOD-005", "The choice of each primary model is justified",
            applies: "status ≠ retired", fires: "a primary model has empty `rationale`",
            severity: .fixed(.low), reference: "smallest effective model",
            remediation: "Write in `rationale` why this model, and why not a smaller one, meets the need."
        ) { s, c in
            s.primaryModelIndices.compactMap { i in
                let m = s.models[i]
                return m.rationale.isEmptyText
                    ? c.finding("models[\(i)].rationale", "primary model \"\(m.name)\" has no rationale") : nil
            }
        },
        BuiltInRule(
            "MOD-006", "A primary model behind a vendor API lists alternatives",
            applies: "active", fires: "a primary model with hosting `api` has empty `alternatives`",
            severity: .fixed(.info), reference: "vendor exit",
            remediation: "List in `alternatives` the models you could switch to if the vendor changes terms or disappears.",
            scope: { s, _ in s.isActive }
        ) { s, c in
            s.primaryModelIndices.compactMap { i in
                let m = s.models[i]
                return m.hosting == .api && m.alternatives.isEmpty
                    ? c.finding("models[\(i)].alternatives", "primary model \"\(m.name)\" is used through an API with no alternatives listed")
                    : nil
            }
        },
        BuiltInRule(
            "MOD-007", "Each model's provider is known",
            applies: "any", fires: "a model's provider is `unknown`, any case (per model)",
            severity: .highIfHighRisk, reference: "vendor exit; Art. 25(4)",
            remediation: "Find out who supplies the model and record it in `provider`, with a contract covering Art. 25(4)."
        ) { s, c in
            c.perEntry(s.models, "models", field: "provider") { _, m in
                m.provider.isUnknown ? "model \"\(m.name)\" has an unknown provider" : nil
            }
        },
    ]
}
