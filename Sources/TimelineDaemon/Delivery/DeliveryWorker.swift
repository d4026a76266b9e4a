import AsyncHTTPClient
import Logging
import Postgres
import ServiceLifecycle
import TimelineAlerts
import TimelineStore

/// Sends the outbox's webhook deliveries (contract v1.1 §12): once the schema is current, then
/// whenever delivery rows are committed — heard by `LISTEN`, from any daemon or `timelined alerts
/// evaluate` — and whenever the next retry falls due. Each turn is a `DeliveryPass`; turns follow
/// each other until nothing is due.
///
/// On SIGTERM it claims nothing more and lets the pass in flight finish, its sends bounded by
/// their timeouts; a row it could not settle stays pending and is sent again once its lease ends.
final class DeliveryWorker: Service {
    /// What a reload may change: read at every pass.
    struct Settings: Sendable {
        var webhooks: [WebhookChannelSettings]
        var source: String
        var maxAge: Duration

        func channels(client: HTTPClient) -> [WebhookChannel] {
            webhooks.map { WebhookChannel(settings: $0, source: source, client: client) }
        }
    }

    /// The longest sleep between passes: the backlog gauges are counted at least this often.
    static let longestWait = Duration.seconds(60)
    /// The shortest: a row another worker is claiming this instant looks due, and is not worth a spin.
    static let shortestWait = Duration.milliseconds(50)
    /// The wait after a pass failed (the database away, say).
    static let retryWait = Duration.seconds(5)

    private let pool: PostgresPool
    private let wakeups: OutboxWakeups
    private let client: HTTPClient
    private let waitForSchema: @Sendable () async -> Bool
    private let settings: @Sendable () -> Settings
    private let metrics: DeliveryMetrics
    private let logger: Logger

    init(
        pool: PostgresPool, connectionString: ConnectionString, client: HTTPClient, waitForSchema: @escaping @Sendable () async -> Bool,
        settings: @escaping @Sendable () -> Settings, metrics: DeliveryMetrics, logger: Logger
    ) {
        self.pool = pool
        wakeups = OutboxWakeups(connectionString: connectionString, logger: logger)
        self.client = client
        self.waitForSchema = waitForSchema
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    func run() async throws {
        if await waitForSchema() { await deliverAsWoken() }
        try? await client.shutdown()
    }

    private func deliverAsWoken() async {
        let signals = wakeups.signals()
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in signals { wake.yield() }
            }
            var timer: Task<Void, Never>?
            for await _ in wakes.cancelOnGracefulShutdown() {
                timer?.cancel()
                let wait = await drain()
                timer = Task {
                    guard (try? await Task.sleep(for: wait)) != nil else { return }
                    wake.yield()
                }
            }
            timer?.cancel()
            wakeups.stop()
            group.cancelAll()
        }
    }

    /// Runs passes until nothing is due or the daemon stops; returns how long to sleep then.
    private func drain() async -> Duration {
        let settings = settings()
        let channels = settings.channels(client: client)
        let pass = DeliveryPass(pool: pool, channels: channels, maxAge: settings.maxAge, logger: logger)
        let outbox = DeliveryOutbox(pool: pool)
        let names = channels.map(\.name)
        do {
            while !Task.isShuttingDownGracefully {
                let reports = try await pass.run()
                metrics.record(reports)
                if reports.isEmpty { break }
            }
            metrics.setBacklog(try await outbox.backlog(channels: names))
            return (try await outbox.nextDue(channels: names) ?? Self.longestWait).clamped(to: Self.shortestWait...Self.longestWait)
        } catch {
            logger.warning("delivery pass failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(Self.retryWait)"])
            return Self.retryWait
        }
    }
}

extension Duration {
    fileprivate func clamped(to range: ClosedRange<Duration>) -> Duration {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
