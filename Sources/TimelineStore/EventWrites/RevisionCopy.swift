import Postgres
import TimelineCore

/// One event revision as the tables hold it.
struct RevisionRow: Sendable {
    let eventID: Int64
    let number: Int
    let record: EventRecord
    /// The record's canonical JSON (see `IngestBatch`), stored as `record`.
    let canonicalJSON: String
    /// Replaced within the same transaction by a later revision of the same event.
    let isSuperseded: Bool
    let isRetracted: Bool
    let origin: IngestOrigin

    init(
        eventID: Int64, number: Int, record: EventRecord, canonicalJSON: String, isSuperseded: Bool, isRetracted: Bool,
        origin: IngestOrigin
    ) {
        self.eventID = eventID
        self.number = number
        self.record = record
        self.canonicalJSON = canonicalJSON
        self.isSuperseded = isSuperseded
        self.isRetracted = isRetracted
        self.origin = origin
    }
}

/// Writes revisions and their actors with `COPY`: the ingest's bulk path.
enum RevisionCopy {
    /// - Parameter recordedAt: the transaction's `now()` as PostgreSQL printed it.
    static func copy(_ rows: [RevisionRow], recordedAt: String, on connection: PostgresConnection) throws {
        try connection.copy(
            """
            COPY event_revisions (event_id, revision, recorded_at, superseded_at, retracted, kind, start_date, end_date,
                                  precision, agreement_id, expires_on, extends_by, actor_ids, tags, title, summary, record, origin)
            FROM STDIN
            """,
            rows: rows.lazy.map { row -> [any PostgresBindable] in
                let record = row.record
                return [
                    row.eventID, row.number, recordedAt, row.isSuperseded ? recordedAt : nil, row.isRetracted,
                    record.kind.rawValue, record.start.description, record.end.description, record.precision.rawValue,
                    record.agreement?.id, record.expiresOn?.description, record.extendsBy?.description,
                    record.actors.map(\.id), record.tags, record.title, record.summary, row.canonicalJSON, row.origin.rawValue,
                ]
            }
        )
        try connection.copy(
            "COPY event_actors (event_id, revision, position, actor_id, role) FROM STDIN",
            rows: rows.lazy.flatMap { row in
                row.record.actors.enumerated().map { position, actor -> [any PostgresBindable] in
                    [row.eventID, row.number, position, actor.id, actor.role]
                }
            }
        )
    }
}
