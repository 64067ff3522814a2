import AIGovStore
import Foundation
import ZIPFoundation

/// Reads the audit-chain witness an audit pack carries: the manifest's `audit_head` and
/// `audit_entries`, and the entries of `audit-log.jsonl`, so that `aigov audit verify
/// --witness PACK` can name the first entry a later rewrite changed.
public enum PackWitness {
    /// Largest `audit-log.jsonl` read as a witness.
    static let maxLogBytes = 1 << 30

    /// The pack at `path` (folder or zip) as a witness. The pack must verify first: a witness
    /// that was itself altered proves nothing.
    public static func read(path: String) throws -> AuditWitness {
        let report = try PackVerifier.verify(path: path)
        guard report.ok else {
            throw PackError.notAPack("\(path) does not verify, so it cannot serve as a witness: " + report.problems.prefix(3).joined(separator: "; "))
        }
        let log = try readLog(path: path)
        var entries: [AuditEntry] = []
        let decoder = JSONDecoder()
        for raw in log.split(separator: UInt8(ascii: "\n")) where !raw.isEmpty {
            guard let e = try? decoder.decode(AuditEntry.self, from: Data(raw)) else {
                throw PackError.notAPack("\(path): audit-log.jsonl holds a line that is not an audit entry")
            }
            entries.append(e)
        }
        return AuditWitness(entries: Int64(report.auditEntries), head: report.auditHead, log: entries)
    }

    static func readLog(path: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw PackError.notAPack("\(path) does not exist")
        }
        if isDir.boolValue {
            let file = (path as NSString).appendingPathComponent("audit-log.jsonl")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PackError.notAPack("\(path) has no readable audit-log.jsonl")
            }
            return data
        }
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw PackError.notAPack("\(path) is neither a folder nor a readable zip")
        }
        guard let entry = archive["audit-log.jsonl"], entry.type == .file else {
            throw PackError.notAPack("\(path) has no audit-log.jsonl")
        }
        guard entry.uncompressedSize <= UInt64(maxLogBytes) else {
            throw PackError.notAPack("\(path): audit-log.jsonl is larger than \(maxLogBytes >> 20) MiB")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= maxLogBytes else { throw PackError.notAPack("\(path): audit-log.jsonl is larger than declared") }
                data.append(chunk)
            }
        } catch let e as PackError {
            throw e
        } catch {
            throw PackError.notAPack("\(path): audit-log.jsonl cannot be read from the zip")
        }
        return data
    }
}
