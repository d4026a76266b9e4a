import Foundation
import Logging
import TimelineAlerts
import TimelineImport
import TimelineCore

/// The daemon's effective settings (contract §6). The initialisers' default arguments are the
/// documented defaults, so `DaemonConfiguration()` is what a daemon without a file or
/// `TIMELINED_*` variables runs with.
public struct DaemonConfiguration: Sendable, Hashable {
    public struct Database: Sendable, Hashable {
        /// libpq connection string or URI; nil: the standard `PG*` variables, else the embedded cluster.
        public var url: String?
        public var embeddedDirectory: String
        public var poolSize: Int
        /// Applied to every statement; 0 means no limit (PostgreSQL's meaning).
        public var statementTimeoutMilliseconds: Int

        public init(
            url: String? = nil,
            embeddedDirectory: String = "./.timelined/pg",
            poolSize: Int = 8,
            statementTimeoutMilliseconds: Int = 30_000
        ) {
            self.url = url
            self.embeddedDirectory = embeddedDirectory
            self.poolSize = poolSize
            self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        }
    }

    public struct HTTP: Sendable, Hashable {
        public var host: String
        public var port: Int
        /// Larger request bodies are answered with 413.
        public var maxBodyBytes: Int
        /// A connection on which no request part arrives for this long is closed: an idle
        /// keep-alive connection, or a request head that has not arrived in full.
        public var idleTimeoutSeconds: Int
        /// A request body must arrive in full within this long of its head; else 408.
        public var bodyTimeoutSeconds: Int
        /// Where people reach this daemon (`http.public_url`), without a trailing slash: alerts
        /// link to agreements under it. nil: `http://host:port`.
        public var publicURL: String?
        /// The `max-age` of the timeline JSON, TimelineJS and the pages (contract §13).
        public var cacheMaxAgeSeconds: Int

        public init(
            host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 33_554_432,
            idleTimeoutSeconds: Int = 60, bodyTimeoutSeconds: Int = 60, publicURL: String? = nil, cacheMaxAgeSeconds: Int = 0
        ) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.idleTimeoutSeconds = idleTimeoutSeconds
            self.bodyTimeoutSeconds = bodyTimeoutSeconds
            self.cacheMaxAgeSeconds = cacheMaxAgeSeconds
            self.publicURL = publicURL
        }

        /// `publicURL`, else the address listened on (an IPv6 literal in brackets).
        public var effectivePublicURL: String {
            publicURL ?? (host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)")
        }
    }

    public struct API: Sendable, Hashable {
        /// Lower-cased, 64-hex-digit SHA-256 hashes of the accepted bearer tokens.
        public var tokenHashes: [String]

        public init(tokenHashes: [String] = []) {
            self.tokenHashes = tokenHashes
        }
    }

    public struct Alerts: Sendable, Hashable {
        /// Days before expiry, distinct, sorted descending.
        public var thresholds: [Int]
        /// An identifier `TimeZone(identifier:)` accepts; "today" is taken in this zone.
        public var timeZone: String
        public var intervalSeconds: Int
        /// false: this daemon never evaluates expiry notifications.
        public var enabled: Bool
        /// How long after its notification a webhook delivery is still retried.
        public var deliveryMaxAgeSeconds: Int
        /// The CloudEvents `source` of every webhook event.
        public var source: String
        /// How long past its expiry an agreement is still news: alerted to Alertmanager, and
        /// announced as `expired` on its first evaluation (contract §12).
        public var expiredAlertDays: Int
        /// false: `/metrics` leaves out the per-agreement expiry series (very large sets).
        public var expiryMetrics: Bool

        public init(
            thresholds: [Int] = [180, 90, 30, 7, 1, 0],
            timeZone: String = "UTC",
            intervalSeconds: Int = 3600,
            enabled: Bool = true,
            deliveryMaxAgeSeconds: Int = 259_200,
            source: String = Alerts.defaultSource,
            expiredAlertDays: Int = AlertPolicy.defaultExpiredAlertDays,
            expiryMetrics: Bool = true
        ) {
            self.thresholds = thresholds
            self.timeZone = timeZone
            self.intervalSeconds = intervalSeconds
            self.enabled = enabled
            self.expiredAlertDays = expiredAlertDays
            self.expiryMetrics = expiryMetrics
            self.deliveryMaxAgeSeconds = deliveryMaxAgeSeconds
            self.source = source
        }

        /// `urn:timelined:` and the host's name (as `gethostname` has it: no DNS lookup).
        public static var defaultSource: String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "urn:timelined:localhost" }
            return "urn:timelined:" + String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    public struct Ingest: Sendable, Hashable {
        /// A directory watched for `*.json`, `*.ndjson` and `*.csv` files; nil: none.
        public var spoolDirectory: String?
        /// Records one `POST /v1/events` may carry; more get 413.
        public var maxRecords: Int

        public init(spoolDirectory: String? = nil, maxRecords: Int = 10_000) {
            self.spoolDirectory = spoolDirectory
            self.maxRecords = maxRecords
        }
    }

    /// `import.*`: what the importers of real sources take (contract v1.1 §10, §11).
    public struct Import: Sendable, Hashable {
        /// `import.gdelt.min_sources` / `import.gdelt.root_only` and `import.country_codes`.
        public var gdelt: GdeltImportSettings
        /// A GDELT file in the spool larger than this goes to `failed/` unread; such files are
        /// streamed, so the limit is not `http.max_body_bytes`.
        public var maxFileBytes: Int

        public init(gdelt: GdeltImportSettings = GdeltImportSettings(), maxFileBytes: Int = 1 << 30) {
            self.gdelt = gdelt
            self.maxFileBytes = maxFileBytes
        }

        public var countryIDs: CountryIDStyle { gdelt.countryIDs }
    }

    public struct Log: Sendable, Hashable {
        public enum Format: String, Sendable, CaseIterable {
            case logfmt, json
        }

        public var level: Logger.Level
        public var format: Format

        public init(level: Logger.Level = .info, format: Format = .logfmt) {
            self.level = level
            self.format = format
        }
    }

    public var database: Database
    public var http: HTTP
    public var api: API
    public var alerts: Alerts
    public var ingest: Ingest
    public var importing: Import
    public var log: Log
    /// `alerts.channels`: where notifications go besides the log (contract v1.1 §12).
    public var alertChannels: [AlertChannelSettings]

    /// Read when no `--config PATH` is given, if it exists.
    public static let defaultPath = "/etc/timelined/timelined.yaml"

    public init(
        database: Database = Database(),
        http: HTTP = HTTP(),
        api: API = API(),
        alerts: Alerts = Alerts(),
        ingest: Ingest = Ingest(),
        importing: Import = Import(),
        log: Log = Log(),
        alertChannels: [AlertChannelSettings] = []
    ) {
        self.database = database
        self.http = http
        self.api = api
        self.alerts = alerts
        self.ingest = ingest
        self.importing = importing
        self.log = log
        self.alertChannels = alertChannels
    }
}
