/// An entry of a record's `sources`: a url, a title or both, and optionally when it was published.
public struct EventSource: Hashable, Sendable, JSONRepresentable {
    public let url: String?
    public let title: String?
    public let published: PartialDate?

    public init(url: String? = nil, title: String? = nil, published: PartialDate? = nil) {
        self.url = url
        self.title = title
        self.published = published
    }

    public var jsonValue: JSONValue {
        .object(presentMembers: ["url": url.jsonValue, "title": title.jsonValue, "published": published?.jsonValue])
    }
}
