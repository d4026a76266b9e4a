import Postgres

/// The database's change sequence (`SQL/0013_change_sequence.sql`): a number every committed
/// write moves forward, the same for every daemon on the database.
public struct ChangeSequenceStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func current() async throws -> Int64 {
        try await StoreError.translating {
            Int64(try await pool.query("SELECT value FROM change_sequence")[0].int(0))
        }
    }
}
