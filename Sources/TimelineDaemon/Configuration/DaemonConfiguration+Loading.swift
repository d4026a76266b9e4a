import Foundation
import Logging
import TimelineImport

extension DaemonConfiguration {
    /// Loads PATH (or, when path is nil, the default path if that file exists, else nothing), overridden by the
    /// environment: `TIMELINED_` + key upper-cased with dots as underscores (`http.port` -> TIMELINED_HTTP_PORT).
    public static func load(
        path: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(ConfigurationError) -> DaemonConfiguration {
        try load(path: path, defaultPath: defaultPath, environment: environment)
    }

    /// `load(path:environment:)` with the default path as a parameter, so tests need not depend
    /// on what `/etc` holds.
    static func load(
        path: String?,
        defaultPath: String,
        environment: [String: String]
    ) throws(ConfigurationError) -> DaemonConfiguration {
        let file: ConfigurationFile? =
            if let path {
                try ConfigurationFile(path: path)
            } else if FileManager.default.fileExists(atPath: defaultPath) {
                try ConfigurationFile(path: defaultPath)
            } else {
                nil
            }
        let sources = ConfigurationSources(environment: environment, file: file)
        try sources.rejectUnknownFileKeys()

        var configuration = DaemonConfiguration()
        if let setting = try sources.setting(.databaseURL) {
            configuration.database.url = try setting.optionalText()
        }
        if let setting = try sources.setting(.databaseEmbeddedDirectory) {
            configuration.database.embeddedDirectory = try setting.nonEmptyText()
        }
        if let setting = try sources.setting(.databasePoolSize) {
            configuration.database.poolSize = try setting.integer(in: 1...1000)
        }
        if let setting = try sources.setting(.databaseStatementTimeout) {
            // PostgreSQL's statement_timeout is an int4 of milliseconds.
            configuration.database.statementTimeoutMilliseconds = try setting.integer(in: 0...Int(Int32.max))
        }
        if let setting = try sources.setting(.httpHost) {
            configuration.http.host = try setting.nonEmptyText()
        }
        if let setting = try sources.setting(.httpPort) {
            configuration.http.port = try setting.integer(in: 1...65535)
        }
        if let setting = try sources.setting(.httpMaxBodyBytes) {
            configuration.http.maxBodyBytes = try setting.integer(in: 1...Int.max)
        }
        if let setting = try sources.setting(.httpIdleTimeout) {
            configuration.http.idleTimeoutSeconds = try setting.integer(in: 1...86_400)
        }
        if let setting = try sources.setting(.httpBodyTimeout) {
            configuration.http.bodyTimeoutSeconds = try setting.integer(in: 1...86_400)
        }
        if let setting = try sources.setting(.httpPublicURL) {
            configuration.http.publicURL = try publicURL(setting)
        }
        if let setting = try sources.setting(.httpCacheMaxAge) {
            configuration.http.cacheMaxAgeSeconds = try setting.integer(in: 0...31_536_000)
        }
        if let setting = try sources.setting(.apiTokenHashes) {
            configuration.api.tokenHashes = try tokenHashes(setting)
        }
        if let setting = try sources.setting(.alertsThresholds) {
            configuration.alerts.thresholds = try thresholds(setting)
        }
        if let setting = try sources.setting(.alertsTimeZone) {
            configuration.alerts.timeZone = try timeZone(setting)
        }
        if let setting = try sources.setting(.alertsIntervalSeconds) {
            configuration.alerts.intervalSeconds = try setting.integer(in: 1...Int.max)
        }
        if let setting = try sources.setting(.alertsEnabled) {
            configuration.alerts.enabled = try setting.boolean()
        }
        if let setting = try sources.setting(.alertsDeliveryMaxAge) {
            configuration.alerts.deliveryMaxAgeSeconds = try setting.integer(in: 1...31_536_000)
        }
        if let setting = try sources.setting(.alertsSource) {
            configuration.alerts.source = try setting.optionalText() ?? Alerts.defaultSource
        }
        configuration.alertChannels = try AlertChannelEntry.settings(of: try sources.alertChannelEntries())
        if let setting = try sources.setting(.alertsExpiredAlertDays) {
            configuration.alerts.expiredAlertDays = try setting.integer(in: 0...36_500)
        }
        if let setting = try sources.setting(.alertsExpiryMetrics) {
            configuration.alerts.expiryMetrics = try setting.boolean()
        }
        if let setting = try sources.setting(.ingestSpoolDirectory) {
            configuration.ingest.spoolDirectory = try setting.optionalText()
        }
        if let setting = try sources.setting(.ingestMaxRecords) {
            configuration.ingest.maxRecords = try setting.integer(in: 1...1_000_000)
        }
        if let setting = try sources.setting(.importGdeltMinSources) {
            configuration.importing.gdelt.minimumSources = try setting.integer(in: 1...1_000_000)
        }
        if let setting = try sources.setting(.importGdeltRootOnly) {
            configuration.importing.gdelt.rootEventsOnly = try setting.boolean()
        }
        if let setting = try sources.setting(.importCountryCodes) {
            configuration.importing.gdelt.countryIDs = try setting.choice(of: CountryIDStyle.self)
        }
        if let setting = try sources.setting(.importMaxFileBytes) {
            configuration.importing.maxFileBytes = try setting.integer(in: 1...Int.max)
        }
        if let setting = try sources.setting(.logLevel) {
            configuration.log.level = try setting.choice(of: Logger.Level.self)
        }
        if let setting = try sources.setting(.logFormat) {
            configuration.log.format = try setting.choice(of: Log.Format.self)
        }
        return configuration
    }

    /// Token hashes are compared with the lower-case hex digest of a presented token. The
    /// value is never quoted back: a raw token pasted here by mistake must not reach a log.
    private static func tokenHashes(_ setting: ConfigurationSetting) throws(ConfigurationError) -> [String] {
        var hashes: [String] = []
        for (index, item) in setting.items.enumerated() {
            guard item.utf8.count == 64, item.allSatisfy(\.isHexDigit) else {
                throw setting.failure("entry \(index + 1) is not a SHA-256 hash of 64 hexadecimal digits")
            }
            hashes.append(item.lowercased())
        }
        return hashes
    }

    /// An absolute http(s) URL; a trailing slash is dropped, so that paths join it with one.
    private static func publicURL(_ setting: ConfigurationSetting) throws(ConfigurationError) -> String? {
        guard let text = try setting.optionalText() else { return nil }
        let expectation = "an absolute http:// or https:// URL such as https://timelined.example.org"
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil,
            url.query == nil, url.fragment == nil
        else {
            throw setting.failure(expected: expectation, got: text)
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    private static func thresholds(_ setting: ConfigurationSetting) throws(ConfigurationError) -> [Int] {
        var days: Set<Int> = []
        for item in setting.items {
            guard let day = Int(item), (0...3650).contains(day) else {
                throw setting.failure(expected: "whole days from 0 to 3650", got: item)
            }
            guard days.insert(day).inserted else {
                throw setting.failure("\(day) is listed twice")
            }
        }
        return days.sorted(by: >)
    }

    private static func timeZone(_ setting: ConfigurationSetting) throws(ConfigurationError) -> String {
        let expectation = "a time zone identifier such as UTC or Europe/Berlin"
        let identifier = try setting.scalar(expected: expectation)
        guard TimeZone(identifier: identifier) != nil else {
            throw setting.failure(expected: expectation, got: identifier)
        }
        return identifier
    }
}
