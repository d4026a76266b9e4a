import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@Suite("Actors")
struct ActorStoreTests {
    @Test func eventCountCountsCurrentEventsThatAreNotRetracted() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let store = ActorStore(pool: pool)
            #expect(try body(try await store.actor(id: "US")) == ["id": "US", "name": "US", "event_count": 8])
            #expect(try body(try await store.actor(id: "gina-raimondo")) == ["id": "gina-raimondo", "name": "Gina Raimondo", "event_count": 2])

            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: try await eventID(key: "blinken-china-2023-06", pool))
            #expect(try body(try await store.actor(id: "US"))["event_count"] == 7)
            #expect(try body(try await store.actor(id: "antony-blinken"))["event_count"] == 0)
            // A new revision replaces the old one in the count; one without the actor leaves it.
            try await ingest(ingestor, [#"{"key": "raimondo-wang-wentao-2023-08-28", "kind": "meeting", "title": "Raimondo meets Wang Wentao", "date": "2023-08-28", "actors": ["gina-raimondo", "wang-wentao"]}"#])
            #expect(try body(try await store.actor(id: "US"))["event_count"] == 6)
            #expect(try body(try await store.actor(id: "gina-raimondo"))["event_count"] == 2)
        }
    }

    @Test func anUnknownActorIsNil() async throws {
        try await withMigratedDatabase { pool, _ throws in
            #expect(try await ActorStore(pool: pool).actor(id: "nobody") == nil)
        }
    }

    @Test func pagesWalkEveryActorInIdOrder() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let store = ActorStore(pool: pool)
            let all = try await pool.query("SELECT id FROM actors ORDER BY id").map { try $0.string(0) }
            #expect(all.count == 9)

            var cursor: String?
            var walked: [String] = []
            var pages = 0
            repeat {
                let page = try body(try await store.actors(limit: 2, after: cursor))
                let actors = try #require(page["actors"]?.arrayValue)
                walked += actors.compactMap { $0["id"]?.stringValue }
                #expect(actors.allSatisfy { $0["event_count"]?.numberValue ?? 0 > 0 && $0["name"]?.stringValue != nil })
                cursor = page["next_cursor"]?.stringValue
                if let cursor, let last = walked.last {
                    // PostgreSQL writes the cursor ActorCursor reads.
                    #expect(cursor == ActorCursor(actorID: last).encoded)
                }
                pages += 1
            } while cursor != nil
            #expect(walked == all)
            #expect(pages == 5)

            let whole = try body(try await store.actors(limit: 9, after: nil))
            #expect(whole["actors"]?.arrayValue?.count == 9 && whole["next_cursor"] == .null)
            let past = try body(try await store.actors(limit: 5, after: ActorCursor(actorID: "zzz").encoded))
            #expect(past == ["actors": [], "next_cursor": nil])
        }
    }

    @Test(arguments: ["not base64!", "VVM=", "", "Li4u"])
    func aMalformedCursorIsACursorError(cursor: String) async throws {
        try await withMigratedDatabase { pool, _ in
            let store = ActorStore(pool: pool)
            await #expect(throws: CursorError.self) {
                try await store.actors(limit: 10, after: cursor)
            }
        }
    }
}
