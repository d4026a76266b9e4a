import Foundation
import Logging

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
        /// The `max-age` of the timeline JSON, TimelineJS and the pages (contract §13).
        public var cacheMaxAgeSeconds: Int

        public init(
            host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 33_554_432,
            idleTimeoutSeconds: Int = 60, bodyTimeoutSeconds: Int = 60, cacheMaxAgeSeconds: Int = 0
        ) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.idleTimeoutSeconds = idleTimeoutSeconds
            self.bodyTimeoutSeconds = bodyTimeoutSeconds
            self.cacheMaxAgeSeconds = cacheMaxAgeSeconds
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

        public init(
            thresholds: [Int] = [180, 90, 30, 7, 1, 0],
            timeZone: String = "UTC",
            intervalSeconds: Int = 3600,
            enabled: Bool = true
        ) {
            self.thresholds = thresholds
            self.timeZone = timeZone
            self.intervalSeconds = intervalSeconds
            self.enabled = enabled
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
    public var log: Log

    /// Read when no `--config PATH` is given, if it exists.
    public static let defaultPath = "/etc/timelined/timelined.yaml"

    public init(
        database: Database = Database(),
        http: HTTP = HTTP(),
        api: API = API(),
        alerts: Alerts = Alerts(),
        ingest: Ingest = Ingest(),
        log: Log = Log()
    ) {
        self.database = database
        self.http = http
        self.api = api
        self.alerts = alerts
        self.ingest = ingest
        self.log = log
    }
}
