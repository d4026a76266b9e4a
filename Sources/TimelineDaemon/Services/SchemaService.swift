import Logging
import Postgres
import ServiceLifecycle
import TimelineStore

/// Waits for the database — retrying with bounded backoff, never giving up, because a
/// daemon that exits while PostgreSQL restarts helps nobody — then applies pending
/// migrations. A migration that was changed after it was applied stops the daemon.
///
/// The services that need the schema await ``waitUntilCurrent()``; `/readyz` asks ``isMigrated``.
final class SchemaService: Service {
    /// The longest wait between two attempts, here and in the pool: however long the database
    /// was away, the daemon is ready within a second or two of its return (the bound was 10 s
    /// here and 5 s in the pool, which together kept a daemon unready for up to 15 s).
    static let maximumRetryDelay = Duration.seconds(1)

    private let pool: PostgresPool
    private let migrator: Migrator
    private let databaseStarted: AsyncGate
    private let logger: Logger
    private let current = AsyncGate()

    /// `databaseStarted` is open from the start for a database the daemon does not run itself.
    /// An embedded cluster starts in the same instant as the daemon's services, and every attempt
    /// to reach it before it ran would be logged as a warning — a dozen on every healthy start.
    init(pool: PostgresPool, migrator: Migrator, databaseStarted: AsyncGate, logger: Logger) {
        self.pool = pool
        self.migrator = migrator
        self.databaseStarted = databaseStarted
        self.logger = logger
    }

    /// True once the schema is current.
    var isMigrated: Bool { current.isOpen }

    /// Returns true once the schema is current; false when the daemon stops first.
    func waitUntilCurrent() async -> Bool {
        await current.wait()
    }

    func run() async throws {
        var backoff = RetryBackoff(initial: .milliseconds(250), maximum: Self.maximumRetryDelay)
        let isStarted = await databaseStarted.wait()
        while isStarted && !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let applied = try await migrator.migrate(pool)
                logger.info("database schema current", metadata: ["applied": "\(applied.joined(separator: ","))"])
                current.open()
                break
            } catch let error as PostgresError where error.isUnavailable {
                let delay = backoff.next()
                logger.warning("waiting for PostgreSQL", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
        try? await gracefulShutdown()
    }
}
