/// Every key the daemon reads. The one list that the loader, the unknown-key check and the
/// summary share, so none of them can miss a key the others know.
enum ConfigurationKey: String, CaseIterable, Sendable {
    case databaseURL = "database.url"
    case databaseEmbeddedDirectory = "database.embedded_dir"
    case databasePoolSize = "database.pool_size"
    case databaseStatementTimeout = "database.statement_timeout_ms"
    case httpHost = "http.host"
    case httpPort = "http.port"
    case httpMaxBodyBytes = "http.max_body_bytes"
    case httpIdleTimeout = "http.idle_timeout_seconds"
    case httpBodyTimeout = "http.body_timeout_seconds"
    case httpPublicURL = "http.public_url"
    case httpCacheMaxAge = "http.cache_max_age_seconds"
    case apiTokenHashes = "api.token_hashes"
    case alertsThresholds = "alerts.thresholds"
    case alertsTimeZone = "alerts.time_zone"
    case alertsIntervalSeconds = "alerts.interval_seconds"
    case alertsEnabled = "alerts.enabled"
    /// A list of mappings, read apart from the rest (`AlertChannelEntry`).
    case alertsChannels = "alerts.channels"
    case alertsDeliveryMaxAge = "alerts.delivery_max_age_seconds"
    case alertsSource = "alerts.source"
    case alertsExpiredAlertDays = "alerts.expired_alert_days"
    case alertsExpiryMetrics = "alerts.expiry_metrics"
    case ingestSpoolDirectory = "ingest.spool_dir"
    case ingestMaxRecords = "ingest.max_records"
    case importGdeltMinSources = "import.gdelt.min_sources"
    case importGdeltRootOnly = "import.gdelt.root_only"
    case importCountryCodes = "import.country_codes"
    case importMaxFileBytes = "import.max_file_bytes"
    case logLevel = "log.level"
    case logFormat = "log.format"

    /// Applied by a SIGHUP reload; the others take effect at the next start.
    var isReloadable: Bool {
        switch self {
        case .apiTokenHashes, .httpCacheMaxAge, .alertsThresholds, .alertsTimeZone, .alertsIntervalSeconds, .alertsExpiredAlertDays,
            .alertsExpiryMetrics, .ingestSpoolDirectory, .logLevel:
            true
        // Read at every alert pass and delivery pass; secret files are read again too.
        case .alertsChannels, .alertsDeliveryMaxAge, .alertsSource: true
        default: false
        }
    }

    var components: [String] {
        rawValue.split(separator: ".").map(String.init)
    }

    /// Whether `dottedKey` names a section (`http`) that holds some keys rather than a key.
    static func isSection(_ dottedKey: String) -> Bool {
        allCases.contains { $0.rawValue.hasPrefix(dottedKey + ".") }
    }
}
