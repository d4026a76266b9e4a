import Foundation
import TimelineCore
import TimelineStore

/// The reads of contract §3 over events (`EventReadStore`). Each answer is a JSON body built by
/// PostgreSQL, which the API sends as it is.
public protocol EventReading: Sendable {
    /// The current revision, retracted or not; nil when there is no such event.
    func event(id: Int64) async throws -> Data?
    /// `{"revisions": [...]}`, oldest first; nil when there is no such event.
    func revisions(id: Int64) async throws -> Data?
    /// `{"events": [...], "next_cursor"}`: one page of the timeline.
    func timeline(_ query: TimelineQuery) async throws -> Data
}

extension EventReadStore: EventReading {}
