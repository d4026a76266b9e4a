/// A record's `agreement`: an id that must already exist, or a definition that creates or updates it.
public enum AgreementReference: Hashable, Sendable, JSONRepresentable {
    case id(String)
    case definition(AgreementDefinition)

    public var id: String {
        switch self {
        case .id(let id): id
        case .definition(let definition): definition.id
        }
    }

    public var definition: AgreementDefinition? {
        if case .definition(let definition) = self { definition } else { nil }
    }

    /// Back to the shape the client sent.
    /// An id as a string, a definition as its object.
    public var jsonValue: JSONValue {
        switch self {
        case .id(let id): .string(id)
        case .definition(let definition): definition.jsonValue
        }
    }
}
