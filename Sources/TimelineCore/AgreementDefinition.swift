/// The object form of a record's `agreement`, which creates or updates the agreement.
public struct AgreementDefinition: Hashable, Sendable, Encodable {
    public let id: String
    /// Trimmed.
    public let title: String
    /// nil when not given (leave the parties as they are), as opposed to an empty list.
    public let parties: [String]?

    public init(id: String, title: String, parties: [String]? = nil) {
        self.id = id
        self.title = title
        self.parties = parties
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, parties
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(parties, forKey: .parties)
    }
}
