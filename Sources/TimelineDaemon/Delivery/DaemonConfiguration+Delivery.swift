import AsyncHTTPClient
import TimelineAlerts

extension DaemonConfiguration {
    /// What the delivery worker reads from the configuration.
    var deliverySettings: DeliveryWorker.Settings {
        DeliveryWorker.Settings(
            webhooks: alertChannels.compactMap { if case .webhook(let settings) = $0 { settings } else { nil } },
            source: alerts.source, maxAge: .seconds(alerts.deliveryMaxAgeSeconds))
    }

    /// The configured webhook channels, for an alert round to write their delivery rows.
    /// `timelined alerts evaluate` never sends, so the process-wide client does for it.
    public func webhookChannels(client: HTTPClient = .shared) -> [any NotificationChannel] {
        deliverySettings.channels(client: client)
    }
}
