import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore

/// The CSV and JSON tables of a pack and of `aigov export -o csv|json`.
public enum PackTables {
    static let inventoryHeader = [
        "id", "name", "tier", "status", "owner", "role", "score", "open", "critical", "high", "medium", "low", "info",
        "waived", "upcoming",
    ]

    /// `inventory.csv`: one row per system.
    public static func inventoryCSV(_ analysis: PackAnalysis) -> String {
        var out = CSV.row(inventoryHeader)
        for r in analysis.results {
            let s = r.summary
            let sev = Severity.allCases.map { String(s.openBySeverity[$0] ?? 0) }
            out += CSV.row([r.system.id, r.system.name, r.system.tier.rawValue, r.system.status.rawValue, r.system.owner,
                            r.system.euAiAct?.role?.rawValue ?? "", String(r.score.value), String(s.open)]
                           + sev + [String(s.waived), String(s.upcoming)])
        }
        return out
    }

    /// `inventory.json`: a list with one object per system, the same columns as the CSV
    /// (open findings by severity as an object).
    public static func inventoryJSON(_ analysis: PackAnalysis) -> String {
        var rows: [String] = []
        rows.reserveCapacity(analysis.results.count)
        for r in analysis.results {
            let s = r.summary
            let sev = Severity.allCases.map { "\(Text.json($0.rawValue)): \(s.openBySeverity[$0] ?? 0)" }.joined(separator: ", ")
            var o = "  {\"id\": \(Text.json(r.system.id)), \"name\": \(Text.json(r.system.name)), "
            o += "\"tier\": \(Text.json(r.system.tier.rawValue)), \"status\": \(Text.json(r.system.status.rawValue)), "
            o += "\"owner\": \(Text.json(r.system.owner)), \"role\": \(Text.json(r.system.euAiAct?.role?.rawValue)), "
            o += "\"score\": \(r.score.value), \"open\": \(s.open), \"open_by_severity\": {\(sev)}, "
            o += "\"waived\": \(s.waived), \"upcoming\": \(s.upcoming)}"
            rows.append(o)
        }
        return rows.isEmpty ? "[]\n" : "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    /// A `check -o json` report for these results (the whole registry's or one system's).
    public static func findingsJSON(_ results: [SystemResult], settings: PackSettings) -> String {
        var w = JSONCheckWriter(settings: settings.checkSettings)
        var out = w.begin()
        var summary = FindingSummary()
        for r in results {
            for f in r.findings { summary.add(f) }
            out += w.add(r)
        }
        return out + w.end(summary, systems: results.count)
    }

    /// `findings.csv`: one row per finding, in report order.
    public static func findingsCSV(_ analysis: PackAnalysis) -> String {
        var out = CSV.row(["system", "rule", "severity", "status", "path", "message", "reference", "remediation", "due",
                           "waiver_expires", "waiver_approved_by", "waiver_reason"])
        for r in analysis.results {
            for f in r.findings {
                out += CSV.row([f.system, f.rule, f.severity.rawValue, f.status.rawValue, f.path, f.message, f.reference,
                                f.remediation, f.due?.description ?? "", f.waiver?.expires.description ?? "",
                                f.waiver?.approvedBy ?? "", f.waiver?.reason ?? ""])
            }
        }
        return out
    }

    /// `waivers.csv`: every waiver, whether it still holds on `today`, and who recorded it.
    public static func waiversCSV(_ waivers: [StoredWaiver], today: Day) -> String {
        var out = CSV.row(["system", "rule", "reason", "approved_by", "expires", "in_force", "created_at", "created_by"])
        for w in waivers {
            out += CSV.row([w.waiver.system, w.waiver.rule, w.waiver.reason, w.waiver.approvedBy,
                            w.waiver.expires.description, WaiverStanding(w, today: today).isActive ? "yes" : "no", w.createdAt, w.createdBy])
        }
        return out
    }

    /// A system's `history.csv`: its audit entries, oldest first, without the record bodies.
    public static func historyCSV(_ entries: [AuditEntry]) -> String {
        var out = CSV.row(["seq", "at", "actor", "action", "entity", "entity_id", "row_version", "changes", "prev_hash", "hash"])
        for e in entries {
            out += CSV.row([String(e.seq), e.at, e.actor, e.action, e.entity, e.entityId, e.rowVersion.map(String.init) ?? "",
                            e.changes, e.prevHash, e.hash])
        }
        return out
    }
}
