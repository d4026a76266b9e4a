import Foundation
import Logging
import Postgres
import Testing

@testable import TimelineDaemon

/// A path under the temporary directory that no test creates, standing in for /etc/timelined/timelined.yaml.
let absentDefaultPath = FileManager.default.temporaryDirectory
    .appendingPathComponent("timelined-absent-\(UUID().uuidString).yaml").path

/// Writes `contents` to a fresh file under the temporary directory and returns its path.
func temporaryFile(_ contents: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-\(UUID().uuidString).yaml")
    try Data(contents.utf8).write(to: url)
    return url.path
}

func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

func load(file contents: String? = nil, environment: [String: String] = [:]) throws -> DaemonConfiguration {
    guard let contents else {
        return try DaemonConfiguration.load(path: nil, defaultPath: absentDefaultPath, environment: environment)
    }
    let path = try temporaryFile(contents)
    defer { remove(path) }
    return try DaemonConfiguration.load(path: path, defaultPath: absentDefaultPath, environment: environment)
}

/// The ConfigurationError that loading throws; records an issue when it throws none.
func loadError(
    file contents: String? = nil,
    environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) -> ConfigurationError? {
    do {
        let configuration = try load(file: contents, environment: environment)
        Issue.record("loaded without an error: \(configuration)", sourceLocation: sourceLocation)
    } catch let error as ConfigurationError {
        return error
    } catch {
        Issue.record(error, sourceLocation: sourceLocation)
    }
    return nil
}

private let hashA = String(repeating: "ab", count: 32)
private let hashB = String(repeating: "0f", count: 32)

@Suite("Configuration loading")
struct ConfigurationLoadingTests {
    @Test("no file and no variables give the contract's defaults")
    func defaults() throws {
        let configuration = try load()
        #expect(configuration == DaemonConfiguration())
        #expect(configuration.database.url == nil)
        #expect(configuration.database.embeddedDirectory == "./.timelined/pg")
        #expect(configuration.database.poolSize == 8)
        #expect(configuration.database.statementTimeoutMilliseconds == 30_000)
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.port == 8080)
        #expect(configuration.http.maxBodyBytes == 33_554_432)
        #expect(configuration.http.idleTimeoutSeconds == 60)
        #expect(configuration.http.bodyTimeoutSeconds == 60)
        #expect(configuration.api.tokenHashes.isEmpty)
        #expect(configuration.alerts.thresholds == [180, 90, 30, 7, 1, 0])
        #expect(configuration.alerts.timeZone == "UTC")
        #expect(configuration.alerts.intervalSeconds == 3600)
        #expect(configuration.alerts.enabled)
        #expect(configuration.ingest.spoolDirectory == nil)
        #expect(configuration.log.level == .info)
        #expect(configuration.log.format == .logfmt)
    }

    @Test("every key is read from the file")
    func yamlValues() throws {
        let configuration = try load(
            file: """
                database:
                  url: postgresql://timelined@db/timelined
                  embedded_dir: /var/lib/timelined/pg
                  pool_size: 16
                  statement_timeout_ms: 0
                http:
                  host: 0.0.0.0
                  port: 9000
                  max_body_bytes: 1024
                  idle_timeout_seconds: 30
                  body_timeout_seconds: 120
                api:
                  token_hashes:
                    - \(hashA.uppercased())
                    - \(hashB)
                alerts:
                  thresholds: [7, 365, 0]
                  time_zone: Europe/Berlin
                  interval_seconds: 60
                  enabled: false
                ingest:
                  spool_dir: /var/spool/timelined
                log:
                  level: debug
                  format: json
                """
        )
        #expect(
            configuration
                == DaemonConfiguration(
                    database: .init(
                        url: "postgresql://timelined@db/timelined",
                        embeddedDirectory: "/var/lib/timelined/pg",
                        poolSize: 16,
                        statementTimeoutMilliseconds: 0
                    ),
                    http: .init(host: "0.0.0.0", port: 9000, maxBodyBytes: 1024, idleTimeoutSeconds: 30, bodyTimeoutSeconds: 120),
                    api: .init(tokenHashes: [hashA, hashB]),
                    alerts: .init(
                        thresholds: [365, 7, 0],
                        timeZone: "Europe/Berlin",
                        intervalSeconds: 60,
                        enabled: false
                    ),
                    ingest: .init(spoolDirectory: "/var/spool/timelined"),
                    log: .init(level: .debug, format: .json)
                )
        )
    }

    @Test("keys the file leaves out keep their defaults")
    func partialFile() throws {
        let configuration = try load(file: "http:\n  port: 9000\n")
        var expected = DaemonConfiguration()
        expected.http.port = 9000
        #expect(configuration == expected)
    }

    @Test("environment variables override the file")
    func environmentOverridesFile() throws {
        let configuration = try load(
            file: """
                database:
                  url: postgresql://db/timelined
                http:
                  port: 9000
                  host: 0.0.0.0
                alerts:
                  thresholds: [1]
                  enabled: true
                """,
            environment: [
                "TIMELINED_HTTP_PORT": "9100",
                "TIMELINED_DATABASE_URL": "",
                "TIMELINED_ALERTS_THRESHOLDS": "30, 7,90",
                "TIMELINED_ALERTS_ENABLED": "false",
                "TIMELINED_API_TOKEN_HASHES": "\(hashA),\(hashB.uppercased())",
                "TIMELINED_DATABASE_STATEMENT_TIMEOUT_MS": "5000",
                "TIMELINED_LOG_FORMAT": "json",
                "HTTP_PORT": "1",
            ]
        )
        #expect(configuration.http.port == 9100)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.database.url == nil)
        #expect(configuration.alerts.thresholds == [90, 30, 7])
        #expect(!configuration.alerts.enabled)
        #expect(configuration.api.tokenHashes == [hashA, hashB])
        #expect(configuration.database.statementTimeoutMilliseconds == 5000)
        #expect(configuration.log.format == .json)
    }

    @Test("an empty list in the environment clears the file's list")
    func emptyEnvironmentList() throws {
        let configuration = try load(
            file: "api:\n  token_hashes: [\(hashA)]\n",
            environment: ["TIMELINED_API_TOKEN_HASHES": ""]
        )
        #expect(configuration.api.tokenHashes.isEmpty)
    }

    @Test("the default path is read when no path is given and it exists")
    func defaultPathUsed() throws {
        let path = try temporaryFile("log:\n  level: warning\n")
        defer { remove(path) }
        let configuration = try DaemonConfiguration.load(path: nil, defaultPath: path, environment: [:])
        #expect(configuration.log.level == .warning)
    }

    @Test("the public entry point reads the given file")
    func publicLoad() async throws {
        let path = try temporaryFile("http:\n  port: 9000\n")
        defer { remove(path) }
        let configuration = try await DaemonConfiguration.load(path: path, environment: ["TIMELINED_HTTP_HOST": "::1"])
        #expect(configuration.http.port == 9000)
        #expect(configuration.http.host == "::1")
    }

    @Test("a file of only comments, or with an emptied section, is valid")
    func blankFiles() throws {
        #expect(try load(file: "") == DaemonConfiguration())
        #expect(try load(file: "# nothing here\n\n---\n") == DaemonConfiguration())
        #expect(try load(file: "ingest:\n  # spool_dir: /var/spool/timelined\n") == DaemonConfiguration())
        #expect(try load(file: "database:\n  url: ~\n") == DaemonConfiguration())
    }

    @Test("Config/timelined.yaml loads as exactly the defaults and documents every key")
    func shippedFileIsTheDefaults() throws {
        // Symlinks resolved, so that a package linking this test file in still finds the repository.
        let path = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/timelined.yaml").path
        let configuration = try DaemonConfiguration.load(path: path, defaultPath: absentDefaultPath, environment: [:])
        #expect(configuration == DaemonConfiguration())

        let text = try String(contentsOfFile: path, encoding: .utf8)
        for key in ConfigurationKey.allCases {
            let components = key.components
            let variable = "TIMELINED_" + components.joined(separator: "_").uppercased()
            #expect(text.contains("Env: \(variable)"), "no environment variable documented for \(key.rawValue)")
            #expect(text.contains("\n  \(components[1]):"), "\(key.rawValue) is not in the file")
        }
    }
}

@Suite("Configuration errors")
struct ConfigurationErrorTests {
    /// Environment values that must be refused: variable, value, the key blamed, and a phrase the message contains.
    static let badEnvironmentValues: [(String, String, String, String)] = [
        ("TIMELINED_HTTP_PORT", "0", "http.port", "from 1 to 65535"),
        ("TIMELINED_HTTP_PORT", "65536", "http.port", "from 1 to 65535"),
        ("TIMELINED_HTTP_PORT", "0x50", "http.port", "got '0x50'"),
        ("TIMELINED_HTTP_HOST", "", "http.host", "a non-empty string"),
        ("TIMELINED_HTTP_MAX_BODY_BYTES", "0", "http.max_body_bytes", "at least 1"),
        ("TIMELINED_HTTP_IDLE_TIMEOUT_SECONDS", "0", "http.idle_timeout_seconds", "from 1 to 86400"),
        ("TIMELINED_HTTP_BODY_TIMEOUT_SECONDS", "86401", "http.body_timeout_seconds", "from 1 to 86400"),
        ("TIMELINED_DATABASE_POOL_SIZE", "0", "database.pool_size", "from 1 to 1000"),
        ("TIMELINED_DATABASE_POOL_SIZE", "1001", "database.pool_size", "from 1 to 1000"),
        ("TIMELINED_DATABASE_STATEMENT_TIMEOUT_MS", "-1", "database.statement_timeout_ms", "got '-1'"),
        ("TIMELINED_DATABASE_EMBEDDED_DIR", "", "database.embedded_dir", "a non-empty string"),
        ("TIMELINED_ALERTS_THRESHOLDS", "180,3651", "alerts.thresholds", "got '3651'"),
        ("TIMELINED_ALERTS_THRESHOLDS", "30,7,30", "alerts.thresholds", "30 is listed twice"),
        ("TIMELINED_ALERTS_THRESHOLDS", "30,,7", "alerts.thresholds", "got ''"),
        ("TIMELINED_ALERTS_THRESHOLDS", "1.5", "alerts.thresholds", "whole days"),
        ("TIMELINED_ALERTS_TIME_ZONE", "Mars/Olympus_Mons", "alerts.time_zone", "got 'Mars/Olympus_Mons'"),
        ("TIMELINED_ALERTS_INTERVAL_SECONDS", "0", "alerts.interval_seconds", "at least 1"),
        ("TIMELINED_ALERTS_ENABLED", "maybe", "alerts.enabled", "expected true or false, got 'maybe'"),
        ("TIMELINED_LOG_LEVEL", "loud", "log.level", "one of trace, debug, info, notice, warning, error, critical"),
        ("TIMELINED_LOG_FORMAT", "xml", "log.format", "expected one of logfmt, json, got 'xml'"),
        ("TIMELINED_API_TOKEN_HASHES", "\(hashA),abc", "api.token_hashes", "entry 2 is not a SHA-256 hash"),
        ("TIMELINED_API_TOKEN_HASHES", String(repeating: "g", count: 64), "api.token_hashes", "64 hexadecimal digits"),
    ]

    @Test("a bad environment value names its key, the value and the variable", arguments: badEnvironmentValues)
    func badEnvironmentValue(variable: String, value: String, key: String, phrase: String) throws {
        let error = try #require(loadError(environment: [variable: value]))
        #expect(error.key == key)
        #expect(error.description.hasPrefix("\(key): "))
        #expect(error.description.contains(phrase))
        #expect(error.description.hasSuffix("(from \(variable))"))
    }

    @Test("the message is one line naming key, value and source")
    func exactMessage() throws {
        let error = try #require(loadError(environment: ["TIMELINED_HTTP_PORT": "eighty"]))
        let expected = "http.port: expected an integer from 1 to 65535, got 'eighty' (from TIMELINED_HTTP_PORT)"
        #expect(error.description == expected)
    }

    @Test("a token hash is never quoted back, as it may be a pasted token")
    func tokenNotEchoed() throws {
        let error = try #require(loadError(environment: ["TIMELINED_API_TOKEN_HASHES": "s3cret-token"]))
        #expect(!error.description.contains("s3cret"))
    }

    /// File contents that must be refused: the YAML, the key blamed, and a phrase the message contains.
    static let badFileValues: [(String, String, String)] = [
        ("http:\n  port: eighty\n", "http.port", "got 'eighty'"),
        ("http:\n  port: [80, 81]\n", "http.port", "got a list"),
        ("http:\n  port: 80.5\n", "http.port", "got '80.5'"),
        ("alerts:\n  enabled: yes\n", "alerts.enabled", "expected true or false, got 'yes'"),
        ("alerts:\n  thresholds: [30, x]\n", "alerts.thresholds", "got 'x'"),
        ("alerts:\n  time_zone: [UTC]\n", "alerts.time_zone", "got a list"),
        ("log:\n  format: xml\n", "log.format", "logfmt, json"),
        ("database:\n  pool_size: 0\n", "database.pool_size", "from 1 to 1000"),
    ]

    @Test("a bad file value names its key, the value and the file", arguments: badFileValues)
    func badFileValue(yaml: String, key: String, phrase: String) throws {
        let error = try #require(loadError(file: yaml))
        #expect(error.key == key)
        #expect(error.description.contains(phrase))
        #expect(error.description.contains("(from /"))
    }

    @Test("an explicitly given file that does not exist is an error naming it")
    func missingFile() async throws {
        let path = absentDefaultPath
        let error = await #expect(throws: ConfigurationError.self) {
            try await DaemonConfiguration.load(path: path, environment: [:])
        }
        #expect(error?.key == nil)
        #expect(error?.description == "cannot read \(path): No such file or directory")
    }

    @Test("a directory given as the file is an error naming it")
    func directoryAsFile() throws {
        let path = FileManager.default.temporaryDirectory.path
        let error = #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.load(path: path, defaultPath: absentDefaultPath, environment: [:])
        }
        #expect(error?.description.hasPrefix("cannot read \(path)") == true)
    }

    @Test(
        "a file that is not valid YAML, or not a mapping, is a one-line error naming it",
        arguments: [
            "http:\n  port: [80\n", "http: port: 80\n", "- 80\n", "http:\n  port: 1\n  port: 2\n", "\tport: 1\n",
        ]
    )
    func malformedFile(yaml: String) throws {
        let path = try temporaryFile(yaml)
        defer { remove(path) }
        let error = #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.load(path: path, defaultPath: absentDefaultPath, environment: [:])
        }
        #expect(error?.key == nil)
        #expect(error?.description.hasPrefix("cannot parse \(path): ") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test(
        "an unknown key in the file is reported by name",
        arguments: [
            ("htpp:\n  port: 80\n", "htpp.port", "unknown key"),
            ("http:\n  prot: 80\n", "http.prot", "unknown key"),
            ("http:\n  port:\n    number: 80\n", "http.port.number", "unknown key"),
            ("http: 80\n", "http", "is a section and takes keys, not a value"),
        ]
    )
    func unknownKey(yaml: String, key: String, phrase: String) throws {
        let error = try #require(loadError(file: yaml))
        #expect(error.key == key)
        #expect(error.description.hasPrefix("\(key): \(phrase) (in /"))
    }
}

@Suite("Configuration summary")
struct ConfigurationSummaryTests {
    @Test("the defaults' summary lists every key")
    func defaultSummary() {
        let summary = DaemonConfiguration().summary
        #expect(Set(summary.keys) == Set(ConfigurationKey.allCases.map(\.rawValue)))
        #expect(summary["database.url"] == "unset")
        #expect(summary["http.port"] == "8080")
        #expect(summary["alerts.thresholds"] == "180,90,30,7,1,0")
        #expect(summary["alerts.enabled"] == "true")
        #expect(summary["api.token_hashes"] == "0 hashes")
        #expect(summary["ingest.spool_dir"] == "unset")
        #expect(summary["log.level"] == "info")
    }

    @Test("tokens are shown as a count and the database password is hidden")
    func secretsHidden() {
        var configuration = DaemonConfiguration()
        configuration.api.tokenHashes = [hashA, hashB]
        configuration.database.url = "postgresql://timelined:hunter2@db:5432/timelined"
        let summary = configuration.summary
        #expect(summary["api.token_hashes"] == "2 hashes")
        #expect(summary["database.url"] == "user=timelined password=*** dbname=timelined host=db port=5432")
        #expect(!summary.values.contains { $0.contains(hashA) || $0.contains("hunter2") })
    }

    @Test(
        "every password keyword is hidden in either libpq form",
        arguments: [
            ("postgresql://u:p@h/db", "user=u password=*** dbname=db host=h"),
            ("postgres://u@h/db?sslmode=require&password=p", "user=u password=*** dbname=db host=h sslmode=require"),
            ("postgresql://h/db", "dbname=db host=h"),
            ("host=db user=u password=p dbname=x", "user=u password=*** dbname=x host=db"),
            ("host=db password = 'se cr\\'et' dbname=x", "password=*** dbname=x host=db"),
            ("host=db sslkey=/k sslpassword=hunter2 dbname=x", "dbname=x host=db sslkey=/k sslpassword=***"),
            ("postgresql://h/db?sslpassword=hunter2", "dbname=db host=h sslpassword=***"),
            ("host=db dbname=x", "dbname=x host=db"),
            ("host=db password='unterminated", "(unparsable connection string)"),
        ]
    )
    func redaction(connection: String, shown: String) {
        #expect(ConnectionString(connection).redacted == shown)
    }
}

/// The keys of contract §12 besides `alerts.channels`.
@Suite("Configuration: alerts off the box")
struct AlertsOffTheBoxConfigurationTests {
    @Test func defaults() throws {
        let configuration = try load()
        #expect(configuration.alerts.expiredAlertDays == 30)
        #expect(configuration.alerts.expiryMetrics)
        #expect(configuration.http.publicURL == nil)
        #expect(configuration.http.effectivePublicURL == "http://127.0.0.1:8080")
        #expect(configuration.summary["http.public_url"] == "http://127.0.0.1:8080")
    }

    @Test func keysFromTheFileAndTheEnvironment() throws {
        let configuration = try load(
            file: "alerts:\n  expired_alert_days: 7\n  expiry_metrics: false\nhttp:\n  public_url: https://treaties.example.org/\n",
            environment: ["TIMELINED_ALERTS_EXPIRED_ALERT_DAYS": "14"])
        #expect(configuration.alerts.expiredAlertDays == 14)
        #expect(!configuration.alerts.expiryMetrics)
        #expect(configuration.http.effectivePublicURL == "https://treaties.example.org")
    }

    @Test func theListenAddressStandsInForAMissingPublicURL() throws {
        #expect(try load(environment: ["TIMELINED_HTTP_HOST": "::1", "TIMELINED_HTTP_PORT": "9000"]).http.effectivePublicURL
            == "http://[::1]:9000")
    }

    @Test func badValuesNameTheKey() {
        #expect(loadError(environment: ["TIMELINED_HTTP_PUBLIC_URL": "ftp://example.org"])?.key == "http.public_url")
        #expect(loadError(environment: ["TIMELINED_HTTP_PUBLIC_URL": "timelined.example.org"])?.key == "http.public_url")
        #expect(loadError(environment: ["TIMELINED_ALERTS_EXPIRED_ALERT_DAYS": "-1"])?.key == "alerts.expired_alert_days")
        #expect(loadError(environment: ["TIMELINED_ALERTS_EXPIRY_METRICS": "sometimes"])?.key == "alerts.expiry_metrics")
    }
}
