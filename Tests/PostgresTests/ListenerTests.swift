import Postgres
import TestSupport
import Testing

@Suite("LISTEN / NOTIFY")
struct ListenerTests {
    @Test(.timeLimit(.minutes(3))) func notificationsArriveAndSurviveAReconnect() async throws {
        try await TestDatabase.withPool { pool, database in
            let listener = PostgresListener(
                connectionString: database.connectionString, channels: ["timelined_test"], logger: TestDatabase.logger,
                maximumBackoff: .milliseconds(200)
            )
            var events = listener.events().makeAsyncIterator()
            #expect(await events.next() == .connected)

            try await pool.query("SELECT pg_notify('timelined_test', $1)", ["first"])
            guard case .notification(let first) = await events.next() else {
                Issue.record("expected a notification")
                return
            }
            #expect(first.channel == "timelined_test" && first.payload == "first")

            // Kill the listener's backend: it must reconnect, say so, and keep delivering.
            try await pool.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'timelined-listen' AND datname = $1",
                [database.name]
            )
            #expect(await events.next() == .connected)
            try await pool.query("SELECT pg_notify('timelined_test', $1)", ["second"])
            guard case .notification(let second) = await events.next() else {
                Issue.record("expected a notification after reconnecting")
                return
            }
            #expect(second.payload == "second")
            listener.stop()
        }
    }
}
