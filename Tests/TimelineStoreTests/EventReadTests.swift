import Foundation
import Testing
import TimelineCore
import TimelineStore

@Suite("Event reads")
struct EventReadTests {
    @Test func anEventIsItsRecordPlusWhatTheServerKnows() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let source = #"{"key": "raimondo", "kind": "visit", "title": "Raimondo visits Beijing", "date": "2023-08-27", "end_date": "2023-08-30", "actors": [{"id": "US", "role": "guest"}, "CN"], "location": "Beijing", "sources": [{"url": "https://example.org/a", "published": "2023-08-28"}], "tags": ["trade"]}"#
            let id = try await ingest(ingestor, [source])[0]
            let event = try body(try await EventReadStore(pool: pool).event(id: id))

            guard case .object(var members) = event else { throw ExpectedObject() }
            for field in ["id", "revision", "recorded_at", "precision", "retracted", "status", "origin"] { members[field] = nil }
            #expect(JSONValue.object(members) == (try record(source)))
            #expect(event["id"] == .string(String(id)))
            #expect(event["revision"] == 1)
            #expect(event["precision"] == "day")
            #expect(event["retracted"] == false)
            #expect(event["status"] == "confirmed" && event["origin"] == "person")
        }
    }

    @Test func recordedAtIsUTCWithTheSixFractionDigitsPostgreSQLStored() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let ids = try await ingest(ingestor, [
                #"{"kind": "statement", "title": "A year", "date": "2023"}"#,
                #"{"kind": "statement", "title": "A month", "date": "2023-08"}"#,
            ])
            let store = EventReadStore(pool: pool)
            for (id, precision) in zip(ids, ["year", "month"]) {
                let event = try body(try await store.event(id: id))
                #expect(event["precision"] == .string(precision))
                let recordedAt = try #require(event["recorded_at"]?.stringValue)
                #expect(isRecordedAtText(recordedAt), "\(recordedAt)")
                let stored = try await pool.query(
                    "SELECT recorded_at = $2::timestamptz FROM event_revisions WHERE event_id = $1::bigint", [id, recordedAt]
                )
                #expect(try stored[0].bool(0))
                #expect(try RFC3339Timestamp(parsing: recordedAt).description == recordedAt)
            }
        }
    }

    @Test func revisionsAreListedOldestFirstEachShapedAsTheEvent() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let id = try await ingest(ingestor, [#"{"key": "k", "kind": "meeting", "title": "Talks", "date": "2023-08"}"#])[0]
            try await ingest(ingestor, [#"{"key": "k", "kind": "meeting", "title": "Talks in Beijing", "date": "2023-08-28"}"#])
            try await ingest(ingestor, [#"{"key": "k", "kind": "meeting", "title": "Talks in Beijing and Shanghai", "date": "2023-08-28"}"#])
            let store = EventReadStore(pool: pool)
            let revisions = try #require(try body(try await store.revisions(id: id))["revisions"]?.arrayValue)
            #expect(revisions.map { $0["revision"] } == [1, 2, 3])
            #expect(revisions.map { $0["title"] } == ["Talks", "Talks in Beijing", "Talks in Beijing and Shanghai"])
            #expect(revisions.map { $0["precision"] } == ["month", "day", "day"])
            let times = try revisions.map { try #require($0["recorded_at"]?.stringValue) }
            #expect(times == times.sorted() && Set(times).count == 3)
            #expect(revisions.last == (try body(try await store.event(id: id))))
        }
    }

    @Test func anUnknownEventIsNil() async throws {
        try await TimelineFixture.withStore { store, _, _ throws in
            #expect(try await store.event(id: 9_999) == nil)
            #expect(try await store.revisions(id: 9_999) == nil)
            #expect(try await store.event(id: -1) == nil)
        }
    }

    private struct ExpectedObject: Error {}
}
