import Foundation
import Postgres
import TestSupport
import Testing
import TimelineAPI
import TimelineStore

@testable import TimelineDaemon

/// Contract §15: `/readyz` tells clients ready, waiting or database unavailable; the details
/// (host, port, libpq's words) go to the log, once per change.
@Suite("Readiness")
struct ReadinessTests {
    @Test func anUnreachableDatabaseIsOnlyNamedToClientsAndDetailedInTheLogOnce() async throws {
        try await withUnreachablePool { pool in
            let logs = LogCapture()
            let probe = DatabaseReadiness(
                pool: pool, migrator: Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger),
                isMigrated: { true }, logger: logs.logger)

            #expect(await probe.readiness() == .databaseUnavailable)
            #expect(await probe.readiness() == .databaseUnavailable)
            #expect(Readiness.databaseUnavailable.rawValue == "database unavailable")
            let logged = logs.all.filter { $0.message == "not ready" }
            #expect(logged.count == 1)
            // The socket directory libpq names: a detail for the log only.
            #expect(logged.first?.metadata["reason"]?.contains("timelined-no-server") == true)
        }
    }

    @Test func beforeTheSchemaIsCurrentTheProbeIsWaitingWithoutAskingTheDatabase() async throws {
        let logs = LogCapture()
        let pool = PostgresPool(
            configuration: .init(connectionString: ConnectionString("host=/nonexistent dbname=x"), size: 1),
            logger: TestDatabase.logger)
        let probe = DatabaseReadiness(
            pool: pool, migrator: Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger),
            isMigrated: { false }, logger: logs.logger)
        #expect(await probe.readiness() == .waiting)
        #expect(logs.all.isEmpty)
        await pool.shutdown()
    }
}
