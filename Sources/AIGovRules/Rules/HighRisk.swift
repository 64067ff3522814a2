import AIGovCore

/// HRP and HRD: the documents and registrations a high-risk provider or deployer needs.
extension BuiltInRule {
    /// A high-risk rule that fires when an evidence kind is missing.
    static func missingEvidence(
        _ id: String, _ kind: EvidenceKind, _ what: String, severity: Severity = .high,
        reference: String, remediation: String, applies: String,
        scope: @escaping @Sendable (AISystem) -> Bool
    ) -> BuiltInRule {
        BuiltInRule(
            id, "A high-risk \(applies) keeps \(what)",
            applies: "HR and role \(applies == "provider" ? "provider or product-manufacturer" : "deployer")",
            fires: "no `evidence(\(kind.rawValue))`",
            severity: .fixed(severity), reference: reference, group: .highRisk,
            remediation: remediation,
            scope: { s, _ in scope(s) }
        ) { s, c in
            c.when(!s.hasEvidence(kind), "evidence", "no \(kind.rawValue) evidence (\(what))")
        }
    }

    static let highRiskProviders: [BuiltInRule] = {
        let scope: @Sendable (AISystem) -> Bool = { s in
            s.isHighRisk && (s.operatorRole == .provider || s.operatorRole == .productManufacturer)
        }
        let applies = "HR and role provider or product-manufacturer"
        func ev(_ id: String, _ kind: EvidenceKind, _ what: String, _ ref: String, _ fix: String) -> BuiltInRule {
            missingEvidence(id, kind, what, reference: ref, remediation: fix, applies: "provider", scope: scope)
        }
        return [
            ev("HRP-001", .riskAssessment, "a risk management record", "Art. 9",
               "Run the Art. 9 risk management process and add its record as evidence of kind risk-assessment."),
            ev("HRP-002", .technicalDocumentation, "technical documentation", "Art. 11, Annex IV",
               "Write the Annex IV technical documentation and add it as evidence of kind technical-documentation."),
            ev("HRP-003", .instructionsForUse, "instructions for use", "Art. 13",
               "Write instructions for use for deployers and add them as evidence of kind instructions-for-use."),
            ev("HRP-004", .qms, "a quality management system", "Art. 17",
               "Document the quality management system and add it as evidence of kind qms."),
            BuiltInRule(
                "HRP-005", "A high-risk provider has completed conformity assessment before use",
                applies: applies, fires: "active and `conformity` ≠ done",
                severity: .computed("critical if live, else high") { $0.isLive ? .critical : .high },
                reference: "Art. 43", group: .highRisk,
                remediation: "Complete the conformity assessment and set `eu_ai_act.conformity: done`, or take the system out of use.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                c.when(
                    s.isActive && s.act.conformity != .done, "eu_ai_act.conformity",
                    "\(s.status.rawValue) with conformity assessment \(s.act.conformity?.rawValue ?? "not recorded")",
                    severity: s.isLive ? .critical : .high)
            },
            BuiltInRule(
                "HRP-006", "A live high-risk system has an EU declaration of conformity",
                applies: applies, fires: "live and no `evidence(conformity-declaration)`",
                severity: .fixed(.high), reference: "Art. 47–48", group: .highRisk,
                remediation: "Draw up the EU declaration of conformity, affix the CE marking and add the declaration as evidence of kind conformity-declaration.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                c.when(
                    s.isLive && !s.hasEvidence(.conformityDeclaration), "evidence",
                    "in production without conformity-declaration evidence")
            },
            BuiltInRule(
                "HRP-007", "A live Annex III high-risk system is registered in the EU database",
                applies: applies,
                fires: "live, `annex_i_product` false, `annex_iii` ≠ critical-infrastructure (point 2 registers nationally, Art. 49(5)), `eu_database_id` empty; with a classification: live, registration `A` or `A-restricted`, `eu_database_id` empty",
                severity: .fixed(.high), reference: "Art. 49", group: .highRisk,
                remediation: "Register the system in the EU database and record the id in `eu_ai_act.eu_database_id`.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                let due = s.settledOutcome.map { $0.obligations.registration.isSectionA }
                    ?? (s.act.annexIProduct != true && s.act.annexIII != .criticalInfrastructure)
                return c.when(
                    s.isLive && due && s.act.euDatabaseId.isEmptyText,
                    "eu_ai_act.eu_database_id", "in production without an EU database registration id")
            },
            ev("HRP-008", .postMarketPlan, "a post-market monitoring plan", "Art. 72",
               "Write the post-market monitoring plan and add it as evidence of kind post-market-plan."),
            ev("HRP-009", .loggingPolicy, "a logging policy", "Art. 12, 19",
               "Document automatic logging and log retention and add it as evidence of kind logging-policy."),
            ev("HRP-010", .testReport, "a test report", "Art. 15",
               "Test accuracy, robustness and cybersecurity and add the report as evidence of kind test-report."),
            BuiltInRule(
                "HRP-011", "A high-risk provider records its data sets",
                applies: applies, fires: "no `datasets` recorded",
                severity: .fixed(.high), reference: "Art. 10", group: .highRisk,
                remediation: "Record the training, validation and testing data sets under `datasets` with source and limitations.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                c.when(s.datasets.isEmpty, "datasets", "no data sets recorded")
            },
        ]
    }()

    static let highRiskDeployers: [BuiltInRule] = {
        let scope: @Sendable (AISystem) -> Bool = { s in s.isHighRisk && s.operatorRole == .deployer }
        let applies = "HR and role deployer"
        return [
            BuiltInRule(
                "HRD-001", "A public body or essential-services deployer has a fundamental rights impact assessment",
                applies: applies,
                fires: "no `evidence(fria)` and no `fria.performed`, and: with a classification, `fria_required` (high); without one, `public_body` and `annex_iii` ≠ critical-infrastructure (high), or not `public_body` and `annex_iii` = essential-services (medium: only points 5(b) and 5(c) owe it, Art. 27(1))",
                severity: .computed("high; medium when inferred for a private essential-services deployer without a classification", { s in
                    FRIADuty.of(s) == .inferredPrivate ? .medium : .high
                }),
                reference: "Art. 27(1)", group: .highRisk,
                remediation: "Carry out the fundamental rights impact assessment before first use and add it as evidence of kind fria.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                guard !s.hasEvidence(.fria), s.fria?.performed == nil else { return [] }
                switch FRIADuty.of(s) {
                case .none: return []
                case .required:
                    return [c.finding("evidence", "no fria evidence (fundamental rights impact assessment)", severity: .high)]
                case .inferredPrivate:
                    return [c.finding("evidence",
                                      "no fria evidence (fundamental rights impact assessment), owed if it evaluates creditworthiness (Annex III 5(b)) or prices life or health insurance (5(c)); answer the classification to settle it",
                                      severity: .medium)]
                }
            },
            missingEvidence(
                "HRD-002", .instructionsForUse, "the provider's instructions for use", severity: .medium,
                reference: "Art. 26(1)",
                remediation: "Obtain the provider's instructions for use and add them as evidence of kind instructions-for-use.",
                applies: "deployer", scope: scope),
            missingEvidence(
                "HRD-003", .loggingPolicy, "a logging policy", reference: "Art. 26(6)",
                remediation: "Keep the system's logs at least six months and add the policy as evidence of kind logging-policy.",
                applies: "deployer", scope: scope),
            BuiltInRule(
                "HRD-004", "Workers are informed before a high-risk system is used at work",
                applies: applies, fires: "`annex_iii` = employment and no `evidence(worker-information)`",
                severity: .fixed(.high), reference: "Art. 26(7)", group: .highRisk,
                remediation: "Inform workers' representatives and affected workers and add the notice as evidence of kind worker-information.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                c.when(
                    s.act.annexIII == .employment && !s.hasEvidence(.workerInformation), "evidence",
                    "used in employment without worker-information evidence")
            },
            BuiltInRule(
                "HRD-005", "A public-authority deployer registers its use in the EU database",
                applies: applies,
                fires: "`authority` (`public_authority`, else `public_body`), `annex_iii` ≠ critical-infrastructure and `eu_database_id` empty; with a classification: registration `C` or `C-restricted` and `eu_database_id` empty",
                severity: .fixed(.high), reference: "Art. 26(8), 49(3)", group: .highRisk,
                remediation: "Register the use in the EU database and record the id in `eu_ai_act.eu_database_id`.",
                scope: { s, _ in scope(s) }
            ) { s, c in
                let due = s.settledOutcome.map { $0.obligations.registration.isSectionC }
                    ?? (s.isAuthority && s.act.annexIII != .criticalInfrastructure)
                // Read from `public_body`, which also holds private providers of public services.
                let hedge = s.settledOutcome == nil && s.act.publicAuthority == nil ? " (if the deployer is a public authority)" : ""
                return c.when(
                    due && s.act.euDatabaseId.isEmptyText, "eu_ai_act.eu_database_id",
                    "public authority without an EU database registration id" + hedge)
            },
        ]
    }()
}

/// Whether a deployer owes a fundamental rights impact assessment (HRD-001, Art. 27(1)): from
/// the classification when settled, else inferred from the record, where a private
/// essential-services deployer owes it only for points 5(b) and 5(c), which the record cannot
/// tell apart (medium, until the classification settles it).
enum FRIADuty: Equatable {
    case none, required, inferredPrivate

    static func of(_ s: AISystem) -> FRIADuty {
        if let o = s.settledOutcome { return o.obligations.friaRequired ? .required : .none }
        if s.act.publicBody == true && s.act.annexIII != .criticalInfrastructure { return .required }
        if s.act.publicBody != true && s.act.annexIII == .essentialServices { return .inferredPrivate }
        return .none
    }
}
