import Foundation
import TimelineCore
import TimelineStore

/// `GET /v1/alerts/deliveries` (`DeliveryOutbox`), answered with a JSON body built by PostgreSQL.
public protocol DeliveryReading: Sendable {
    /// `{"deliveries": [...], "next_cursor"}`, newest first; throws `CursorError` for a cursor it did not write.
    func deliveries(channel: String?, statuses: [DeliveryStatus], limit: Int, after cursor: String?) async throws -> Data
}

extension DeliveryOutbox: DeliveryReading {}
