import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

/// `actor_timeline` (0005) stays exactly what the current, visible revisions say, through
/// updates that move an event or change its actors, retractions, and concurrent writers — the
/// actor-filtered timeline reads nothing else.
@Suite("Actor timeline")
struct ActorTimelineTests {
    /// Rows in `actor_timeline` and not derived from the revisions, and the other way round.
    static func drift(_ pool: PostgresPool) async throws -> Int {
        let derived = """
            SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date
            FROM event_revisions r, unnest(r.actor_ids) AS actor_id WHERE r.superseded_at IS NULL AND NOT r.retracted
            """
        let stored = "SELECT actor_id, start_date, precision, event_id, end_date FROM actor_timeline"
        return try await pool.query("SELECT (SELECT count(*) FROM (\(derived) EXCEPT \(stored)) a) + (SELECT count(*) FROM (\(stored) EXCEPT \(derived)) b)")[0].int(0)
    }

    @Test func updatesAndRetractionsKeepItExact() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let store = EventReadStore(pool: pool)
            try await ingest(ingestor, [
                #"{"key": "a", "kind": "meeting", "title": "A", "date": "2001-05-01", "actors": ["US", "CN"]}"#,
                #"{"key": "b", "kind": "meeting", "title": "B", "date": "2002", "actors": ["US", "CN", "JP"]}"#,
                #"{"key": "c", "kind": "visit", "title": "C", "date": "2003-02", "actors": ["CN", "US"]}"#,
                #"{"kind": "statement", "title": "D", "date": "2004-01-01", "actors": [{"id": "US", "role": "host"}]}"#,
            ])
            #expect(try await Self.drift(pool) == 0)
            #expect(try await keys(body(store.timeline(.with { $0.actors = ["CN", "US"] }))) == ["a", "b", "c"])

            // a moves and loses CN; c keeps its actors and date but changes its title; b is retracted.
            try await ingest(ingestor, [
                #"{"key": "a", "kind": "meeting", "title": "A", "date": "2005-05-01", "actors": ["US", "FR"]}"#,
                #"{"key": "c", "kind": "visit", "title": "C, revised", "date": "2003-02", "actors": ["CN", "US"]}"#,
            ])
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: try await eventID(key: "b", pool))
            #expect(try await Self.drift(pool) == 0)
            #expect(try await keys(body(store.timeline(.with { $0.actors = ["US", "CN"] }))) == ["c"])
            #expect(try await keys(body(store.timeline(.with { $0.actors = ["FR"] }))) == ["a"])
            #expect(try await keys(body(store.timeline(.with { $0.actors = ["JP"] }))).isEmpty)
            #expect(try await pool.query("SELECT count(*) FROM actor_timeline WHERE actor_id = 'US'")[0].int(0) == 3)
        }
    }

    @Test func concurrentUpdatesOfOneEventLeaveOneCurrentEntry() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<12 {
                    group.addTask {
                        try await ingest(ingestor, [
                            #"{"key": "shared", "kind": "meeting", "title": "Round \#(round)", "date": "20\#(10 + round)", "actors": ["US", "A\#(round % 3)"]}"#,
                        ])
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.drift(pool) == 0)
            #expect(try await pool.query("SELECT count(*) FROM actor_timeline WHERE actor_id = 'US'")[0].int(0) == 1)
        }
    }
}
