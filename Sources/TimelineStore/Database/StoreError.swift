import Postgres

/// A database failure in the terms the store's callers act on: try again later, or a fault of
/// ours. The database's own words are kept for the log, never shown to clients.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database cannot be reached: down, restarting, the pool closed.
    case unavailable(String)
    /// The database is there but did not answer in time: a statement timeout, a lock wait.
    case busy(String)
    /// Anything else: a bug of ours, or a database in a state it should not be in.
    case fault(String)

    init(_ error: PostgresError) {
        if error.isUnavailable {
            self = .unavailable(error.description)
        } else if case .server(let server) = error,
                  [ServerError.queryCanceled, ServerError.lockNotAvailable].contains(server.sqlState) {
            self = .busy(error.description)
        } else {
            self = .fault(error.description)
        }
    }

    public var description: String {
        switch self {
        case .unavailable(let detail), .busy(let detail), .fault(let detail): detail
        }
    }

    /// Runs `body`, a store operation, with its database failures as `StoreError`; every other
    /// error (a record's validation errors, say) passes as it is.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            throw StoreError(error)
        }
    }
}
