/// A record's `agreement`: an id that must already exist, or a definition that creates or updates it.
public enum AgreementReference: Hashable, Sendable, Encodable {
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
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .id(let id):
            var container = encoder.singleValueContainer()
            try container.encode(id)
        case .definition(let definition):
            try definition.encode(to: encoder)
        }
    }
}
