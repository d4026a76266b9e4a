import Foundation
import Hummingbird
import Logging
import Postgres
import Prometheus
import ServiceLifecycle
import TimelineAPI
import TimelineStore

/// Assembles the daemon: the database (embedded or not), the pool, migrations, the alert
/// engine and the HTTP server, as services of one group. The HTTP listener opens at once, so `/healthz` and
/// `/readyz` answer while the database is still starting.
public func buildApplication(configuration: DaemonConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let target = DatabaseTarget(configuration: configuration, logger: logger)
    let pool = PostgresPool(configuration: configuration.poolConfiguration(target.connectionString), logger: logger)
    let migrator = Migrator(migrations: try Migration.bundled(), logger: logger)

    // The reads take "today" in the engine's zone and default to its thresholds, also when this
    // daemon does not evaluate, so that every daemon sharing a database answers alike.
    let alerts = try configuration.alertEngineSettings()
    let agreements = AgreementStore(pool: pool)
    let router = buildRouter(
        ingestor: EventIngestor(pool: pool, logger: logger),
        events: EventReadStore(pool: pool),
        retractor: EventRetractor(pool: pool, logger: logger),
        actors: ActorStore(pool: pool),
        agreements: agreements,
        agreementDefiner: agreements,
        notifications: NotificationLedger(pool: pool),
        readiness: DatabaseReadiness(pool: pool, migrator: migrator),
        pool: pool,
        configuration: APIConfiguration(
            maxBodyBytes: configuration.http.maxBodyBytes, tokenHashes: configuration.api.tokenHashes,
            alerts: AlertSettings(thresholds: alerts.thresholds, timeZone: alerts.timeZone)),
        metrics: PrometheusCollectorRegistry()
    )
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "timelined"),
        logger: logger
    )
    // Started in this order, stopped in reverse: the server drains before the pool closes,
    // and the embedded cluster stops last.
    if case .embedded(let cluster) = target {
        application.addServices(EmbeddedPostgresService(cluster: cluster, logger: logger))
    }
    let schema = SchemaService(pool: pool, migrator: migrator, logger: logger)
    application.addServices(PoolService(pool: pool), schema)
    if configuration.alerts.enabled {
        application.addServices(AlertEngine(
            pool: pool, connectionString: target.connectionString, schemaReady: { schema.isMigrated },
            settings: alerts, logger: logger
        ))
    }
    application.addServices(SpoolWatcher(
        directory: { configuration.ingest.spoolDirectory }, pool: pool, schemaReady: { schema.isMigrated }, logger: logger
    ))
    let systemd = SystemdEnvironment.takeFromProcess(logger: logger)
    if let notifier = systemd.notifier {
        application.addServices(SystemdNotifyService(
            notifier: notifier, watchdogPingInterval: systemd.watchdogPingInterval,
            listeningOn: "\(configuration.http.host):\(configuration.http.port)",
            isReady: { schema.isMigrated }, isHealthy: { (try? await pool.query("SELECT 1")) != nil }, logger: logger
        ))
    }
    return application
}

extension DaemonConfiguration {
    func alertEngineSettings() throws(ConfigurationError) -> AlertEngine.Settings {
        guard let zone = TimeZone(identifier: alerts.timeZone) else {
            throw ConfigurationError(key: "alerts.time_zone", message: "unknown time zone '\(alerts.timeZone)'")
        }
        return AlertEngine.Settings(interval: .seconds(alerts.intervalSeconds), timeZone: zone, thresholds: alerts.thresholds)
    }
}
