/// Each built-in rule's AI Act articles, ISO/IEC 42001 Annex A controls and NIST AI RMF
/// subcategories: the crosswalk of FRAMEWORKS.md, refined per rule where the rule is
/// narrower than its family (docs/frameworks.md says where and why).
///
/// Refinements worth knowing:
/// - HRP-004 (a QMS record exists) maps to no Annex A control: the crosswalk's "clauses 4–10,
///   A.2.2" is management-system work, and a QMS document for one system does not show that
///   the organisation's AI policy (A.2.2) exists. A.2.2 stays outside the registry.
/// - A.7.5 (data provenance) is served by DAT-001 (source) and DAT-002 (licence) only; the
///   other data rules map to the data controls they check (A.7.2 lawful use, A.7.4 quality,
///   A.7.6 preparation and lineage).
/// - The fallback, model and oversight families are split by what each rule checks (tested,
///   owned, vendor-independent, past end of life).
public enum FrameworkCrosswalk {
    private typealias M = FrameworkMapping

    // The families of the crosswalk table.
    private static let classification = (iso: ["A.5.2", "A.5.3", "A.6.2.2"],
                                         nist: ["GOVERN 1.1", "GOVERN 1.6", "MAP 1.1", "MAP 2.1"])
    private static let riskManagement = (iso: ["A.5.2", "A.6.1.3"], nist: ["MAP 5.1", "MANAGE 1.2", "MANAGE 1.3"])
    private static let documentation = (iso: ["A.6.2.3", "A.6.2.7"], nist: ["MAP 2.1", "MEASURE 2.9"])
    private static let instructions = (iso: ["A.8.2", "A.9.2"], nist: ["MAP 2.2"])
    private static let verification = (iso: ["A.6.2.4", "A.6.2.5"],
                                       nist: ["MEASURE 2.1", "MEASURE 2.3", "MEASURE 2.5", "MANAGE 1.1"])
    private static let registration = (iso: ["A.8.3"], nist: ["GOVERN 1.1"])
    private static let logging = (iso: ["A.6.2.8"], nist: ["MEASURE 2.4", "GOVERN 4.3"])
    private static let impact = (iso: ["A.5.2", "A.5.3", "A.5.4", "A.5.5"], nist: ["MAP 5.1", "MAP 5.2", "GOVERN 5.1"])
    private static let oversight = (iso: ["A.9.2", "A.6.2.6", "A.3.2"], nist: ["GOVERN 3.2", "MAP 3.5", "MANAGE 2.4"])
    private static let transparency = (iso: ["A.8.2", "A.8.5"], nist: ["MEASURE 2.8"])
    private static let review = (iso: ["A.2.4"], nist: ["GOVERN 1.5"])
    private static let incidents = (iso: ["A.8.4", "A.8.3"], nist: ["MANAGE 4.3", "MANAGE 2.3"])

    private static func family(_ art: [String], _ f: (iso: [String], nist: [String])) -> M {
        M(euAIAct: art, iso42001: f.iso, nistAIRMF: f.nist)
    }

    /// The mapping of every built-in rule, by rule id.
    public static let builtIn: [String: FrameworkMapping] = [
        // INV: inventory and classification.
        "INV-001": M(iso42001: ["A.3.2"], nistAIRMF: ["GOVERN 2.1"]),
        "INV-002": family(["Art. 6"], classification),
        "INV-003": family(["Art. 6"], classification),
        "INV-004": family(["Art. 5"], classification),
        "INV-005": family(["Art. 6", "Annex III"], classification),
        "INV-006": family(["Art. 6"], classification),
        "INV-007": family(["Art. 6"], classification),
        "INV-008": family(["Art. 6"], classification),
        "INV-009": family(["Art. 5", "Annex III"], classification),
        "INV-010": M(euAIAct: ["Art. 3"], iso42001: ["A.9.4", "A.6.2.2"], nistAIRMF: ["MAP 1.1", "MAP 3.3"]),
        "INV-011": family(["Art. 6"], classification),
        "INV-012": family(["Art. 3"], classification),
        "INV-013": family(["Art. 111"], classification),
        "INV-014": family(["Art. 2"], classification),
        // HRP: high-risk providers.
        "HRP-001": family(["Art. 9"], riskManagement),
        "HRP-002": family(["Art. 11", "Annex IV"], documentation),
        "HRP-003": family(["Art. 13"], instructions),
        "HRP-004": M(euAIAct: ["Art. 17"], nistAIRMF: ["GOVERN 1.1", "GOVERN 1.2", "GOVERN 1.3", "GOVERN 1.4", "GOVERN 1.5"]),
        "HRP-005": family(["Art. 43"], verification),
        "HRP-006": family(["Art. 47", "Art. 48"], verification),
        "HRP-007": family(["Art. 49"], registration),
        "HRP-008": M(euAIAct: ["Art. 72"], iso42001: ["A.6.2.6"], nistAIRMF: ["MEASURE 2.4", "MANAGE 4.1"]),
        "HRP-009": family(["Art. 12", "Art. 19"], logging),
        "HRP-010": family(["Art. 15"], verification),
        "HRP-011": M(euAIAct: ["Art. 10"], iso42001: ["A.4.3", "A.7.2"], nistAIRMF: ["MAP 4.1"]),
        // HRD: high-risk deployers.
        "HRD-001": family(["Art. 27"], impact),
        "HRD-002": family(["Art. 26"], instructions),
        "HRD-003": family(["Art. 26"], logging),
        "HRD-004": M(euAIAct: ["Art. 26"], iso42001: ["A.8.5"], nistAIRMF: ["GOVERN 5.1"]),
        "HRD-005": family(["Art. 26", "Art. 49"], registration),
        // OVR: human oversight.
        "OVR-001": family(["Art. 14"], oversight),
        "OVR-002": family(["Art. 14"], oversight),
        "OVR-003": M(euAIAct: ["Art. 14"], iso42001: ["A.9.2", "A.6.2.6"], nistAIRMF: ["MAP 3.5", "MANAGE 2.4"]),
        "OVR-004": M(euAIAct: ["Art. 14"], iso42001: ["A.9.2", "A.6.2.6"], nistAIRMF: ["MAP 3.5", "MANAGE 2.4"]),
        "OVR-005": M(euAIAct: ["Art. 26"], iso42001: ["A.3.2", "A.9.2"], nistAIRMF: ["GOVERN 3.2"]),
        "OVR-006": M(iso42001: ["A.9.2", "A.6.2.6"], nistAIRMF: ["GOVERN 3.2", "MAP 3.5", "MANAGE 2.4"]),
        // FBK: fallbacks.
        "FBK-001": M(euAIAct: ["Art. 15"], iso42001: ["A.6.2.6"], nistAIRMF: ["MANAGE 2.3", "MANAGE 2.4"]),
        "FBK-002": M(iso42001: ["A.10.3"], nistAIRMF: ["GOVERN 6.2", "MANAGE 3.1"]),
        "FBK-003": M(euAIAct: ["Art. 14"], iso42001: ["A.6.2.6", "A.9.2"], nistAIRMF: ["MANAGE 2.1", "MANAGE 2.4"]),
        "FBK-004": M(iso42001: ["A.6.2.6"], nistAIRMF: ["MANAGE 2.3", "MANAGE 4.1"]),
        "FBK-005": M(iso42001: ["A.6.2.6"], nistAIRMF: ["MANAGE 2.3", "MANAGE 4.1"]),
        "FBK-006": M(iso42001: ["A.6.2.6"], nistAIRMF: ["MANAGE 2.3"]),
        "FBK-007": M(iso42001: ["A.6.2.6", "A.3.2"], nistAIRMF: ["MANAGE 2.3", "GOVERN 2.1"]),
        "FBK-008": M(iso42001: ["A.6.2.6", "A.10.3"], nistAIRMF: ["MANAGE 3.1", "MANAGE 3.2"]),
        // MOD: models.
        "MOD-001": family(["Annex IV"], documentation),
        "MOD-002": family(["Annex IV"], documentation),
        "MOD-003": M(iso42001: ["A.10.3", "A.4.4"], nistAIRMF: ["MANAGE 3.1", "MANAGE 3.2"]),
        "MOD-004": M(iso42001: ["A.10.3", "A.4.4"], nistAIRMF: ["GOVERN 6.1", "MAP 4.1"]),
        "MOD-005": M(iso42001: ["A.6.1.2"], nistAIRMF: ["MAP 3.2", "MANAGE 2.1"]),
        "MOD-006": M(iso42001: ["A.10.3"], nistAIRMF: ["GOVERN 6.2", "MANAGE 3.1"]),
        "MOD-007": M(euAIAct: ["Art. 25"], iso42001: ["A.10.2", "A.10.3"], nistAIRMF: ["MAP 4.1", "MANAGE 3.1"]),
        // DAT: data sets.
        "DAT-001": M(euAIAct: ["Art. 10"], iso42001: ["A.7.3", "A.7.5"], nistAIRMF: ["MAP 4.1"]),
        "DAT-002": M(iso42001: ["A.7.3", "A.7.5"], nistAIRMF: ["MAP 4.1", "GOVERN 6.1"]),
        "DAT-003": M(iso42001: ["A.7.2", "A.7.3"], nistAIRMF: ["MEASURE 2.10"]),
        "DAT-004": M(iso42001: ["A.7.2", "A.5.4"], nistAIRMF: ["MEASURE 2.10"]),
        "DAT-005": M(euAIAct: ["Art. 26"], iso42001: ["A.7.2", "A.5.4"], nistAIRMF: ["MEASURE 2.10"]),
        "DAT-006": M(euAIAct: ["Art. 10"], iso42001: ["A.7.4"], nistAIRMF: ["MEASURE 2.11", "MAP 4.1"]),
        "DAT-007": M(iso42001: ["A.7.6"], nistAIRMF: ["MAP 4.1"]),
        // TRN: transparency.
        "TRN-001": family(["Art. 50"], transparency),
        "TRN-002": family(["Art. 50"], transparency),
        "TRN-003": family(["Art. 50"], transparency),
        "TRN-004": M(euAIAct: ["Art. 86", "Art. 13"], iso42001: ["A.8.2", "A.8.5"], nistAIRMF: ["MEASURE 2.9"]),
        "TRN-005": family(["Art. 27"], impact),
        "TRN-006": M(iso42001: ["A.5.4"], nistAIRMF: ["GOVERN 5.1", "MAP 5.2"]),
        "TRN-007": M(euAIAct: ["Art. 86"], iso42001: ["A.8.5", "A.3.3"], nistAIRMF: ["MEASURE 3.3", "MANAGE 4.1"]),
        // RSK, MET, REV.
        "RSK-001": family(["Art. 9"], riskManagement),
        "RSK-002": family(["Art. 9"], riskManagement),
        "MET-001": family(["Art. 15"], verification),
        "REV-001": family(["Art. 9"], review),
        "REV-002": family(["Art. 9"], review),
        "REV-003": family(["Art. 9"], review),
        // CLS: guided classification.
        "CLS-001": family(["Art. 6"], classification),
        "CLS-002": family(["Art. 6"], classification),
        "CLS-003": family(["Art. 6"], classification),
        "CLS-004": family(["Art. 3", "Art. 6"], classification),
        "CLS-005": family(["Art. 6"], classification),
        "CLS-006": M(euAIAct: ["Art. 6"], iso42001: classification.iso,
                     nistAIRMF: classification.nist + ["GOVERN 1.5"]),
        "CLS-007": family(["Art. 49"], registration),
        // FRI: fundamental rights impact assessments.
        "FRI-001": family(["Art. 27"], impact),
        "FRI-002": family(["Art. 27"], impact),
        "FRI-003": family(["Art. 27"], impact),
        // INC: serious incidents.
        "INC-001": M(euAIAct: ["Art. 73"], iso42001: ["A.8.4", "A.8.3"], nistAIRMF: ["MANAGE 4.3"]),
        "INC-002": M(euAIAct: ["Art. 26"], iso42001: ["A.8.4"], nistAIRMF: ["MANAGE 4.3"]),
        "INC-003": M(euAIAct: ["Art. 73"], iso42001: ["A.8.4", "A.8.3"], nistAIRMF: ["MANAGE 4.3"]),
        "INC-004": M(euAIAct: ["Art. 20"], iso42001: ["A.8.4"], nistAIRMF: ["MANAGE 2.3", "MANAGE 4.3"]),
    ]
}
