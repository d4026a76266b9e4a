import Foundation
import Logging
import Postgres
import TimelineCore

/// The one way records enter the database — HTTP, `timelined ingest`, the spool and the
/// importers all come through here. A batch is validated as a whole, then stored in one
/// transaction: either every record is stored or none is.
public struct EventIngestor: Sendable {
    private let pool: PostgresPool
    private let logger: Logger

    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Validates raw JSON records and stores them.
    public func ingest(_ values: [JSONValue], origin: IngestOrigin = .person) async throws(IngestError) -> [IngestResult] {
        try await store(try Self.validated(values), origin: origin)
    }

    /// Stores records that passed validation; checks what only the database can tell
    /// (that a referenced agreement exists) inside the same transaction. An importer's records
    /// only add sources to events a person wrote a revision of (contract §9).
    public func store(_ records: [EventRecord], origin: IngestOrigin = .person) async throws(IngestError) -> [IngestResult] {
        guard !records.isEmpty else { return [] }
        let batch = IngestBatch(records)
        let results = try await IngestTransaction.perform(on: pool) { connection in
            try IngestTransaction(batch: batch, origin: origin).run(on: connection)
        }
        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        logger.debug("ingested records", metadata: [
            "origin": "\(origin.rawValue)",
            "created": "\(counts[.created] ?? 0)", "updated": "\(counts[.updated] ?? 0)",
            "unchanged": "\(counts[.unchanged] ?? 0)",
        ])
        return results
    }

    static func validated(_ values: [JSONValue]) throws(IngestError) -> [EventRecord] {
        switch EventRecordValidator.validate(batch: values) {
        case .success(let records): return records
        case .failure(let errors): throw .invalid(errors)
        }
    }
}
