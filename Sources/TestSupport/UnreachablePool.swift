import Foundation
import Postgres

/// A pool whose database is away: its host is a socket directory where no server listens.
public func withUnreachablePool<T>(_ body: (PostgresPool) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("timelined-no-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let pool = PostgresPool(
        configuration: .init(
            connectionString: ConnectionString("host=\(directory.path) dbname=timelined connect_timeout=2"),
            size: 2, maximumBackoff: .milliseconds(50)),
        logger: TestDatabase.logger)
    do {
        let value = try await body(pool)
        await pool.shutdown()
        return value
    } catch {
        await pool.shutdown()
        throw error
    }
}
