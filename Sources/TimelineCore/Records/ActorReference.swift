/// An entry of a record's `actors`: a bare id string or `{"id", "role"?, "name"?}`.
public struct ActorReference: Hashable, Sendable, JSONRepresentable {
    public let id: String
    public let role: String?
    public let name: String?
    /// Given as a plain string; kept so the record encodes back to the shape the client sent.
    public let isBareID: Bool

    /// The object form.
    public init(id: String, role: String? = nil, name: String? = nil) {
        self.id = id
        self.role = role
        self.name = name
        self.isBareID = false
    }

    /// The bare string form.
    public static func bare(_ id: String) -> ActorReference {
        ActorReference(id: id, role: nil, name: nil, isBareID: true)
    }

    private init(id: String, role: String?, name: String?, isBareID: Bool) {
        self.id = id
        self.role = role
        self.name = name
        self.isBareID = isBareID
    }

    /// A bare id as a string; otherwise an object of the members given.
    public var jsonValue: JSONValue {
        if isBareID { return .string(id) }
        return .object(presentMembers: ["id": .string(id), "role": role.jsonValue, "name": name.jsonValue])
    }
}
