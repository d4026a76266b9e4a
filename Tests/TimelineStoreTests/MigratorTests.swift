import Foundation
import Postgres
import TestSupport
import Testing
import TimelineStore

@Suite("Migrations")
struct MigratorTests {
    let logger = TestDatabase.logger

    @Test func appliesEveryBundledMigrationOnceAndRecordsItsChecksum() async throws {
        try await TestDatabase.withPool { pool, _ in
            let migrator = Migrator(migrations: try Migration.bundled(), logger: logger)
            #expect(try await migrator.status(pool).isCurrent == false)
            let applied = try await migrator.migrate(pool)
            #expect(applied == migrator.migrations.map(\.name))
            #expect(try await migrator.migrate(pool).isEmpty)
            #expect(try await migrator.status(pool).isCurrent)
            let rows = try await pool.query("SELECT name, checksum FROM schema_migrations ORDER BY version")
            #expect(try rows.map { try $0.string(1) } == migrator.migrations.map(\.checksum))
        }
    }

    @Test func concurrentMigratorsSerializeOnTheAdvisoryLock() async throws {
        try await TestDatabase.withPool(size: 1) { pool, database in
            let others = (0..<4).map { _ in database.makePool(size: 1) }
            let migrator = Migrator(migrations: try Migration.bundled(), logger: logger)
            let appliedLists = try await withThrowingTaskGroup(of: [String].self) { group in
                for other in others + [pool] { group.addTask { try await migrator.migrate(other) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for other in others { await other.shutdown() }
            // Exactly one migrator applied the schema; the others found it current.
            #expect(appliedLists.filter { !$0.isEmpty }.count == 1)
            #expect(try await pool.query("SELECT count(*) FROM schema_migrations")[0].int(0) == migrator.migrations.count)
        }
    }

    @Test func anAppliedMigrationThatChangedIsRefusedWithItsName() async throws {
        try await TestDatabase.withPool { pool, _ in
            let original = try Migration(name: "0001_first.sql", sql: "CREATE TABLE first (x int);")
            try await Migrator(migrations: [original], logger: logger).migrate(pool)
            let edited = try Migration(name: "0001_first.sql", sql: "CREATE TABLE first (x bigint);")
            let added = try Migration(name: "0002_second.sql", sql: "CREATE TABLE second (x int);")
            await #expect {
                try await Migrator(migrations: [edited, added], logger: logger).migrate(pool)
            } throws: { error in
                guard case MigrationError.changedAfterApplied(let name, _, _) = error else { return false }
                return name == "0001_first.sql" && "\(error)".contains("changed after it was applied")
            }
            // Nothing after the changed file was applied.
            #expect(try await pool.query("SELECT to_regclass('second') IS NULL")[0].bool(0))
        }
    }

    @Test func aDatabaseMigratedByANewerBinaryIsRefused() async throws {
        try await TestDatabase.withPool { pool, _ in
            let first = try Migration(name: "0001_first.sql", sql: "CREATE TABLE first (x int);")
            let second = try Migration(name: "0002_second.sql", sql: "CREATE TABLE second (x int);")
            try await Migrator(migrations: [first, second], logger: logger).migrate(pool)
            await #expect {
                try await Migrator(migrations: [first], logger: logger).migrate(pool)
            } throws: { error in
                if case MigrationError.unknownApplied(let version, _) = error { return version == 2 }
                return false
            }
        }
    }

    @Test func aFailingMigrationLeavesNoTraceAndIsRetriedNextTime() async throws {
        try await TestDatabase.withPool { pool, _ in
            let broken = try Migration(name: "0001_broken.sql", sql: "CREATE TABLE half (x int); SELECT 1/0;")
            await #expect(throws: PostgresError.self) {
                try await Migrator(migrations: [broken], logger: logger).migrate(pool)
            }
            #expect(try await pool.query("SELECT to_regclass('half') IS NULL")[0].bool(0))
            #expect(try await pool.query("SELECT count(*) FROM schema_migrations")[0].int(0) == 0)
        }
    }

    @Test func migrationFileNamesMustStartWithANumber() {
        #expect(throws: MigrationError.self) { try Migration(name: "schema.sql", sql: "") }
        #expect(throws: MigrationError.self) { try Migration(name: "0000_zero.sql", sql: "") }
    }

    @Test func theBinaryCarriesExactlyTheFilesOfSQL() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SQL")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        let bundled = try Migration.bundled()
        #expect(bundled.map(\.name) == files)
        for migration in bundled {
            #expect(migration.sql == (try String(contentsOf: directory.appendingPathComponent(migration.name), encoding: .utf8)))
        }
    }
}
