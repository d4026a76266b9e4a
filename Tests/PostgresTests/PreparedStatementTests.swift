import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Prepared statements")
struct PreparedStatementTests {
    /// The statements the server holds prepared for this session.
    private func prepared(on connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time").map { try $0.string(0) }
    }

    @Test func aStatementIsPreparedOnceAndRunWithEachCallsValues() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let connection = try PostgresConnection(connectionString: database.connectionString)
        for value in 1...7 {
            #expect(try connection.query("SELECT $1::int * 2", [value])[0].int(0) == value * 2)
        }
        let statements = try prepared(on: connection)
        #expect(statements.filter { $0 == "SELECT $1::int * 2" }.count == 1)
    }

    @Test func pastItsCapacityTheLeastRecentlyUsedStatementIsDeallocated() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let connection = try PostgresConnection(connectionString: database.connectionString, preparedStatementCapacity: 3)
        try connection.query("SELECT 1")
        try connection.query("SELECT 2")
        try connection.query("SELECT 3")
        try connection.query("SELECT 1")  // now 2 is the least recently used
        try connection.query("SELECT 4")
        // The query reading the list is itself a statement: it takes a place, evicting 3.
        let statements = try prepared(on: connection)
        #expect(statements.count == 3)
        #expect(statements.contains("SELECT 1"))
        #expect(statements.contains("SELECT 4"))
        #expect(!statements.contains("SELECT 2"))
        #expect(!statements.contains("SELECT 3"))
        #expect(try connection.query("SELECT 2")[0].int(0) == 2)
    }

    @Test func aStatementThatFailsToPrepareIsNotRemembered() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let connection = try PostgresConnection(connectionString: database.connectionString)
        #expect(throws: PostgresError.self) { try connection.query("SELECT * FROM later") }
        try connection.query("CREATE TABLE later (n int)")
        try connection.query("INSERT INTO later VALUES (5)")
        #expect(try connection.query("SELECT * FROM later")[0].int(0) == 5)
    }

    @Test func aPreparedStatementSurvivesARolledBackTransaction() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let connection = try PostgresConnection(connectionString: database.connectionString)
        try connection.query("CREATE TABLE counted (n int)")
        #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.query("INSERT INTO counted VALUES ($1::int)", [1])
                try connection.query("SELECT 1 / 0")
            }
        }
        try connection.query("INSERT INTO counted VALUES ($1::int)", [2])
        #expect(try connection.query("SELECT array_agg(n)::text FROM counted")[0].string(0) == "{2}")
    }

    static let shiftingQuery = "SELECT n FROM shifting WHERE n = $1::int"

    /// A connection that ran `shiftingQuery` past its custom plans, after which another connection
    /// indexed the table and changed the type of the column the query returns.
    private func connectionWithAStalePlan(in database: TestDatabase) throws -> PostgresConnection {
        let connection = try PostgresConnection(connectionString: database.connectionString)
        try connection.query("CREATE TABLE shifting (n int)")
        try connection.query("INSERT INTO shifting VALUES (1)")
        for _ in 1...6 { #expect(try connection.query(Self.shiftingQuery, [1]).count == 1) }
        let other = try PostgresConnection(connectionString: database.connectionString)
        try other.query("CREATE INDEX shifting_n ON shifting (n)")
        try other.query("ALTER TABLE shifting ALTER COLUMN n TYPE bigint")
        return connection
    }

    @Test func aPlanFollowsTheSchemaWhenATableChanges() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let connection = try connectionWithAStalePlan(in: database)
        #expect(try connection.query(Self.shiftingQuery, [1])[0].int(0) == 1)
    }

    @Test func aStalePlanInsideATransactionFailsItAndIsPreparedAfreshAfterwards() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let connection = try connectionWithAStalePlan(in: database)
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction { connection in try connection.query(Self.shiftingQuery, [1]) }
        }
        #expect(error?.description.contains("cached plan must not change result type") == true)
        #expect(try connection.query(Self.shiftingQuery, [1])[0].int(0) == 1)
    }
}

