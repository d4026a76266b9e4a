import EmbeddedPostgres
import Logging
import Postgres
import TimelineStore

/// A database ready for one command-line run: the embedded cluster started when it is the
/// target, a pool, and the schema checked (or migrated, for `migrate`).
public struct OpenDatabase: Sendable {
    public let pool: PostgresPool
    /// What opening applied, for `.migrate`.
    public private(set) var appliedMigrations: [String] = []
    private let target: DatabaseTarget
    private let logger: Logger

    public enum SchemaRequirement: Sendable {
        /// Apply pending migrations.
        case migrate
        /// Refuse to work on a schema that is not current.
        case current
    }

    public static func open(
        _ configuration: DaemonConfiguration, schema: SchemaRequirement, logger: Logger
    ) async throws -> OpenDatabase {
        let target = DatabaseTarget(configuration: configuration, logger: logger)
        if case .embedded(let cluster) = target { _ = try await cluster.start() }
        let pool = PostgresPool(configuration: configuration.poolConfiguration(target.connectionString), logger: logger)
        var database = OpenDatabase(pool: pool, target: target, logger: logger)
        do {
            let migrator = Migrator(migrations: try Migration.bundled(), logger: logger)
            switch schema {
            case .migrate:
                database.appliedMigrations = try await migrator.migrate(pool)
            case .current:
                let status = try await migrator.status(pool)
                if !status.isCurrent { throw SchemaNotCurrent(pending: status.pending) }
            }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Opens the database, runs `body`, and closes it whether `body` returns or throws.
    public static func using<T>(
        _ configuration: DaemonConfiguration, schema: SchemaRequirement, logger: Logger,
        _ body: (OpenDatabase) async throws -> T
    ) async throws -> T {
        let database = try await open(configuration, schema: schema, logger: logger)
        do {
            let value = try await body(database)
            await database.close()
            return value
        } catch {
            await database.close()
            throw error
        }
    }

    /// Closes the pool and stops the embedded cluster if this run started it.
    public func close() async {
        await pool.shutdown()
        guard case .embedded(let cluster) = target else { return }
        do {
            try await cluster.stop()
        } catch {
            logger.error("could not stop embedded PostgreSQL", metadata: ["error": "\(error)"])
        }
    }
}

public struct SchemaNotCurrent: Error, CustomStringConvertible {
    public let pending: [String]
    public var description: String {
        "the database schema is not current (pending: \(pending.joined(separator: ", "))); run `timelined migrate`"
    }
}

extension DaemonConfiguration {
    func poolConfiguration(_ connectionString: ConnectionString) -> PostgresPool.Configuration {
        PostgresPool.Configuration(
            connectionString: connectionString,
            size: database.poolSize,
            statementTimeoutMilliseconds: database.statementTimeoutMilliseconds,
            // While the database is away, connection attempts are at most this far apart, so
            // the daemon serves again within about a second of PostgreSQL's return.
            maximumBackoff: SchemaService.maximumRetryDelay
        )
    }
}
