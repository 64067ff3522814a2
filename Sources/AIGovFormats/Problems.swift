/// One thing wrong with an input: where (file, field path, line) and what was expected.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible, Encodable {
    public var file: String
    /// Field path such as `models[1].hosting`; empty for the file as a whole.
    public var path: String
    public var line: Int?
    public var message: String

    public init(file: String, path: String, line: Int? = nil, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.message = message
    }

    /// `file:path: message`, the form every command prints.
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file):\(path): \(message)"
    }
}

/// A rejected input: every problem found, in file order.
public struct InputRejected: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
