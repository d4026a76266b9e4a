import Foundation
import TestSupport
import Testing

/// SIGHUP: the configuration file is read again; what a reload may change applies at once,
/// a file that fails validation changes nothing, and the manager sees the reload framed.
@Suite("Configuration reload")
struct ReloadTests {
    static let token = "reload-test-secret"
    /// `printf %s reload-test-secret | sha256sum`
    static let tokenHash = "1c3fdc3e7a67fdf34e2af8027fcd693d4adcad82b3b4e114c9538b98d6e2fbaf"

    /// `timelined.yaml` holding `text`, alone in a fresh directory that the caller removes.
    static func configurationFile(containing text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("timelined.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A write as a loopback client, with `token` as bearer when given; its HTTP status.
    static func post(port: Int, token: String?) async throws -> Int? {
        try await LocalHTTP.postEvents(
            port: port, Data(#"{"kind": "meeting", "title": "Reload probe", "date": "2024-01-02"}"#.utf8), token: token)
    }

    @Test(.timeLimit(.minutes(2))) func tokensChangeOnReloadAndABadFileKeepsTheRunningConfiguration() async throws {
        try await TestDatabase.withPool { _, database in
            let file = try Self.configurationFile(containing: "log:\n  level: info\n")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }

            let manager = try FakeServiceManager(abstract: false)
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve", "--config", file.path], environment: [
                "NOTIFY_SOCKET": manager.address,
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
            ])
            let log = Task { await daemon.standardErrorText() }
            _ = try await manager.receive(until: { $0.contains { $0.contains("READY=1") } })
            // No tokens configured: a loopback client may write.
            #expect(try await Self.post(port: port, token: nil) == 200)

            try """
                api:
                  token_hashes: ["\(Self.tokenHash)"]
                database:
                  pool_size: 3
                log:
                  level: debug
                """.write(to: file, atomically: true, encoding: .utf8)
            kill(daemon.process.processIdentifier, SIGHUP)
            let firstReload = try await manager.receive(until: { $0.contains { $0.contains("READY=1") } })
            #expect(try await Self.post(port: port, token: nil) == 401)
            #expect(try await Self.post(port: port, token: Self.token) == 200)

            try "log:\n  level: shouting\n".write(to: file, atomically: true, encoding: .utf8)
            kill(daemon.process.processIdentifier, SIGHUP)
            let secondReload = try await manager.receive(until: { $0.contains { $0.contains("READY=1") } })
            // Still the tokens of the last good file.
            #expect(try await Self.post(port: port, token: nil) == 401)
            #expect(try await Self.post(port: port, token: Self.token) == 200)
            #expect(daemon.process.isRunning)

            kill(daemon.process.processIdentifier, SIGTERM)
            _ = try await manager.receive(until: { $0.contains { $0.contains("STOPPING=1") } })
            #expect(await daemon.exitStatus() == 0)
            let lines = await log.value.split(separator: "\n")

            for reload in [firstReload, secondReload] {
                #expect(reload.count == 2)
                let reloading = try #require(reload.first)
                #expect(reloading.first == "RELOADING=1")
                let stamp = try #require(reloading.first { $0.hasPrefix("MONOTONIC_USEC=") })
                #expect(UInt64(stamp.dropFirst("MONOTONIC_USEC=".count)).map { $0 > 0 } == true)
                #expect(reload.last?.contains("READY=1") == true)
            }
            #expect(lines.contains { $0.contains("configuration reloaded") && $0.contains("token_hashes=1") })
            #expect(lines.contains { $0.contains("take effect at the next restart") && $0.contains("keys=database.pool_size") })
            // The reload to debug took: the daemon logs at debug from then on.
            #expect(lines.contains { $0.contains("level=debug") })
            let failure = try #require(lines.first { $0.contains("configuration reload failed") })
            #expect(failure.contains("log.level"))
            #expect(failure.contains("level=error"))
        }
    }

    @Test(.timeLimit(.minutes(2))) func changedThresholdsAreEvaluatedAtTheReload() async throws {
        try await TestDatabase.withPool { pool, database in
            let file = try Self.configurationFile(containing: "alerts:\n  thresholds: [5]\n")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let port = try LocalHTTP.freePort()
            let daemon = try TimelinedBinary.start(["serve", "--config", file.path], environment: [
                "TIMELINED_DATABASE_URL": database.connectionString.rawValue,
                "TIMELINED_HTTP_PORT": String(port),
            ])
            #expect(await LocalHTTP.waitFor("http://127.0.0.1:\(port)/readyz", 200))

            // Twenty days before its expiry: past a 30-day threshold, not yet at a 5-day one.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let expiry = formatter.string(from: calendar.date(byAdding: .day, value: 20, to: Date())!)
            let record = #"{"key": "pact-signing", "kind": "signing", "title": "Pact signed", "date": "2020-01-01", "#
                + #""agreement": {"id": "pact", "title": "Pact"}, "expires_on": "\#(expiry)"}"#
            #expect(try await LocalHTTP.postEvents(port: port, Data(record.utf8)) == 200)
            // Evaluated once the ingest is announced; the start's full pass has run by then, since it
            // runs once the listener is in place. From here only the reload can evaluate it again.
            #expect(try await eventually {
                try await !pool.query("SELECT 1 FROM agreement_evaluations WHERE agreement_id = 'pact'").isEmpty
            })
            let thirtyDays = "SELECT 1 FROM notifications WHERE agreement_id = 'pact' AND threshold = 30"
            #expect(try await pool.query(thirtyDays).isEmpty)

            try "alerts:\n  thresholds: [30, 5]\n".write(to: file, atomically: true, encoding: .utf8)
            kill(daemon.process.processIdentifier, SIGHUP)
            #expect(try await eventually { try await !pool.query(thirtyDays).isEmpty })

            kill(daemon.process.processIdentifier, SIGTERM)
            #expect(await daemon.exitStatus() == 0)
        }
    }
}

