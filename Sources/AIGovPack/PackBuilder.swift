import AIGovApp
import AIGovCore
import AIGovFormats
import AIGovRules
import AIGovStore
import Foundation

/// `manifest.json`: what a pack holds and how to check it.
public struct PackManifest: Sendable, Equatable, Codable {
    /// Always `aigov-audit-pack`.
    public var format: String
    /// The manifest layout version.
    public var formatVersion: Int
    /// `aigov --version` of the writer.
    public var toolVersion: String
    /// When the pack was generated (RFC 3339 UTC).
    public var generatedAt: String
    /// The rules-engine day and timeline.
    public var today: String
    public var timeline: String
    /// Number of systems.
    public var systems: Int
    /// Hash of the last audit entry, and how many entries `audit-log.jsonl` holds.
    public var auditHead: String
    public var auditEntries: Int
    /// Every file but `manifest.json`, sorted by path.
    public var files: [PackFileEntry]
    /// SHA-256 of this manifest's compact sorted-key JSON with `digest` empty: a changed
    /// manifest names itself instead of the file whose entry was altered.
    public var digest: String = ""

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", toolVersion = "tool_version", generatedAt = "generated_at"
        case today, timeline, systems, auditHead = "audit_head", auditEntries = "audit_entries", files, digest
    }

    /// The digest this manifest should carry.
    public var computedDigest: String {
        var copy = self
        copy.digest = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Digest.sha256((try? encoder.encode(copy)) ?? Data())
    }

    /// The name of the manifest inside the pack.
    public static let fileName = "manifest.json"

    /// The bytes of `manifest.json`, the only form `aigov pack verify` accepts: keys sorted,
    /// two-space indent, `"key" : value`, a final newline — byte for byte what
    /// `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` wrote
    /// before, so earlier packs still verify. It is written by hand because the verifier
    /// compares the file with it: a manifest with extra keys or other white space carries
    /// data (or tells a different story to a reader) that its digest does not cover, and
    /// the pretty-printing of Foundation's encoder is not promised to be stable across
    /// platforms and versions, which would turn into false alarms.
    func encoded() -> Data {
        func str(_ s: String) -> String { Self.quote(s) }
        var out = "{\n"
        out += "  \"audit_entries\" : \(auditEntries),\n"
        out += "  \"audit_head\" : \(str(auditHead)),\n"
        out += "  \"digest\" : \(str(digest)),\n"
        if files.isEmpty {
            out += "  \"files\" : [\n\n  ],\n"
        } else {
            out += "  \"files\" : [\n"
            for (i, f) in files.enumerated() {
                out += "    {\n"
                out += "      \"path\" : \(str(f.path)),\n"
                out += "      \"sha256\" : \(str(f.sha256)),\n"
                out += "      \"size\" : \(f.size)\n"
                out += i == files.count - 1 ? "    }\n" : "    },\n"
            }
            out += "  ],\n"
        }
        out += "  \"format\" : \(str(format)),\n"
        out += "  \"format_version\" : \(formatVersion),\n"
        out += "  \"generated_at\" : \(str(generatedAt)),\n"
        out += "  \"systems\" : \(systems),\n"
        out += "  \"timeline\" : \(str(timeline)),\n"
        out += "  \"today\" : \(str(today)),\n"
        out += "  \"tool_version\" : \(str(toolVersion))\n"
        out += "}\n"
        return Data(out.utf8)
    }

    /// A JSON string literal escaped as `JSONEncoder` does: `"`, `\\`, the short escapes
    /// `\b \f \n \r \t`, other control characters as `\u00xx`; `/` and non-ASCII as is.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// Builds an audit pack's files and hands each to a sink, then the manifest.
struct PackBuilder {
    var source: PackSource
    var settings: PackSettings

    /// Checks every system id first, so nothing is written for a registry with an unsafe id.
    func checkIDs() throws {
        for s in source.systems where !PackPath.isSafeComponent(s.id) { throw PackError.unsafePath("systems/\(s.id)") }
    }

    func build(into sink: inout some PackSink) throws -> PackManifest {
        try checkIDs()
        var files: [PackFileEntry] = []
        func put(_ path: String, _ text: String) throws {
            try PackPath.check(path)
            let data = Data(text.utf8)
            try sink.add(path, data)
            files.append(PackFileEntry(path: path, size: data.count, sha256: Digest.sha256(data)))
        }
        let analysis = PackAnalysis(source: source, settings: settings)
        var history: [String: [AuditEntry]] = [:]
        for e in source.audit {
            let owner = e.entity == "system" ? e.entityId : String(e.entityId.split(separator: "/", maxSplits: 1).first ?? "")
            history[owner, default: []].append(e)
        }

        // The per-system files are rendered in parallel, a batch at a time (bounded memory),
        // and written in order, so the output does not depend on scheduling.
        let results = analysis.results
        let batch = 128
        var start = 0
        while start < results.count {
            let range = start..<min(start + batch, results.count)
            let rendered = try Self.renderConcurrently(range.map { i in
                let id = results[i].system.id
                return (results[i], analysis.waiversBySystem[id] ?? [], history[id] ?? [])
            }, settings: settings)
            for files in rendered { for (path, text) in files { try put(path, text) } }
            start = range.upperBound
        }
        try put("inventory.csv", PackTables.inventoryCSV(analysis))
        try put("inventory.json", PackTables.inventoryJSON(analysis))
        try put("findings.csv", PackTables.findingsCSV(analysis))
        try put("findings.json", PackTables.findingsJSON(analysis.results, settings: settings))
        try put("waivers.csv", PackTables.waiversCSV(source.waivers, today: settings.today))
        try put(IncidentRegister.fileName, IncidentRegister.render(source, settings: settings))
        for (path, text) in try OperationsPages.files(source.systems, settings: settings) { try put(path, text) }
        let soa = StatementOfApplicability(tally: .active(.iso42001, rules: settings.rules, results: analysis.results),
                                           today: settings.today, overrides: settings.soaOverrides, file: settings.soaFile)
        let nist = FrameworkView(tally: .active(.nistAIRMF, rules: settings.rules, results: analysis.results))
        for (path, text) in FrameworkPages.files(soa: soa, nist: nist, today: settings.today) { try put(path, text) }
        try put("audit-log.jsonl", AuditLogFile.write(source.audit))
        if let changes = source.changes {
            try put(ChangesPage.fileName, ChangesPage.render(changes.report, since: changes.since, settings: settings))
        }
        try put("index.html", IndexPage.render(source, analysis, settings: settings, auditEntries: source.audit.count))

        var manifest = PackManifest(
            format: "aigov-audit-pack", formatVersion: 1, toolVersion: settings.toolVersion, generatedAt: settings.generatedAt,
            today: settings.today.description, timeline: settings.timeline.rawValue, systems: source.systems.count,
            auditHead: source.auditHead, auditEntries: source.audit.count, files: files.sorted { $0.path < $1.path })
        manifest.digest = manifest.computedDigest
        try sink.add(PackManifest.fileName, manifest.encoded())
        try sink.finish()
        return manifest
    }

    /// The files of one system, path and content, in a fixed order.
    static func systemFiles(_ r: SystemResult, waivers: [StoredWaiver], history: [AuditEntry],
                            settings: PackSettings) throws -> [(String, String)] {
        let dir = "systems/\(r.system.id)/"
        let doc = TechnicalDocumentation.document(r, waivers: waivers, history: history, settings: settings)
        let classification = try ClassificationSection.json(r.system).map { [(dir + "classification.json", $0)] } ?? []
        // Public bodies publish in the Algorithm Register: the same file as `export -o algoritmeregister`.
        let register = AlgorithmRegister.packFile(r.system).map { [(dir + $0.name, $0.text)] } ?? []
        return classification + [
            (dir + "record.yaml", try RecordWriter.yaml([r.system])),
            (dir + "technical-documentation.md", doc.markdown()),
            (dir + "technical-documentation.html", doc.html(backLink: "../../index.html")),
            (dir + "findings.json", PackTables.findingsJSON([r], settings: settings)),
            (dir + "history.csv", PackTables.historyCSV(history)),
            (dir + "cyclonedx.json", CycloneDX.bom(for: r, settings: settings)),
        ] + register
    }

    /// Renders each system's files on all cores; results come back in input order.
    static func renderConcurrently(_ items: [(SystemResult, [StoredWaiver], [AuditEntry])],
                                   settings: PackSettings) throws -> [[(String, String)]] {
        let results = Parallel.map(items, workers: ProcessInfo.processInfo.activeProcessorCount) { item in
            Result { try systemFiles(item.0, waivers: item.1, history: item.2, settings: settings) }
        }
        return try results.map { try $0.get() }
    }
}
