/// The `severity` label of an agreement's alert to Alertmanager (contract §12): `critical` within
/// `criticalWithinDays` of the expiry or after it, else `warning`.
public enum ExpiryAlertSeverity: String, Sendable, Hashable, CaseIterable {
    case warning
    case critical

    public static let criticalWithinDays = 7

    static func of(daysRemaining: Int) -> ExpiryAlertSeverity {
        daysRemaining <= criticalWithinDays ? .critical : .warning
    }
}
