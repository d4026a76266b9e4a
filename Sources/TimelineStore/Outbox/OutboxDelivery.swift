import Foundation
import TimelineCore

/// A delivery row a worker claimed: what its channel sends, and the attempt that claim made.
public struct OutboxDelivery: Sendable, Hashable {
    /// The delivery's stable id (a uuid), the same on every attempt: receivers deduplicate on it.
    public let id: String
    public let channel: String
    /// This attempt's number, from 1. The claim's fencing token: only the claim that made this
    /// attempt may record its outcome.
    public let attempt: Int
    public let event: NotificationKind
    public let agreementID: String
    /// When the notification was emitted (RFC 3339, UTC, microseconds).
    public let emittedAt: String
    /// The notification as JSON text: as `/v1/alerts/notifications` shows it, with `title` and
    /// `days_remaining` (`notification_delivery_document` in `SQL/0010_alert_delivery_documents.sql`).
    public let document: Data

    public init(
        id: String, channel: String, attempt: Int, event: NotificationKind, agreementID: String, emittedAt: String, document: Data
    ) {
        self.id = id
        self.channel = channel
        self.attempt = attempt
        self.event = event
        self.agreementID = agreementID
        self.emittedAt = emittedAt
        self.document = document
    }
}
