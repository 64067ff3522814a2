import AIGovCore

/// OVR: can a person override or stop the system, and is that path tested?
extension BuiltInRule {
    static let oversightRules: [BuiltInRule] = [
        BuiltInRule(
            "OVR-001", "A high-risk system has a human oversight path",
            applies: "HR", fires: "`oversight` empty",
            severity: .fixed(.critical), reference: "Art. 14", group: .highRisk,
            remediation: "Add an `oversight` entry: how a person monitors, overrides or stops the system, and who.",
            scope: { s, _ in s.isHighRisk }
        ) { s, c in
            c.when(s.oversight.isEmpty, "oversight", "high-risk with no human oversight path")
        },
        BuiltInRule(
            "OVR-002", "A high-risk system can be stopped by a person",
            applies: "HR, `oversight` not empty", fires: "no entry with `can_stop` true",
            severity: .fixed(.high), reference: "Art. 14(4)(e)", group: .highRisk,
            remediation: "Provide a stop button or similar procedure that halts the system safely and record it with `can_stop: true`.",
            scope: { s, _ in s.isHighRisk && !s.oversight.isEmpty }
        ) { s, c in
            c.when(
                !s.oversight.contains { $0.canStop == true }, "oversight",
                "no oversight path can stop the system")
        },
        BuiltInRule(
            "OVR-003", "Each oversight path of a system deciding about people has been tested",
            applies: "active and `people`", fires: "an entry has no `last_tested` (per entry)",
            severity: .highIfHighRisk, reference: "Art. 14(4)(d)",
            remediation: "Exercise the override path in a drill and record the date in `last_tested`.",
            scope: { s, _ in s.isActive && s.decidesAboutPeople }
        ) { s, c in
            // RULES.md fixes this path to the entry itself.
            c.perEntry(s.oversight, "oversight") { _, o in
                o.lastTested == nil ? "oversight path \"\(o.mechanism)\" has never been tested" : nil
            }
        },
        BuiltInRule(
            "OVR-004", "Oversight paths are tested at least every \(Intervals.oversightTestDays) days",
            applies: "active and `people`", fires: "an entry's `last_tested` is stale by \(Intervals.oversightTestDays) days (per entry)",
            severity: .fixed(.medium), reference: "Art. 14",
            remediation: "Run the override drill again and update `last_tested`.",
            scope: { s, _ in s.isActive && s.decidesAboutPeople },
            changes: { s, _ in s.oversight.compactMap(\.lastTested).map { RuleContext.staleFrom($0, days: Intervals.oversightTestDays) } }
        ) { s, c in
            c.perEntry(s.oversight, "oversight", field: "last_tested") { _, o in
                guard let d = o.lastTested, c.isStale(d, days: Intervals.oversightTestDays) else { return nil }
                return "oversight path \"\(o.mechanism)\" was last tested on \(d), more than \(Intervals.oversightTestDays) days ago"
            }
        },
        BuiltInRule(
            "OVR-005", "Each oversight path names who holds it",
            applies: "any", fires: "an entry has empty `who` (per entry)",
            severity: .fixed(.medium), reference: "Art. 26(2)",
            remediation: "Name in `who` the role that holds the override, with the competence and authority to use it."
        ) { s, c in
            c.perEntry(s.oversight, "oversight", field: "who") { _, o in
                o.who.isEmptyText ? "oversight path \"\(o.mechanism)\" names no one who holds it" : nil
            }
        },
        BuiltInRule(
            "OVR-006", "A live system deciding about people has a human oversight path",
            applies: "live, not HR, `people`", fires: "`oversight` empty",
            severity: .fixed(.medium), reference: "NIST AI RMF Manage 2.4",
            remediation: "Add an `oversight` entry: how a person overrides or stops decisions about people.",
            scope: { s, _ in s.isLive && !s.isHighRisk && s.decidesAboutPeople }
        ) { s, c in
            c.when(s.oversight.isEmpty, "oversight", "decides about people in production with no human oversight path")
        },
    ]
}
