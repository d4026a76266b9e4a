import Logging
import Postgres

/// Which agreements changed, for every daemon on the database: a committed write that changes an
/// agreement's lifecycle events, metadata or parties names it on one PostgreSQL channel, and each
/// daemon's alert engine hears it, whichever daemon took the write. The one owner of the
/// channel: writers notify through it, listeners listen through it.
public final class AgreementChangeFeed: Sendable {
    public enum Change: Sendable, Hashable {
        /// Listening (again): changes made while nobody listened were not heard, so whatever
        /// depends on them must be checked afresh. The first change of every feed.
        case resumed
        /// This agreement changed.
        case agreement(String)
    }

    private static let channel = "timelined_agreements"
    private let listener: PostgresListener

    public init(connectionString: ConnectionString, logger: Logger) {
        listener = PostgresListener(connectionString: connectionString, channels: [Self.channel], logger: logger)
    }

    /// Starts listening on a connection of its own; the stream ends after `stop()`.
    public func changes() -> AsyncStream<Change> {
        let events = listener.events()
        return AsyncStream { continuation in
            let forwarding = Task {
                for await event in events {
                    switch event {
                    case .connected: continuation.yield(.resumed)
                    case .notification(let notification): continuation.yield(.agreement(notification.payload))
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in forwarding.cancel() }
        }
    }

    public func stop() {
        listener.stop()
    }

    /// Names `ids` as changed, inside the writer's transaction: delivered when it commits, and
    /// never when it rolls back.
    static func notify(_ ids: [String], on connection: PostgresConnection) throws(PostgresError) {
        guard !ids.isEmpty else { return }
        try connection.query("SELECT pg_notify($1, id) FROM unnest($2::text[]) AS id", [channel, ids])
    }
}
