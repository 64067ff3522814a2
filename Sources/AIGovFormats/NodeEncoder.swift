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

/// A mutable holder for the node a container is filling. A nested container's box
/// writes each change through to its parent (`onChange`), because `Node` is a value.
final class NodeBox {
    var node: Node { didSet { onChange?(node) } }
    var onChange: ((Node) -> Void)?
    init(_ node: Node = Node(.scalar("", plain: true)), onChange: ((Node) -> Void)? = nil) {
        self.node = node
        self.onChange = onChange
    }
}

private struct NodeEncoderImpl: Encoder {
    let box: NodeBox
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .map = box.node.kind {} else { box.node = Node(.map([])) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list = box.node.kind {} else { box.node = Node(.list([])) }
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

private func encodeChild<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Node {
    switch value {
    case let s as String: return text(s)
    case let b as Bool: return scalar(b ? "true" : "false")
    case let i as Int: return scalar(String(i))
    default:
        let child = NodeBox()
        try value.encode(to: NodeEncoderImpl(box: child, codingPath: codingPath))
        return child.node
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    var codingPath: [any CodingKey]

    private func append(_ key: Key, _ node: Node) {
        guard case var .map(entries) = box.node.kind else { return }
        entries.append((key.stringValue, node))
        box.node = Node(.map(entries))
    }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { append(key, scalar(value ? "true" : "false")) }
    mutating func encode(_ value: String, forKey key: Key) throws { append(key, text(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { append(key, scalar(String(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        append(key, try encodeChild(value, codingPath: codingPath + [key]))
    }

    /// A child box whose changes replace the entry at `key` in this mapping.
    private func childBox(_ key: Key, _ initial: Node) -> NodeBox {
        append(key, initial)
        let parent = box
        return NodeBox(initial) { child in
            guard case var .map(entries) = parent.node.kind,
                  let i = entries.lastIndex(where: { $0.key == key.stringValue }) else { return }
            entries[i].value = child
            parent.node = Node(.map(entries))
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: childBox(key, Node(.map([]))), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(box: childBox(key, Node(.list([]))), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoderImpl(box: NodeBox(), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoderImpl(box: NodeBox(), codingPath: codingPath) }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    var codingPath: [any CodingKey]
    var count: Int {
        if case let .list(items) = box.node.kind { return items.count }
        return 0
    }

    private func append(_ node: Node) {
        guard case var .list(items) = box.node.kind else { return }
        items.append(node)
        box.node = Node(.list(items))
    }

    mutating func encodeNil() throws { append(scalar("")) }
    mutating func encode(_ value: String) throws { append(text(value)) }
    mutating func encode(_ value: Bool) throws { append(scalar(value ? "true" : "false")) }
    mutating func encode(_ value: Int) throws { append(scalar(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(try encodeChild(value, codingPath: codingPath)) }

    /// A child box whose changes replace the last item of this list.
    private func childBox(_ initial: Node) -> NodeBox {
        append(initial)
        let parent = box
        return NodeBox(initial) { child in
            guard case var .list(items) = parent.node.kind, !items.isEmpty else { return }
            items[items.count - 1] = child
            parent.node = Node(.list(items))
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: childBox(Node(.map([]))), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(box: childBox(Node(.list([]))), codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoderImpl(box: NodeBox(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let box: NodeBox
    var codingPath: [any CodingKey]
    mutating func encodeNil() throws { box.node = scalar("") }
    mutating func encode(_ value: String) throws { box.node = text(value) }
    mutating func encode(_ value: Bool) throws { box.node = scalar(value ? "true" : "false") }
    mutating func encode(_ value: Int) throws { box.node = scalar(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.node = try encodeChild(value, codingPath: codingPath) }
}
