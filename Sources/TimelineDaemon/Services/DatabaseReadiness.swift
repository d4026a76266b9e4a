import Postgres
import TimelineAPI
import TimelineStore

/// `/readyz`: the database answers and every bundled migration is applied.
struct DatabaseReadiness: ReadinessProbe {
    let pool: PostgresPool
    let migrator: Migrator
    /// Until the schema service has found the database and brought its schema up to date, a
    /// probe does not reach for the database itself: the service says in the log what it waits for.
    let isMigrated: @Sendable () -> Bool

    func readiness() async -> Readiness {
        guard isMigrated() else { return .notReady("waiting for PostgreSQL and the schema migrations") }
        do {
            let status = try await migrator.status(pool)
            return status.isCurrent ? .ready : .notReady("migrations pending: \(status.pending.joined(separator: ", "))")
        } catch {
            return .notReady("database unavailable: \(error)")
        }
    }
}
