import TimelineCore
import TimelineStore

/// An `.outbox` channel: the round leaves its notifications to the delivery rows the ledger
/// writes, and the delivery worker hands it each row it claimed.
public protocol OutboxChannel: NotificationChannel {
    /// The longest one `send` may take: a claim's lease outlasts it.
    var timeout: Duration { get }
    /// One attempt at `delivery`; what came of it decides whether the row is retried.
    func send(_ delivery: OutboxDelivery) async -> DeliveryOutcome
}

extension OutboxChannel {
    public var delivery: NotificationChannelDelivery { .outbox }

    /// The round never calls an outbox channel (it reads `delivery`); its rows go out by `send`.
    public func deliver(_ notification: DeliverableNotification) async throws {}
}
