import ArgumentParser

/// `aigov export` (stub until the audit pack lands).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export the registry (audit pack: not yet available).")
    func run() throws { throw CLIError.usage("export is not available yet") }
}

/// `aigov pack verify` (stub until the audit pack lands).
struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit pack tools (not yet available).")
    func run() throws { throw CLIError.usage("pack is not available yet") }
}
