import Foundation
import Logging
import Postgres
import TimelineCore

/// `POST /v1/events/{id}/confirm` (contract §9): a reviewer's confirmation of a candidate, with
/// whatever record fields they change at the same time, written as a new revision by the ingest's
/// own statements — references checked, actors and agreements stored, `extends_by` checked, the
/// ``AgreementChangeFeed`` told — so a confirmed lifecycle event reaches the alert engines.
public struct EventConfirmer: Sendable {
    private let pool: PostgresPool
    private let logger: Logger

    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// - Parameter changes: the request's body (record fields to set, `null` to remove one), nil without one.
    /// - Throws: `IngestError.invalid` when the changed record is invalid, with the fields named.
    public func confirm(id: Int64, changes: JSONValue?) async throws(IngestError) -> ConfirmationOutcome {
        let outcome = try await IngestTransaction.perform(on: pool) { connection -> ConfirmationOutcome in
            // The lock ingest and retraction take, so that they take turns with a confirmation.
            guard !(try connection.query("SELECT 1 FROM events WHERE id = $1::bigint FOR UPDATE", [id]).isEmpty) else {
                return .notFound
            }
            guard let current = try connection.query(
                "SELECT revision, retracted, status, record::text FROM event_revisions WHERE event_id = $1::bigint AND superseded_at IS NULL",
                [id]
            ).first else { return .notFound }
            let isRetracted = try current.bool(1)
            guard !isRetracted, try current.string(2) == CurationStatus.candidate.rawValue else {
                return .notCandidate(retracted: isRetracted)
            }
            let record = try CandidateConfirmation.record(
                current: try JSONValue(parsing: try current.string(3)), changes: changes
            ).get()
            _ = try IngestTransaction(batch: IngestBatch([record])).revise(eventID: id, after: try current.int(0), on: connection)
            let document = try connection.query(
                "SELECT event_document(r) FROM event_revisions r WHERE r.event_id = $1::bigint AND r.superseded_at IS NULL", [id]
            )[0]
            return .confirmed(try document.json(0))
        }
        if case .confirmed = outcome { logger.debug("confirmed event", metadata: ["event": "\(id)"]) }
        return outcome
    }
}
