import Foundation
import Logging
import Postgres

/// `DELETE /v1/events/{id}` (contract §3): a retraction is a new revision, so nothing is erased
/// and timelines read as of an earlier instant still show the event.
public struct EventRetractor: Sendable {
    private let pool: PostgresPool
    private let logger: Logger

    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Appends a revision marked retracted, with the content of the current one, and returns
    /// it as `event_document` shows it. An event already retracted is returned as it is, and
    /// nothing is added. nil: no such event. Touching an agreement notifies
    /// the ``AgreementChangeFeed``, as an ingest does, since its lifecycle loses an event.
    public func retract(id: Int64) async throws -> Data? {
        try await StoreError.translating {
            let outcome = try await pool.withTransaction { connection -> (document: Data, isNew: Bool)? in
                // The lock ingest takes too, so a retraction and an update of one event take turns.
                // Each later statement takes a fresh snapshot, so it sees whatever revision the
                // previous holder of the lock committed.
                guard !(try connection.query("SELECT 1 FROM events WHERE id = $1::bigint FOR UPDATE", [id]).isEmpty) else {
                    return nil
                }
                // The time is taken after the lock: no revision this one supersedes can be later.
                guard let current = try connection.query(
                    """
                    SELECT r.revision, r.retracted, event_document(r), clock_timestamp()
                    FROM event_revisions r WHERE r.event_id = $1::bigint AND r.superseded_at IS NULL
                    """,
                    [id]
                ).first else { return nil }
                if try current.bool(1) { return (try current.json(2), false) }
                let revision = try current.int(0)
                let now = try current.string(3)
                try connection.query(
                    "UPDATE event_revisions SET superseded_at = $3::timestamptz WHERE event_id = $1::bigint AND revision = $2::int",
                    [id, revision, now]
                )
                let appended = try connection.query(
                    """
                    WITH appended AS (
                        INSERT INTO event_revisions (event_id, revision, recorded_at, retracted, kind, start_date, end_date, precision,
                                                     agreement_id, expires_on, extends_by, actor_ids, tags, title, summary, record)
                        SELECT event_id, revision + 1, $3::timestamptz, true, kind, start_date, end_date, precision,
                               agreement_id, expires_on, extends_by, actor_ids, tags, title, summary, record
                        FROM event_revisions WHERE event_id = $1::bigint AND revision = $2::int
                        -- A candidate takes no part in its agreement's lifecycle: nothing to tell.
                        RETURNING event_document(event_revisions) AS document,
                                  CASE WHEN status = 'confirmed' THEN agreement_id END AS agreement_id
                    ),
                    actors AS (
                        INSERT INTO event_actors (event_id, revision, position, actor_id, role)
                        SELECT event_id, revision + 1, position, actor_id, role
                        FROM event_actors WHERE event_id = $1::bigint AND revision = $2::int
                    )
                    SELECT document, agreement_id FROM appended
                    """,
                    [id, revision, now]
                )[0]
                if let agreement = appended.optionalString(1) {
                    // Delivered at commit, like ingest's: the alert engines re-evaluate the agreement.
                    try AgreementChangeFeed.notify([agreement], on: connection)
                }
                return (try appended.json(0), true)
            }
            if let outcome, outcome.isNew { logger.debug("retracted event", metadata: ["event": "\(id)"]) }
            return outcome?.document
        }
    }
}
