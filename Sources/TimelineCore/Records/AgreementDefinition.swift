/// The object form of a record's `agreement`, which creates or updates the agreement.
public struct AgreementDefinition: Hashable, Sendable, JSONRepresentable {
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

    public var jsonValue: JSONValue {
        .object(presentMembers: ["id": .string(id), "title": .string(title), "parties": parties.map { .array($0.map(JSONValue.string)) }])
    }
}
