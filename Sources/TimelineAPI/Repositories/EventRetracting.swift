import Foundation
import TimelineStore

/// `DELETE /v1/events/{id}` (`EventRetractor`): appends a revision marked retracted.
public protocol EventRetracting: Sendable {
    /// The retracted revision (the current one when the event was retracted already); nil when
    /// there is no such event.
    func retract(id: Int64) async throws -> Data?
}

extension EventRetractor: EventRetracting {}
