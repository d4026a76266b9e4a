import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Postgres
import Prometheus
import ServiceLifecycle
import TimelineAPI
import TimelineAlerts
import TimelineStore
import UnixSignals

/// Assembles the daemon as one service group. The application — database (embedded or
/// not), pool, migrations, alert engine and HTTP server — runs first; beside it the
/// configuration reloader and, under systemd, the notifier. The notifier comes last, so
/// that on SIGTERM it is the first told: the manager hears `STOPPING=1` at once, then the
/// HTTP server drains, and the database goes last.
public func buildDaemon(
    configuration: DaemonConfiguration, configurationPath: String?, logLevel: Reloadable<Logger.Level>, logger: Logger
) async throws -> ServiceGroup {
    // Trapped before anything else starts: SIGHUP's default action would end the process.
    let hangups = await UnixSignalsSequence(trapping: .sighup)
    let settings = Reloadable(try RunningSettings(configuration))
    let parts = try buildApplication(configuration: configuration, settings: settings, logger: logger)
    let systemd = SystemdEnvironment.takeFromProcess(logger: logger)
    let status = "serving on \(configuration.http.host):\(configuration.http.port)"
    var services: [any Service] = [
        parts.application,
        ConfigurationReloader(
            path: configurationPath, hangups: hangups, settings: settings, logLevel: logLevel,
            notifier: systemd.notifier, isReady: parts.isReady, status: status,
            applied: { previous, next in
                // Every agreement is evaluated again only when what decides its alerts changed.
                if previous.configuration.alerts != next.configuration.alerts { parts.alertEngine?.evaluateAll() }
            },
            logger: logger),
    ]
    if let notifier = systemd.notifier {
        let pool = parts.pool
        services.append(SystemdNotifyService(
            notifier: notifier, watchdogPingInterval: systemd.watchdogPingInterval, status: status,
            isReady: parts.isReady, isHealthy: { (try? await pool.query("SELECT 1")) != nil }, logger: logger))
    }
    var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    // In-flight work gets this long to finish; then it is cancelled (open transactions roll
    // back), so the process exits well within the 10 s a stop may take.
    group.maximumGracefulShutdownDuration = .seconds(7)
    group.maximumCancellationDuration = .seconds(2)
    return ServiceGroup(configuration: group)
}

/// What `buildDaemon` wires around the application.
struct ApplicationParts<Application: ApplicationProtocol> {
    let application: Application
    let pool: PostgresPool
    let alertEngine: AlertEngine?
    /// True once the database answers and the schema is current.
    let isReady: @Sendable () -> Bool
}

/// The HTTP server over the stores, and the services it needs. The listener opens at once,
/// so `/healthz` and `/readyz` answer while the database is still starting.
func buildApplication(
    configuration: DaemonConfiguration, settings: Reloadable<RunningSettings>, logger: Logger
) throws -> ApplicationParts<some ApplicationProtocol> {
    let target = DatabaseTarget(configuration: configuration, logger: logger)
    let pool = PostgresPool(configuration: configuration.poolConfiguration(target.connectionString), logger: logger)
    let migrator = Migrator(migrations: try Migration.bundled(), logger: logger)
    let databaseStarted = AsyncGate(isOpen: target.embeddedCluster == nil)
    let schema = SchemaService(pool: pool, migrator: migrator, databaseStarted: databaseStarted, logger: logger)

    // The reads take "today" in the engine's zone and default to its thresholds, also when this
    // daemon does not evaluate, so that every daemon sharing a database answers alike.
    let agreements = AgreementStore(pool: pool)
    let metrics = PrometheusCollectorRegistry()
    let responseCache = RenderedResponseCache()
    let router = buildRouter(
        APIDependencies(
            ingestor: EventIngestor(pool: pool, logger: logger),
            events: EventReadStore(pool: pool),
            retractor: EventRetractor(pool: pool, logger: logger),
            confirmer: EventConfirmer(pool: pool, logger: logger),
            actors: ActorStore(pool: pool),
            agreements: agreements,
            agreementDefiner: agreements,
            notifications: NotificationLedger(pool: pool),
            deliveries: DeliveryOutbox(pool: pool),
            readiness: DatabaseReadiness(pool: pool, migrator: migrator, isMigrated: { schema.isMigrated }, logger: logger),
            pool: pool, changes: ChangeSequenceStore(pool: pool), responseCache: responseCache,
            agreementMetrics: AgreementMetricsStore(pool: pool)),
        configuration: { settings.current.api },
        metrics: metrics
    )
    let timeouts = HTTPServerTimeouts(
        idle: .seconds(configuration.http.idleTimeoutSeconds), body: .seconds(configuration.http.bodyTimeoutSeconds))
    var application = Application(
        router: router,
        server: .http1(configuration: timeouts.channelConfiguration),
        configuration: .init(address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "timelined"),
        logger: logger
    )
    // Started in this order, stopped in reverse: the server drains before the pool closes,
    // and the embedded cluster stops last.
    if let cluster = target.embeddedCluster {
        application.addServices(EmbeddedPostgresService(cluster: cluster, started: databaseStarted, logger: logger))
    }
    application.addServices(PoolService(pool: pool), schema)
    application.addServices(
        ResponseCacheInvalidation(
            cache: responseCache, connectionString: target.connectionString,
            waitForSchema: { await schema.waitUntilCurrent() }, logger: logger))
    // Redirects are not followed: a signed notification goes only where it was configured to go.
    let webhookClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    var alertEngine: AlertEngine?
    if configuration.alerts.enabled {
        let engine = AlertEngine(
            pool: pool, connectionString: target.connectionString, waitForSchema: { await schema.waitUntilCurrent() },
            settings: { settings.current.alerts },
            outboxChannels: { settings.current.configuration.webhookChannels(client: webhookClient) }, logger: logger)
        application.addServices(engine)
        alertEngine = engine
        for case .alertmanager(let channel) in configuration.alertChannels {
            application.addServices(AlertmanagerService(
                settings: channel, publicURL: configuration.http.effectivePublicURL, pool: pool,
                connectionString: target.connectionString, waitForSchema: { await schema.waitUntilCurrent() },
                policy: { settings.current.alertmanagerPolicy }, logger: logger))
        }
    }
    // Runs whether or not this daemon evaluates: delivery rows may come from any daemon.
    application.addServices(DeliveryWorker(
        pool: pool, connectionString: target.connectionString, client: webhookClient, waitForSchema: { await schema.waitUntilCurrent() },
        settings: { settings.current.configuration.deliverySettings }, metrics: DeliveryMetrics(registry: metrics), logger: logger))
    application.addServices(SpoolWatcher(
        directory: { settings.current.configuration.ingest.spoolDirectory }, maxFileBytes: configuration.http.maxBodyBytes,
        maxGdeltFileBytes: configuration.importing.maxFileBytes, gdeltSettings: { settings.current.configuration.importing.gdelt },
        pool: pool, waitForSchema: { await schema.waitUntilCurrent() }, logger: logger))
    return ApplicationParts(application: application, pool: pool, alertEngine: alertEngine, isReady: { schema.isMigrated })
}
