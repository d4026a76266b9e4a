import TimelineCore
import TimelineStore

/// The one ingest path (`EventIngestor`: store a validated batch in one transaction), behind a
/// protocol so the router can be built over a stand-in.
public protocol EventIngesting: Sendable {
    func store(_ records: [EventRecord], origin: IngestOrigin) async throws(IngestError) -> [IngestResult]
}

extension EventIngestor: EventIngesting {}
