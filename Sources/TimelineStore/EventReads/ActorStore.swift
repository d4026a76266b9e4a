import Foundation
import Postgres
import TimelineCore

/// The reads of `GET /v1/actors` and `GET /v1/actors/{id}`; `actor_document` in
/// `SQL/0002_event_reads.sql` gives every actor its shape and `event_count`.
public struct ActorStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// `{"actors": [...], "next_cursor": string|null}` ordered by id, `limit` (1...1000) a page,
    /// starting after the actor `cursor` names. A malformed cursor throws ``CursorError``.
    public func actors(limit: Int, after cursor: String?) async throws -> Data {
        try await StoreError.translating {
            let after = try cursor.map { (encoded) throws(CursorError) in try ActorCursor(encoded: encoded).actorID }
            let source: SQLFragment = if let after { "FROM actors a WHERE a.id > \(after)::text" } else { "FROM actors a" }
            let (sql, parameters) = KeysetPage(
                items: "actors", source: source, ordering: "a.id", document: "actor_document(a)::text", cursor: "base64url(a.id)", limit: limit
            ).statement.rendered
            return try await pool.query(sql, parameters)[0].json(0)
        }
    }

    /// One actor, `{"id", "name", "event_count"}`; nil when there is no such actor.
    public func actor(id: String) async throws -> Data? {
        try await StoreError.translating {
            try await pool.query("SELECT actor_document(a)::text FROM actors a WHERE a.id = $1::text", [id]).first?.json(0)
        }
    }
}
