import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@Suite("Ingest")
struct IngestTests {
    @Test func theSampleTwiceChangesNothingTheSecondTime() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let first = try await ingestor.ingest(try sampleRecords())
            #expect(first.count == 8)
            #expect(first.allSatisfy { $0.status == .created })
            #expect(Set(first.map(\.id)).count == 8)
            let counts = try await tableCounts(pool)

            let second = try await ingestor.ingest(try sampleRecords())
            #expect(second.allSatisfy { $0.status == .unchanged })
            #expect(second.map(\.id) == first.map(\.id))
            #expect(try await tableCounts(pool) == counts)
            #expect(counts["events"] == 8 && counts["event_revisions"] == 8 && counts["agreements"] == 1)
        }
    }

    @Test func aBatchWithOneInvalidRecordStoresNothingAndNamesIndexAndField() async throws {
        try await withMigratedDatabase { pool, ingestor in
            var records = try sampleRecords()
            records.insert(try record(#"{"kind": "visit", "title": "", "date": "2023-02-30"}"#), at: 3)
            await #expect {
                try await ingestor.ingest(records)
            } throws: { error in
                let issues = (error as? IngestError)?.issues ?? []
                return issues.contains { $0.index == 3 && $0.field == "title" }
                    && issues.contains { $0.index == 3 && $0.field == "date" }
                    && issues.allSatisfy { $0.index == 3 }
            }
            #expect(try await tableCounts(pool).values.allSatisfy { $0 == 0 })
        }
    }

    @Test func anUnknownAgreementIsAValidationErrorAndNothingIsStored() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let records = [
                try record(#"{"key": "a", "kind": "visit", "title": "A visit", "date": "2023-01-02", "actors": ["US"]}"#),
                try record(#"{"kind": "extension", "title": "Extended", "date": "2023-08-27", "agreement": "nope", "expires_on": "2024-02-27"}"#),
            ]
            await #expect {
                try await ingestor.ingest(records)
            } throws: { error in
                let issues = (error as? IngestError)?.issues ?? []
                return issues.count == 1 && issues[0].index == 1 && issues[0].field == "agreement" && issues[0].message.contains("nope")
            }
            #expect(try await tableCounts(pool).values.allSatisfy { $0 == 0 })
        }
    }

    @Test func anAgreementMustBeDefinedEarlierInTheRequestOrAlreadyExist() async throws {
        try await withMigratedDatabase { _, ingestor in
            let use = try record(#"{"kind": "renewal", "title": "Renewed", "date": "2024", "agreement": "pact"}"#)
            let define = try record(#"{"kind": "signing", "title": "Signed", "date": "2020-05-01", "agreement": {"id": "pact", "title": "A pact", "parties": ["FR", "DE"]}}"#)
            await #expect(throws: IngestError.self) { try await ingestor.ingest([use, define]) }
            let results = try await ingestor.ingest([define, use])
            #expect(results.map(\.status) == [.created, .created])
            // Now it exists, a later request may name it.
            #expect(try await ingestor.ingest([use])[0].status == .created)
        }
    }

    @Test func agreementsAndTheirPartiesAreStored() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let agreement = try await pool.query("SELECT title FROM agreements WHERE id = 'us-cn-sta'")[0]
            #expect(try agreement.string(0) == "US–China Science and Technology Cooperation Agreement")
            let parties = try await pool.query("SELECT actor_id FROM agreement_parties WHERE agreement_id = 'us-cn-sta' ORDER BY position")
            #expect(try parties.map { try $0.string(0) } == ["US", "CN"])
        }
    }

    @Test func unknownActorsAreCreatedNamedAfterTheirIdUnlessNamed() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let names = try await pool.query("SELECT id, name FROM actors WHERE id IN ('US', 'gina-raimondo') ORDER BY id")
            #expect(try names.map { try $0.string(1) } == ["US", "Gina Raimondo"])
            let roles = try await pool.query(
                """
                SELECT a.actor_id, a.role FROM event_actors a JOIN events e ON e.id = a.event_id
                WHERE e.key = 'raimondo-china-2023-08' ORDER BY a.position
                """
            )
            #expect(try roles.map { try $0.string(0) } == ["US", "CN", "gina-raimondo"])
            #expect(try roles.map { try $0.string(1) } == ["guest", "host", "visitor"])
        }
    }

    @Test func aChangedRecordUnderTheSameKeyBecomesANewRevision() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let original = try record(#"{"key": "k1", "kind": "meeting", "title": "Talks", "date": "2023-08", "actors": ["US"]}"#)
            let changed = try record(#"{"key": "k1", "kind": "meeting", "title": "Talks in Beijing", "date": "2023-08-28", "actors": ["US", "CN"]}"#)
            let created = try await ingestor.ingest([original])[0]
            let updated = try await ingestor.ingest([changed])[0]
            #expect(updated.status == .updated && updated.id == created.id)
            let revisions = try await pool.query(
                "SELECT revision, title, superseded_at IS NULL, precision FROM event_revisions WHERE event_id = $1::bigint ORDER BY revision",
                [created.id]
            )
            #expect(try revisions.map { try $0.int(0) } == [1, 2])
            #expect(try revisions.map { try $0.string(1) } == ["Talks", "Talks in Beijing"])
            #expect(try revisions.map { try $0.bool(2) } == [false, true])
            #expect(try revisions.map { try $0.int(3) } == [1, 2])
            // Field order and whitespace do not make a record different.
            let reordered = try record(#"{"actors":["US","CN"], "date":"2023-08-28", "title":"Talks in Beijing", "kind":"meeting", "key":"k1"}"#)
            #expect(try await ingestor.ingest([reordered])[0].status == .unchanged)
        }
    }

    @Test func aKeyRepeatedInOneBatchIsComparedWithItsPreviousOccurrence() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let a = try record(#"{"key": "dup", "kind": "statement", "title": "First", "date": "2023"}"#)
            let b = try record(#"{"key": "dup", "kind": "statement", "title": "Second", "date": "2023"}"#)
            let results = try await ingestor.ingest([a, a, b, b])
            #expect(results.map(\.status) == [.created, .unchanged, .updated, .unchanged])
            #expect(Set(results.map(\.id)).count == 1)
            let current = try await pool.query("SELECT revision, title FROM event_revisions WHERE superseded_at IS NULL")
            #expect(current.count == 1)
            #expect(try current[0].int(0) == 2 && current[0].string(1) == "Second")
        }
    }

    @Test func recordsWithoutAKeyAlwaysCreateNewEvents() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let unkeyed = try record(#"{"kind": "other", "title": "Something", "date": "2001"}"#)
            let results = try await ingestor.ingest([unkeyed, unkeyed])
            #expect(results.map(\.status) == [.created, .created])
            _ = try await ingestor.ingest([unkeyed])
            #expect(try await tableCounts(pool)["events"] == 3)
        }
    }

    @Test func revisionsCannotBeChangedOrDeleted() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            for statement in ["UPDATE event_revisions SET title = 'rewritten'", "DELETE FROM event_revisions"] {
                await #expect {
                    try await pool.query(statement)
                } throws: { error in
                    guard case PostgresError.server(let server) = error else { return false }
                    return server.message.contains("event revisions")
                }
            }
        }
    }

    @Test func aLargeBatchIsStoredInOneGo() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let records = try (0..<3000).map { index in
                try record(#"{"key": "bulk-\#(index)", "kind": "meeting", "title": "Meeting \#(index)", "date": "2020-01-\#(index % 28 + 1 < 10 ? "0" : "")\#(index % 28 + 1)", "actors": ["A\#(index % 7)", "B\#(index % 5)"], "tags": ["bulk"]}"#)
            }
            let results = try await ingestor.ingest(records)
            #expect(results.count == 3000 && results.allSatisfy { $0.status == .created })
            let counts = try await tableCounts(pool)
            #expect(counts["events"] == 3000 && counts["event_actors"] == 6000 && counts["actors"] == 12)
        }
    }

    @Test func twoRequestsCreatingTheSameKeyAtOnceEndWithOneEvent() async throws {
        try await withMigratedDatabase { pool, ingestor in
            let same = try record(#"{"key": "race", "kind": "visit", "title": "Race", "date": "2022"}"#)
            let statuses = try await withThrowingTaskGroup(of: IngestResult.Status.self) { group in
                for _ in 0..<4 { group.addTask { try await ingestor.ingest([same])[0].status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .unchanged }.count == 3)
            #expect(try await tableCounts(pool)["events"] == 1)
        }
    }

    @Test func concurrentUpdatesOfOneEventTakeTurnsAndKeepTheHistoryInOrder() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest([try record(#"{"key": "contested", "kind": "statement", "title": "v0", "date": "2023"}"#)])
            let statuses = try await withThrowingTaskGroup(of: IngestResult.Status.self) { group in
                for version in 1...8 {
                    group.addTask {
                        try await ingestor.ingest([try record(#"{"key": "contested", "kind": "statement", "title": "v\#(version)", "date": "2023"}"#)])[0].status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .updated })
            let history = try await pool.query(
                "SELECT revision, recorded_at, superseded_at FROM event_revisions ORDER BY revision"
            )
            #expect(try history.map { try $0.int(0) } == Array(1...9))
            #expect(history.filter { $0.isNull(2) }.count == 1)
            // Each revision was recorded no earlier than the one it replaced, and replaced it then.
            for (older, newer) in zip(history, history.dropFirst()) {
                #expect(try older.timestamp(1) <= newer.timestamp(1))
                #expect(try older.timestamp(2) == newer.timestamp(1))
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func ingestNotifiesTheAgreementsItTouched() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let ingestor = EventIngestor(pool: pool, logger: TestDatabase.logger)
            let feed = AgreementChangeFeed(connectionString: database.connectionString, logger: TestDatabase.logger)
            var changes = feed.changes().makeAsyncIterator()
            #expect(await changes.next() == .resumed)
            _ = try await ingestor.ingest(try sampleRecords())
            #expect(await changes.next() == .agreement("us-cn-sta"))
            feed.stop()
        }
    }
}
