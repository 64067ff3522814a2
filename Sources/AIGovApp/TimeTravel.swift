import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation

/// Why the registry cannot be rebuilt at a point.
public enum TimeTravelError: Error, CustomStringConvertible, Equatable {
    /// An audit entry at or before the point does not verify: the answer cannot be trusted (exit 1).
    case tampered(seq: Int64, reason: String)
    /// An entry's after-image could not be read back (exit 1: the log is not what aigov wrote).
    case unreadable(seq: Int64, detail: String)
    /// The point names an entry the log does not have yet (exit 2).
    case beyondHead(seq: Int64, head: Int64)
    /// A range whose start is after its end (exit 2).
    case reversed(from: String, to: String)

    public var description: String {
        switch self {
        case let .tampered(seq, reason):
            "audit log broken at entry \(seq), at or before the point asked for: \(reason); cannot rebuild the registry (run `aigov audit verify`)"
        case let .unreadable(seq, detail): "audit entry \(seq)'s record cannot be read back: \(detail)"
        case let .beyondHead(seq, head): "there is no audit entry \(seq): the log has \(head) entries"
        case let .reversed(from, to): "the range is reversed: \(from) is after \(to); give the earlier point first"
        }
    }

    /// Whether this means the history is damaged (exit 1) rather than a bad request (exit 2).
    public var isIntegrityFailure: Bool {
        switch self {
        case .beyondHead, .reversed: return false
        default: return true
        }
    }
}

/// The records of the registry at one point of its history.
public struct RegistryState: Sendable {
    public var systems: [String: StoredSystem] = [:]
    /// By `SYSTEM/RULE`.
    public var waivers: [String: StoredWaiver] = [:]
    /// Serious incidents, by incident id.
    public var incidents: [String: StoredIncident] = [:]
    public init() {}

    /// Records read from files (a tree), for comparing with the registry.
    public init(systems: [AISystem], waivers: [Waiver], incidents: [Incident] = []) {
        for s in systems { self.systems[s.id] = StoredSystem.of(s, rowVersion: 0, updatedAt: "", updatedBy: "") }
        for w in waivers { self.waivers["\(w.system)/\(w.rule)"] = StoredWaiver.of(w, createdAt: "", createdBy: "") }
        for i in incidents { self.incidents[i.id] = StoredIncident(incident: i, rowVersion: 0, updatedAt: "", updatedBy: "") }
    }
}

/// The registry rebuilt at a point: its records, the log up to there, and warnings about the
/// log after it.
public struct PointInTime: Sendable {
    public var state: RegistryState
    /// The last audit entry included (0: none).
    public var seq: Int64
    public var log: [AuditEntry]
    /// Problems of the log after the point, or rows that differ from the log: the answer
    /// stands, but the caller should say so.
    public var warnings: [String]
}

extension Workspace {
    /// The registry as it stood at `point`, from each record's latest audit after-image at or
    /// before it. The chain is verified up to the point first.
    public func pointInTime(_ point: AuditPoint) throws -> PointInTime {
        let log = try registry.log(upTo: point)
        if case let .seq(n) = point, n > log.headSeq { throw TimeTravelError.beyondHead(seq: n, head: log.headSeq) }
        if let bad = log.badBefore { throw TimeTravelError.tampered(seq: bad.seq, reason: bad.reason) }
        var warnings: [String] = []
        if let bad = log.whole.firstBad {
            if bad.seq <= log.seq { throw TimeTravelError.tampered(seq: bad.seq, reason: bad.reason) }
            warnings.append("warning: audit log broken at entry \(bad.seq), after the point (entry \(log.seq)): \(bad.reason); the answer uses entries 1–\(log.seq) only")
        } else if !log.whole.drift.isEmpty, log.seq == log.headSeq {
            warnings += log.whole.drift.map { "warning: drift: \($0)" }
        }
        var state = RegistryState()
        for e in log.entries {
            switch (e.entity, e.after) {
            case ("system", nil): state.systems[e.entityId] = nil
            case ("waiver", nil): state.waivers[e.entityId] = nil
            case ("incident", nil): state.incidents[e.entityId] = nil
            case let ("system", after?):
                let s = try Self.decode(after, seq: e.seq).systems
                guard s.count == 1 else { throw TimeTravelError.unreadable(seq: e.seq, detail: "expected one system") }
                state.systems[e.entityId] = StoredSystem.of(s[0], rowVersion: e.rowVersion ?? 1, updatedAt: e.at, updatedBy: e.actor)
            case let ("waiver", after?):
                let w = try Self.decode(after, seq: e.seq).waivers
                guard w.count == 1 else { throw TimeTravelError.unreadable(seq: e.seq, detail: "expected one waiver") }
                state.waivers[e.entityId] = StoredWaiver.of(w[0], createdAt: e.at, createdBy: e.actor)
            case let ("incident", after?):
                let i = try Self.decode(after, seq: e.seq).incidents
                guard i.count == 1 else { throw TimeTravelError.unreadable(seq: e.seq, detail: "expected one incident") }
                state.incidents[e.entityId] = StoredIncident(incident: i[0], rowVersion: e.rowVersion ?? 1, updatedAt: e.at, updatedBy: e.actor)
            default: break
            }
        }
        return PointInTime(state: state, seq: log.seq, log: log.entries, warnings: warnings)
    }

    static func decode(_ json: String, seq: Int64) throws -> (systems: [AISystem], waivers: [Waiver], incidents: [Incident]) {
        var input = ParsedInput()
        InputLoader.parse(data: Data(json.utf8), file: "audit entry \(seq)", json: true, recorded: true, into: &input)
        if let p = input.problems.first { throw TimeTravelError.unreadable(seq: seq, detail: p.description) }
        return (input.systems.map(\.system), input.waivers.map(\.waiver), input.incidents.map(\.incident))
    }

    /// The same workspace on a read-only copy of the registry as it stood at `point`
    /// (records, waivers, incidents and the audit log up to there), with the warnings to show.
    public func asOf(_ point: AuditPoint) throws -> (Workspace, [String]) {
        let p = try pointInTime(point)
        let replica = try Registry.replica(systems: p.state.systems.values.sorted { $0.system.id < $1.system.id },
                                           waivers: p.state.waivers.values.sorted { ($0.waiver.system, $0.waiver.rule) < ($1.waiver.system, $1.waiver.rule) },
                                           incidents: p.state.incidents.values.sorted { $0.incident.id < $1.incident.id },
                                           log: p.log)
        return (Workspace(registry: replica, today: today, timeline: timeline, ruleSet: ruleSet), p.warnings)
    }

    /// What changed between two points of the history (`until` nil: now), each record with its
    /// changed fields and the audit entries that touched it in between. A range whose start is
    /// after its end is refused (it would report the later point's records as deleted).
    public func changes(since: AuditPoint, until: AuditPoint? = nil) throws -> ChangeReport {
        if let until { try Self.requireOrdered(since, until) }
        let old = try pointInTime(since)
        let new = try pointInTime(until ?? .seq(try registry.log(upTo: .seq(AuditPoint.maxSeq)).headSeq))
        if old.seq > new.seq { throw TimeTravelError.reversed(from: "\(since) (entry \(old.seq))", to: "\(until.map { "\($0)" } ?? "now") (entry \(new.seq))") }
        var report = RegistryDiff.compare(old: old.state, new: new.state)
        let touches = new.log.filter { $0.seq > old.seq }
        for i in report.changes.indices {
            let key = report.changes[i].id
            let entity = report.changes[i].entity
            report.changes[i].by = touches.filter { $0.entity == entity && $0.entityId == key }.map(ChangeTouch.init)
        }
        report.from = old.seq
        report.to = new.seq
        report.warnings = Array(Set(old.warnings + new.warnings)).sorted()
        return report
    }

    /// What applying (with `--prune`) the records of a tree would change in the registry now.
    public func changes(toward tree: RegistryState) throws -> ChangeReport {
        var current = RegistryState()
        for s in try registry.systems() { current.systems[s.system.id] = s }
        for w in try registry.waivers() { current.waivers["\(w.waiver.system)/\(w.waiver.rule)"] = w }
        for i in try registry.incidents() { current.incidents[i.incident.id] = i }
        return RegistryDiff.compare(old: current, new: tree)
    }

    /// Refuses a range whose points, of the same kind, are in reverse order.
    public static func requireOrdered(_ from: AuditPoint, _ to: AuditPoint) throws {
        switch (from, to) {
        case let (.seq(a), .seq(b)) where a > b:
            throw TimeTravelError.reversed(from: "\(from)", to: "\(to)")
        case let (.endOfDay(a), .endOfDay(b)) where a > b:
            throw TimeTravelError.reversed(from: "\(from)", to: "\(to)")
        default: return
        }
    }
}

/// An audit entry that touched a changed record: who, when, what.
public struct ChangeTouch: Sendable, Encodable, Equatable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var fields: [String]

    init(_ e: AuditEntry) {
        seq = e.seq
        at = e.at
        actor = e.actor
        action = e.action
        fields = (try? JSONDecoder().decode([String].self, from: Data(e.changes.utf8))) ?? []
    }
}

/// One record that differs between two states.
public struct RecordChange: Sendable, Encodable, Equatable {
    /// `system`, `waiver` or `incident`.
    public var entity: String
    /// The system id, or `SYSTEM/RULE`.
    public var id: String
    /// `created`, `deleted` or `changed` (going from the old state to the new).
    public var change: String
    /// For `changed`: the fields that differ, in the catalog's order.
    public var fields: [String]
    /// The audit entries between the two points that touched it (`diff --since`).
    public var by: [ChangeTouch] = []
    /// For an incident: the system it belongs to (absent for the other entities).
    public var system: String?

    /// The system this change belongs to: the system itself, a waiver's or an incident's.
    public var systemId: String {
        switch entity {
        case "system": id
        case "incident": system ?? ""
        default: String(id.split(separator: "/").first ?? "")
        }
    }
}

/// The differences between two states of the registry.
public struct ChangeReport: Sendable, Encodable {
    public var changes: [RecordChange] = []
    /// The audit entries compared (`diff --since`); nil for a tree.
    public var from: Int64?
    public var to: Int64?
    public var warnings: [String] = []

    enum CodingKeys: String, CodingKey { case changes, from, to }
    public var isEmpty: Bool { changes.isEmpty }
}

public enum RegistryDiff {
    /// Records created, deleted and changed from `old` to `new`: systems first, then waivers,
    /// then incidents, by id.
    public static func compare(old: RegistryState, new: RegistryState) -> ChangeReport {
        var out: [RecordChange] = []
        for id in Set(old.systems.keys).union(new.systems.keys).sorted() {
            switch (old.systems[id]?.system, new.systems[id]?.system) {
            case (nil, .some): out.append(RecordChange(entity: "system", id: id, change: "created", fields: []))
            case (.some, nil): out.append(RecordChange(entity: "system", id: id, change: "deleted", fields: []))
            case let (a?, b?) where a != b:
                out.append(RecordChange(entity: "system", id: id, change: "changed", fields: b.changedFields(from: a)))
            default: break
            }
        }
        for id in Set(old.waivers.keys).union(new.waivers.keys).sorted() {
            switch (old.waivers[id]?.waiver, new.waivers[id]?.waiver) {
            case (nil, .some): out.append(RecordChange(entity: "waiver", id: id, change: "created", fields: []))
            case (.some, nil): out.append(RecordChange(entity: "waiver", id: id, change: "deleted", fields: []))
            case let (a?, b?) where a != b:
                var fields: [String] = []
                if a.reason != b.reason { fields.append("reason") }
                if a.approvedBy != b.approvedBy { fields.append("approved_by") }
                if a.expires != b.expires { fields.append("expires") }
                out.append(RecordChange(entity: "waiver", id: id, change: "changed", fields: fields))
            default: break
            }
        }
        for id in Set(old.incidents.keys).union(new.incidents.keys).sorted() {
            let system = (new.incidents[id] ?? old.incidents[id])?.incident.system
            switch (old.incidents[id]?.incident, new.incidents[id]?.incident) {
            case (nil, .some): out.append(RecordChange(entity: "incident", id: id, change: "created", fields: [], system: system))
            case (.some, nil): out.append(RecordChange(entity: "incident", id: id, change: "deleted", fields: [], system: system))
            case let (a?, b?) where a != b:
                out.append(RecordChange(entity: "incident", id: id, change: "changed", fields: b.changedFields(from: a), system: system))
            default: break
            }
        }
        return ChangeReport(changes: out)
    }
}
