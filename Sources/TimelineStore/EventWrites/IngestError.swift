import TimelineCore

/// Why an ingest request stored nothing.
public enum IngestError: Error, Sendable, CustomStringConvertible {
    /// One or more records are invalid; every issue is listed with its record's index.
    case invalid(ValidationErrors)
    /// The database failed or could not be reached.
    case database(StoreError)

    public var description: String {
        switch self {
        case .invalid(let errors): "invalid records: \(errors)"
        case .database(let error): error.description
        }
    }
}
