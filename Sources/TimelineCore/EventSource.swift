/// An entry of a record's `sources`: a url, a title or both, and optionally when it was published.
public struct EventSource: Hashable, Sendable, Encodable {
    public let url: String?
    public let title: String?
    public let published: PartialDate?

    public init(url: String? = nil, title: String? = nil, published: PartialDate? = nil) {
        self.url = url
        self.title = title
        self.published = published
    }

    private enum CodingKeys: String, CodingKey {
        case url, title, published
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(published, forKey: .published)
    }
}
