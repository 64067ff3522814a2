import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// What the loop should do after a key (htop: handlers say what should happen, never draw).
public enum Effect: Equatable, Sendable {
    case none
    case redraw
    case quit
}

/// The screens of the console.
public enum ScreenID: String, Equatable, Sendable {
    case dashboard = "Dashboard"
    case registry = "Registry"
    case system = "System"
    case findings = "Findings"
    case incidents = "Incidents"
    case frameworks = "Frameworks"
    case edit = "Edit"
    case help = "Help"
}

/// The tabs of the System screen.
public enum SystemTab: String, CaseIterable, Sendable {
    case overview = "Overview", models = "Models", data = "Data", oversight = "Oversight"
    case fallbacks = "Fallbacks", evidence = "Evidence", findings = "Findings", impact = "Impact", history = "History"
}

/// One row of the registry table: a system and its score, worked out for the visible page only.
public struct RegistryRow: Equatable, Sendable {
    public var stored: StoredSystem
    public var score: Int
    public var worst: Severity?
    public var open: Int
}

/// The Registry screen: a window onto the query's rows, paged from SQL.
public struct RegistryState: Equatable, Sendable {
    public var query = RegistryQuery()
    /// Sorted by score, worst finding or open count (the application layer's `ScoredOrder`,
    /// worst first; `query.descending` reverses it) instead of the query's column; then every
    /// row the query selects is loaded, scored, into `page`.
    public var scoredOrder: ScoredOrder?
    /// The filter as typed.
    public var filterText = ""
    public var total = 0
    /// Absolute index of the selected row.
    public var cursor = 0
    /// Absolute index of the first row on screen.
    public var top = 0
    /// Absolute index of `page[0]`.
    public var pageOffset = 0
    public var page: [RegistryRow] = []

    /// The selected row when it is loaded.
    public var selected: RegistryRow? {
        let i = cursor - pageOffset
        return page.indices.contains(i) ? page[i] : nil
    }
}

/// The System screen: one record, its check result and its history.
public struct SystemState: Equatable, Sendable {
    public var stored: StoredSystem
    public var findings: [Finding]
    public var score: Int
    public var history: [AuditEntry]
    /// How the high-risk rules reach it (legacy status, Annex I Section B), on the workspace's
    /// timeline; nil for an ordinary system (`HighRiskReach.explanation`).
    public var reach: String? = nil
    public var tab: SystemTab = .overview
    public var scroll = 0
    /// On the Findings tab: the finding selected (an index into `findings`), which `w` waives
    /// and `u` unwaives.
    public var findingCursor = 0

    /// The finding selected on the Findings tab, if there is one.
    public var selectedFinding: Finding? { findings.indices.contains(findingCursor) ? findings[findingCursor] : nil }
}

/// One row of the Findings screen.
public enum FindingsRow: Equatable, Sendable {
    case group(String, count: Int)
    case finding(Finding)
}

/// How the Findings screen groups its rows; Tab goes to the next.
public enum FindingsGrouping: String, CaseIterable, Sendable {
    case rule, severity, system

    var next: FindingsGrouping {
        let all = FindingsGrouping.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// The Findings screen: every open finding, grouped by rule, by severity or by system.
public struct FindingsState: Equatable, Sendable {
    public var grouping = FindingsGrouping.rule
    public var filterText = ""
    public var cursor = 0
    public var top = 0
    public var rows: [FindingsRow] = []
}

/// The Dashboard: SQL counts at once, finding counts when the background scan is done.
public struct DashboardState: Equatable, Sendable {
    public var counts = RegistryCounts()
    /// The agenda (`Agenda.items`): what falls due, overdue first.
    public var due: [AgendaItem] = []
    public var dueTotal = 0
    public var cursor = 0
    public var top = 0
}

/// A full evaluation of the registry, done in small batches between key presses so the
/// console never freezes, however large the registry.
public struct Scan: Equatable, Sendable {
    public var after = ""
    public var done = 0
    public var total: Int
    public var finished = false
    /// Findings by severity, vendor exposure and what falls due, gathered by the same pass
    /// (the application layer's `RegistryOverview`, as the pack's index uses it).
    public var overview: RegistryOverview
    /// Open findings, in id order; only kept once the Findings screen asks for them, since at
    /// 100,000 systems they are the one large thing the console holds.
    public var findings: [Finding] = []
    public var collect: Bool

    public var summary: FindingSummary { overview.findings }
    public var vendors: VendorExposure.Accumulator { overview.vendors }
}

/// The waiver dialog on the Findings screen.
public struct WaiveState: Equatable, Sendable {
    public var system: String
    public var rule: String
    public var reason = ""
    /// Who approved the waiver: typed by the person recording it, never pre-filled with them.
    public var approvedBy = ""
    public var expires: String
    public var cursor = 0
    public var problem: String?

    public static let labels = ["reason", "approved_by", "expires"]

    public init(system: String, rule: String, reason: String = "", approvedBy: String = "", expires: String) {
        self.system = system
        self.rule = rule
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
    }

    func value(_ i: Int) -> String { [reason, approvedBy, expires][i] }

    mutating func set(_ i: Int, _ v: String) {
        switch i {
        case 0: reason = v
        case 1: approvedBy = v
        default: expires = v
        }
    }
}

/// What an open prompt line is for.
public enum PromptKind: Equatable, Sendable {
    case command
    case registryFilter
    case findingsFilter
    case formValue(path: String)
    case formAdd(list: String, index: Int)
    case waiveField(Int)
    /// A step of incident `id`'s handling: `report`, `provider_informed` or `closed`.
    case incidentAction(what: String, id: String)
}

/// An open prompt line at the bottom of the screen.
public struct Prompt: Equatable, Sendable {
    public var kind: PromptKind
    public var label: String
    public var editor: LineEditor
    /// Values Tab cycles through (enumerations), if any.
    public var choices: [String] = []
}

/// A line at the bottom of the screen saying what happened.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    /// A sticky message stays until the state it describes changes (a save conflict).
    public var sticky = false
}
