import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Postgres
import TestSupport
import Testing
import TimelineAPI
import TimelineStore

/// Slow-loris: a client that sends a byte now and then must not hold a connection for as long
/// as it likes. The server runs on the channel the daemon uses, with a one-second timeout for
/// what each test is about and a long one for the other: on a loaded machine a client's bytes
/// may come seconds apart, which must not end a test the wrong way.
@Suite("Slow clients")
struct SlowClientTests {
    static let bodyTimeout = HTTPServerTimeouts(idle: .seconds(30), body: .seconds(1))
    static let idleTimeout = HTTPServerTimeouts(idle: .seconds(1), body: .seconds(30))

    @Test(.timeLimit(.minutes(3))) func aBodyTricklingInPastTheBodyTimeoutIs408AndTheConnectionCloses() async throws {
        try await withServer(Self.bodyTimeout) { port, pool in
            let body = Array(visit("slow").utf8)
            let head = "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(TestToken.value)\r\nContent-Length: \(body.count)\r\n\r\n"
            // A byte every 200 ms: the whole body would take about 20 s.
            let outcome = try await SlowClient.run(port: port, opening: head, trickle: body)
            #expect(outcome.text.hasPrefix("HTTP/1.1 408"), "\(outcome.text.prefix(200))")
            #expect(outcome.text.contains("application/problem+json"))
            #expect(outcome.text.contains("urn:timelined:problem:request-timeout"))
            let closedAfter = try #require(outcome.closedAfter, "the connection stayed open")
            #expect(closedAfter < .seconds(10))
            #expect(try await storedRows(pool) == 0)
        }
    }

    @Test(.timeLimit(.minutes(3))) func aBodyNoHandlerReadsCannotHoldTheConnectionEither() async throws {
        try await withServer(Self.bodyTimeout) { port, _ in
            let head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n"
            let outcome = try await SlowClient.run(port: port, opening: head, trickle: Array(repeating: UInt8(ascii: "x"), count: 1000))
            #expect(outcome.text.hasPrefix("HTTP/1.1 200"), "\(outcome.text.prefix(200))")
            let closedAfter = try #require(outcome.closedAfter, "the connection stayed open")
            #expect(closedAfter < .seconds(10))
        }
    }

    @Test(.timeLimit(.minutes(3))) func requestHeadersSentAByteAtATimeAreCutOff() async throws {
        try await withServer(Self.idleTimeout) { port, _ in
            let headers = "Host: localhost\r\nX-Padding: " + String(repeating: "a", count: 200)
            let outcome = try await SlowClient.run(port: port, opening: "GET /healthz HTTP/1.1\r\n", trickle: Array(headers.utf8))
            let closedAfter = try #require(outcome.closedAfter, "the connection stayed open")
            #expect(closedAfter < .seconds(10))
            #expect(!outcome.text.contains("200 OK"))
        }
    }

    @Test(.timeLimit(.minutes(3))) func anIdleKeepAliveConnectionIsClosed() async throws {
        try await withServer(Self.idleTimeout) { port, _ in
            var outcome = SlowClient.Outcome(text: "", closedAfter: nil)
            // Again when the server closed for idleness before the request got there.
            for _ in 0..<3 where outcome.text.isEmpty {
                outcome = try await SlowClient.run(port: port, opening: "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            }
            #expect(outcome.text.hasPrefix("HTTP/1.1 200"), "\(outcome.text.prefix(200))")
            let closedAfter = try #require(outcome.closedAfter, "the connection stayed open")
            #expect(closedAfter >= .milliseconds(900))
            #expect(closedAfter < .seconds(10))
        }
    }

    @Test(.timeLimit(.minutes(3))) func aBodyArrivingInTimeIsIngested() async throws {
        try await withServer(HTTPServerTimeouts(idle: .seconds(30), body: .seconds(10))) { port, pool in
            let body = Array(visit("prompt").utf8)
            let head = "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(TestToken.value)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            // In four pieces, 100 ms apart: well within the body's time.
            let pieces = stride(from: 0, to: body.count, by: (body.count + 3) / 4).map { Array(body[$0..<min($0 + (body.count + 3) / 4, body.count)]) }
            let outcome = try await SlowClient.run(port: port, opening: head, pieces: pieces, interval: .milliseconds(100))
            #expect(outcome.text.hasPrefix("HTTP/1.1 200"), "\(outcome.text.prefix(300))")
            #expect(try await pool.query("SELECT count(*) FROM events")[0].int(0) == 1)
        }
    }

    /// The daemon's router over a migrated throwaway database, served live on the daemon's channel.
    private func withServer(
        _ timeouts: HTTPServerTimeouts, _ test: @escaping @Sendable (Int, PostgresPool) async throws -> Void
    ) async throws {
        try await TestDatabase.withPool { pool, _ in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let application = Application(
                router: makeRouter(pool: pool),
                server: .http1(configuration: timeouts.channelConfiguration),
                logger: LogCapture().logger)
            try await application.test(.live) { client in
                try await test(try #require(client.port), pool)
            }
        }
    }
}

/// A raw HTTP/1.1 client that sends slowly.
enum SlowClient {
    struct Outcome: Sendable {
        /// Everything the server sent.
        let text: String
        /// How long after connecting the server closed the connection; nil when it was still open
        /// when the client gave up.
        let closedAfter: Duration?
    }

    /// Connects, sends `opening`, then each of `trickle`'s bytes (or each of `pieces`) `interval`
    /// apart, while reading until the server closes the connection or `giveUpAfter` has passed.
    static func run(
        port: Int, opening: String, trickle: [UInt8] = [], pieces: [[UInt8]]? = nil,
        interval: Duration = .milliseconds(200), giveUpAfter: Duration = .seconds(20)
    ) async throws -> Outcome {
        let pieces = pieces ?? trickle.map { [$0] }
        // Before connecting: the server's idle clock starts when it accepts, never earlier, so a
        // task resumed late after the connect cannot make the server look quicker than it was.
        let start = ContinuousClock.now
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            // A server that closed before the client said anything (a loaded machine can delay the
            // first write past an idle timeout) has closed the connection all the same.
            guard (try? await outbound.write(ByteBuffer(string: opening))) != nil else {
                return Outcome(text: "", closedAfter: .now - start)
            }
            return await withTaskGroup(of: Outcome?.self) { group in
                group.addTask {
                    for piece in pieces {
                        try? await Task.sleep(for: interval)
                        // Once the server has closed, writes fail: the reader reports it.
                        guard (try? await outbound.write(ByteBuffer(bytes: piece))) != nil else { break }
                    }
                    return nil
                }
                group.addTask {
                    var text = ""
                    do {
                        for try await buffer in inbound { text += String(buffer: buffer) }
                    } catch {
                        // A reset is a close too.
                    }
                    return Task.isCancelled ? Outcome(text: text, closedAfter: nil) : Outcome(text: text, closedAfter: .now - start)
                }
                group.addTask {
                    try? await Task.sleep(for: giveUpAfter)
                    return Outcome(text: "", closedAfter: nil)
                }
                var outcome: Outcome?
                while outcome == nil, let next = await group.next() {
                    outcome = next
                }
                group.cancelAll()
                return outcome ?? Outcome(text: "", closedAfter: nil)
            }
        }
    }
}
