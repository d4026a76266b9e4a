import TimelineCore
import TimelineImport

/// Why a spool file was refused: written beside it in `failed/` as `NAME.error.json`, with every
/// error found, so that the whole file can be fixed at once (docs/spool.md).
struct SpoolErrorReport: Encodable {
    enum Reason: String, Encodable {
        /// Records the validator (or the database: an unknown agreement) refused; nothing stored.
        case invalidRecords = "invalid_records"
        /// The text does not parse as its extension says.
        case malformed
        /// The file cannot be read.
        case unreadable
        /// Larger than `http.max_body_bytes` (`import.max_file_bytes` for GDELT files): not read.
        case tooLarge = "too_large"
    }

    /// One error: `index` and `field` for a record, `line` for the text, neither when it is about the whole file.
    struct Item: Encodable {
        var index: Int?
        var field: String?
        var line: Int?
        let message: String
    }

    let file: String
    /// Hex SHA-256 of the file's bytes; absent when they were not read.
    let sha256: String?
    /// RFC 3339, UTC.
    let failedAt: String
    let reason: Reason
    /// One line for people: what went wrong, and that nothing was stored.
    let message: String
    let errors: [Item]

    private enum CodingKeys: String, CodingKey {
        case file, sha256, reason, message, errors
        case failedAt = "failed_at"
    }

    static func invalid(_ errors: ValidationErrors, file: String, sha256: String, at time: String) -> SpoolErrorReport {
        let records = Set(errors.issues.compactMap(\.index)).count
        return SpoolErrorReport(
            file: file, sha256: sha256, failedAt: time, reason: .invalidRecords,
            message: records > 0 ? "\(records) invalid record(s); nothing was stored" : "\(errors); nothing was stored",
            errors: errors.issues.map { Item(index: $0.index, field: $0.field, message: $0.message) }
        )
    }

    static func malformed(_ error: RecordDocumentError, file: String, sha256: String, at time: String) -> SpoolErrorReport {
        SpoolErrorReport(
            file: file, sha256: sha256, failedAt: time, reason: .malformed,
            message: "\(error); nothing was stored", errors: [Item(line: error.line, message: error.message)]
        )
    }

    /// A GDELT file that cannot be read to its end (a damaged zip); its malformed lines are no
    /// reason to refuse it, they are in its receipt.
    static func unreadable(_ error: GdeltImportError, file: String, sha256: String, at time: String) -> SpoolErrorReport {
        SpoolErrorReport(
            file: file, sha256: sha256, failedAt: time, reason: .unreadable,
            message: "\(error); nothing was stored", errors: [Item(message: error.description)]
        )
    }

    /// A file refused before it was read: too large, or the reading failed.
    static func notRead(_ error: SpoolFileSystemError, file: String, at time: String) -> SpoolErrorReport {
        let reason: Reason = if case .tooLarge = error.problem { .tooLarge } else { .unreadable }
        return SpoolErrorReport(
            file: file, sha256: nil, failedAt: time, reason: reason,
            message: "\(error); nothing was stored", errors: [Item(message: error.description)]
        )
    }
}
