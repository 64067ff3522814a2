import Foundation
import Testing

/// Issue #27, bounds: standard input is read in chunks and no further than the 16 MiB input
/// limit. Reading it whole first held a 2 GB stream in memory only to refuse it afterwards.
@Suite struct StdinLimitTests {
    /// 32 MiB, twice the limit.
    static let streamBytes = 32 * 1_048_576

    /// Pipes `streamBytes` of YAML-ish text into `aigov ARGS` through a shell, the way a user
    /// would. The producer reports on stderr when every byte of it was read; a reader that
    /// stops at the limit closes the pipe first, and the producer dies of SIGPIPE before it
    /// can say so. `timeout` kills the whole pipeline (its process group) should it hang, so
    /// no process outlives the test.
    static func pipeOversize(_ args: [String], db: String) throws -> CLI.Result {
        let script = "(yes 'tags: [a, b, c]' | head -c \(streamBytes) && echo 'producer: every byte was read' >&2) | \"$0\" \"$@\""
        let r = try CLI.exec("/usr/bin/timeout", ["60", "/bin/sh", "-c", script, CLI.binary] + args, db: db)
        #expect(r.code != 124, "\(args) hung")
        return r
    }

    @Test func applyFromAnOversizeStreamStopsAtTheLimitAndCreatesNothing() throws {
        let t = TempDir()
        let db = t.file("never.db")
        let r = try Self.pipeOversize(["apply", "-f", "-"], db: db)
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("<stdin>: input is larger than 16 MiB"), "\(r.err)")
        #expect(!r.err.contains("producer: every byte was read"), "stdin was read past the limit")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// Every command that reads `-` stops at the limit and leaves an existing registry as it was.
    @Test(arguments: [
        ["apply", "-f", "-"],
        ["check", "-f", "-"],
        ["classify", "loan-scoring", "--answers", "-", "--write"],
        ["import", "mlflow", "-"],
    ])
    func everyStdinReaderStopsAtTheLimit(_ args: [String]) throws {
        let t = TempDir()
        let db = t.file("r.db")
        let demo = try CLI.run(["demo", "--db", db, "-o", "json"])
        #expect(demo.code == 0, "\(demo.err)")
        let before = try CLI.dump(db)
        let r = try Self.pipeOversize(args, db: db)
        #expect(r.code == 2, "\(args): \(r.err)")
        #expect(r.err.contains("<stdin>: input is larger than 16 MiB"), "\(args): \(r.err)")
        #expect(!r.err.contains("producer: every byte was read"), "\(args): stdin was read past the limit")
        #expect(try CLI.dump(db) == before)
    }
}
