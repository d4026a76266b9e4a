import Postgres
import TimelineAPI
import TimelineStore

/// `/readyz`: the database answers and every bundled migration is applied.
struct DatabaseReadiness: ReadinessProbe {
    let pool: PostgresPool
    let migrator: Migrator

    func readiness() async -> Readiness {
        do {
            let status = try await migrator.status(pool)
            return status.isCurrent ? .ready : .notReady("migrations pending: \(status.pending.joined(separator: ", "))")
        } catch {
            return .notReady("database unavailable: \(error)")
        }
    }
}
