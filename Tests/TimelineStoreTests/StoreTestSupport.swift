import Foundation
import Postgres
import TestSupport
import TimelineCore
import TimelineStore

/// A migrated test database with an ingestor over it.
func withMigratedDatabase<T>(_ body: (PostgresPool, EventIngestor) async throws -> T) async throws -> T {
    try await TestDatabase.withPool { pool, _ in
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        return try await body(pool, EventIngestor(pool: pool, logger: TestDatabase.logger))
    }
}

/// The project's sample records (the facts of the source article).
func sampleRecords() throws -> [JSONValue] {
    let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples/sample-events.ndjson")
    return try RecordDocument.records(in: try Data(contentsOf: file), format: .ndjson)
}

func record(_ json: String) throws -> JSONValue {
    try JSONValue(parsing: json)
}

/// Row counts of every table ingest writes, to prove that a refused batch wrote nothing.
func tableCounts(_ pool: PostgresPool) async throws -> [String: Int] {
    let row = try await pool.query(
        """
        SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_revisions), (SELECT count(*) FROM event_actors),
               (SELECT count(*) FROM actors), (SELECT count(*) FROM agreements), (SELECT count(*) FROM agreement_parties)
        """
    )[0]
    return [
        "events": try row.int(0), "event_revisions": try row.int(1), "event_actors": try row.int(2),
        "actors": try row.int(3), "agreements": try row.int(4), "agreement_parties": try row.int(5),
    ]
}

extension IngestError {
    var issues: [ValidationIssue] {
        if case .invalid(let errors) = self { return errors.issues }
        return []
    }
}
