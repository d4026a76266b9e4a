import Foundation
import TimelineStore

/// The reads of `/v1/actors` (`ActorStore`), answered with JSON bodies built by PostgreSQL.
public protocol ActorReading: Sendable {
    /// `{"actors": [...], "next_cursor"}`; throws `CursorError` for a cursor it did not write.
    func actors(limit: Int, after cursor: String?) async throws -> Data
    /// One actor with its `event_count`; nil when there is no such actor.
    func actor(id: String) async throws -> Data?
}

extension ActorStore: ActorReading {}
