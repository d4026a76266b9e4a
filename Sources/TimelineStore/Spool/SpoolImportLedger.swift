import Foundation
import Postgres
import TimelineCore

/// The spool's import ledger (`spool_imports`): the files whose records are stored, each with
/// its receipt. A file's records and its ledger row commit in one transaction, so whenever a
/// daemon stops, the ledger tells exactly which files are stored, and none is imported twice —
/// which matters for keyless records, since every ingest of one creates a new event.
///
/// A file is known by its name and the SHA-256 of its bytes: the same name with other content
/// is another file.
public struct SpoolImportLedger: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The receipt of an earlier import of the file; nil when it was never imported.
    public func receipt(file: String, sha256: String) async throws(IngestError) -> SpoolReceipt? {
        do {
            return try await pool.withConnection { connection in try Self.receipt(file: file, sha256: sha256, on: connection) }
        } catch let error as PostgresError {
            throw .database(StoreError(error))
        } catch {
            throw .database(.unavailable("\(error)"))
        }
    }

    /// Validates the file's records as `POST /v1/events` does and stores them, as `origin`,
    /// together with the file's ledger row: all of them and the row, or nothing. When the ledger
    /// has the file already, nothing is stored and the receipt it has is returned.
    ///
    /// `summary` makes the receipt's `summary` from what the records became (a GDELT file's
    /// figures, whose `events` only the store can fill); v1 files have none.
    public func `import`(
        _ values: [JSONValue], file: String, sha256: String, origin: IngestOrigin = .person,
        summary: @escaping @Sendable (_ results: [IngestResult]) -> JSONValue? = { _ in nil }
    ) async throws(IngestError) -> SpoolImportOutcome {
        let batch = IngestBatch(try EventIngestor.validated(values))
        return try await IngestTransaction.perform(on: pool) { connection in
            // Claimed before the records are stored: an import of the same file by another
            // daemon waits here until this one ends, then finds the row and stores nothing.
            let claim = try connection.query(
                """
                INSERT INTO spool_imports (file_name, sha256, imported_at, receipt) VALUES ($1, $2, now(), '{}')
                ON CONFLICT DO NOTHING
                RETURNING to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                """,
                [file, sha256]
            )
            guard let importedAt = try claim.first?.string(0) else {
                guard let receipt = try Self.receipt(file: file, sha256: sha256, on: connection) else {
                    throw PostgresError.decoding(column: "spool_imports", expected: "the row the insert conflicted with", value: "none")
                }
                return .alreadyImported(receipt)
            }
            // A GDELT file may hold no event the import takes; it is still imported, and filed.
            let results = batch.entries.isEmpty ? [] : try IngestTransaction(batch: batch, origin: origin).run(on: connection)
            let receipt = SpoolReceipt(
                file: file, sha256: sha256, importedAt: importedAt, results: results, summary: summary(results))
            try connection.query(
                "UPDATE spool_imports SET receipt = $3::jsonb WHERE file_name = $1 AND sha256 = $2",
                [file, sha256, PostgresJSON(encoded: try JSONEncoder().encode(receipt))]
            )
            return .imported(receipt)
        }
    }

    private static func receipt(file: String, sha256: String, on connection: PostgresConnection) throws(PostgresError) -> SpoolReceipt? {
        let rows = try connection.query("SELECT receipt::text FROM spool_imports WHERE file_name = $1 AND sha256 = $2", [file, sha256])
        guard let row = rows.first else { return nil }
        let data = try row.json(0)
        do {
            return try JSONDecoder().decode(SpoolReceipt.self, from: data)
        } catch {
            throw .decoding(column: rows.columns[0], expected: "a spool receipt", value: String(decoding: data, as: UTF8.self))
        }
    }
}
