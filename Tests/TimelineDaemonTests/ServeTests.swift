import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import TimelineCore
import Testing

/// `timelined serve` as systemd or an operator starts it.
@Suite("Daemon")
struct ServeTests {
    @Test(.timeLimit(.minutes(2))) func onTheEmbeddedDatabaseItBecomesReadyAndStopsCleanlyOnSIGTERM() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-serve-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LocalHTTP.freePort()
        let daemon = try TimelinedBinary.start(["serve"], environment: [
            "TIMELINED_DATABASE_EMBEDDED_DIR": directory.appendingPathComponent("pg").path,
            "TIMELINED_HTTP_PORT": String(port),
        ])
        let log = Task { await daemon.standardErrorText() }
        #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/healthz", 200))
        #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200))
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(await daemon.exitStatus() == 0)
        // A healthy start and stop, readiness probes and all, has nothing to warn about: nothing
        // reaches for the cluster before it runs.
        let warnings = await log.value.split(separator: "\n").filter { $0.contains("level=warning") || $0.contains("level=error") }
        #expect(warnings.isEmpty, "\(warnings)")
        // The cluster it started is stopped with it.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("pg/data/postmaster.pid").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("pg/data/PG_VERSION").path))
    }

    @Test(.timeLimit(.minutes(3))) func healthzAnswersAndReadyzSaysNoWhileTheDatabaseIsAway() async throws {
        let port = try LocalHTTP.freePort()
        let daemon = try TimelinedBinary.start(["serve"], environment: [
            "TIMELINED_DATABASE_URL": "host=/nonexistent-\(UUID()) dbname=x user=x",
            "TIMELINED_HTTP_PORT": String(port),
        ])
        #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/healthz", 200))
        #expect(await LocalHTTP.status("http://127.0.0.1:\(port)/readyz") == 503)
        // It keeps waiting for the database instead of exiting.
        try await Task.sleep(for: .seconds(1))
        #expect(daemon.process.isRunning)
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(await daemon.exitStatus() == 0)
    }

    @Test(.timeLimit(.minutes(2))) func anIngestTouchingAnAgreementIsEvaluatedAtOnceAndLogged() async throws {
        try await TestDatabase.withPool { pool, database in
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve"], environment: [
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
                // Far away: only the ingest's NOTIFY can make the engine look before the test ends.
                "TIMELINED_ALERTS_INTERVAL_SECONDS": "3600",
            ])
            let log = Task { await daemon.standardErrorText() }
            #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200))

            let today = CalendarDate(Date(), in: TimeZone(identifier: "UTC")!)!
            let expiry = today.adding(days: 20)!
            let signing = Data("""
                {"key": "pact-signing", "kind": "signing", "title": "Pact signed", "date": "\(today.adding(days: -300)!)",
                 "agreement": {"id": "pact", "title": "The pact"}, "expires_on": "\(expiry)"}
                """.utf8)
            #expect(try await LocalHTTP.postEvents(port: port, signing) == 200)

            var emitted = 0
            for _ in 0..<300 where emitted == 0 {
                try await Task.sleep(for: .milliseconds(100))
                emitted = try await pool.query("SELECT count(*) FROM notifications WHERE NOT skipped")[0].int(0)
            }
            #expect(emitted == 1)
            kill(daemon.process.processIdentifier, SIGTERM)
            #expect(await daemon.exitStatus() == 0)
            let lines = await log.value.split(separator: "\n").filter { $0.contains("agreement expiry") }
            #expect(lines.count == 1)
            #expect(lines.first?.contains("level=warning") == true)
            #expect(lines.first?.contains("event=reached") == true)
            #expect(lines.first?.contains("threshold=30") == true)
            #expect(lines.first?.contains("agreement=pact") == true)
            #expect(lines.first?.contains("days_remaining=20") == true)
        }
    }

    @Test(.timeLimit(.minutes(3))) func onAConfiguredDatabaseItMigratesAndBecomesReady() async throws {
        try await TestDatabase.withPool { pool, database in
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve"], environment: [
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
            ])
            #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200))
            #expect(try await pool.query("SELECT count(*) FROM schema_migrations")[0].int(0) >= 1)
            kill(daemon.process.processIdentifier, SIGTERM)
            #expect(await daemon.exitStatus() == 0)
        }
    }
}
