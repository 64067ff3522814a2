import AIGovCore
import AIGovRules

/// The entry a system's EU database registration needs (Art. 49, Annex VIII), every item
/// filled from the record, the items it cannot fill named by their record path.
///
/// The section follows `OperationsDuties.of(_:)`: A (provider of a high-risk Annex III
/// system), B (provider claiming the Art. 6(3) exemption), C (public deployer), their
/// restricted variants (Art. 49(4): the secure non-public section, fewer items), national
/// (Art. 49(5): no EU entry) or none.
public struct RegistrationEntry: Sendable, Equatable, Encodable {
    /// How one item stands.
    public enum Status: String, Sendable, Equatable, Encodable {
        /// Filled from the record.
        case filled
        /// Required and not in the record: `missing` names the paths to fill.
        case missing
        /// A "where applicable" item that does not apply (or the optional URL, left out).
        case notApplicable = "not-applicable"
        /// Not entered in the restricted section (Art. 49(4)).
        case notEntered = "not-entered"
    }

    /// One point of the Annex VIII section.
    public struct Item: Sendable, Equatable, Encodable {
        /// The Annex VIII point, e.g. "1", or "8-9" for the certificate and its copy.
        public var point: String
        public var label: String
        /// The record paths the item is read from.
        public var paths: [String]
        /// The text to file; for an item that does not apply, why.
        public var value: String?
        public var status: Status
        /// The record paths to fill (empty unless `status` is missing).
        public var missing: [String]

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(point, forKey: .point)
            try c.encode(label, forKey: .label)
            try c.encode(paths, forKey: .paths)
            try c.encode(value, forKey: .value)
            try c.encode(status, forKey: .status)
            try c.encode(missing, forKey: .missing)
        }

        enum CodingKeys: String, CodingKey { case point, label, paths, value, status, missing }
    }

    /// An item that cannot be filled: its point and one path to fill.
    public struct Missing: Sendable, Equatable, Encodable {
        public var point: String
        public var path: String
    }

    public var system: String
    public var name: String
    /// The registration value (CLASSIFY.md): none, national, A, B, C, A-restricted, …
    public var registration: RegistrationSection
    public var basis: OperationsDuties.Basis
    /// "A", "B" or "C"; nil for none and national.
    public var section: String?
    /// The entry goes to the secure non-public section (Art. 49(4)).
    public var restricted: Bool
    /// The articles that call for the entry.
    public var reference: String?
    /// One sentence on what is filed where.
    public var note: String
    /// The id of the entry once filed (`eu_ai_act.eu_database_id`).
    public var euDatabaseId: String?
    public var items: [Item]
    public var missing: [Missing]

    /// Every item that must be filed is filled (a system with nothing to file is complete).
    public var complete: Bool { missing.isEmpty }

    enum CodingKeys: String, CodingKey {
        case system, name, registration, basis, section, restricted, reference, note
        case euDatabaseId = "eu_database_id", items, missing, complete
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(system, forKey: .system)
        try c.encode(name, forKey: .name)
        try c.encode(registration.rawValue, forKey: .registration)
        try c.encode(basis.rawValue, forKey: .basis)
        try c.encode(section, forKey: .section)
        try c.encode(restricted, forKey: .restricted)
        try c.encode(reference, forKey: .reference)
        try c.encode(note, forKey: .note)
        try c.encode(euDatabaseId, forKey: .euDatabaseId)
        try c.encode(items, forKey: .items)
        try c.encode(missing, forKey: .missing)
        try c.encode(complete, forKey: .complete)
    }

    /// The entry of `s` as the record stands on `today` (the FRIA summary of Section C
    /// reads the draft of that day).
    public init(_ s: AISystem, today: Day) {
        let duties = OperationsDuties.of(s)
        system = s.id
        name = s.name
        registration = duties.registration
        basis = duties.basis
        euDatabaseId = s.euAiAct?.euDatabaseId.nonBlank
        switch duties.registration {
        case .A, .aRestricted: section = "A"
        case .B, .bRestricted: section = "B"
        case .C, .cRestricted: section = "C"
        case .none, .national: section = nil
        }
        restricted = [.aRestricted, .bRestricted, .cRestricted].contains(duties.registration)
        let article: String? = switch section {
        case "A": "Art. 49(1)"
        case "B": "Art. 49(2)"
        case "C": "Art. 49(3)"
        default: nil
        }
        switch duties.registration {
        case .none:
            reference = nil
            note = "No EU database registration is due for this system."
        case .national:
            reference = "Art. 49(5)"
            note = "A critical-infrastructure system (Annex III point 2): registered at national level, not in the EU database."
        default:
            let sec = section ?? ""
            reference = (article ?? "") + (restricted ? ", 49(4)" : "") + "; Annex VIII Section \(sec)"
            note = restricted
                ? "The entry goes to the secure non-public section of the EU database (Art. 49(4)); only the items that article lists are entered."
                : "The entry goes to the public section of the EU database (Annex VIII Section \(sec))."
        }
        let builder = Builder(s: s, duties: duties, today: today)
        switch section {
        case "A": items = builder.sectionA()
        case "B": items = builder.sectionB()
        case "C": items = builder.sectionC()
        default: items = []
        }
        if restricted {
            // Art. 49(4): A points 1–10 except 6, 8 and 9; B points 1–5 and 8 (Section B's points
            // 7 and 9 were deleted by Regulation (EU) 2026/1744); C points 1–3.
            let entered: Set<String> = switch section {
            case "A": ["1", "2", "3", "4", "5", "7", "10"]
            case "B": ["1", "2", "3", "4", "5", "8"]
            default: ["1", "2", "3"]
            }
            for i in items.indices where !entered.contains(items[i].point) {
                items[i].status = .notEntered
                items[i].missing = []
                items[i].value = "not entered in the restricted section (Art. 49(4))"
            }
        }
        missing = items.flatMap { i in i.missing.map { Missing(point: i.point, path: $0) } }
    }

    /// Builds the items of each section from one record.
    struct Builder {
        let s: AISystem
        let duties: OperationsDuties
        let today: Day

        var act: EUAIAct { s.euAiAct ?? EUAIAct() }
        var reg: Registration { s.registration ?? Registration() }

        /// An item from its parts: `missing` paths make it missing, else it is filled with `value`.
        func item(_ point: String, _ label: String, _ paths: [String], value: String?, missing: [String]) -> Item {
            Item(point: point, label: label, paths: paths, value: value, status: missing.isEmpty ? .filled : .missing,
                 missing: missing)
        }

        /// An item read from one text field, missing when it is blank.
        func text(_ point: String, _ label: String, _ path: String, _ value: String?) -> Item {
            item(point, label, [path], value: value.nonBlank, missing: value.isBlank ? [path] : [])
        }

        /// A "where applicable" item: filled when set, else not applicable with `otherwise`.
        func optional(_ point: String, _ label: String, _ path: String, _ value: String?, otherwise: String) -> Item {
            if let v = value.nonBlank { return Item(point: point, label: label, paths: [path], value: v, status: .filled, missing: []) }
            return Item(point: point, label: label, paths: [path], value: otherwise, status: .notApplicable, missing: [])
        }

        /// Name, address and contact details of the provider or deployer.
        func party(_ point: String, _ label: String) -> Item {
            let parts: [(String, String?)] = [("registration.organisation", reg.organisation), ("registration.address", reg.address),
                                              ("contact", s.contact)]
            let value = parts.compactMap { $0.1.nonBlank }.joined(separator: "; ")
            return item(point, label, parts.map(\.0), value: value.isEmpty ? nil : value,
                        missing: parts.filter { $0.1.isBlank }.map(\.0))
        }

        func submitter(_ point: String, required: Bool, who: String) -> Item {
            let label = "Person submitting the information on behalf of the \(who)"
            if required { return text(point, label, "registration.submitted_by", reg.submittedBy) }
            return optional(point, label, "registration.submitted_by", reg.submittedBy, otherwise: "the \(who) submits itself")
        }

        func representative(_ point: String) -> Item {
            optional(point, "Authorised representative (where applicable)", "registration.authorised_representative",
                     reg.authorisedRepresentative, otherwise: "none")
        }

        func tradeName(_ point: String) -> Item {
            let value = reg.tradeName.nonBlank.map { t in t + (reg.reference.nonBlank.map { " (reference: \($0))" } ?? "") }
            return item(point, "Trade name and any additional unambiguous reference", ["registration.trade_name", "registration.reference"],
                        value: value, missing: reg.tradeName.isBlank ? ["registration.trade_name"] : [])
        }

        func memberStates(_ point: String) -> Item {
            let states = reg.memberStates.filter { !$0.isBlank }
            return item(point, "Member States where it is placed on the market, put into service or made available",
                        ["registration.member_states"], value: states.isEmpty ? nil : states.joined(separator: ", "),
                        missing: states.isEmpty ? ["registration.member_states"] : [])
        }

        /// Status in the EU database's words, from the record's status.
        func status(_ point: String) -> Item {
            let value = switch s.status {
            case .production, .pilot: "on the market / in service"
            case .retired: "no longer on the market / in service"
            case .proposed, .development: "not yet on the market or in service (register before, Art. 49)"
            }
            return item(point, "Status of the AI system", ["status"], value: value + " (status \(s.status.rawValue))", missing: [])
        }

        func components() -> String {
            s.models.map { m in
                let facts = [m.provider, m.version.nonBlank.map { "version \($0)" }, m.role?.rawValue].compactMap { $0 }
                return m.name + " (" + facts.joined(separator: ", ") + ")"
            }.joined(separator: "; ")
        }

        func sectionA() -> [Item] {
            var out = [party("1", "Name, address and contact details of the provider"),
                       submitter("2", required: false, who: "provider"), representative("3"), tradeName("4")]
            // 5: intended purpose and components.
            var purposeMissing: [String] = []
            if s.purpose.isBlank { purposeMissing.append("purpose") }
            if s.models.isEmpty { purposeMissing.append("models") }
            let purposeValue = [s.purpose.nonBlank, s.models.isEmpty ? nil : "Components: " + components()].compactMap { $0 }
            out.append(item("5", "Intended purpose, and the components and functions it supports", ["purpose", "models"],
                            value: purposeValue.isEmpty ? nil : purposeValue.joined(separator: ". "), missing: purposeMissing))
            // 6: information used and operating logic.
            var infoMissing: [String] = []
            if s.datasets.isEmpty { infoMissing.append("datasets") }
            if s.models.isEmpty { infoMissing.append("models") }
            var info: [String] = []
            if !s.datasets.isEmpty {
                info.append("Information used: " + s.datasets.map { d in
                    let facts = [d.purpose.isEmpty ? nil : d.purpose.map(\.rawValue).joined(separator: ", "), d.source.nonBlank]
                        .compactMap { $0 }
                    return d.name + (facts.isEmpty ? "" : " (" + facts.joined(separator: "; ") + ")")
                }.joined(separator: "; "))
            }
            if !s.models.isEmpty {
                info.append("Operating logic: " + s.models.map { m in
                    m.name + (m.technique.map { " (\($0.rawValue))" } ?? "")
                }.joined(separator: "; "))
            }
            out.append(item("6", "Basic description of the information used and the operating logic", ["datasets", "models"],
                            value: info.isEmpty ? nil : info.joined(separator: ". "), missing: infoMissing))
            out.append(status("7"))
            // 8: the notified body certificate, and 9: a scanned copy of it (Art. 44), where a
            // notified body assessed the system.
            let thirdParty = act.annexIProduct == true || duties.areas.contains(.biometrics)
                || s.classification?.answers?.annexI?.thirdPartyAssessment == true
            let internalControl = "not applicable: conformity assessment by internal control (Art. 43(2))"
            for (point, label) in [("8", "Type, number and expiry of the notified body certificate, and the body's name or number"),
                                   ("9", "A scanned copy of the Art. 44 certificate, when applicable")] {
                out.append(thirdParty
                           ? text(point, label, "registration.notified_body_certificate", reg.notifiedBodyCertificate)
                           : optional(point, label, "registration.notified_body_certificate", reg.notifiedBodyCertificate,
                                      otherwise: internalControl))
            }
            out.append(memberStates("10"))
            // 11: the EU declaration of conformity.
            let declarations = s.evidence.filter { $0.kind == .conformityDeclaration }
            out.append(item("11", "EU declaration of conformity (Art. 47)", ["evidence(conformity-declaration)"],
                            value: declarations.isEmpty ? nil : declarations.map(OpsText.evidence).joined(separator: "; "),
                            missing: declarations.isEmpty ? ["evidence(conformity-declaration)"] : []))
            // 12: electronic instructions for use, not for Annex III points 1, 6 and 7.
            if duties.areas.contains(where: { [.biometrics, .lawEnforcement, .migration].contains($0) }) {
                out.append(Item(point: "12", label: "Electronic instructions for use", paths: ["registration.instructions_url"],
                                value: "not provided for systems used in law enforcement or migration, asylum and border control (Annex III points 1, 6 and 7)",
                                status: .notApplicable, missing: []))
            } else {
                out.append(text("12", "Electronic instructions for use", "registration.instructions_url", reg.instructionsUrl))
            }
            out.append(optional("13", "URL for additional information (optional)", "registration.more_information_url",
                                reg.moreInformationUrl, otherwise: "none given"))
            return out
        }

        func sectionB() -> [Item] {
            var out = [party("1", "Name, address and contact details of the provider"),
                       submitter("2", required: false, who: "provider"), representative("3"), tradeName("4"),
                       text("5", "Intended purpose", "purpose", s.purpose)]
            // 6: the Art. 6(3) condition(s): the classification's answers, else named in the reason.
            var conditions = (s.classification?.answers?.art63 ?? []).map { "Art. 6(3)(\($0.rawValue))" }
            if conditions.isEmpty, let reason = act.art63Reason.nonBlank {
                for letter in ["a", "b", "c", "d"] where reason.contains("6(3)(\(letter))") {
                    conditions.append("Art. 6(3)(\(letter))")
                }
            }
            out.append(item("6", "Condition(s) of Art. 6(3) under which it is not high-risk",
                            ["classification.answers.art6_3", "eu_ai_act.art6_3_reason"],
                            value: conditions.isEmpty ? nil : conditions.joined(separator: "; "),
                            missing: conditions.isEmpty ? ["classification.answers.art6_3"] : []))
            // Points 7 (summary of the grounds) and 9 (member states) were deleted by Regulation
            // (EU) 2026/1744; the numbering of the others stays.
            out.append(status("8"))
            return out
        }

        func sectionC() -> [Item] {
            var out = [party("1", "Name, address and contact details of the deployer"),
                       submitter("2", required: true, who: "deployer"),
                       text("3", "URL of the provider's entry in the EU database", "registration.provider_entry_url", reg.providerEntryUrl)]
            // 4: a summary of the impact assessment's findings.
            let draft = FRIADraft(s, today: today)
            let friaEvidence = s.evidence.filter { $0.kind == .fria }
            if let performed = draft.performed {
                var t = "Assessed on \(performed)"
                if let n = draft.notified { t += ", notified on \(n)" + (draft.authority.map { " to \($0)" } ?? "") }
                t += ". "
                let groups = (s.impact?.affectedGroups ?? []).filter { !$0.isBlank }
                if !groups.isEmpty { t += "Affected: " + groups.joined(separator: ", ") + ". " }
                if !s.risks.isEmpty {
                    let high = s.risks.filter { $0.severity == .high }.count
                    let mitigated = s.risks.filter { !$0.mitigation.isBlank }.count
                    t += "\(s.risks.count) risk\(s.risks.count == 1 ? "" : "s") of harm identified (\(high) high), \(mitigated) with a mitigation: "
                    t += s.risks.map(\.description).joined(separator: "; ") + ". "
                }
                t += "\(s.oversight.count) human oversight measure\(s.oversight.count == 1 ? "" : "s"), "
                t += "\(s.fallbacks.count) fallback\(s.fallbacks.count == 1 ? "" : "s")"
                if let appeal = s.impact?.appeal.nonBlank {
                    t += "; complaints: " + (appeal.hasSuffix(".") ? String(appeal.dropLast()) : appeal)
                }
                t += "."
                if !draft.missing.isEmpty {
                    t += " Empty sections: " + draft.missing.map { "(\($0.section)) \($0.path)" }.joined(separator: ", ") + "."
                }
                out.append(item("4", "Summary of the findings of the fundamental rights impact assessment (Art. 27)",
                                ["fria", "impact", "risks", "oversight", "fallbacks"], value: t, missing: []))
            } else if !friaEvidence.isEmpty {
                out.append(item("4", "Summary of the findings of the fundamental rights impact assessment (Art. 27)",
                                ["fria", "evidence(fria)"], value: "See " + friaEvidence.map(OpsText.evidence).joined(separator: "; "),
                                missing: []))
            } else {
                out.append(item("4", "Summary of the findings of the fundamental rights impact assessment (Art. 27)",
                                ["fria", "evidence(fria)"], value: nil, missing: ["fria.performed"]))
            }
            // 5: a summary of the DPIA, where one was carried out (GDPR Art. 35).
            let dpias = s.evidence.filter { $0.kind == .dpia }.map(OpsText.evidence)
                + (s.fria?.dpiaReference.nonBlank.map { ["Reference: \($0)"] } ?? [])
            let personal = s.datasets.contains { $0.personalData == true }
            let label = "Summary of the data protection impact assessment (GDPR Art. 35), where applicable"
            if !dpias.isEmpty {
                out.append(item("5", label, ["evidence(dpia)", "fria.dpia_reference"], value: dpias.joined(separator: "; "), missing: []))
            } else if personal {
                out.append(item("5", label, ["evidence(dpia)", "fria.dpia_reference"], value: nil, missing: ["fria.dpia_reference"]))
            } else {
                out.append(Item(point: "5", label: label, paths: ["evidence(dpia)", "fria.dpia_reference"],
                                value: "not applicable: no personal data recorded", status: .notApplicable, missing: []))
            }
            return out
        }
    }

    /// The entry as Markdown (`aigov register -o md`).
    public func markdown() -> String {
        let md = OpsText.markdown
        var out = "# EU database registration: \(md(name)) (\(md(system)))\n\n"
        out += "- **Registration:** \(registration.rawValue)" + (reference.map { " — \(md($0))" } ?? "") + "\n"
        out += "- **Decided from:** \(basis == .classification ? "the classification" : "the recorded eu\\_ai\\_act flags")\n"
        out += "- **EU database id:** \(euDatabaseId.map(md) ?? "not recorded (eu\\_ai\\_act.eu\\_database\\_id)")\n\n"
        out += md(note) + "\n\n"
        if items.isEmpty { return out }
        out += "| Point | Item | Value | Status |\n| --- | --- | --- | --- |\n"
        for i in items {
            let value = i.status == .missing ? "missing: " + i.missing.joined(separator: ", ") + (i.value.map { " (so far: \($0))" } ?? "")
                : (i.value ?? "")
            out += "| \(md(section ?? "")).\(md(i.point)) | \(md(i.label)) | \(md(value)) | \(i.status.rawValue) |\n"
        }
        out += "\n"
        if missing.isEmpty {
            out += "Every item to be filed is filled.\n"
        } else {
            out += "**Missing:** " + missing.map { "\(section ?? "").\($0.point) `\($0.path)`" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}
