import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test func neverOpensMoreConnectionsThanItsSize() async throws {
        try await TestDatabase.withPool(size: 3) { pool, database in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<24 {
                    group.addTask { try await pool.query("SELECT pg_sleep(0.02)") }
                }
                try await group.waitForAll()
            }
            let open = try await pool.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'timelined'",
                [database.name]
            )[0].int(0)
            #expect(open <= 3)
            let statistics = pool.statistics
            #expect(statistics.inUse == 0 && statistics.waiting == 0 && statistics.idle <= 3)
        }
    }

    @Test(.timeLimit(.minutes(3))) func waitersAreCountedWhileEveryConnectionIsBusy() async throws {
        try await TestDatabase.withPool(size: 1) { pool, _ in
            /// Polls `condition` until it holds: the test observes states, not durations.
            func eventually(_ condition: () -> Bool) async throws {
                while !condition() { try await Task.sleep(for: .milliseconds(10)) }
            }
            // Busy until the test lets it go, however slow the machine is.
            let busy = Task { try await pool.query("SELECT pg_sleep(30)") }
            try await eventually { pool.statistics.inUse == 1 }
            let waiting = Task { try await pool.query("SELECT 1") }
            try await eventually { pool.statistics.waiting == 1 }
            #expect(pool.statistics.inUse == 1)
            busy.cancel()
            _ = try? await busy.value
            _ = try await waiting.value
            #expect(pool.statistics.waiting == 0)
        }
    }

    @Test func aTerminatedBackendIsReplacedAndTheNextCallSucceeds() async throws {
        try await TestDatabase.withPool(size: 1) { pool, database in
            let firstPID = try await pool.query("SELECT pg_backend_pid()")[0].int(0)
            let admin = database.makePool(size: 1)
            try await admin.query("SELECT pg_terminate_backend($1)", [firstPID])
            // pg_terminate_backend only signals; wait until the backend is really gone.
            for _ in 0..<1500 {
                let alive = try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [firstPID])[0].int(0)
                if alive == 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            await admin.shutdown()
            let secondPID = try await pool.query("SELECT pg_backend_pid()")[0].int(0)
            #expect(secondPID != firstPID)
        }
    }

    @Test(.timeLimit(.minutes(2))) func aConnectionLostMidStatementIsReportedAndReplaced() async throws {
        try await TestDatabase.withPool(size: 1) { pool, database in
            let pid = try await pool.query("SELECT pg_backend_pid()")[0].int(0)
            let admin = database.makePool(size: 1)
            // Terminated once the server reports it running, however slow the machine; the
            // statement would outlast the test's time limit otherwise.
            async let killed: Void = {
                while try await admin.query(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep%'", [pid]
                ).isEmpty {
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await admin.query("SELECT pg_terminate_backend($1)", [pid])
            }()
            await #expect {
                try await pool.query("SELECT pg_sleep(600)")
            } throws: { error in
                (error as? PostgresError)?.isUnavailable == true
            }
            try await killed
            await admin.shutdown()
            #expect(try await pool.query("SELECT 1")[0].int(0) == 1)
        }
    }

    @Test func theStatementTimeoutCancelsLongStatements() async throws {
        let database = try await TestDatabase.create()
        // Generous enough that `SELECT 1` never meets it on a loaded CI machine (100 ms did).
        let pool = database.makePool(size: 1, statementTimeoutMilliseconds: 2_000)
        await #expect {
            try await pool.query("SELECT pg_sleep(60)")
        } throws: { error in
            guard case PostgresError.server(let server) = error else { return false }
            return server.sqlState == ServerError.queryCanceled
        }
        #expect(try await pool.query("SELECT 1")[0].int(0) == 1)
        await pool.shutdown()
        try await database.drop()
    }

    @Test(.timeLimit(.minutes(3))) func cancellingTheTaskCancelsTheStatement() async throws {
        try await TestDatabase.withPool(size: 1) { pool, _ in
            // Uncancelled, this statement outlives the test's time limit.
            let sleeper = Task { try await pool.query("SELECT pg_sleep(600)") }
            try await Task.sleep(for: .milliseconds(200))
            sleeper.cancel()
            // The server cancels the statement (57014), or the work never starts.
            await #expect(throws: (any Error).self) { try await sleeper.value }
            #expect(try await pool.query("SELECT 1")[0].int(0) == 1)
        }
    }

    @Test func anUnreachableServerFailsFastWithoutRevealingThePassword() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("no-server-\(UUID())").path
        let pool = PostgresPool(
            configuration: .init(connectionString: ConnectionString("host=\(directory) user=someone password=sekrit-42 dbname=x"), size: 2),
            logger: TestDatabase.logger
        )
        for _ in 0..<3 {
            await #expect {
                try await pool.query("SELECT 1")
            } throws: { error in
                guard case PostgresError.connectionFailed(let message) = error else { return false }
                return !message.contains("sekrit-42") && !"\(error)".contains("sekrit-42")
            }
        }
        #expect(pool.statistics.inUse == 0)
        await pool.shutdown()
    }

    @Test func theRedactedConnectionStringHasNoPassword() {
        let plain = ConnectionString("host=/tmp user=u password=sekrit dbname=d")
        #expect(!plain.redacted.contains("sekrit"))
        #expect(plain.redacted.contains("dbname=d"))
        let uri = ConnectionString("postgresql://u:sekrit@localhost:5433/d?sslmode=require")
        #expect(!uri.redacted.contains("sekrit"))
        #expect(uri.redacted.contains("sslmode=require"))
    }

    @Test func aClosedPoolRefusesWork() async throws {
        let database = try await TestDatabase.create()
        let pool = database.makePool()
        try await pool.query("SELECT 1")
        await pool.shutdown()
        await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        try await database.drop()
    }
}
