import TimelineCore

/// Where an emitted notification goes besides the ledger (contract §12): the log line of §5,
/// a webhook, … Each channel is a type of its own in this folder; adding one changes neither
/// the evaluation nor the ledger.
///
/// A channel either takes notifications at once, in the process that won them, or through the
/// outbox: then the ledger writes one delivery row per emitted notification for the channel in
/// the transaction that records it, and a delivery worker sends (and retries) it, so that a
/// receiver that is down loses nothing and a daemon that dies mid-send leaves the row for another.
public protocol NotificationChannel: Sendable {
    /// As configured (`alerts.channels[].name`): what delivery rows name.
    var name: String { get }
    var delivery: NotificationChannelDelivery { get }
    /// Delivers one notification: at once for `.immediate` channels, by the delivery worker for
    /// `.outbox` ones. Throws when the receiver did not take it.
    func deliver(_ notification: DeliverableNotification) async throws
}

public enum NotificationChannelDelivery: Sendable, Hashable {
    /// Right after the ledger committed, by the process that emitted it; not retried.
    case immediate
    /// Through a delivery row written with the ledger row; at least once.
    case outbox
}
