import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@Suite("Agreement store")
struct AgreementStoreTests {
    @Test func upsertCreatesUpdatesAndKeepsWhatIsLeftOut() async throws {
        try await withMigratedDatabase { pool, _ in
            let store = AgreementStore(pool: pool)
            let full = AgreementMetadata(id: "pact", title: "A pact", parties: ["FR", "DE"], summary: "Signed.", alertDays: [30, 0])
            #expect(try await store.upsert(full) == .created)
            #expect(try await store.upsert(full) == .unchanged)
            #expect(try await store.upsert(AgreementMetadata(id: "pact", title: "A pact")) == .unchanged)
            #expect(try await store.upsert(AgreementMetadata(id: "pact", title: "The pact")) == .updated)
            #expect(try await store.upsert(AgreementMetadata(id: "pact", title: "The pact", parties: ["DE", "FR"])) == .updated)
            #expect(try await store.upsert(AgreementMetadata(id: "pact", title: "The pact", alertDays: [])) == .updated)

            let row = try await pool.query("SELECT title, summary, alert_days FROM agreements WHERE id = 'pact'")[0]
            #expect(try row.string(0) == "The pact" && row.optionalString(1) == "Signed." && row.array(2).isEmpty)
            let inputs = try await store.inputs(ids: ["pact", "unknown"])
            #expect(inputs == [AgreementInput(id: "pact", title: "The pact", parties: ["DE", "FR"], alertDays: [], events: [])])
            // Parties never seen before became actors named after their id.
            let actors = try await pool.query("SELECT id, name FROM actors ORDER BY id").map { "\(try $0.string(0))=\(try $0.string(1))" }
            #expect(actors == ["DE=DE", "FR=FR"])
        }
    }

    @Test(.timeLimit(.minutes(3))) func upsertTellsTheAlertEngines() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let feed = AgreementChangeFeed(connectionString: database.connectionString, logger: TestDatabase.logger)
            var changes = feed.changes().makeAsyncIterator()
            #expect(await changes.next() == .resumed)
            _ = try await AgreementStore(pool: pool).upsert(AgreementMetadata(id: "pact", title: "A pact", alertDays: [10]))
            #expect(await changes.next() == .agreement("pact"))
            feed.stop()
        }
    }

    @Test func theLifecycleViewOfTheSeedAgreement() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let ids = try await ingestor.ingest(try sampleRecords()).map(\.id)
            let view = try #require(
                try await AgreementStore(pool: pool).agreement(id: "us-cn-sta", on: try day("2023-09-01"), defaultThresholds: [7, 30]))
            let expected: JSONValue = [
                "id": "us-cn-sta", "title": "US–China Science and Technology Cooperation Agreement", "parties": ["US", "CN"],
                "as_of": "2023-09-01", "signed_on": "1979", "in_force_from": nil, "expires_on": "2023-08-27",
                "status": "expired", "days_remaining": -5, "alert_days": [30, 7],
                "history": [
                    ["event": .string(ids[0]), "kind": "signing", "date": "1979", "expires_on": nil],
                    ["event": .string(ids[7]), "kind": "expiration", "date": "2023-08-27", "expires_on": "2023-08-27"],
                ],
            ]
            #expect(try json(view) == expected)
            #expect(try await AgreementStore(pool: pool).agreement(id: "nope", on: try day("2023-09-01"), defaultThresholds: []) == nil)
        }
    }

    @Test func aRetractedEventLeavesTheLifecycle() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let ids = try await ingest(ingestor, [signing("pact", expiresOn: "2030-01-01")])
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: ids[0])
            let input = try #require(try await AgreementStore(pool: pool).inputs().first)
            #expect(input.events.map(\.isRetracted) == [true])
            let view = AgreementLifecycleView(input, on: try day("2029-12-01"), defaultThresholds: defaultThresholds)
            #expect(view.lifecycle.expiresOn == nil && view.lifecycle.history.isEmpty)
        }
    }

    @Test func theListFiltersByStatusAndParty() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [
                signing("active", expiresOn: "2030-01-01", parties: ["FR"]),
                signing("expiring", expiresOn: "2024-03-01", parties: ["FR", "DE"]),
                signing("expired", expiresOn: "2023-12-01", parties: ["DE"]),
                signing("ended", expiresOn: "2030-01-01", parties: ["FR"]),
                #"{"kind": "termination", "title": "Ended", "date": "2023-06-01", "agreement": "ended"}"#,
                #"{"kind": "signing", "title": "Signed", "date": "2020", "agreement": {"id": "open-ended", "title": "No expiry"}}"#,
            ])
            let store = AgreementStore(pool: pool)
            let date = try day("2024-01-01")
            func list(_ statuses: Set<AgreementStatus> = [], party: String? = nil) async throws -> [String] {
                try await store.agreements(on: date, statuses: statuses, party: party, defaultThresholds: defaultThresholds)
                    .agreements.map { "\($0.id):\($0.lifecycle.status.rawValue)" }
            }
            #expect(try await list() == ["active:active", "ended:terminated", "expired:expired", "expiring:expiring", "open-ended:active"])
            #expect(try await list([.active]) == ["active:active", "open-ended:active"])
            #expect(try await list([.expired, .expiring]) == ["expired:expired", "expiring:expiring"])
            #expect(try await list(party: "FR") == ["active:active", "ended:terminated", "expiring:expiring"])
            #expect(try await list([.expiring, .terminated], party: "DE") == ["expiring:expiring"])
            #expect(try await list(party: "nobody").isEmpty)

            let body = try json(try await store.agreements(on: date, party: "DE", defaultThresholds: defaultThresholds))
            #expect(body["agreements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["expired", "expiring"])
        }
    }
}
