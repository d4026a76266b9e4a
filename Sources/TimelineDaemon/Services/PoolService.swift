import Postgres
import ServiceLifecycle

/// Owns the connection pool's lifetime: closes it once the services using it have stopped.
struct PoolService: Service {
    let pool: PostgresPool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
    }
}
