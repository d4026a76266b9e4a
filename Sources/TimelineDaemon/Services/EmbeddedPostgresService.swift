import EmbeddedPostgres
import Logging
import ServiceLifecycle

/// Runs the private PostgreSQL cluster for as long as the daemon runs. First in the
/// service group, so it is the last to stop: everything using the database drains first.
struct EmbeddedPostgresService: Service {
    let cluster: EmbeddedPostgres
    let started: AsyncGate
    let logger: Logger

    func run() async throws {
        let connectionString = try await cluster.start()
        logger.info("embedded PostgreSQL running", metadata: ["database": "\(connectionString)"])
        started.open()
        try? await gracefulShutdown()
        do {
            try await cluster.stop()
            logger.info("embedded PostgreSQL stopped")
        } catch {
            logger.error("could not stop embedded PostgreSQL", metadata: ["error": "\(error)"])
            throw error
        }
    }
}
