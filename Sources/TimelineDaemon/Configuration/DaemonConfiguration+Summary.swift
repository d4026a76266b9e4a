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
        case .httpCacheMaxAge: String(http.cacheMaxAgeSeconds)
        case .apiTokenHashes:
            if !redacted { api.tokenHashes.joined(separator: ",") }
            else { api.tokenHashes.count == 1 ? "1 hash" : "\(api.tokenHashes.count) hashes" }
        case .alertsThresholds:
            alerts.thresholds.isEmpty ? "none" : alerts.thresholds.map(String.init).joined(separator: ",")
        case .alertsTimeZone: alerts.timeZone
        case .alertsIntervalSeconds: String(alerts.intervalSeconds)
        case .alertsEnabled: String(alerts.enabled)
        case .ingestSpoolDirectory: ingest.spoolDirectory ?? "unset"
        case .ingestMaxRecords: String(ingest.maxRecords)
        case .logLevel: log.level.rawValue
        case .logFormat: log.format.rawValue
        }
    }
}
