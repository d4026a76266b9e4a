import Foundation
import Postgres
import TestSupport
import Testing

/// `timelined migrate` and `timelined ingest` as an operator runs them (contract §7).
@Suite("Command line")
struct CommandLineTests {
    private static var sampleFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/sample-events.ndjson").path
    }

    private func environment(_ database: TestDatabase) -> [String: String] {
        ["TIMELINED_DATABASE_URL": database.connectionString.rawValue]
    }

    @Test func ingestingTheSampleTwiceLeavesEveryRecordUnchangedTheSecondTime() async throws {
        try await TestDatabase.withPool { pool, database in
            let migrate = try await TimelinedBinary.run(["migrate"], environment: environment(database))
            #expect(migrate.status == 0, "\(migrate.standardError)")

            let first = try await TimelinedBinary.run(["ingest", Self.sampleFile], environment: environment(database))
            #expect(first.status == 0)
            #expect(first.standardOutput.contains("8 records: 8 created, 0 updated, 0 unchanged"))
            let counts = try await pool.query("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_revisions)")[0]

            let second = try await TimelinedBinary.run(["ingest", Self.sampleFile], environment: environment(database))
            #expect(second.status == 0)
            #expect(second.standardOutput.contains("8 records: 0 created, 0 updated, 8 unchanged"))
            let after = try await pool.query("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_revisions)")[0]
            #expect(try after.int(0) == counts.int(0) && after.int(1) == counts.int(1))
        }
    }

    @Test func aFileWithAnInvalidRecordStoresNothingAndSaysWhichRecordAndField() async throws {
        try await TestDatabase.withPool { pool, database in
            _ = try await TimelinedBinary.run(["migrate"], environment: environment(database))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).ndjson")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data("""
                {"kind": "visit", "title": "Fine", "date": "2023-08-27"}
                {"kind": "visit", "title": "Fine too", "date": "2023-08-28"}
                {"kind": "visit", "title": "Bad date", "date": "2023-02-30"}

                """.utf8).write(to: file)
            let outcome = try await TimelinedBinary.run(["ingest", file.path], environment: environment(database))
            #expect(outcome.status != 0)
            let errorLines = outcome.standardError.split(separator: "\n")
            #expect(errorLines.count == 1)
            #expect(errorLines.first?.contains("#2 date") == true)
            #expect(try await pool.query("SELECT count(*) FROM events")[0].int(0) == 0)
        }
    }

    @Test func eachFileIsAtomicOnItsOwn() async throws {
        try await TestDatabase.withPool { pool, database in
            _ = try await TimelinedBinary.run(["migrate"], environment: environment(database))
            let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json")
            defer { try? FileManager.default.removeItem(at: bad) }
            try Data(#"[{"kind": "visit", "title": "ok", "date": "2020"}, {"kind": "nope", "title": "x", "date": "2020"}]"#.utf8).write(to: bad)
            let outcome = try await TimelinedBinary.run(["ingest", bad.path, Self.sampleFile], environment: environment(database))
            #expect(outcome.status != 0)
            #expect(outcome.standardOutput.contains("8 created"))
            #expect(try await pool.query("SELECT count(*) FROM events")[0].int(0) == 8)
        }
    }

    @Test func malformedNDJSONNamesTheLine() async throws {
        try await TestDatabase.withPool { _, database in
            _ = try await TimelinedBinary.run(["migrate"], environment: environment(database))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).ndjson")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data("{\"kind\": \"visit\", \"title\": \"a\", \"date\": \"2020\"}\n{\"kind\": \n".utf8).write(to: file)
            let outcome = try await TimelinedBinary.run(["ingest", file.path], environment: environment(database))
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains("line 2"))
        }
    }

    @Test func ingestRefusesADatabaseThatWasNotMigrated() async throws {
        try await TestDatabase.withPool { _, database in
            let outcome = try await TimelinedBinary.run(["ingest", Self.sampleFile], environment: environment(database))
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains("timelined migrate"))
        }
    }

    @Test func aBadConfigurationValueStopsWithOneLineNamingTheKey() async throws {
        let outcome = try await TimelinedBinary.run(["check-config"], environment: ["TIMELINED_HTTP_PORT": "eighty"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        #expect(outcome.standardError.contains("http.port"))
    }

    @Test func anUnreachableDatabaseIsOneClearLineWithoutThePassword() async throws {
        let outcome = try await TimelinedBinary.run(
            ["migrate"], environment: ["TIMELINED_DATABASE_URL": "host=/nonexistent-\(UUID()) user=u password=hunter2 dbname=d"]
        )
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("cannot connect to PostgreSQL"))
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        #expect(!outcome.standardError.contains("hunter2"))
    }
}
