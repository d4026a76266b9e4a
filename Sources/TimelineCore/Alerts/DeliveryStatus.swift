/// Where a delivery row of the outbox stands (contract v1.1 §12), as `alert_deliveries.status`
/// spells it.
public enum DeliveryStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its first or next attempt, or being sent.
    case pending
    /// The receiver took it.
    case delivered
    /// Refused for good, or not taken before `alerts.delivery_max_age_seconds`.
    case failed
}
