// A serious incident (OPERATIONS.md, "Serious incidents"; Art. 3(49), Art. 73, Art. 26(5)): a
// document of its own, like a waiver, that names its system. The deadlines it sets are policy
// and live with the rules (AIGovRules, Rules/Incidents.swift); this file is the record alone.

/// What a serious incident harmed (Art. 3(49)(a)–(d)).
public enum IncidentClass: String, FormatEnum {
    case death, health
    case criticalInfrastructure = "critical-infrastructure"
    case fundamentalRights = "fundamental-rights"
    case propertyEnvironment = "property-environment"
}

/// Whether an incident is still being handled.
public enum IncidentStatus: String, FormatEnum { case open, closed }

/// What a report to the market surveillance authority is (Art. 73(5): an incomplete initial
/// report may be followed by others).
public enum IncidentReportKind: String, FormatEnum {
    case initial
    case followUp = "follow-up"
    case final
}

/// One report to the market surveillance authority.
public struct IncidentReport: Equatable, Sendable {
    public var kind: IncidentReportKind
    public var date: Day
    public var authority: String?
    public var reference: String?

    public init(kind: IncidentReportKind, date: Day, authority: String? = nil, reference: String? = nil) {
        self.kind = kind
        self.date = date
        self.authority = authority
        self.reference = reference
    }

    /// The keys of a report entry, in the order they are written.
    public static let keys = ["kind", "date", "authority", "reference"]
}

/// A serious incident: the `kind: incident` document of OPERATIONS.md.
///
/// Optional values keep "absent" (nil) apart from "written", so a document round-trips exactly;
/// `widespread` absent reads as false.
public struct Incident: Equatable, Sendable {
    /// Slug, unique across incidents.
    public var id: String
    /// The id of the system it happened with.
    public var system: String
    public var title: String
    /// `class` in the document.
    public var harm: IncidentClass
    /// A widespread infringement (Art. 3(61)).
    public var widespread: Bool?
    public var occurred: Day?
    /// When the organisation became aware: every deadline counts from here.
    public var aware: Day
    /// ISO 3166-1 alpha-2 codes, upper case.
    public var memberStates: [String] = []
    public var description: String?
    public var correctiveAction: String?
    /// When the provider was told (a deployer's duty, Art. 26(5)).
    public var providerInformed: Day?
    /// Reports to the market surveillance authority, in the order written.
    public var reports: [IncidentReport] = []
    public var status: IncidentStatus
    /// The day it was closed; set exactly when `status` is closed.
    public var closed: Day?

    public init(id: String, system: String, title: String, harm: IncidentClass, aware: Day, status: IncidentStatus = .open) {
        self.id = id
        self.system = system
        self.title = title
        self.harm = harm
        self.aware = aware
        self.status = status
    }

    /// The keys of the document after `kind`, in the order they are written (OPERATIONS.md).
    public static let keys = [
        "id", "system", "title", "class", "widespread", "occurred", "aware", "member_states", "description",
        "corrective_action", "provider_informed", "reports", "status", "closed",
    ]

    public var isOpen: Bool { status == .open }
    /// `widespread`, false when absent.
    public var isWidespread: Bool { widespread == true }

    /// The keys whose values differ from `old`, in document order (what an audit entry lists).
    public func changedFields(from old: Incident) -> [String] {
        let same: [Bool] = [
            id == old.id, system == old.system, title == old.title, harm == old.harm, widespread == old.widespread,
            occurred == old.occurred, aware == old.aware, memberStates == old.memberStates, description == old.description,
            correctiveAction == old.correctiveAction, providerInformed == old.providerInformed, reports == old.reports,
            status == old.status, closed == old.closed,
        ]
        return zip(Incident.keys, same).filter { !$0.1 }.map(\.0)
    }
}

extension IncidentReport: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode(kind.rawValue, forKey: FieldKey("kind"))
        try c.encode(date, forKey: FieldKey("date"))
        try c.encodeIfPresent(authority, forKey: FieldKey("authority"))
        try c.encodeIfPresent(reference, forKey: FieldKey("reference"))
    }
}

extension Incident: Encodable {
    /// An incident is a document of its own, so it says what it is before its fields; nil
    /// values and empty lists are left out, as for systems.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode("incident", forKey: FieldKey("kind"))
        try c.encode(id, forKey: FieldKey("id"))
        try c.encode(system, forKey: FieldKey("system"))
        try c.encode(title, forKey: FieldKey("title"))
        try c.encode(harm.rawValue, forKey: FieldKey("class"))
        try c.encodeIfPresent(widespread, forKey: FieldKey("widespread"))
        try c.encodeIfPresent(occurred, forKey: FieldKey("occurred"))
        try c.encode(aware, forKey: FieldKey("aware"))
        if !memberStates.isEmpty { try c.encode(memberStates, forKey: FieldKey("member_states")) }
        try c.encodeIfPresent(description, forKey: FieldKey("description"))
        try c.encodeIfPresent(correctiveAction, forKey: FieldKey("corrective_action"))
        try c.encodeIfPresent(providerInformed, forKey: FieldKey("provider_informed"))
        if !reports.isEmpty { try c.encode(reports, forKey: FieldKey("reports")) }
        try c.encode(status.rawValue, forKey: FieldKey("status"))
        try c.encodeIfPresent(closed, forKey: FieldKey("closed"))
    }
}
