import Postgres
import TestSupport
import Testing
import TimelineCore
@testable import TimelineStore

/// Contract §15: re-ingesting identical records writes nothing and wakes nobody.
@Suite("Idempotent ingest")
struct IdempotentIngestTests {
    @Test(.timeLimit(.minutes(3))) func theSameRecordsAgainWriteNoRowAndSendNoNotification() async throws {
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let ingestor = EventIngestor(pool: pool, logger: TestDatabase.logger)
            // The sample defines an agreement with its parties: the rows the finding saw rewritten.
            _ = try await ingestor.ingest(try sampleRecords())
            #expect(try await pool.query("SELECT count(*) FROM agreement_parties")[0].int(0) > 0)
            let before = try await rowVersions(pool)

            let feed = AgreementChangeFeed(connectionString: database.connectionString, logger: TestDatabase.logger)
            var changes = feed.changes().makeAsyncIterator()
            #expect(await changes.next() == .resumed)

            let again = try await ingestor.ingest(try sampleRecords())
            #expect(again.allSatisfy { $0.status == .unchanged })
            #expect(try await rowVersions(pool) == before)

            // Changes arrive in commit order: the sentinel's comes first only if the second ingest
            // announced none.
            _ = try await ingestor.ingest([
                try record(#"{"kind": "signing", "title": "Signed", "date": "2024", "agreement": {"id": "sentinel", "title": "Sentinel"}}"#),
            ])
            #expect(await changes.next() == .agreement("sentinel"))
            feed.stop()
        }
    }

    @Test func changedPartiesWriteOnlyTheDifferenceAndNotify() async throws {
        try await withMigratedDatabase { pool, ingestor in
            func define(_ parties: String) throws -> JSONValue {
                try record(#"{"key": "s", "kind": "signing", "title": "Signed", "date": "2020-01-02", "agreement": {"id": "pact", "title": "Pact", "parties": \#(parties)}}"#)
            }
            _ = try await ingestor.ingest([try define(#"["US", "CN", "FR"]"#)])
            let kept = try await pool.query("SELECT xmin::text FROM agreement_parties WHERE actor_id = 'US'")[0].string(0)
            _ = try await ingestor.ingest([try define(#"["US", "FR", "DE"]"#)])
            let parties = try await pool.query(
                "SELECT actor_id, position FROM agreement_parties WHERE agreement_id = 'pact' ORDER BY position")
            #expect(try parties.map { "\(try $0.string(0))@\(try $0.int(1))" } == ["US@0", "FR@1", "DE@2"])
            // US kept its place: its row is the one written the first time.
            #expect(try await pool.query("SELECT xmin::text FROM agreement_parties WHERE actor_id = 'US'")[0].string(0) == kept)
        }
    }

    @Test func aValueTheDatabaseCannotIndexIsARecordIssueNamingTheField() async throws {
        _ = try await withMigratedDatabase { pool, _ in
            await #expect {
                try await IngestTransaction.perform(on: pool) { connection in
                    _ = try connection.query("CREATE TEMP TABLE probe (value text)")
                    _ = try connection.query("CREATE INDEX actor_timeline_probe ON probe (value)")
                    // 6,400 bytes of hex that does not compress: over a btree entry's 2,704.
                    _ = try connection.query(
                        "INSERT INTO probe SELECT string_agg(md5(g::text), '') FROM generate_series(1, 200) AS g")
                }
            } throws: { error in
                guard case .invalid(let errors) = error as? IngestError else { return false }
                return errors.issues.count == 1 && errors.issues[0].field == "actors"
            }
        }
    }

    /// Each table's row count and newest row version: an insert, an update or a delete changes one.
    private func rowVersions(_ pool: PostgresPool) async throws -> [String: String] {
        let tables = try await pool.query(
            "SELECT relname::text FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace")
        var versions: [String: String] = [:]
        for table in tables {
            let name = try table.string(0)
            let row = try await pool.query(
                "SELECT count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM \(quotedIdentifier(name))")[0]
            versions[name] = try row.string(0)
        }
        return versions
    }

    private func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
