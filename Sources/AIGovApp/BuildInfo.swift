/// What `aigov --version` says about the build: the commit it was built from and whether the
/// working tree had changes, e.g. `0.2.0 (c7c1d25)`, `0.2.0 (c7c1d25, modified)`, or
/// `0.2.0 (built without git)`.
///
/// How the commit gets here: `make` (see the Makefile's `build` target) rewrites the one
/// `stamp` line below from `git rev-parse --short HEAD` and `git status --porcelain` just
/// before `swift build`, and puts this file back (content and timestamp) as soon as the build
/// is done, so the working tree stays clean. The committed value is `nil`: a plain
/// `swift build`, or `make` in a tree that is not a git checkout (an unpacked source archive),
/// reports "built without git".
///
/// Why not a SwiftPM build-tool plugin that runs git: a prebuild command would run git on
/// every `swift build` and `swift test` of every developer; on macOS plugins run sandboxed, and
/// `git status` needs to write `.git/index` (it refreshes the index), which the sandbox
/// forbids; and a plugin needs Package.swift to depend on it. A line written by the one
/// command that builds what gets installed or shipped is simpler and works offline anywhere.
///
/// It lives in the application layer because the rule set's fingerprint includes it: a new
/// build may evaluate the same rule texts differently, so its stored evaluations start fresh.
public enum BuildInfo {
    /// The release number.
    public static let version = "0.2.0"

    /// `"<short hash>"` or `"<short hash>, modified"`; written by `make`, nil in the repository.
    static let stamp: String? = nil

    /// `version (stamp)`, the text of `aigov --version`.
    public static func describe(version: String = BuildInfo.version) -> String {
        "\(version) (\(stamp ?? "built without git"))"
    }
}
