import Logging
import Postgres
import ServiceLifecycle
import Synchronization
import TimelineStore

/// Waits for the database — retrying with bounded backoff, never giving up, because a
/// daemon that exits while PostgreSQL restarts helps nobody — then applies pending
/// migrations. A migration that was changed after it was applied stops the daemon.
final class SchemaService: Service {
    /// The longest wait between two attempts, here and in the pool: however long the database
    /// was away, the daemon is ready within a second or two of its return (the bound was 10 s
    /// here and 5 s in the pool, which together kept a daemon unready for up to 15 s).
    static let maximumRetryDelay = Duration.seconds(1)

    private let pool: PostgresPool
    private let migrator: Migrator
    private let databaseStart: DatabaseStart
    private let logger: Logger
    private let migrated = Atomic<Bool>(false)

    init(pool: PostgresPool, migrator: Migrator, databaseStart: DatabaseStart, logger: Logger) {
        self.pool = pool
        self.migrator = migrator
        self.databaseStart = databaseStart
        self.logger = logger
    }

    /// True once the schema is current.
    var isMigrated: Bool { migrated.load(ordering: .acquiring) }

    func run() async throws {
        var delay = Duration.milliseconds(250)
        let isStarted = await databaseStart.wait()
        while isStarted && !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let applied = try await migrator.migrate(pool)
                logger.info("database schema current", metadata: ["applied": "\(applied.joined(separator: ","))"])
                migrated.store(true, ordering: .releasing)
                break
            } catch let error as PostgresError where error.isUnavailable {
                logger.warning("waiting for PostgreSQL", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, Self.maximumRetryDelay)
            }
        }
        try? await gracefulShutdown()
    }
}
