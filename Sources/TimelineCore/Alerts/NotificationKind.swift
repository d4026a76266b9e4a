/// The `event` of an expiry notification (contract §5), as the ledger and the log lines spell it.
public enum NotificationKind: String, Sendable, Hashable, Codable {
    case reached
    case due
    case expired
    case extended
    case renewed
    case terminated
}
