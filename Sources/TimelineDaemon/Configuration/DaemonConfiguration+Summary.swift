import Crypto
import Foundation
import TimelineAlerts
import Postgres

extension DaemonConfiguration {
    /// Every key with its effective value, for `check-config` and the start-up log line. Secrets
    /// stay out: tokens appear only as a count, and a password in `database.url` as `***`.
    public var summary: [String: String] {
        var summary: [String: String] = [:]
        for key in ConfigurationKey.allCases {
            summary[key.rawValue] = settingText(of: key, redacted: true)
        }
        return summary
    }

    /// One key's value as text; `redacted` keeps secrets out, unredacted text tells apart any
    /// two values that differ.
    func settingText(of key: ConfigurationKey, redacted: Bool) -> String {
        switch key {
        case .databaseURL: database.url.map { redacted ? ConnectionString($0).redacted : $0 } ?? "unset"
        case .databaseEmbeddedDirectory: database.embeddedDirectory
        case .databasePoolSize: String(database.poolSize)
        case .databaseStatementTimeout: String(database.statementTimeoutMilliseconds)
        case .httpHost: http.host
        case .httpPort: String(http.port)
        case .httpMaxBodyBytes: String(http.maxBodyBytes)
        case .httpIdleTimeout: String(http.idleTimeoutSeconds)
        case .httpBodyTimeout: String(http.bodyTimeoutSeconds)
        case .httpPublicURL: http.effectivePublicURL
        case .httpCacheMaxAge: String(http.cacheMaxAgeSeconds)
        case .apiTokenHashes:
            if !redacted { api.tokenHashes.joined(separator: ",") }
            else { api.tokenHashes.count == 1 ? "1 hash" : "\(api.tokenHashes.count) hashes" }
        case .alertsThresholds:
            alerts.thresholds.isEmpty ? "none" : alerts.thresholds.map(String.init).joined(separator: ",")
        case .alertsTimeZone: alerts.timeZone
        case .alertsIntervalSeconds: String(alerts.intervalSeconds)
        case .alertsEnabled: String(alerts.enabled)
        case .alertsChannels: alertChannels.isEmpty ? "none" : alertChannels.map { $0.summary(redacted: redacted) }.joined(separator: "; ")
        case .alertsDeliveryMaxAge: String(alerts.deliveryMaxAgeSeconds)
        case .alertsSource: alerts.source
        case .alertsExpiredAlertDays: String(alerts.expiredAlertDays)
        case .alertsExpiryMetrics: String(alerts.expiryMetrics)
        case .ingestSpoolDirectory: ingest.spoolDirectory ?? "unset"
        case .ingestMaxRecords: String(ingest.maxRecords)
        case .importGdeltMinSources: String(importing.gdelt.minimumSources)
        case .importGdeltRootOnly: String(importing.gdelt.rootEventsOnly)
        case .importCountryCodes: importing.countryIDs.rawValue
        case .importMaxFileBytes: String(importing.maxFileBytes)
        case .logLevel: log.level.rawValue
        case .logFormat: log.format.rawValue
        }
    }
}

extension AlertChannelSettings {
    /// `name type url` and the settings of its type; a webhook's key never, unless unredacted
    /// (then as a SHA-256 fingerprint, enough to tell two keys apart).
    func summary(redacted: Bool) -> String {
        switch self {
        case .alertmanager(let settings):
            return "\(settings.name) alertmanager \(settings.url) resend_seconds=\(settings.resendSeconds)"
        case .webhook(let settings):
            let key = redacted ? "" : " key_sha256=" + SHA256.hash(data: settings.signingKey).map { String(format: "%02x", $0) }.joined()
            return "\(settings.name) webhook \(settings.url) timeout_seconds=\(settings.timeoutSeconds)\(key)"
        }
    }
}
