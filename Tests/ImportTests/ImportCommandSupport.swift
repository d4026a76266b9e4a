import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

/// `timelined import SOURCE ARGUMENTS` on `database`, migrated first by `timelined migrate`.
struct ImportCommand {
    let database: TestDatabase
    /// `wikidata` or `gdelt`.
    let source: String

    private var environment: [String: String] { ["TIMELINED_DATABASE_URL": database.connectionString.rawValue] }

    static func on(_ database: TestDatabase, source: String = "wikidata") async throws -> ImportCommand {
        let command = ImportCommand(database: database, source: source)
        let migrate = try await TimelinedBinary.run(["migrate"], environment: command.environment)
        #expect(migrate.status == 0, "\(migrate.standardError)")
        return command
    }

    func run(_ arguments: [String]) async throws -> TimelinedBinary.Outcome {
        try await TimelinedBinary.run(["import", source] + arguments, environment: environment)
    }

    /// Runs with `--json` and expects success; the summary it printed.
    func summary(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let outcome = try await run(["--json"] + arguments)
        #expect(outcome.status == 0, "\(outcome.standardError)", sourceLocation: sourceLocation)
        return try JSONValue(parsing: outcome.standardOutput)
    }
}

/// A file of `bytes` in the temporary directory, removed by `body`'s end.
func withFile<T>(_ bytes: [UInt8], _ body: (String) async throws -> T) async throws -> T {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("wikidata-\(UUID()).json")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    return try await body(file.path)
}

/// `GET /v1/agreements/{id}` on `date`, as JSON.
func lifecycle(_ id: String, on date: String, _ pool: PostgresPool) async throws -> JSONValue {
    let view = try await AgreementStore(pool: pool).agreement(id: id, on: try CalendarDate(parsing: date), defaultThresholds: [180, 90, 30, 7, 1, 0])
    return try JSONValue(parsing: try JSONEncoder().encode(try #require(view)))
}

/// Revisions stored, to prove that a re-import wrote nothing.
func revisionCount(_ pool: PostgresPool) async throws -> Int {
    try await pool.query("SELECT count(*) FROM event_revisions")[0].int(0)
}
