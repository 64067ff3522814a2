import AIGovCore

/// DAT: where the data came from and on what legal footing it is used.
extension BuiltInRule {
    static let datasetRules: [BuiltInRule] = [
        BuiltInRule(
            "DAT-001", "Each data set records its source",
            applies: "any", fires: "a dataset's `source` is empty (per dataset)",
            severity: .highIfHighRisk, reference: "Art. 10(2)(b)",
            remediation: "Record in `source` where the data came from (system, vendor, collection process)."
        ) { s, c in
            c.perEntry(s.datasets, "datasets", field: "source") { _, d in
                d.source.isEmptyText ? "data set \"\(d.name)\" has no source" : nil
            }
        },
        BuiltInRule(
            "DAT-002", "Each data set's licence is known",
            applies: "any", fires: "a dataset's `license` is empty or `unknown` (per dataset)",
            severity: .fixed(.medium), reference: "ISO/IEC 42001 A.7.5",
            remediation: "Record the terms the data may be used under in `license` (an SPDX id, `internal`, or the contract)."
        ) { s, c in
            c.perEntry(s.datasets, "datasets", field: "license") { _, d in
                d.license.isBlankOrUnknown ? "data set \"\(d.name)\" has no known licence" : nil
            }
        },
        BuiltInRule(
            "DAT-003", "Personal data has a lawful basis",
            applies: "any", fires: "a dataset has `personal_data` true and no `lawful_basis`",
            severity: .fixed(.high), reference: "GDPR Art. 6", group: .fixed(.gdpr),
            remediation: "Record the GDPR Art. 6 lawful basis for processing the data in `lawful_basis`."
        ) { s, c in
            c.perEntry(s.datasets, "datasets", field: "lawful_basis") { _, d in
                d.personalData == true && d.lawfulBasis == nil
                    ? "data set \"\(d.name)\" holds personal data without a lawful basis" : nil
            }
        },
        BuiltInRule(
            "DAT-004", "Special-category data is covered by a DPIA",
            applies: "any", fires: "a dataset has `special_category` true and no `evidence(dpia)`",
            severity: .fixed(.high), reference: "GDPR Art. 9, 35", group: .fixed(.gdpr),
            remediation: "Carry out a data protection impact assessment, confirm an Art. 9(2) condition and add it as evidence of kind dpia."
        ) { s, c in
            guard !s.hasEvidence(.dpia) else { return [] }
            return c.perEntry(s.datasets, "datasets", field: "special_category") { _, d in
                d.specialCategory == true ? "data set \"\(d.name)\" holds special-category data and there is no DPIA" : nil
            }
        },
        BuiltInRule(
            "DAT-005", "Personal data in a high-risk or profiling system is covered by a DPIA",
            applies: "HR or `profiling`", fires: "some dataset has `personal_data` true and no `evidence(dpia)`",
            severity: .fixed(.high), reference: "GDPR Art. 35; Art. 26(9)", group: .fixed(.gdpr),
            remediation: "Carry out a data protection impact assessment and add it as evidence of kind dpia.",
            scope: { s, _ in s.isHighRisk || s.euAiAct?.profiling == true }
        ) { s, c in
            guard !s.hasEvidence(.dpia) else { return [] }
            let names = s.datasets.filter { $0.personalData == true }.map { "\"\($0.name)\"" }
            return c.when(
                !names.isEmpty, "evidence",
                "personal data in \(names.joined(separator: ", ")) without DPIA evidence")
        },
        BuiltInRule(
            "DAT-006", "Training data of a high-risk system states its known limitations",
            applies: "HR",
            fires: "a dataset whose purposes include training or fine-tuning has empty `known_limitations`",
            severity: .fixed(.medium), reference: "Art. 10(2)(h)", group: .highRisk,
            remediation: "Examine the data for biases and gaps and describe them in `known_limitations`.",
            scope: { s, _ in s.isHighRisk }
        ) { s, c in
            c.perEntry(s.datasets, "datasets", field: "known_limitations") { _, d in
                (d.purpose.contains(.training) || d.purpose.contains(.fineTuning)) && d.knownLimitations.isEmptyText
                    ? "training data set \"\(d.name)\" states no known limitations" : nil
            }
        },
        BuiltInRule(
            "DAT-007", "Data lineage names data sets of this system",
            applies: "any",
            fires: "a dataset's `derived_from` names a dataset that is not in this system (one finding per dataset)",
            severity: .fixed(.low), reference: "record integrity",
            remediation: "Add the source data set to `datasets`, or correct the name in `derived_from`."
        ) { s, c in
            let names = Set(s.datasets.map(\.name))
            return c.perEntry(s.datasets, "datasets", field: "derived_from") { _, d in
                let missing = d.derivedFrom.filter { !names.contains($0) }
                guard !missing.isEmpty else { return nil }
                let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                return "data set \"\(d.name)\" is derived from \(list), not recorded in this system"
            }
        },
    ]
}
