import Postgres
import TimelineCore

extension IngestTransaction {
    /// Runs `body` — an ingest's statements and whatever must commit with them — in one
    /// transaction, and tells why it failed as an `IngestError`.
    ///
    /// Two ingests creating the same new key at once: the second one's insert fails on the key's
    /// unique index after the first commits; running it again sees that event.
    static func perform<T: Sendable>(
        on pool: PostgresPool, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws(IngestError) -> T {
        var attempt = 1
        while true {
            do {
                return try await pool.withTransaction(body)
            } catch let errors as ValidationErrors {
                throw .invalid(errors)
            } catch let error as PostgresError {
                if case .server(let server) = error, server.sqlState == ServerError.uniqueViolation,
                   server.constraint == "events_key_key", attempt < 3 {
                    attempt += 1
                    continue
                }
                if let invalid = ValidationErrors(tooLargeToStore: error) { throw .invalid(invalid) }
                throw .database(StoreError(error))
            } catch {
                throw .database(.unavailable("\(error)"))
            }
        }
    }
}
