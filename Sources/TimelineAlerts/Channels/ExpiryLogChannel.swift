import Logging
import TimelineCore

/// Notifications as log lines, exactly as contract §5 spells them: message `agreement expiry`,
/// the level saying how urgent it is, and the facts as metadata. Under systemd the log handler
/// prefixes each line with its syslog priority, so `journalctl -p warning` shows what needs
/// attention. Every daemon and `timelined alerts evaluate` writes them, whatever else is configured.
public struct ExpiryLogChannel: NotificationChannel {
    public static let message: Logger.Message = "agreement expiry"

    public let name = "log"
    public let delivery = NotificationChannelDelivery.immediate
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func deliver(_ item: DeliverableNotification) {
        let notification = item.notification
        var metadata: Logger.Metadata = [
            "event": .string(notification.kind.rawValue),
            "agreement": .string(item.agreementID),
            "title": .string(item.title),
            // Every key is always present, empty where the contract has no value, so that a
            // line can be parsed without knowing its kind.
            "expires_on": .string(notification.expiresOn?.description ?? ""),
            "days_remaining": .string(notification.daysRemaining.map(String.init) ?? ""),
            "threshold": .string(notification.threshold.map(String.init) ?? ""),
        ]
        if let previous = notification.previousExpiresOn {
            metadata["previous_expires_on"] = .string(previous.description)
        }
        logger.log(level: Self.level(of: notification.kind), Self.message, metadata: metadata)
    }

    /// Contract §5: warning for reached and due, error for expired, notice for the rest.
    public static func level(of kind: NotificationKind) -> Logger.Level {
        switch kind {
        case .reached, .due: .warning
        case .expired: .error
        case .extended, .renewed, .terminated: .notice
        }
    }
}
