import Yams

/// Encodes a value into Yams' node tree in linear time, for `RecordWriter.yaml`.
///
/// Yams' own `YAMLEncoder` builds the same tree, but each item appended to a list, and each
/// nested value written back into its parent, copies the parent's whole array (the array is
/// read out of an enum, changed and stored back): a system with 30,000 tags took 30 s to
/// print. This encoder keeps every container's entries in an array of its own, changed in
/// place, and builds each `Yams.Node` once, when its encoder is done with it.
///
/// The tree is the one `YAMLEncoder` (default options) builds, so the emitted text is
/// byte-identical:
/// - a scalar is the value's own `box()` (`String`'s quotes "true" as text, `Int` is tagged
///   `int` …); a string holding a line break gets the scalar style `.any`;
/// - nil is `null` tagged `null`; mappings and lists are tagged implicit, style `.any`;
/// - a nested container writes itself into its parent when it is released (a key that is new
///   then goes last, a known key keeps its place), and a list reserves an item's place when
///   the item's encoder is made. `ClassificationReport` relies on the first: its nested
///   containers, released at the end of `encode(to:)`, come out last-made first.
/// Anchors, tags and alias strategies of `YAMLEncoder` are left out: no record encodes them.
enum YAMLTreeEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> Yams.Node {
        let root = TreeEncoder(codingPath: [])
        try root.encode(value)
        return root.node
    }
}

/// What one encoder holds: nothing yet, a finished node, or a container being filled.
private final class TreeEncoder: Encoder, SingleValueEncodingContainer {
    enum State { case unused, node, mapping, sequence }
    var state = State.unused
    var finished = Yams.Node("", Tag(Tag.Name("tag:yams.encoder:unused")))
    var pairs: [(Yams.Node, Yams.Node)] = []
    /// Where each key of `pairs` is.
    var keyIndex: [String: Int] = [:]
    var items: [Yams.Node] = []

    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    /// The node this encoder stands for, built from its entries.
    var node: Yams.Node {
        switch state {
        case .unused, .node: finished
        case .mapping: Yams.Node(pairs, .implicit, .any)
        case .sequence: Yams.Node(items, .implicit, .any)
        }
    }

    /// Sets `key` the way `Node.Mapping`'s subscript does: in place when present, else last.
    func set(_ key: String, _ value: Yams.Node) {
        if let i = keyIndex[key] {
            pairs[i].1 = value
        } else {
            keyIndex[key] = pairs.count
            pairs.append((Yams.Node(key, .implicit), value))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if state == .unused {
            state = .mapping
        } else {
            precondition(state == .mapping, "a keyed container where a value was already encoded")
        }
        return KeyedEncodingContainer(TreeKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if state == .unused {
            state = .sequence
        } else {
            precondition(state == .sequence, "an unkeyed container where a value was already encoded")
        }
        return TreeUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws {
        precondition(state == .unused, "a second value through a single value container")
        state = .node
        finished = Yams.Node("null", Tag(.null))
    }

    func encode<T: Encodable>(_ value: T) throws {
        precondition(state == .unused, "a second value through a single value container")
        if let encodable = value as? YAMLEncodable {
            var boxed = encodable.box()
            if let text = encodable as? (any StringProtocol), text.contains("\n") { boxed.scalar?.style = .any }
            state = .node
            finished = boxed
        } else {
            try value.encode(to: self)
        }
    }
}

/// An encoder for one entry of a container: it writes its node into the parent when released,
/// as Yams' `_ReferencingEncoder` does.
private final class ChildEncoder {
    enum Place { case key(String), index(Int) }
    let encoder: TreeEncoder
    let parent: TreeEncoder
    let place: Place

    init(parent: TreeEncoder, place: Place, key: any CodingKey) {
        self.parent = parent
        self.place = place
        encoder = TreeEncoder(codingPath: parent.codingPath + [key])
    }

    deinit {
        switch place {
        case let .key(k): parent.set(k, encoder.node)
        case let .index(i): parent.items[i] = encoder.node
        }
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(intValue) }
}

private struct SuperKey: CodingKey {
    var stringValue = "super"
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) {}
    init?(intValue: Int) { nil }
}

private struct TreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    /// The child encoder this container fills, when it is a nested one.
    var owner: ChildEncoder?

    init(encoder: TreeEncoder, owner: ChildEncoder? = nil) {
        self.encoder = encoder
        self.owner = owner
    }

    var codingPath: [any CodingKey] { encoder.codingPath }

    func child(_ key: any CodingKey) -> ChildEncoder {
        ChildEncoder(parent: encoder, place: .key(key.stringValue), key: key)
    }

    mutating func encodeNil(forKey key: Key) throws { encoder.set(key.stringValue, Yams.Node("null", Tag(.null))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let c = child(key)
        try withExtendedLifetime(c) { try c.encoder.encode(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let c = child(key)
        _ = c.encoder.container(keyedBy: keyType)
        return KeyedEncodingContainer(TreeKeyedContainer<NestedKey>(encoder: c.encoder, owner: c))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let c = child(key)
        _ = c.encoder.unkeyedContainer()
        return TreeUnkeyedContainer(encoder: c.encoder, owner: c)
    }

    mutating func superEncoder() -> any Encoder { OwnedEncoder(child: child(SuperKey())) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { OwnedEncoder(child: child(key)) }
}

private struct TreeUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: TreeEncoder
    var owner: ChildEncoder?

    init(encoder: TreeEncoder, owner: ChildEncoder? = nil) {
        self.encoder = encoder
        self.owner = owner
    }

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.items.count }

    /// The encoder of the next item, whose place is reserved now (as Yams appends "").
    func next() -> ChildEncoder {
        let index = encoder.items.count
        let c = ChildEncoder(parent: encoder, place: .index(index), key: IndexKey(index))
        encoder.items.append(Yams.Node(""))
        return c
    }

    mutating func encodeNil() throws { encoder.items.append(Yams.Node("null", Tag(.null))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let c = next()
        try withExtendedLifetime(c) { try c.encoder.encode(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let c = next()
        _ = c.encoder.container(keyedBy: keyType)
        return KeyedEncodingContainer(TreeKeyedContainer<NestedKey>(encoder: c.encoder, owner: c))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let c = next()
        _ = c.encoder.unkeyedContainer()
        return TreeUnkeyedContainer(encoder: c.encoder, owner: c)
    }

    mutating func superEncoder() -> any Encoder { OwnedEncoder(child: next()) }
}

/// A child's encoder handed out as an `Encoder` (`superEncoder`): it keeps the child alive.
private struct OwnedEncoder: Encoder {
    let child: ChildEncoder
    var codingPath: [any CodingKey] { child.encoder.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = child.encoder.container(keyedBy: type)
        return KeyedEncodingContainer(TreeKeyedContainer<Key>(encoder: child.encoder, owner: child))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = child.encoder.unkeyedContainer()
        return TreeUnkeyedContainer(encoder: child.encoder, owner: child)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleOwned(child: child) }
}

private struct SingleOwned: SingleValueEncodingContainer {
    let child: ChildEncoder
    var codingPath: [any CodingKey] { child.encoder.codingPath }
    mutating func encodeNil() throws { try child.encoder.encodeNil() }
    mutating func encode<T: Encodable>(_ value: T) throws { try child.encoder.encode(value) }
}
