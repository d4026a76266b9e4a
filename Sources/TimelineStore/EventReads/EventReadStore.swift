import Foundation
import Postgres
import TimelineCore

/// The reads of contract §3 over events: one event, its history, the timeline. Each is one
/// statement whose result is the response body, built by PostgreSQL (`event_document` in
/// `SQL/0002_event_reads.sql` gives every event its shape).
public struct EventReadStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The current revision — the record as ingested plus `id`, `revision`, `recorded_at`,
    /// `precision` and `retracted` (a retracted event is still shown, marked so); nil when there
    /// is no such event.
    public func event(id: Int64) async throws -> Data? {
        try await StoreError.translating {
            let rows = try await pool.query(
                "SELECT event_document(r) FROM event_revisions r WHERE r.event_id = $1::bigint AND r.superseded_at IS NULL",
                [id]
            )
            return try rows.first?.json(0)
        }
    }

    /// `{"revisions": [...]}`, oldest first, each shaped as by ``event(id:)``; nil when there is no such event.
    public func revisions(id: Int64) async throws -> Data? {
        try await StoreError.translating {
            let rows = try await pool.query(
                """
                SELECT '{"revisions": [' || string_agg(event_document(r), ', ' ORDER BY r.revision) || ']}'
                FROM event_revisions r WHERE r.event_id = $1::bigint
                HAVING count(*) > 0
                """,
                [id]
            )
            return try rows.first?.json(0)
        }
    }

    /// `{"events": [...], "next_cursor": string|null}`: the page of `query`, retracted events left out.
    public func timeline(_ query: TimelineQuery) async throws -> Data {
        try await StoreError.translating {
            let (sql, parameters) = TimelineStatement(query).statement.rendered
            return try await pool.query(sql, parameters)[0].json(0)
        }
    }
}
