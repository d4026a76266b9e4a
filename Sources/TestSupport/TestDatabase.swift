import Foundation
import Logging
import Postgres

/// A fresh database of its own for one test, on the process's throwaway cluster (or on the
/// server named by `TIMELINED_TEST_DATABASE_URL`), so tests run in parallel without
/// seeing each other's rows.
public struct TestDatabase: Sendable {
    public let name: String
    public let connectionString: ConnectionString

    public static let logger: Logger = {
        var logger = Logger(label: "timelined.test")
        logger.logLevel = ProcessInfo.processInfo.environment["TIMELINED_TEST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        return logger
    }()

    /// Creates an empty database.
    public static func create() async throws -> TestDatabase {
        let server = ConnectionString(try await TestCluster.serverConnectionString())
        let name = "timelined_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await onServer(server) { connection in
            // A database name is an identifier, not a value; this one is made of hex digits only.
            try connection.query("CREATE DATABASE \(name)")
        }
        return TestDatabase(name: name, connectionString: server.withDatabase(name))
    }

    /// Drops the database, disconnecting anyone still in it.
    public func drop() async throws {
        let server = ConnectionString(try await TestCluster.serverConnectionString())
        try await Self.onServer(server) { connection in
            try connection.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// A pool on this database.
    public func makePool(size: Int = 4, statementTimeoutMilliseconds: Int = 30_000) -> PostgresPool {
        PostgresPool(
            configuration: .init(connectionString: connectionString, size: size, statementTimeoutMilliseconds: statementTimeoutMilliseconds),
            logger: Self.logger
        )
    }

    /// Runs `body` with a pool on a new database; drops the database afterwards.
    public static func withPool<T>(size: Int = 4, _ body: (PostgresPool, TestDatabase) async throws -> T) async throws -> T {
        let database = try await create()
        let pool = database.makePool(size: size)
        do {
            let value = try await body(pool, database)
            await pool.shutdown()
            try await database.drop()
            return value
        } catch {
            await pool.shutdown()
            try? await database.drop()
            throw error
        }
    }

    /// A short-lived connection to the server's own database, on a thread of its own. Without a
    /// statement timeout: creating a database is a test's set-up, which a loaded machine makes
    /// slow, never wrong.
    private static func onServer(_ server: ConnectionString, _ body: @escaping @Sendable (PostgresConnection) throws -> Void) async throws {
        let pool = PostgresPool(configuration: .init(connectionString: server, size: 1, statementTimeoutMilliseconds: 0), logger: logger)
        do {
            try await pool.withConnection(body)
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }
}
