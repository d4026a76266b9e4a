import Logging
import Postgres

/// Applies the numbered migrations in order, each in its own transaction, and records
/// them with their checksums. Two migrators at once (two daemons starting, or `migrate`
/// beside a daemon) serialize on a PostgreSQL advisory lock.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    private let logger: Logger

    /// The advisory lock key: an arbitrary constant that belongs to timelined.
    static let lockKey: Int64 = 0x7469_6D65_6C69_6E65

    public init(migrations: [Migration], logger: Logger) {
        self.migrations = migrations
        self.logger = logger
    }

    public struct Status: Sendable, Hashable {
        public let applied: [Int]
        public let pending: [String]
        public var isCurrent: Bool { pending.isEmpty }
    }

    /// Applies what is pending; returns the names applied (empty when current).
    @discardableResult
    public func migrate(_ pool: PostgresPool) async throws -> [String] {
        let migrations = migrations
        let logger = logger
        return try await pool.withConnection { connection in
            try connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey])
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
            try Self.createLedger(connection)
            let pending = try Self.pending(migrations, applied: try Self.applied(connection))
            for migration in pending {
                logger.info("applying migration", metadata: ["migration": "\(migration.name)"])
                try connection.transaction { connection in
                    try connection.execute(script: migration.sql)
                    try connection.query(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                        [migration.version, migration.name, migration.checksum]
                    )
                }
            }
            return pending.map(\.name)
        }
    }

    /// What is applied and what is pending, without changing anything (for `/readyz`).
    public func status(_ pool: PostgresPool) async throws -> Status {
        let migrations = migrations
        return try await pool.withConnection { connection in
            let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].bool(0)
            let applied = exists ? try Self.applied(connection) : [:]
            let pending = try Self.pending(migrations, applied: applied)
            return Status(applied: applied.keys.sorted(), pending: pending.map(\.name))
        }
    }

    private static func createLedger(_ connection: PostgresConnection) throws {
        try connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """
        )
    }

    private static func applied(_ connection: PostgresConnection) throws -> [Int: (name: String, checksum: String)] {
        var applied: [Int: (name: String, checksum: String)] = [:]
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations") {
            applied[try row.int(0)] = (try row.string(1), try row.string(2))
        }
        return applied
    }

    /// The migrations still to apply, after checking that nothing applied has changed.
    private static func pending(_ migrations: [Migration], applied: [Int: (name: String, checksum: String)]) throws -> [Migration] {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw MigrationError.unknownApplied(version: version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw MigrationError.changedAfterApplied(
                    name: migration.name, appliedChecksum: record.checksum, currentChecksum: migration.checksum
                )
            }
        }
        return migrations.filter { applied[$0.version] == nil }
    }
}
