import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@Suite("Retraction")
struct EventRetractorTests {
    @Test func retractingAppendsARetractedCopyOfTheCurrentRevision() async throws {
        try await TimelineFixture.withStore { store, pool, _ in
            let retractor = EventRetractor(pool: pool, logger: TestDatabase.logger)
            let id = try await eventID(key: "d1979-01-01", pool)
            let before = try body(try await store.event(id: id))

            let retracted = try body(try await retractor.retract(id: id))
            #expect(retracted["retracted"] == true)
            #expect(retracted["revision"] == 2)
            for field in ["id", "key", "kind", "title", "date", "actors", "precision"] {
                #expect(retracted[field] == before[field], "\(field)")
            }
            #expect(isRecordedAtText(try #require(retracted["recorded_at"]?.stringValue)))
            #expect(try body(try await store.event(id: id)) == retracted)
            // Who took part is kept with the new revision too.
            let actors = try await pool.query(
                "SELECT count(*) FROM event_actors WHERE event_id = $1::bigint GROUP BY revision ORDER BY revision", [id]
            )
            #expect(try actors.map { try $0.int(0) } == [3, 3])
            // It leaves the timeline and every filter, but stays in the history.
            #expect(try await store.eventKeys(TimelineQuery()) == TimelineFixture.ascending.filter { $0 != "d1979-01-01" })
            #expect(try await store.eventKeys(.with { $0.actors = ["JP"] }).isEmpty)
            let history = try #require(try body(try await store.revisions(id: id))["revisions"]?.arrayValue)
            #expect(history.map { $0["retracted"] } == [false, true])
        }
    }

    @Test func retractingTwiceChangesNothingTheSecondTime() async throws {
        try await TimelineFixture.withStore { store, pool, _ in
            let retractor = EventRetractor(pool: pool, logger: TestDatabase.logger)
            let id = try await eventID(key: "range", pool)
            let first = try #require(try await retractor.retract(id: id))
            let second = try #require(try await retractor.retract(id: id))
            #expect(try body(second) == body(first))
            #expect(try body(try await store.revisions(id: id))["revisions"]?.arrayValue?.count == 2)
        }
    }

    @Test func concurrentRetractionsOfOneEventAddOneRevision() async throws {
        try await TimelineFixture.withStore { store, pool, _ in
            let retractor = EventRetractor(pool: pool, logger: TestDatabase.logger)
            let id = try await eventID(key: "y1979", pool)
            let answers = try await withThrowingTaskGroup(of: JSONValue.self) { group in
                for _ in 0..<4 { group.addTask { try body(try await retractor.retract(id: id)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(answers).count == 1)
            #expect(answers.first?["revision"] == 2)
            #expect(try body(try await store.revisions(id: id))["revisions"]?.arrayValue?.count == 2)
        }
    }

    @Test func anUnknownEventIsNil() async throws {
        try await withMigratedDatabase { pool, _ throws in
            #expect(try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: 42) == nil)
        }
    }

    @Test func postingTheRecordAgainBringsARetractedEventBack() async throws {
        try await TimelineFixture.withStore { store, pool, ingestor in
            let id = try await eventID(key: "m1980-02", pool)
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: id)
            #expect(try await store.eventKeys(.with { $0.tag = "climate" }).isEmpty)
            try await ingest(ingestor, [TimelineFixture.records[6]])
            #expect(try await store.eventKeys(.with { $0.tag = "climate" }) == ["m1980-02"])
            #expect(try body(try await store.event(id: id))["revision"] == 3)
        }
    }

    /// The alert engines hear of it as of an ingest; a retraction that adds nothing stays silent.
    @Test(.timeLimit(.minutes(3))) func retractingAnAgreementsEventNotifiesOnce() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let ingestor = EventIngestor(pool: pool, logger: TestDatabase.logger)
            try await ingest(ingestor, TimelineFixture.records)
            let retractor = EventRetractor(pool: pool, logger: TestDatabase.logger)
            let feed = AgreementChangeFeed(connectionString: database.connectionString, logger: TestDatabase.logger)
            var changes = feed.changes().makeAsyncIterator()
            #expect(await changes.next() == .resumed)

            _ = try await retractor.retract(id: try await eventID(key: "range", pool))
            let agreementEvent = try await eventID(key: "y2023", pool)
            _ = try await retractor.retract(id: agreementEvent)
            _ = try await retractor.retract(id: agreementEvent)
            try await ingest(ingestor, [#"{"kind": "signing", "title": "Another", "date": "2024", "agreement": {"id": "later", "title": "Later"}}"#])

            var payloads: [String] = []
            while payloads.count < 2, case .agreement(let id) = await changes.next() {
                payloads.append(id)
            }
            #expect(payloads == ["sta", "later"])
            feed.stop()
        }
    }
}
