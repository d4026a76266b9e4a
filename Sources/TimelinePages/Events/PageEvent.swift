import TimelineCore

/// An event document of the timeline (contract §3), as the pages and the TimelineJS export read
/// it: the record as ingested plus `id`. Read leniently — the store wrote the document — so a
/// member the pages do not show never stops a page from rendering.
public struct PageEvent: Sendable, Hashable {
    public let id: String
    public let kind: EventKind?
    /// The kind as written, shown even for a kind this build does not know.
    public let kindName: String
    public let title: String
    public let date: PartialDate
    public let endDate: PartialDate?
    public let actors: [String]
    public let location: String?
    public let agreement: String?
    public let summary: String?
    public let sources: [PageSource]
    public let tags: [String]
    /// The curation status (contract §9) when the document carries one.
    public let status: String?

    /// Reads one event document; nil for one without an id, a title or a readable date (the
    /// document is read in full either way).
    public init?(reading reader: inout JSONReader) throws(JSONParseError) {
        var id: String?, title: String?, date: PartialDate?, kindName: String?, endDate: PartialDate?
        var actors: [String] = [], location: String?, agreement: String?, summary: String?
        var sources: [PageSource] = [], tags: [String] = [], status: String?
        // Room for what most events have, rather than growing each list from one element.
        actors.reserveCapacity(4)
        sources.reserveCapacity(2)
        tags.reserveCapacity(4)
        try reader.readObject { name, reader throws(JSONParseError) in
            switch name {
            case "id": id = try reader.readString()
            case "title": title = try reader.readString()
            case "date": date = try reader.readString().flatMap { try? PartialDate(parsing: $0) }
            case "kind": kindName = try reader.readString()
            case "end_date": endDate = try reader.readString().flatMap { try? PartialDate(parsing: $0) }
            case "actors":
                try reader.readArray { reader throws(JSONParseError) in
                    if let actor = try reader.readIdentifier() { actors.append(actor) }
                }
            case "location": location = try reader.readString()
            case "agreement": agreement = try reader.readIdentifier()
            case "summary": summary = try reader.readString()
            case "sources":
                try reader.readArray { reader throws(JSONParseError) in
                    if let source = try PageSource(reading: &reader) { sources.append(source) }
                }
            case "tags":
                try reader.readArray { reader throws(JSONParseError) in
                    if let tag = try reader.readString() { tags.append(tag) }
                }
            case "status": status = try reader.readString()
            default: break
            }
        }
        guard let id, let title, let date else { return nil }
        self.id = id
        self.title = title
        self.date = date
        self.kindName = kindName ?? "other"
        kind = EventKind(rawValue: self.kindName)
        self.endDate = endDate
        self.actors = actors
        self.location = location
        self.agreement = agreement
        self.summary = summary
        self.sources = sources
        self.tags = tags
        self.status = status
    }

    /// The last day the event covers: its `end_date`'s end, or its date's.
    public var lastDay: CalendarDate {
        (endDate ?? date).end
    }

    /// A single day: drawn as a point, every other event as a span.
    public var isSingleDay: Bool {
        date.start == lastDay
    }
}

/// One of an event's `sources`.
public struct PageSource: Sendable, Hashable {
    public let url: String?
    public let title: String?
    public let published: String?

    init?(reading reader: inout JSONReader) throws(JSONParseError) {
        var url: String?, title: String?, published: String?
        try reader.readObject { name, reader throws(JSONParseError) in
            switch name {
            case "url": url = try reader.readString()
            case "title": title = try reader.readString()
            case "published": published = try reader.readString()
            default: break
            }
        }
        guard url != nil || title != nil else { return nil }
        self.url = url
        self.title = title
        self.published = published
    }
}

extension JSONReader {
    /// An actor or agreement as the documents name it: its id, or an object with an `id`.
    fileprivate mutating func readIdentifier() throws(JSONParseError) -> String? {
        if let id = try readString() { return id }
        var id: String?
        try readObject { name, reader throws(JSONParseError) in
            if name == "id" { id = try reader.readString() }
        }
        return id
    }
}
