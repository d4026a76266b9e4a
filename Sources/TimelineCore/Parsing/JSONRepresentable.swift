/// A value whose JSON form is defined once, as a ``JSONValue``: its `Encodable` conformance and
/// its canonical text (``JSONValue/canonicalText``) both come from that one definition.
public protocol JSONRepresentable: Encodable {
    var jsonValue: JSONValue { get }
}

extension JSONRepresentable {
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

extension JSONValue {
    /// An object of the members that are present: nil values are left out.
    public static func object(presentMembers members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(members.count)
        for case (let key, let value?) in members { object[key] = value }
        return .object(object)
    }
}

extension Optional where Wrapped == String {
    /// The string as a JSON value, nil when absent.
    public var jsonValue: JSONValue? { map(JSONValue.string) }
}
