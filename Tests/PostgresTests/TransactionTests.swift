import Postgres
import TestSupport
import Testing

@Suite("Transactions")
struct TransactionTests {
    struct Abort: Error {}

    @Test func aThrownErrorRollsEverythingBack() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await pool.query("CREATE TABLE t (x int)")
            await #expect(throws: Abort.self) {
                try await pool.withTransaction { connection in
                    try connection.query("INSERT INTO t VALUES (1)")
                    try connection.query("INSERT INTO t VALUES (2)")
                    throw Abort()
                }
            }
            #expect(try await pool.query("SELECT count(*) FROM t")[0].int(0) == 0)
        }
    }

    @Test func aServerErrorRollsEverythingBackAndTheConnectionIsReusable() async throws {
        try await TestDatabase.withPool(size: 1) { pool, _ in
            try await pool.query("CREATE TABLE t (x int PRIMARY KEY)")
            await #expect(throws: PostgresError.self) {
                try await pool.withTransaction { connection in
                    try connection.query("INSERT INTO t VALUES (1)")
                    try connection.query("INSERT INTO t VALUES (1)")
                }
            }
            #expect(try await pool.query("SELECT count(*) FROM t")[0].int(0) == 0)
        }
    }

    @Test func aReturningBodyCommits() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await pool.query("CREATE TABLE t (x int)")
            let count = try await pool.withTransaction { connection in
                try connection.query("INSERT INTO t VALUES (1), (2)").affectedRows
            }
            #expect(count == 2)
            #expect(try await pool.query("SELECT count(*) FROM t")[0].int(0) == 2)
        }
    }

    @Test func aReadOnlySnapshotSeesOneMomentAndRefusesWrites() async throws {
        let database = try await TestDatabase.create()
        defer { Task { try await database.drop() } }
        let reader = try PostgresConnection(connectionString: database.connectionString)
        let writer = try PostgresConnection(connectionString: database.connectionString)
        try writer.query("CREATE TABLE t (x int)")
        try writer.query("INSERT INTO t VALUES (1)")
        let counts = try reader.transaction(.readOnlySnapshot) { connection in
            let before = try connection.query("SELECT count(*) FROM t")[0].int(0)
            try writer.query("INSERT INTO t VALUES (2)")
            return (before, try connection.query("SELECT count(*) FROM t")[0].int(0))
        }
        #expect(counts == (1, 1))
        #expect(try reader.query("SELECT count(*) FROM t")[0].int(0) == 2)
        #expect(throws: PostgresError.self) {
            try reader.transaction(.readOnlySnapshot) { connection in try connection.query("INSERT INTO t VALUES (3)") }
        }
        #expect(try reader.query("SELECT count(*) FROM t")[0].int(0) == 2)
    }
}
