import EmbeddedPostgres
import Foundation
import Logging
import TestSupport
import Testing

/// Contract §8: the daemon waits for its database with bounded backoff. The bound must be short
/// enough that, however long it waited, it serves within seconds of PostgreSQL's return.
@Suite("Database coming back")
struct DatabaseComebackTests {
    @Test(.timeLimit(.minutes(2))) func readyWithinFiveSecondsOfPostgreSQLStartingAfterALongWait() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-comeback-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "timelined.comeback-test")
        logger.logLevel = .warning
        let cluster = EmbeddedPostgres(directory: directory.path, logger: logger)
        let connectionString = try await cluster.start()
        try await cluster.stop()

        let port = try LocalHTTP.freePort()
        let daemon = try TimelinedBinary.start(["serve"], environment: [
            "TIMELINED_DATABASE_URL": connectionString,
            "TIMELINED_HTTP_PORT": String(port),
        ])
        #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/healthz", 200))
        // Long enough for a doubling backoff to reach its bound. With the old bounds (10 s between
        // attempts, 5 s in the pool) the daemon then stayed unready up to 15 s after the return.
        try await Task.sleep(for: .seconds(17))
        #expect(await LocalHTTP.status("http://127.0.0.1:\(port)/readyz") == 503)

        _ = try await cluster.start()
        let up = ContinuousClock.now
        #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200, seconds: 30))
        #expect(ContinuousClock.now - up < .seconds(5))

        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(await daemon.exitStatus() == 0)
        try await cluster.stop()
    }
}
