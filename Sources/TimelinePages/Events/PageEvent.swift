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

    /// nil for a document without an id, a title or a readable date.
    public init?(document: JSONValue) {
        guard let id = document["id"]?.stringValue, let title = document["title"]?.stringValue,
            let dateText = document["date"]?.stringValue, let date = try? PartialDate(parsing: dateText)
        else { return nil }
        self.id = id
        self.title = title
        self.date = date
        kindName = document["kind"]?.stringValue ?? "other"
        kind = EventKind(rawValue: kindName)
        endDate = document["end_date"]?.stringValue.flatMap { try? PartialDate(parsing: $0) }
        actors = (document["actors"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0["id"]?.stringValue }
        location = document["location"]?.stringValue
        agreement = document["agreement"]?.stringValue ?? document["agreement"]?["id"]?.stringValue
        summary = document["summary"]?.stringValue
        sources = (document["sources"]?.arrayValue ?? []).compactMap(PageSource.init(document:))
        tags = (document["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
        status = document["status"]?.stringValue
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

    init?(document: JSONValue) {
        url = document["url"]?.stringValue
        title = document["title"]?.stringValue
        published = document["published"]?.stringValue
        guard url != nil || title != nil else { return nil }
    }
}
