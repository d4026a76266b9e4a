import TimelineCore

/// What the import of one spool file stored: kept in the ledger (`spool_imports.receipt`) and
/// written beside the file in `processed/` as `NAME.receipt.json` (docs/spool.md).
public struct SpoolReceipt: Sendable, Hashable, Codable {
    public struct Counts: Sendable, Hashable, Codable {
        public let created: Int
        public let updated: Int
        public let unchanged: Int
    }

    /// The file's name in the spool directory.
    public let file: String
    /// Hex SHA-256 of the file's bytes.
    public let sha256: String
    /// RFC 3339, UTC, as PostgreSQL recorded it.
    public let importedAt: String
    public let counts: Counts
    /// One per record, in file order, as `POST /v1/events` answers them.
    public let results: [IngestResult]
    /// A GDELT file's import summary (contract §10, `timelined import gdelt --json`); absent
    /// for the v1 formats, whose receipts stay as they were.
    public let summary: JSONValue?

    init(file: String, sha256: String, importedAt: String, results: [IngestResult], summary: JSONValue?) {
        self.file = file
        self.sha256 = sha256
        self.importedAt = importedAt
        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        self.counts = Counts(created: counts[.created] ?? 0, updated: counts[.updated] ?? 0, unchanged: counts[.unchanged] ?? 0)
        self.results = results
        self.summary = summary
    }

    private enum CodingKeys: String, CodingKey {
        case file, sha256, counts, results, summary
        case importedAt = "imported_at"
    }
}
