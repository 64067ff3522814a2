// Encodable conformances that write exactly the interchange format: snake_case keys in
// FORMAT.md order, nil and empty lists omitted. YAML and JSON output both use these.
//
// The keys, their order and how each value is written come from the catalog
// (FieldTables.swift), so the writer cannot know a key the reader does not, or miss one.

extension AISystem: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension EUAIAct: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Impact: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Review: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Model: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Dataset: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Oversight: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Fallback: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Evidence: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Risk: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Metric: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Supplier: Encodable {
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}

extension Waiver: Encodable {
    /// A waiver is a document of its own, so it says what it is before its fields.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.encode("waiver", forKey: FieldKey("kind"))
        try encodeFields(into: &c)
    }
}
