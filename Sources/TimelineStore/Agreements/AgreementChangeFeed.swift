import Logging
import Postgres

/// What changed, for every daemon on the database: a committed write that changes an agreement's
/// lifecycle events, metadata or parties names it on one PostgreSQL channel, and each daemon's
/// alert engine hears it, whichever daemon took the write; every committed write also moves the
/// change sequence (`SQL/0013_change_sequence.sql`), announced on a second channel, which the
/// caches of rendered responses hear. The one owner of both channels: writers notify through it,
/// listeners listen through it, to the subjects they name.
public final class AgreementChangeFeed: Sendable {
    public enum Change: Sendable, Hashable {
        /// Listening (again): changes made while nobody listened were not heard, so whatever
        /// depends on them must be checked afresh. The first change of every feed.
        case resumed
        /// This agreement changed.
        case agreement(String)
        /// A write committed and moved the change sequence to this value.
        case committed(sequence: Int64)
    }

    /// What a listener hears.
    public enum Subject: Sendable, Hashable {
        /// `.agreement` changes.
        case agreements
        /// `.committed` changes.
        case commits

        var channel: String {
            switch self {
            case .agreements: AgreementChangeFeed.channel
            // Written by the triggers of SQL/0013_change_sequence.sql.
            case .commits: "timelined_changes"
            }
        }
    }

    private static let channel = "timelined_agreements"
    private let listener: PostgresListener

    public init(connectionString: ConnectionString, logger: Logger, hearing subjects: [Subject] = [.agreements]) {
        listener = PostgresListener(connectionString: connectionString, channels: subjects.map(\.channel), logger: logger)
    }

    /// Starts listening on a connection of its own; the stream ends after `stop()`.
    public func changes() -> AsyncStream<Change> {
        let events = listener.events()
        return AsyncStream { continuation in
            let forwarding = Task {
                for await event in events {
                    switch event {
                    case .connected: continuation.yield(.resumed)
                    case .notification(let notification): continuation.yield(Self.change(notification))
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in forwarding.cancel() }
        }
    }

    private static func change(_ notification: PostgresNotification) -> Change {
        guard notification.channel == Subject.commits.channel, let sequence = Int64(notification.payload) else {
            return .agreement(notification.payload)
        }
        return .committed(sequence: sequence)
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
