import CYaml
import Yams

/// YAML text read straight into `Node`s from libyaml's events (issue #25).
///
/// `apply -f`, `check -f` and `import` used to let Yams build its tree of each document
/// (checking every mapping for duplicate keys by hashing its key nodes), then convert that
/// tree into ours: two trees per document, two thirds of the time of reading 10,000 files.
/// This reads the same libyaml events Yams' composer reads (through Yams' `CYaml` module, the
/// libyaml Yams builds and links) and builds one tree, with the same outcome for every input:
///
/// - scalars keep their text and whether they were plain, as `Node.from` did;
/// - an alias is the node its anchor named (Yams keeps anchors across the documents of a
///   stream, and an anchor names its node from the end of that node on: the same here);
///   what it expands to counts towards `InputLimits.maxNodes` and `maxDepth` at every use;
/// - a mapping that repeats a key is refused as Yams refuses it (the same keys compare
///   equal: the same text and tag, plain and quoted alike), with the same message;
/// - a key that is not a scalar, and an input that expands past the limits, give the same
///   problems; a limit is reported at the end of the document that passed it, as before,
///   so a syntax error later in that document still wins;
/// - libyaml's errors give the same messages, marks and context as `YamlError` did.
///
/// The small configuration readers (`SingleDocument`, `set`'s inline values, model cards'
/// front matter) still read through Yams: they are not on a hot path.
enum YAMLTree {
    /// A document the reader refuses, as `InputLoader.yamlProblem` words it.
    struct Malformed: Error {
        var line: Int?
        var message: String
    }

    /// The documents of `text` (valid UTF-8, checked by the caller). Problems that do not
    /// stop reading (a complex key) go to `problems`; a document past a limit throws
    /// `NodeError.tooLarge`, a malformed one `Malformed`.
    static func documents(_ text: String, budget: inout Int,
                          problems: inout [(path: String, line: Int, message: String)]) throws -> [Node] {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            defer { reader.close() }
            return try reader.documents(budget: &budget, problems: &problems)
        }
    }

    /// The parser over one input, and the anchors named so far.
    struct Reader: ~Copyable {
        /// On the heap: libyaml keeps it for the whole read, so it must not move.
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let bytes: UnsafeBufferPointer<UInt8>
        /// Each anchor's node, with how many nodes it holds and how deep it goes.
        var anchors: [String: (node: Node, size: Int, height: Int)] = [:]
        /// A limit passed in this document: reported at its end.
        var pending: String?

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            parser = .allocate(capacity: 1)
            parser.initialize(to: yaml_parser_t())
            yaml_parser_initialize(parser)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        }

        mutating func close() {
            yaml_parser_delete(parser)
            parser.deinitialize(count: 1)
            parser.deallocate()
        }

        /// The next event; the caller deletes it (`yaml_event_delete`).
        mutating func next() throws -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
            return event
        }

        mutating func documents(budget: inout Int, problems: inout [(path: String, line: Int, message: String)]) throws -> [Node] {
            var start = try next()
            yaml_event_delete(&start)  // STREAM-START
            var roots: [Node] = []
            while true {
                var event = try next()
                let type = event.type
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { return roots }
                // DOCUMENT-START, then the root node, then DOCUMENT-END.
                var first = try next()
                let root = try node(from: &first, path: "", depth: 0, budget: &budget, problems: &problems)
                var end = try next()
                yaml_event_delete(&end)
                if let pending { throw NodeError.tooLarge(pending) }
                roots.append(root.node)
            }
        }

        /// Charges `size` nodes reaching `height` levels below `depth` to the limits; once one
        /// is passed, the rest of the document is read but not kept.
        mutating func charge(_ size: Int, height: Int, depth: Int, budget: inout Int) {
            guard pending == nil else { return }
            budget -= size
            if budget < 0 {
                pending = InputLimits.tooManyValues
            } else if depth + height > InputLimits.maxDepth {
                pending = InputLimits.tooDeep
            }
        }

        /// The node that starts with `event` (deleted here), with its size and height: how many
        /// values it holds and how many levels below it they go. A mapping's keys are not
        /// values (`counted` false): they neither count nor nest, as in `Node.from`.
        mutating func node(from event: inout yaml_event_t, path: String, depth: Int, counted: Bool = true, budget: inout Int,
                           problems: inout [(path: String, line: Int, message: String)]) throws -> (node: Node, size: Int, height: Int) {
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            if depth > InputLimits.maxDepth {
                // Too deep to keep: read past it without recursing (libyaml nests up to 1,000
                // levels, too deep for a worker thread's stack).
                if counted { charge(1, height: 0, depth: depth, budget: &budget) }
                try skip(&event)
                return (Node(.scalar("", plain: true)), 1, 0)
            }
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = Self.text(event)
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE || s.style == YAML_ANY_SCALAR_STYLE
                let anchor = Self.string(s.anchor)
                yaml_event_delete(&event)
                if counted { charge(1, height: 0, depth: depth, budget: &budget) }
                let result = (node: Node(.scalar(value, plain: plain), line: line, column: column), size: 1, height: 0)
                if let anchor { anchors[anchor] = result }
                return result
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                yaml_event_delete(&event)
                guard let target = anchors[name] else {
                    throw Malformed(line: line, message: InputLoader.malformed(line: line, column: column, "found undefined alias"))
                }
                if counted { charge(target.size, height: target.height, depth: depth, budget: &budget) }
                return pending == nil ? target : (Node(.scalar("", plain: true)), 1, 0)
            case YAML_SEQUENCE_START_EVENT:
                let anchor = Self.string(event.data.sequence_start.anchor)
                yaml_event_delete(&event)
                if counted { charge(1, height: 0, depth: depth, budget: &budget) }
                var items: [Node] = [], size = 1, height = 0
                while true {
                    var item = try next()
                    if item.type == YAML_SEQUENCE_END_EVENT {
                        yaml_event_delete(&item)
                        break
                    }
                    let child = try node(from: &item, path: pending == nil ? "\(path)[\(items.count)]" : "", depth: depth + 1,
                                         counted: counted, budget: &budget, problems: &problems)
                    if pending == nil {
                        items.append(child.node)
                        size += child.size
                        height = max(height, child.height + 1)
                    }
                }
                let result = (node: Node(.list(items), line: line, column: column), size: size, height: height)
                if let anchor { anchors[anchor] = result }
                return result
            case YAML_MAPPING_START_EVENT:
                let anchor = Self.string(event.data.mapping_start.anchor)
                yaml_event_delete(&event)
                if counted { charge(1, height: 0, depth: depth, budget: &budget) }
                return try mapping(line: line, column: column, anchor: anchor, path: path, depth: depth, counted: counted,
                                   budget: &budget, problems: &problems)
            default:
                yaml_event_delete(&event)
                throw Malformed(line: line, message: InputLoader.malformed(line: line, column: column, "unexpected event"))
            }
        }

        /// Reads past the node that starts with `event` (deleted here).
        mutating func skip(_ event: inout yaml_event_t) throws {
            var level = event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT ? 1 : 0
            yaml_event_delete(&event)
            while level > 0 {
                var e = try next()
                switch e.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT: level += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: level -= 1
                default: break
                }
                yaml_event_delete(&e)
            }
        }

        /// A mapping's entries up to its end event. Keys that are not scalars are problems
        /// (their values are read and left out); a repeated key refuses the input, as Yams did.
        mutating func mapping(line: Int, column: Int, anchor: String?, path: String, depth: Int, counted: Bool, budget: inout Int,
                              problems: inout [(path: String, line: Int, message: String)]) throws -> (node: Node, size: Int, height: Int) {
            var entries: [(key: String, value: Node)] = [], size = 1, height = 0
            /// Each key's identity (text and tag; complex keys by their tree) and where it first appears.
            var seen = SmallSet<KeyIdentity, (line: Int, column: Int)>()
            var duplicates: [(identity: KeyIdentity, line: Int, column: Int)] = []
            var keyStrings = SmallSet<String, Void>()
            while true {
                var keyEvent = try next()
                if keyEvent.type == YAML_MAPPING_END_EVENT {
                    yaml_event_delete(&keyEvent)
                    break
                }
                let keyLine = Int(keyEvent.start_mark.line) + 1, keyColumn = Int(keyEvent.start_mark.column) + 1
                var keyText: String?
                var tag = Self.strTag
                if keyEvent.type == YAML_SCALAR_EVENT {
                    let s = keyEvent.data.scalar
                    keyText = Self.text(keyEvent)
                    if s.quoted_implicit != 1, let t = Self.string(s.tag) { tag = t }
                }
                // A key may be an alias; it is not a value: it neither counts nor nests.
                let key = try node(from: &keyEvent, path: path, depth: depth + 1, counted: false, budget: &budget, problems: &problems)
                let identity: KeyIdentity
                if let keyText {
                    identity = .scalar(keyText, tag: tag)
                } else if case let .scalar(text, _) = key.node.kind {
                    identity = .scalar(text, tag: Self.strTag)  // an alias of a scalar
                } else {
                    identity = .complex(key.node.kind)
                }
                if let first = seen[identity] {
                    if !duplicates.contains(where: { $0.identity == identity }) { duplicates.append((identity, first.line, first.column)) }
                } else {
                    seen.insert(identity, (keyLine, keyColumn))
                }
                var valueEvent = try next()
                let childPath: String
                if case let .scalar(text, _) = identity { childPath = path.isEmpty ? text : "\(path).\(text)" } else { childPath = path }
                var keyString: String?
                if case .scalar = identity, case let .scalar(text, _) = key.node.kind { keyString = text }
                // A value under a complex or repeated key is read but, as in `Node.from`, neither kept nor counted.
                let kept = keyString.map { keyStrings[$0] == nil } ?? false
                var value = try node(from: &valueEvent, path: childPath, depth: depth + 1, counted: counted && kept, budget: &budget,
                                     problems: &problems)
                guard pending == nil else { continue }
                guard let keyString else {
                    problems.append((path, keyLine, "expected keys to be plain text, got a complex key"))
                    continue
                }
                // Keys Yams told apart by their tags (`!!str a`, `!x a`) are still one field.
                if keyStrings[keyString] != nil {
                    problems.append((childPath, keyLine, "duplicate key \"\(keyString)\""))
                    continue
                }
                keyStrings.insert(keyString, ())
                size += value.size
                height = max(height, value.height + 1)
                value.node.keyLine = keyLine
                value.node.keyColumn = keyColumn
                entries.append((keyString, value.node))
            }
            if !duplicates.isEmpty {
                // Yams names them sorted, at the first key in that order.
                let sorted = duplicates.sorted { $0.identity.name < $1.identity.name }
                let first = sorted[0]
                throw Malformed(line: first.line, message: InputLoader.duplicateKeys(sorted.map(\.identity.name), line: first.line))
            }
            let result = (node: Node(.map(entries), line: line, column: column), size: size, height: height)
            if let anchor { anchors[anchor] = result }
            return result
        }

        /// What makes two keys the same key, as Yams compares them.
        enum KeyIdentity: Hashable {
            case scalar(String, tag: String)
            case complex(Node.Kind)

            var name: String {
                if case let .scalar(text, _) = self { return text }
                return "<uncovertable>"
            }

            static func == (a: KeyIdentity, b: KeyIdentity) -> Bool {
                switch (a, b) {
                case let (.scalar(x, s), .scalar(y, t)): x == y && s == t
                case let (.complex(x), .complex(y)): same(x, y)
                default: false
                }
            }

            /// Trees with the same texts and shape, wherever they stand (Yams' node equality).
            static func same(_ a: Node.Kind, _ b: Node.Kind) -> Bool {
                switch (a, b) {
                case let (.scalar(x, _), .scalar(y, _)): x == y
                case let (.list(x), .list(y)): x.count == y.count && zip(x, y).allSatisfy { same($0.kind, $1.kind) }
                case let (.map(x), .map(y)):
                    x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && same($0.value.kind, $1.value.kind) }
                default: false
                }
            }

            func hash(into h: inout Hasher) {
                if case let .scalar(text, tag) = self {
                    h.combine(text)
                    h.combine(tag)
                }
            }
        }

        static let strTag = "tag:yaml.org,2002:str"

        /// A scalar's text. Yams decoded it with Foundation, which drops a byte order mark
        /// at its start: so does this.
        static func text(_ event: yaml_event_t) -> String {
            var bytes = UnsafeBufferPointer<UInt8>(start: event.data.scalar.value, count: Int(event.data.scalar.length))
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = UnsafeBufferPointer(rebasing: bytes[3...])
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        static func string(_ p: UnsafeMutablePointer<UInt8>?) -> String? {
            guard let p else { return nil }
            return String(cString: p)
        }

        /// libyaml's error as `YamlError` and `InputLoader.yamlProblem` word it.
        func failure() -> Error {
            let parser = self.parser.pointee
            let problem = parser.problem.map { String(cString: $0) } ?? ""
            let mark = (line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            switch parser.error {
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
                return Malformed(line: mark.line, message: InputLoader.malformed(line: mark.line, column: mark.column, problem,
                                                                                 context: parser.context.map { String(cString: $0) }))
            case YAML_READER_ERROR:
                let text = String(decoding: bytes, as: UTF8.self)
                let index = text.utf8.index(text.utf8.startIndex, offsetBy: Int(parser.problem_offset), limitedBy: text.utf8.endIndex)?
                    .samePosition(in: text)
                let offset = index.map { text.distance(from: text.startIndex, to: $0) }
                let e = YamlError.reader(problem: problem, offset: offset, value: parser.problem_value, yaml: text)
                return Malformed(line: nil, message: InputLoader.yamlProblem(e, file: "").message)
            default:
                return Malformed(line: nil, message: InputLoader.yamlProblem(.memory, file: "").message)
            }
        }
    }

    /// Keys seen in one mapping: a list searched in order while it is short (nearly every
    /// mapping: a record's blocks have a few keys), a hash table once it grows.
    struct SmallSet<Key: Hashable, Value> {
        var list: [(key: Key, value: Value)] = []
        var index: [Key: Int]?

        subscript(key: Key) -> Value? {
            if let index { return index[key].map { list[$0].value } }
            return list.first { $0.key == key }?.value
        }

        mutating func insert(_ key: Key, _ value: Value) {
            list.append((key, value))
            if index != nil {
                index?[key] = list.count - 1
            } else if list.count > 16 {
                var built: [Key: Int] = [:]
                for (i, e) in list.enumerated() where built[e.key] == nil { built[e.key] = i }
                index = built
            }
        }
    }
}
