/// Encodes a value straight into a `Node` tree, without writing and re-parsing YAML.
///
/// `aigov set` edits a record as a tree; building that tree through Yams would cost the
/// YAML emitter, the parser and the compilation of Yams' resolver regular expressions on
/// every call, which dominated the command's run time. Scalars carry the text the YAML
/// writer would write (plain), so the strict reader reads them back exactly.
struct NodeEncoder {
    func encode<T: Encodable>(_ value: T) throws -> Node {
        let box = NodeBox()
        try value.encode(to: NodeEncoderImpl(box: box, codingPath: []))
        return box.node
    }
}

/// A mutable holder for the node a container is filling. Mappings and lists keep their
/// entries as boxes of their own, changed in place, and the `Node` tree is built once at the
/// end: writing each change through to the parent `Node` (a value) copied the parent's whole
/// list per item appended, which made a record with 10,000 datasets or a 100,000-item
/// `annex_iii` list quadratic to validate.
final class NodeBox {
    enum Content {
        case node(Node)
        case map
        case list
    }
    var content: Content
    /// The entries of a mapping, in the order they were added.
    var entries: [(key: String, value: NodeBox)] = []
    /// The items of a list.
    var items: [NodeBox] = []

    init(_ node: Node = Node(.scalar("", plain: true))) { content = .node(node) }

    var isMap: Bool { if case .map = content { true } else { false } }
    var isList: Bool { if case .list = content { true } else { false } }

    /// Turns this box into an empty mapping or list.
    func becomeMap() { content = .map; entries = []; items = [] }
    func becomeList() { content = .list; entries = []; items = [] }

    /// The tree, built from the boxes below.
    var node: Node {
        switch content {
        case let .node(n): n
        case .map: Node(.map(entries.map { ($0.key, $0.value.node) }))
        case .list: Node(.list(items.map(\.node)))
        }
    }
}

private struct NodeEncoderImpl: Encoder {
    let box: NodeBox
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if !box.isMap { box.becomeMap() }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if !box.isList { box.becomeList() }
        return UnkeyedNodeContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(box: box, codingPath: codingPath)
    }
}

/// A scalar holding a literal: booleans and numbers, which the reader takes from plain text.
private func scalar(_ s: String) -> Node { Node(.scalar(s, plain: true)) }

/// A scalar holding a string: marked quoted, so that "", "null" or "~" stay text, not null.
private func text(_ s: String) -> Node { Node(.scalar(s, plain: false)) }

private func encodeChild<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> NodeBox {
    switch value {
    case let s as String: return NodeBox(text(s))
    case let b as Bool: return NodeBox(scalar(b ? "true" : "false"))
    case let i as Int: return NodeBox(scalar(String(i)))
    default:
        let child = NodeBox()
        try value.encode(to: NodeEncoderImpl(box: child, codingPath: codingPath))
        return child
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    var codingPath: [any CodingKey]

    private func append(_ key: Key, _ child: NodeBox) {
        guard box.isMap else { return }
        box.entries.append((key.stringValue, child))
    }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { append(key, NodeBox(scalar(value ? "true" : "false"))) }
    mutating func encode(_ value: String, forKey key: Key) throws { append(key, NodeBox(text(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { append(key, NodeBox(scalar(String(value)))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        append(key, try encodeChild(value, codingPath: codingPath + [key]))
    }

    /// A child box, in place at `key` in this mapping from now on.
    private func childBox(_ key: Key) -> NodeBox {
        let child = NodeBox()
        append(key, child)
        return child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = childBox(key)
        child.becomeMap()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = childBox(key)
        child.becomeList()
        return UnkeyedNodeContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoderImpl(box: NodeBox(), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoderImpl(box: NodeBox(), codingPath: codingPath) }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    var codingPath: [any CodingKey]
    var count: Int { box.isList ? box.items.count : 0 }

    private func append(_ child: NodeBox) {
        guard box.isList else { return }
        box.items.append(child)
    }

    mutating func encodeNil() throws { append(NodeBox(scalar(""))) }
    mutating func encode(_ value: String) throws { append(NodeBox(text(value))) }
    mutating func encode(_ value: Bool) throws { append(NodeBox(scalar(value ? "true" : "false"))) }
    mutating func encode(_ value: Int) throws { append(NodeBox(scalar(String(value)))) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(try encodeChild(value, codingPath: codingPath)) }

    /// A child box, the last item of this list from now on.
    private func childBox() -> NodeBox {
        let child = NodeBox()
        append(child)
        return child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = childBox()
        child.becomeMap()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = childBox()
        child.becomeList()
        return UnkeyedNodeContainer(box: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoderImpl(box: NodeBox(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let box: NodeBox
    var codingPath: [any CodingKey]
    mutating func encodeNil() throws { box.content = .node(scalar("")) }
    mutating func encode(_ value: String) throws { box.content = .node(text(value)) }
    mutating func encode(_ value: Bool) throws { box.content = .node(scalar(value ? "true" : "false")) }
    mutating func encode(_ value: Int) throws { box.content = .node(scalar(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try encodeChild(value, codingPath: codingPath)
        box.content = child.content
        box.entries = child.entries
        box.items = child.items
    }
}
