import TimelineCore
import TimelineStore

/// The one ingest path (`EventIngestor`: validate the whole batch, store it in one
/// transaction), behind a protocol so the router can be built over a stand-in.
public protocol EventIngesting: Sendable {
    func ingest(_ values: [JSONValue]) async throws(IngestError) -> [IngestResult]
}

extension EventIngestor: EventIngesting {}
