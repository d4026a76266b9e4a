import Foundation
import TimelineCore
import TimelineStore

/// `GET /v1/alerts/notifications` (`NotificationLedger`), answered with a JSON body built by PostgreSQL.
public protocol NotificationReading: Sendable {
    /// `{"notifications": [...]}`: those emitted after `since` (nil: all), oldest first.
    func notifications(since: RFC3339Timestamp?) async throws -> Data
}

extension NotificationLedger: NotificationReading {}
