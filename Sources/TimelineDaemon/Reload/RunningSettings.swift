import Foundation
import TimelineAPI
import TimelineAlerts

/// The configuration the daemon runs with, and what is derived from it once per (re)load
/// rather than at every request: parsing a time zone per request would be waste.
struct RunningSettings: Sendable {
    let configuration: DaemonConfiguration
    let api: APIConfiguration
    let alerts: AlertEngine.Settings

    init(_ configuration: DaemonConfiguration) throws(ConfigurationError) {
        self.configuration = configuration
        alerts = try configuration.alertEngineSettings()
        api = APIConfiguration(
            maxBodyBytes: configuration.http.maxBodyBytes, maxRecords: configuration.ingest.maxRecords,
            tokenHashes: configuration.api.tokenHashes,
            alerts: AlertSettings(
                thresholds: alerts.thresholds, timeZone: alerts.timeZone, expiryMetrics: configuration.alerts.expiryMetrics),
            cacheMaxAgeSeconds: configuration.http.cacheMaxAgeSeconds)
    }

    /// What the Alertmanager channels evaluate with: the alert engine's thresholds, zone and `expired_alert_days`.
    var alertmanagerPolicy: AlertmanagerRound.Policy {
        AlertmanagerRound.Policy(timeZone: alerts.timeZone, defaultThresholds: alerts.thresholds, expiredAlertDays: alerts.expiredAlertDays)
    }
}

extension DaemonConfiguration {
    /// The running configuration after a reload that read `loaded`: the keys a reload applies
    /// take their new values, every other key keeps its running value and, when it changed,
    /// is listed so the operator learns that it waits for a restart.
    func reloading(_ loaded: DaemonConfiguration) -> (configuration: DaemonConfiguration, awaitingRestart: [ConfigurationKey]) {
        var next = self
        next.api.tokenHashes = loaded.api.tokenHashes
        next.http.cacheMaxAgeSeconds = loaded.http.cacheMaxAgeSeconds
        next.alerts.thresholds = loaded.alerts.thresholds
        next.alerts.timeZone = loaded.alerts.timeZone
        next.alerts.intervalSeconds = loaded.alerts.intervalSeconds
        next.alerts.expiredAlertDays = loaded.alerts.expiredAlertDays
        next.alerts.expiryMetrics = loaded.alerts.expiryMetrics
        next.ingest.spoolDirectory = loaded.ingest.spoolDirectory
        next.log.level = loaded.log.level
        next.alertChannels = loaded.alertChannels
        next.alerts.deliveryMaxAgeSeconds = loaded.alerts.deliveryMaxAgeSeconds
        next.alerts.source = loaded.alerts.source
        let awaitingRestart = ConfigurationKey.allCases.filter { key in
            !key.isReloadable && loaded.settingText(of: key, redacted: false) != settingText(of: key, redacted: false)
        }
        return (next, awaitingRestart)
    }

    func alertEngineSettings() throws(ConfigurationError) -> AlertEngine.Settings {
        guard let zone = TimeZone(identifier: alerts.timeZone) else {
            throw ConfigurationError(key: "alerts.time_zone", message: "unknown time zone '\(alerts.timeZone)'")
        }
        return AlertEngine.Settings(
            interval: .seconds(alerts.intervalSeconds), timeZone: zone, thresholds: alerts.thresholds,
            expiredAlertDays: alerts.expiredAlertDays)
    }
}
