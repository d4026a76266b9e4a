import Logging
import TimelineCore

/// Delivers expiry notifications as log lines, exactly as contract §5 spells them: message
/// `agreement expiry`, the level saying how urgent it is, and the facts as metadata. Under
/// systemd the log handler prefixes each line with its syslog priority, so `journalctl -p
/// warning` shows what needs attention. A further delivery channel (webhook, mail) is a
/// sibling of this type, not a change to the engine.
struct ExpiryLogNotifier: Sendable {
    static let message: Logger.Message = "agreement expiry"

    let logger: Logger

    func deliver(agreement: String, title: String, _ notification: ExpiryNotification) {
        var metadata: Logger.Metadata = [
            "event": .string(notification.kind.rawValue),
            "agreement": .string(agreement),
            "title": .string(title),
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
    static func level(of kind: NotificationKind) -> Logger.Level {
        switch kind {
        case .reached, .due: .warning
        case .expired: .error
        case .extended, .renewed, .terminated: .notice
        }
    }
}
