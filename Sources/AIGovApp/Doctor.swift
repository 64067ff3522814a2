import AIGovCore
import AIGovFormats
import AIGovStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One finding of `aigov doctor`: what was checked, how it stands, and the fix for a problem.
public struct DoctorCheck: Sendable {
    public enum Status: String, Sendable {
        case ok, warn, fail
        public var label: String { self == .fail ? "FAIL" : rawValue }
    }

    public var name: String
    public var status: Status
    public var detail: String
    public var fix: String?

    static func ok(_ name: String, _ detail: String) -> DoctorCheck { DoctorCheck(name: name, status: .ok, detail: detail) }
    static func warn(_ name: String, _ detail: String, fix: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .warn, detail: detail, fix: fix)
    }
    static func fail(_ name: String, _ detail: String, fix: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .fail, detail: detail, fix: fix)
    }
}

/// Why an input of the diagnosis (an environment variable) is unusable.
public struct DoctorInputError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The checks of `aigov doctor`, in the order they print: the environment diagnosis is a use
/// case of the application layer; the command only renders it.
public struct DoctorChecks: Sendable {
    let env: [String: String]
    let databasePath: String
    /// Where the path came from: `--db`, `AIGOV_DB` or `default`.
    let source: String
    /// The busy timeout to open the registry with, or why `AIGOV_BUSY_TIMEOUT` is not one.
    let busyTimeout: Result<TimeInterval, DoctorInputError>

    public init(env: [String: String], databasePath: String, source: String, busyTimeout: Result<TimeInterval, DoctorInputError>) {
        self.env = env
        self.databasePath = databasePath
        self.source = source
        self.busyTimeout = busyTimeout
    }

    /// The oldest SQLite with everything the store uses (upsert: 3.24, window functions: 3.25).
    static let minimumSQLite = (3, 25, 0)

    public func all() -> [DoctorCheck] {
        [terminal(), colours(), locale(), wideCharacters(),
         registry(), registryFolder(), registryFile(), fileSystem(), sqlite(), rules(), statementOfApplicability(), auditChain()]
    }

    private func value(_ key: String) -> String? {
        guard let v = env[key], !v.isEmpty else { return nil }
        return v
    }

    private var folder: String {
        let dir = (databasePath as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    // MARK: terminal

    func terminal() -> DoctorCheck {
        let name = "terminal"
        guard let term = value("TERM") else {
            return .fail(name, "TERM is not set: the console (aigov tui) cannot start; the other commands work",
                         fix: "run aigov in a terminal emulator, or export TERM=xterm-256color (or the name of your terminal)")
        }
        if term == "dumb" {
            return .fail(name, "TERM=dumb: a terminal without cursor movement, on which the console cannot run; the other commands work",
                         fix: "run aigov tui in a terminal emulator; in an editor's shell buffer, export TERM=xterm-256color")
        }
        guard let entry = Terminfo.find(term, env: env) else {
            return .fail(name, "TERM=\(term) has no terminfo entry (looked in \(Terminfo.directories(env: env).joined(separator: ", "))): the console cannot start",
                         fix: "install the entry (Debian: apt-get install ncurses-term; or `infocmp -x \(term) > t.src` where it works and `tic -x t.src` here), or export TERM=xterm-256color")
        }
        return .ok(name, "TERM=\(term) (terminfo \(entry))")
    }

    func colours() -> DoctorCheck {
        let name = "colours"
        if let n = value("NO_COLOR") {
            return .ok(name, "NO_COLOR=\(n) is set: aigov prints and draws without colour, as asked")
        }
        guard let term = value("TERM"), term != "dumb" else {
            return .warn(name, "no colours without a terminal type (see terminal)",
                         fix: "export TERM=xterm-256color in a terminal that shows colour")
        }
        if let c = value("COLORTERM"), ["truecolor", "24bit"].contains(c.lowercased()) {
            return .ok(name, "24-bit colour (COLORTERM=\(c))")
        }
        let colours = Terminfo.find(term, env: env).flatMap(Terminfo.maxColors)
        if let colours, colours >= 8 { return .ok(name, "\(colours) colours (terminfo for TERM=\(term))") }
        if colours == nil, term.contains("color") { return .ok(name, "TERM=\(term) has colour") }
        return .warn(name, "TERM=\(term) has no colours: the console is drawn in monochrome",
                     fix: "if your terminal shows colour, export TERM=xterm-256color (or set NO_COLOR=1 to say monochrome is wanted)")
    }

    func locale() -> DoctorCheck {
        let name = "locale"
        guard let key = ["LC_ALL", "LC_CTYPE", "LANG"].first(where: { value($0) != nil }), let loc = value(key) else {
            return .warn(name, "no locale: LC_ALL, LC_CTYPE and LANG are unset, so text is taken as ASCII and accented or CJK names show as ?",
                         fix: "export LANG=C.UTF-8 (or en_US.UTF-8) in your shell's profile")
        }
        let lower = loc.lowercased()
        guard lower.contains("utf-8") || lower.contains("utf8") else {
            return .warn(name, "\(key)=\(loc) is not a UTF-8 locale: the console cannot show names outside ASCII",
                         fix: key == "LANG" ? "export LANG=C.UTF-8" : "export \(key)=C.UTF-8, or unset \(key) and export LANG=C.UTF-8")
        }
        // The locale must also exist on this machine, or setlocale falls back to "C".
        let saved = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        defer { setlocale(LC_CTYPE, saved) }
        guard setlocale(LC_CTYPE, "") != nil else {
            return .warn(name, "\(key)=\(loc) is not installed on this machine, so the C locale (ASCII) is used",
                         fix: "export \(key)=C.UTF-8, or generate the locale (Debian: add it to /etc/locale.gen and run locale-gen)")
        }
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        guard codeset.uppercased() == "UTF-8" else {
            return .warn(name, "\(key)=\(loc) gives the character set \(codeset), not UTF-8",
                         fix: "export \(key)=C.UTF-8")
        }
        return .ok(name, "\(key)=\(loc) (UTF-8)")
    }

    func wideCharacters() -> DoctorCheck {
        let name = "wide-characters"
        // The binary links ncursesw (the wide-character curses); name the library actually loaded.
        if let maps = Self.procFile("/proc/self/maps"),
           let line = maps.split(separator: "\n").first(where: { $0.contains("libncursesw") }),
           let path = line.split(separator: " ").last {
            return .ok(name, "ncursesw loaded (\((String(path) as NSString).lastPathComponent)): double-width and combining characters are drawn")
        }
        return .ok(name, "linked against ncursesw: double-width and combining characters are drawn")
    }

    // MARK: registry

    func registry() -> DoctorCheck {
        let name = "registry"
        let shown = "\(databasePath) (\(source == "default" ? "the default" : "from \(source)"))"
        var st = stat()
        if stat(databasePath, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFREG else {
                return .fail(name, "\(shown) is not a file", fix: "point --db or AIGOV_DB at a registry file, or move what is there away")
            }
            guard access(databasePath, R_OK) == 0 else {
                return .fail(name, "\(shown) exists but you cannot read it",
                             fix: "run aigov as the file's owner, or ask them to share it (aigov backup PATH --group-readable)")
            }
            guard access(databasePath, W_OK) == 0, access(folder, W_OK) == 0 else {
                return .warn(name, "\(shown) is read-only for you: reads work, writes fail with exit 3",
                             fix: "chmod u+w the file and its folder, or run aigov as their owner")
            }
            return .ok(name, "\(shown) exists and is writable")
        }
        var link = stat()
        if Self.isLinkLoop(databasePath) {
            return .fail(name, "\(shown) is a loop of symbolic links: no command can open it",
                         fix: "remove the links (ls -l \(databasePath)) and point --db or AIGOV_DB at a registry file")
        }
        if lstat(databasePath, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            return .fail(name, "\(shown) is a symbolic link to nothing: a write would create a registry wherever the link points",
                         fix: "remove the link, or point --db or AIGOV_DB at the registry file itself")
        }
        guard let ancestor = Self.nearestExisting(folder) else {
            return .fail(name, "\(shown) cannot be created: no part of its folder exists", fix: "choose another place with --db PATH or AIGOV_DB")
        }
        guard access(ancestor, W_OK | X_OK) == 0 else {
            return .fail(name, "\(shown) does not exist and cannot be created: \(ancestor) is not writable for you",
                         fix: "choose a writable place with --db PATH or export AIGOV_DB=PATH, or fix the permissions of \(ancestor)")
        }
        return .ok(name, "\(shown) does not exist yet; `aigov init` creates it" + (ancestor == folder ? "" : " and its folder (mode 0700)"))
    }

    /// Whether resolving `path` meets a loop of symbolic links (ELOOP).
    static func isLinkLoop(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd >= 0 {
            close(fd)
            return false
        }
        return errno == ELOOP
    }

    func registryFolder() -> DoctorCheck {
        let name = "registry-folder"
        var st = stat()
        guard stat(folder, &st) == 0 else {
            return .ok(name, "\(folder) does not exist yet; it will be created with mode 0700")
        }
        let mode = st.st_mode & 0o7777
        let m = Self.octal(mode)
        if mode & 0o002 != 0 {
            return .fail(name, "others can write to the registry folder \(folder) (mode \(m)): anyone on this machine can replace the registry or its -wal file, or add rules to rules.d",
                         fix: "chmod 700 \(folder) (or 750 to let your group read), or move the registry to a folder of your own")
        }
        if mode & 0o020 != 0 {
            return .warn(name, "your group can write to the registry folder \(folder) (mode \(m)): group members can replace the registry or add rules to rules.d",
                         fix: "chmod 750 \(folder) (or 700)")
        }
        if access(folder, W_OK | X_OK) != 0 {
            return .warn(name, "the registry folder \(folder) (mode \(m)) is read-only for you: SQLite cannot create the registry's -wal and -shm files beside it, so every write fails (exit 3)",
                         fix: "chmod u+w \(folder), or move the registry to a folder you can write")
        }
        return .ok(name, "\(folder) (mode \(m))")
    }

    func registryFile() -> DoctorCheck {
        let name = "registry-file"
        var problems: [String] = []
        var worst = DoctorCheck.Status.ok
        var modes: [String] = []
        for path in [databasePath, databasePath + "-wal", databasePath + "-shm"] {
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
            let mode = st.st_mode & 0o7777
            modes.append("\((path as NSString).lastPathComponent) \(Self.octal(mode))")
            if mode & 0o002 != 0 {
                problems.append("others can write to \(path) (mode \(Self.octal(mode)))")
                worst = .fail
            } else if mode & 0o004 != 0 {
                problems.append("others can read \(path) (mode \(Self.octal(mode)))")
                if worst == .ok { worst = .warn }
            } else if mode & 0o020 != 0 {
                problems.append("your group can write to \(path) (mode \(Self.octal(mode)))")
                if worst == .ok { worst = .warn }
            }
        }
        if modes.isEmpty { return .ok(name, "not created yet; `aigov init` creates it with mode 0600") }
        guard problems.isEmpty else {
            return DoctorCheck(name: name, status: worst, detail: problems.joined(separator: "; "),
                               fix: "chmod 600 \(databasePath)* (or 640 to let your group read: aigov backup --group-readable)")
        }
        return .ok(name, modes.joined(separator: ", "))
    }

    func fileSystem() -> DoctorCheck {
        let name = "file-system"
        guard let dir = Self.nearestExisting(folder) else { return .ok(name, "skipped: the registry's folder does not exist") }
        let type = FileSystemType.of(dir)
        let network = type.isNetwork
        guard access(dir, W_OK | X_OK) == 0 else {
            let d = "\(dir) is on \(type.name); WAL not tested (the folder is not writable)"
            return network ? .warn(name, d + "; WAL is unsafe on network shares", fix: "keep the registry on a local disk")
                           : .ok(name, d)
        }
        let mode: String
        do {
            mode = try StoreDiagnostics.scratchWAL(in: dir)
        } catch {
            return .fail(name, "\(dir) is on \(type.name), where a SQLite database in WAL mode cannot be used: \(Registry.describe(error))",
                         fix: "keep the registry on a local disk: --db PATH or export AIGOV_DB=PATH")
        }
        guard mode == "wal" else {
            return .fail(name, "\(dir) is on \(type.name), where SQLite cannot use WAL (journal_mode stays \(mode))",
                         fix: "keep the registry on a local disk: --db PATH or export AIGOV_DB=PATH")
        }
        if network {
            return .warn(name, "\(dir) is on \(type.name), a network share: WAL works here, but is unsafe when another machine opens the same registry (SQLite's shared memory does not cross machines)",
                         fix: "keep the registry on a local disk (--db PATH or AIGOV_DB) and share it with aigov backup or an audit pack")
        }
        return .ok(name, "\(dir) is on \(type.name); WAL works there")
    }

    func sqlite() -> DoctorCheck {
        let name = "sqlite"
        let version: String
        do {
            version = try StoreDiagnostics.sqliteVersion()
        } catch {
            return .fail(name, "SQLite cannot open an in-memory database: \(error)", fix: "reinstall libsqlite3 (Debian: apt-get install --reinstall libsqlite3-0)")
        }
        let parts = version.split(separator: ".").map { Int($0) ?? 0 } + [0, 0, 0]
        let (a, b, c) = Self.minimumSQLite
        if (parts[0], parts[1], parts[2]) < (a, b, c) {
            return .fail(name, "SQLite \(version) is older than \(a).\(b).\(c), which aigov needs (upserts, window functions)",
                         fix: "upgrade libsqlite3 (Debian: apt-get install libsqlite3-0) and rebuild aigov")
        }
        return .ok(name, "SQLite \(version)")
    }

    func rules() -> DoctorCheck {
        let name = "rules.d"
        let dir = CustomRuleLoader.folder(besideDatabase: databasePath)
        var st = stat()
        guard lstat(dir, &st) == 0 else { return .ok(name, "no \(dir): built-in rules only") }
        let listed = CustomRuleLoader.folderContents(dir)
        if let first = listed.problems.first {
            return .fail(name, "\(first.description)\(listed.problems.count > 1 ? " (and \(listed.problems.count - 1) more)" : ""), so every command that runs the rules refuses to run",
                         fix: "make \(dir) a readable folder of regular .yaml files, or remove it")
        }
        _ = stat(dir, &st)
        if st.st_mode & 0o002 != 0 {
            return .fail(name, "others can write to \(dir) (mode \(Self.octal(st.st_mode & 0o7777))): anyone can add rules to every check",
                         fix: "chmod 700 \(dir) (or 755)")
        }
        let files = listed.files
        if files.isEmpty { return .ok(name, "\(dir) has no .yaml or .yml files: built-in rules only") }
        let (custom, problems) = CustomRuleLoader.load(files: files)
        if !problems.isEmpty {
            let shown = problems.prefix(3).map(\.description).joined(separator: "; ")
            return .fail(name, "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(dir), so every command that runs the rules refuses to run: \(shown)\(problems.count > 3 ? "; …" : "")",
                         fix: "correct the file (aigov check lists every problem) or move it out of \(dir)")
        }
        return .ok(name, "\(custom.count) custom rule\(custom.count == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s") in \(dir)")
    }

    /// `soa.yaml` beside the database (docs/frameworks.md): a bad one makes `aigov soa` and
    /// `export pack` refuse to run.
    func statementOfApplicability() -> DoctorCheck {
        let name = "soa.yaml"
        let file = (databasePath as NSString).deletingLastPathComponent.appending("/soa.yaml")
        guard FileManager.default.fileExists(atPath: file) else {
            return .ok(name, "no \(file): the Statement of Applicability is drafted from the registry alone")
        }
        let (overrides, problems) = SoAOverridesReader.load(file: file)
        if let first = problems.first {
            return .fail(name, "\(first.description)\(problems.count > 1 ? " (and \(problems.count - 1) more)" : ""), so aigov soa and export pack refuse to run",
                         fix: "correct \(file) (aigov soa lists every problem) or move it away")
        }
        return .ok(name, "\(overrides.count) control status\(overrides.count == 1 ? "" : "es") written by hand in \(file)")
    }

    func auditChain() -> DoctorCheck {
        let name = "audit-chain"
        guard FileManager.default.fileExists(atPath: databasePath) else {
            return .ok(name, "skipped: no registry yet")
        }
        let verification: AuditVerification
        do {
            let timeout: TimeInterval
            switch busyTimeout {
            case let .success(t): timeout = t
            case let .failure(why): return .fail(name, why.message, fix: "unset AIGOV_BUSY_TIMEOUT or give it a number of seconds")
            }
            let registry = try Registry.open(path: databasePath, create: false, readOnly: true, busyTimeout: timeout)
            verification = try registry.verifyAudit()
        } catch let e as RegistryError {
            return .fail(name, "the registry cannot be read: \(e)",
                         fix: "check the file with aigov audit verify; restore the last good backup with aigov restore PATH")
        } catch {
            return .fail(name, "the registry cannot be read: \(error)",
                         fix: "check that --db or AIGOV_DB names an aigov registry; restore the last good backup with aigov restore PATH")
        }
        if let bad = verification.firstBad {
            return .fail(name, "broken at entry \(bad.seq): \(bad.reason)",
                         fix: "find out who wrote to the file outside aigov; restore the last good backup with aigov restore PATH")
        }
        if !verification.drift.isEmpty {
            return .fail(name, "the chain holds (\(verification.entries) entries) but \(verification.drift.count) record\(verification.drift.count == 1 ? "" : "s") changed behind aigov's back (aigov audit verify lists them)",
                         fix: "find out who wrote to the file outside aigov; restore the last good backup with aigov restore PATH")
        }
        return .ok(name, "\(verification.entries) entr\(verification.entries == 1 ? "y" : "ies") verified, head \(verification.head.prefix(12))")
    }

    // MARK: helpers

    /// A /proc file read to its end (they report a size of 0, so reading by size gets nothing or a part).
    static func procFile(_ path: String) -> String? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let data = try? h.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func octal(_ mode: mode_t) -> String {
        let s = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// `path` if it exists, else its nearest existing ancestor.
    static func nearestExisting(_ path: String) -> String? {
        var p = path
        for _ in 0..<64 {
            if FileManager.default.fileExists(atPath: p) { return p }
            let parent = (p as NSString).deletingLastPathComponent
            if parent.isEmpty { return FileManager.default.fileExists(atPath: ".") ? "." : nil }
            if parent == p { return nil }
            p = parent
        }
        return nil
    }
}

/// Terminfo lookup without `infocmp` or `tput`: the compiled entry file, searched where ncurses
/// searches, and its `max_colors` number.
