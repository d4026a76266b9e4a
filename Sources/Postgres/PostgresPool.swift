import Foundation
import Logging
import NIOPosix
import Synchronization

/// A bounded pool of libpq connections with threads of its own.
///
/// Each borrowed connection runs its caller's blocking work on one of the pool's
/// `NIOThreadPool` threads (as many as connections), so libpq never blocks an event loop or
/// Swift's cooperative pool. A connection found broken — its backend terminated, the server
/// restarted — is closed and replaced; while new connections fail, further attempts wait
/// out an exponential backoff and callers get ``PostgresError/connectionFailed(message:)``
/// at once instead of piling up.
public final class PostgresPool: Sendable {
    public struct Configuration: Sendable {
        public var connectionString: ConnectionString
        /// Most connections open at once (`database.pool_size`).
        public var size: Int
        /// Milliseconds after which the server cancels a statement (0: none).
        public var statementTimeoutMilliseconds: Int
        public var applicationName: String
        /// Longest wait between two connection attempts after failures.
        public var maximumBackoff: Duration

        public init(
            connectionString: ConnectionString,
            size: Int = 8,
            statementTimeoutMilliseconds: Int = 30_000,
            applicationName: String = "timelined",
            maximumBackoff: Duration = .seconds(5)
        ) {
            self.connectionString = connectionString
            self.size = max(1, size)
            self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
            self.applicationName = applicationName
            self.maximumBackoff = maximumBackoff
        }
    }

    /// Gauges for `/metrics`.
    public struct Statistics: Sendable, Hashable {
        public let inUse: Int
        public let idle: Int
        public let waiting: Int
    }

    public let configuration: Configuration
    private let threads: NIOThreadPool
    private let state: Mutex<PoolState>
    private let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        state = Mutex(PoolState(backoff: .reconnection(upTo: configuration.maximumBackoff)))
        threads = NIOThreadPool(numberOfThreads: configuration.size)
        threads.start()
    }

    public var statistics: Statistics {
        state.withLock { state in
            Statistics(inUse: state.open - state.idle.count, idle: state.idle.count, waiting: state.waiters.count)
        }
    }

    /// Lends a connection to `body`, which runs on one of the pool's threads.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let lease = try await acquire()
        let current = BorrowedConnection(lease.connection)
        let (outcome, keep) = await withTaskCancellationHandler {
            do {
                // One hop does the health check, the caller's work and the check that the
                // connection is fit to be lent again.
                return try await threads.runIfActive { () -> (Result<T, any Error>, Bool) in
                    let connection: PostgresConnection
                    do {
                        connection = try self.usableConnection(replacing: lease.connection)
                    } catch {
                        return (.failure(error), false)
                    }
                    guard current.start(on: connection) else {
                        return (.failure(CancellationError()), connection.isUsable())
                    }
                    let result = Result { try body(connection) }
                    return (result, connection.isUsable())
                }
            } catch {
                return (.failure(error), false)
            }
        } onCancel: {
            current.cancel()
        }
        release(current.get(), keep: keep)
        return try outcome.get()
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    public func withTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withConnection { connection in try connection.transaction(.readWrite, body) }
    }

    /// One statement on any connection.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresBindable] = []) async throws -> PostgresRows {
        try await withConnection { connection in try connection.query(sql, parameters) }
    }

    /// Closes idle connections and fails waiters; borrowed connections close when returned.
    public func shutdown() async {
        let (idle, waiters) = state.withLock { state in
            state.isClosed = true
            defer {
                state.open -= state.idle.count
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        waiters.forEach { $0.continuation.resume(throwing: PostgresError.poolClosed) }
        if !idle.isEmpty {
            _ = try? await threads.runIfActive { idle.forEach { $0.close() } }
        }
        try? await threads.shutdownGracefully()
    }

    // MARK: - Leasing

    private func acquire() async throws -> Lease {
        let waiterID = UUID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
                let immediate: Result<Lease, any Error>? = state.withLock { state in
                    if state.isClosed { return .failure(PostgresError.poolClosed) }
                    if let connection = state.idle.popLast() { return .success(Lease(connection: connection)) }
                    if state.open < configuration.size {
                        state.open += 1
                        return .success(Lease(connection: nil))
                    }
                    state.waiters.append(Waiter(id: waiterID, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.waiters.firstIndex { $0.id == waiterID }.map { state.waiters.remove(at: $0) }
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Returns a connection, or its slot when it is gone, and hands either to a waiter.
    private func release(_ connection: PostgresConnection?, keep: Bool) {
        if !keep { connection?.close() }
        let handOff: (Waiter, Lease)? = state.withLock { state in
            if keep, let connection, !state.isClosed {
                if !state.waiters.isEmpty { return (state.waiters.removeFirst(), Lease(connection: connection)) }
                state.idle.append(connection)
                return nil
            }
            if state.isClosed, let connection { connection.close() }
            // The slot is free: a waiter may open a new connection in it.
            if !state.waiters.isEmpty, !state.isClosed { return (state.waiters.removeFirst(), Lease(connection: nil)) }
            state.open -= 1
            return nil
        }
        if let (waiter, lease) = handOff { waiter.continuation.resume(returning: lease) }
    }

    /// The leased connection when it still works, else a new one (blocking; pool thread only).
    private func usableConnection(replacing leased: PostgresConnection?) throws -> PostgresConnection {
        if let leased {
            if leased.isUsable() { return leased }
            leased.close()
            logger.warning("replacing a broken PostgreSQL connection", metadata: ["database": "\(configuration.connectionString.redacted)"])
        }
        return try connect()
    }

    private func connect() throws -> PostgresConnection {
        let now = ContinuousClock.now
        if let (retryAt, message) = state.withLock({ state in state.retryAt.map { ($0, state.lastFailure) } }), now < retryAt {
            throw PostgresError.connectionFailed(message: message)
        }
        do {
            let connection = try PostgresConnection(
                connectionString: configuration.connectionString,
                applicationName: configuration.applicationName,
                statementTimeout: configuration.statementTimeoutMilliseconds
            )
            let recovered = state.withLock { state in
                defer { state.backoff.reset(); state.retryAt = nil }
                return state.backoff.failures > 0
            }
            if recovered { logger.info("PostgreSQL reachable again", metadata: ["database": "\(configuration.connectionString.redacted)"]) }
            return connection
        } catch {
            let delay = state.withLock { state in
                let delay = state.backoff.next()
                state.retryAt = ContinuousClock.now + delay
                state.lastFailure = error.description
                return delay
            }
            logger.warning("cannot connect to PostgreSQL", metadata: [
                "database": "\(configuration.connectionString.redacted)",
                "error": "\(error)",
                "retry_in": "\(delay)",
            ])
            throw error
        }
    }
}

/// The connection a borrower is using, shared with its task's cancellation handler.
///
/// A cancellation that comes while the connection is still being opened is remembered, so
/// the work is not started at all; one that comes later cancels the running statement.
private final class BorrowedConnection: Sendable {
    private let state: Mutex<(connection: PostgresConnection?, isCancelled: Bool)>

    init(_ connection: PostgresConnection?) {
        state = Mutex((connection, false))
    }

    func get() -> PostgresConnection? { state.withLock { $0.connection } }

    /// Records the connection the work runs on; false when the task was cancelled already.
    func start(on connection: PostgresConnection) -> Bool {
        state.withLock { state in
            state.connection = connection
            return !state.isCancelled
        }
    }

    func cancel() {
        let connection = state.withLock { state in
            state.isCancelled = true
            return state.connection
        }
        connection?.cancelRunningStatement()
    }
}

/// A borrowed slot: an idle connection, or nil for one still to be opened.
private struct Lease: Sendable {
    let connection: PostgresConnection?
}

private struct Waiter: Sendable {
    let id: UUID
    let continuation: CheckedContinuation<Lease, any Error>
}

private struct PoolState: Sendable {
    var idle: [PostgresConnection] = []
    /// Connections open or being opened, idle or borrowed.
    var open = 0
    var waiters: [Waiter] = []
    var isClosed = false
    var backoff: RetryBackoff
    var retryAt: ContinuousClock.Instant?
    var lastFailure = ""
}
