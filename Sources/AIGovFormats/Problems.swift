/// One thing wrong with an input: where (file, field path, line) and what was expected.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible, Encodable {
    public var file: String
    /// Field path such as `models[1].hosting`; empty for the file as a whole.
    public var path: String
    public var line: Int?
    /// 1-based column of the key (or value) at fault, when known.
    public var column: Int?
    public var message: String

    public init(file: String, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:path: message`, the problem itself.
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file):\(path): \(message)"
    }

    /// `description` with where in the file, as every command prints a rejected input:
    /// `file:path: message (line 12, column 3)`. The `file:path:` form stays first, so what
    /// reads a problem by its path keeps working; the position takes an engineer to the key.
    public var located: String {
        guard let line, !description.contains("at line \(line)") else { return description }
        return description + " (line \(line)" + (column.map { ", column \($0)" } ?? "") + ")"
    }
}

/// A rejected input: every problem found, in file order.
public struct InputRejected: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
