import Logging
import Postgres
import Synchronization
import TimelineAPI
import TimelineStore

/// `/readyz`: the database answers and every bundled migration is applied.
final class DatabaseReadiness: ReadinessProbe {
    private let pool: PostgresPool
    private let migrator: Migrator
    /// Until the schema service has found the database and brought its schema up to date, a
    /// probe does not reach for the database itself: the service says in the log what it waits for.
    private let isMigrated: @Sendable () -> Bool
    private let logger: Logger
    /// The last answer, so that a probe polled every second logs why once each time the answer
    /// changes, not at every poll.
    private let lastAnswer = Mutex<Readiness?>(nil)

    init(pool: PostgresPool, migrator: Migrator, isMigrated: @escaping @Sendable () -> Bool, logger: Logger) {
        self.pool = pool
        self.migrator = migrator
        self.isMigrated = isMigrated
        self.logger = logger
    }

    func readiness() async -> Readiness {
        guard isMigrated() else { return .waiting }
        let readiness: Readiness
        let reason: String?
        do {
            let status = try await migrator.status(pool)
            readiness = status.isCurrent ? .ready : .waiting
            reason = status.isCurrent ? nil : "migrations pending: \(status.pending.joined(separator: ", "))"
        } catch {
            readiness = .databaseUnavailable
            reason = "\(error)"
        }
        let isNew = lastAnswer.withLock { last in
            defer { last = readiness }
            return last != readiness
        }
        if isNew, let reason {
            logger.warning("not ready", metadata: ["readiness": "\(readiness.rawValue)", "reason": "\(reason)"])
        }
        return readiness
    }
}
