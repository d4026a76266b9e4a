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

    /// Reads the document without building it as a `JSONValue`: a page of 50 events read that
    /// way cost a fifth of the page's CPU time, mostly in dictionaries of members never shown.
    public init(json bytes: some Collection<UInt8>) throws(JSONParseError) {
        var events: [PageEvent] = []
        var nextCursor: String?
        try JSONReader.read(bytes) { reader throws(JSONParseError) in
            try reader.readObject { name, reader throws(JSONParseError) in
                switch name {
                case "events":
                    try reader.readArray { reader throws(JSONParseError) in
                        if let event = try PageEvent(reading: &reader) { events.append(event) }
                    }
                case "next_cursor": nextCursor = try reader.readString()
                default: break
                }
            }
        }
        self.events = events
        self.nextCursor = nextCursor
    }
}
