import TimelineCore

/// A page of `GET /v1/timeline` (`{"events", "next_cursor"}`) read back into events: the pages
/// and the export read the timeline through the same store call as the JSON API.
public struct TimelinePageDocument: Sendable, Hashable {
    public let events: [PageEvent]
    public let nextCursor: String?

    public init(events: [PageEvent], nextCursor: String?) {
        self.events = events
        self.nextCursor = nextCursor
    }

    public init(json bytes: some Collection<UInt8>) throws(JSONParseError) {
        let document = try JSONValue(parsing: bytes)
        events = (document["events"]?.arrayValue ?? []).compactMap(PageEvent.init(document:))
        nextCursor = document["next_cursor"]?.stringValue
    }
}
