import Logging
import Postgres

/// "Delivery rows are waiting", for every daemon on the database: the ledger's transaction that
/// writes delivery rows notifies one PostgreSQL channel, so each delivery worker hears of them
/// at commit — whichever daemon or `timelined alerts evaluate` wrote them. The one owner of the
/// channel: the ledger notifies through it, workers listen through it.
public final class OutboxWakeups: Sendable {
    private static let channel = "timelined_deliveries"
    private let listener: PostgresListener

    public init(connectionString: ConnectionString, logger: Logger) {
        listener = PostgresListener(connectionString: connectionString, channels: [Self.channel], logger: logger)
    }

    /// One element per notification and after every (re)connection, when rows written while
    /// nobody listened may be waiting; ends after `stop()`.
    public func signals() -> AsyncStream<Void> {
        let events = listener.events()
        return AsyncStream(Void.self, bufferingPolicy: .bufferingNewest(1)) { continuation in
            let forwarding = Task {
                for await _ in events { continuation.yield() }
                continuation.finish()
            }
            continuation.onTermination = { _ in forwarding.cancel() }
        }
    }

    public func stop() {
        listener.stop()
    }

    /// Inside the writer's transaction: delivered when it commits, and never when it rolls back.
    static func notify(on connection: PostgresConnection) throws(PostgresError) {
        try connection.query("SELECT pg_notify($1, '')", [channel])
    }
}
