import ArgumentParser
import Foundation
import Logging
import Postgres
import TestSupport
import TimelineCore
import TimelineStore

/// `make bench-ingest`: the ingest core's throughput beside PostgreSQL's own bulk path.
///
/// Both runs write the same rows into the same tables of fresh databases on one server,
/// in batches of the same size, one transaction a batch: first through `EventIngestor`
/// (validation, key lookups, actor and agreement upserts, COPY), then with nothing but
/// COPY of the rows the ingest produced. The ratio says what the ingest's work costs.
@main
struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure ingest throughput against COPY.")

    @Option(help: "Events to generate.") var events = 100_000
    @Option(help: "Records per ingest request (transaction).") var batchSize = 2_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1979

    func run() async throws {
        var generator = EventGenerator(seed: seed)
        let texts = (0..<events).map { generator.record($0) }
        let values = try texts.map { try JSONValue(parsing: $0) }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let batches = stride(from: 0, to: values.count, by: batchSize).map { Array(values[$0..<min($0 + batchSize, values.count)]) }
        BenchmarkOutput.report("generated \(events) events (\(bytes / 1_000_000) MB of JSON) in \(batches.count) batches of \(batchSize)")

        let ingestDatabase = try await migratedDatabase()
        let ingestor = EventIngestor(pool: ingestDatabase.pool, logger: TestDatabase.logger)
        var producedBatches: [IngestBatch] = []
        let ingestTime = try await BenchmarkOutput.measure {
            for batch in batches {
                _ = try await ingestor.ingest(batch)
            }
        }
        for batch in batches {
            guard case .success(let records) = EventRecordValidator.validate(batch: batch) else { fatalError("generator made an invalid record") }
            producedBatches.append(try IngestBatch(records))
        }
        let stored = try await rowCounts(ingestDatabase.pool)
        let copyDatabase = try await migratedDatabase()
        try await preload(copyDatabase.pool, from: ingestDatabase.pool)
        await ingestDatabase.close()
        let copyTime = try await BenchmarkOutput.measure {
            for batch in producedBatches { try await copy(batch, into: copyDatabase.pool) }
        }
        let copied = try await rowCounts(copyDatabase.pool)
        await copyDatabase.close()

        let ingestRate = Double(events) / ingestTime
        let copyRate = Double(events) / copyTime
        let copyRows = copied.events + copied.revisions + copied.actors
        BenchmarkOutput.report("ingest core: \(events) events in \(BenchmarkOutput.format(ingestTime)) s = \(Int(ingestRate)) events/s "
            + "(stored \(stored.events) events, \(stored.revisions) revisions, \(stored.actors) event actors)")
        BenchmarkOutput.report("COPY:        \(copyRows) rows (\(copied.events) events, \(copied.revisions) revisions, \(copied.actors) event actors) "
            + "in \(BenchmarkOutput.format(copyTime)) s = \(Int(Double(copyRows) / copyTime)) rows/s = \(Int(copyRate)) events/s")
        BenchmarkOutput.report("ratio: the ingest core runs at \(BenchmarkOutput.format(ingestRate / copyRate * 100))% of COPY's events/s (COPY is \(BenchmarkOutput.format(copyRate / ingestRate))x faster)")
    }

    private func migratedDatabase() async throws -> BenchmarkDatabase {
        let database = try await TestDatabase.create()
        let pool = database.makePool(size: 2)
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        return BenchmarkDatabase(database: database, pool: pool)
    }

    /// The baseline copies events, not their actors and agreements: take those as the ingest left them.
    private func preload(_ pool: PostgresPool, from source: PostgresPool) async throws {
        let actors = try await source.query("SELECT id, name FROM actors")
        let agreements = try await source.query("SELECT id, title FROM agreements")
        try await pool.withTransaction { connection in
            try connection.query(
                "INSERT INTO actors (id, name) SELECT * FROM unnest($1::text[], $2::text[])",
                [try actors.map { try $0.string(0) }, try actors.map { try $0.string(1) }]
            )
            try connection.query(
                "INSERT INTO agreements (id, title) SELECT * FROM unnest($1::text[], $2::text[])",
                [try agreements.map { try $0.string(0) }, try agreements.map { try $0.string(1) }]
            )
        }
    }

    private func copy(_ batch: IngestBatch, into pool: PostgresPool) async throws {
        try await pool.withTransaction { connection in
            let row = try connection.query(
                "SELECT now(), ARRAY(SELECT nextval('event_ids') FROM generate_series(1, $1::int))", [batch.entries.count]
            )[0]
            let now = try row.string(0)
            let ids = try row.textArray(1).map { Int64($0)! }
            try connection.copy(
                "COPY events (id, key, created_at) FROM STDIN",
                rows: zip(ids, batch.entries).map { id, entry -> [any PostgresBindable] in [id, entry.record.key, now] }
            )
            try RevisionCopy.copy(
                zip(ids, batch.entries).map { id, entry in
                    RevisionRow(eventID: id, number: 1, record: entry.record, canonicalJSON: entry.canonicalJSON, isSuperseded: false)
                },
                recordedAt: now, on: connection
            )
        }
    }

    private func rowCounts(_ pool: PostgresPool) async throws -> (events: Int, revisions: Int, actors: Int) {
        let row = try await pool.query(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_revisions), (SELECT count(*) FROM event_actors)"
        )[0]
        return (try row.int(0), try row.int(1), try row.int(2))
    }
}

struct BenchmarkDatabase {
    let database: TestDatabase
    let pool: PostgresPool
    func close() async {
        await pool.shutdown()
        try? await database.drop()
    }
}
