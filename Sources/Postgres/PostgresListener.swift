import Foundation
import Logging
import Synchronization

/// `LISTEN` on a connection of its own, read on a thread of its own.
///
/// The stream yields ``Event/notification(_:)`` for every `NOTIFY` on the channels, and
/// ``Event/connected`` after the first connection and after each reconnection: notifications
/// sent while the connection was down are lost, so a consumer should re-check its state
/// whenever it sees `connected`.
public final class PostgresListener: Sendable {
    public enum Event: Sendable, Hashable {
        case connected
        case notification(PostgresNotification)
    }

    private let connectionString: ConnectionString
    private let channels: [String]
    private let logger: Logger
    private let isStopped = Atomic<Bool>(false)
    private let maximumBackoff: Duration

    public init(connectionString: ConnectionString, channels: [String], logger: Logger, maximumBackoff: Duration = .seconds(5)) {
        self.connectionString = connectionString
        self.channels = channels
        self.logger = logger
        self.maximumBackoff = maximumBackoff
    }

    /// Starts listening; the stream ends after ``stop()``.
    public func events() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(10_000))
        let thread = Thread { [self] in
            run(continuation)
            continuation.finish()
        }
        thread.name = "timelined-listen"
        thread.start()
        continuation.onTermination = { [self] _ in stop() }
        return stream
    }

    public func stop() {
        isStopped.store(true, ordering: .relaxed)
    }

    /// The thread's loop: connect, LISTEN, wait on the socket, deliver; reconnect with backoff.
    private func run(_ continuation: AsyncStream<Event>.Continuation) {
        var backoff = RetryBackoff.reconnection(upTo: maximumBackoff)
        while !isStopped.load(ordering: .relaxed) {
            do {
                let connection = try PostgresConnection(connectionString: connectionString, applicationName: "timelined-listen")
                defer { connection.close() }
                for channel in channels {
                    // LISTEN takes an identifier, not a parameter: quote it as one.
                    try connection.query("LISTEN \"\(channel.replacingOccurrences(of: "\"", with: "\"\""))\"")
                }
                backoff.reset()
                continuation.yield(.connected)
                try deliver(from: connection, to: continuation)
            } catch {
                guard !isStopped.load(ordering: .relaxed) else { return }
                let delay = backoff.next()
                logger.warning("PostgreSQL listener disconnected", metadata: [
                    "database": "\(connectionString.redacted)", "error": "\(error)", "retry_in": "\(delay)",
                ])
                sleep(for: delay)
            }
        }
    }

    private func deliver(from connection: PostgresConnection, to continuation: AsyncStream<Event>.Continuation) throws {
        let socket = connection.socket
        while !isStopped.load(ordering: .relaxed) {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            // Wake up now and then to notice stop().
            let ready = poll(&descriptor, 1, 250)
            if ready < 0 && errno != EINTR { throw PostgresError.connectionLost(message: String(cString: strerror(errno))) }
            guard ready > 0 else { continue }
            for notification in try connection.consumeNotifications() {
                continuation.yield(.notification(notification))
            }
        }
    }

    private func sleep(for delay: Duration) {
        let deadline = ContinuousClock.now + delay
        while !isStopped.load(ordering: .relaxed), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
