import Postgres
import TestSupport
import Testing

@Suite("COPY FROM STDIN")
struct CopyTests {
    @Test func rowsWithEveryEscapedCharacterArriveIntact() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await pool.query("CREATE TABLE t (id int, body text, tags text[], day date)")
            let awkward = "tab\there\nnewline\\backslash\rreturn \\N not null"
            let rows: [[any PostgresBindable]] = (1...5000).map { index in
                [index, index == 3 ? awkward : "row \(index)", ["a", "b,c"], index == 4 ? String?.none : "2023-08-27"]
            }
            let stored = try await pool.withConnection { connection in
                try connection.copy("COPY t (id, body, tags, day) FROM STDIN", rows: rows)
            }
            #expect(stored == 5000)
            let row = try await pool.query("SELECT body, tags, day FROM t WHERE id = 3")[0]
            #expect(try row.string(0) == awkward)
            #expect(try row.textArray(1) == ["a", "b,c"])
            #expect(try await pool.query("SELECT day IS NULL FROM t WHERE id = 4")[0].bool(0))
        }
    }

    @Test func aRejectedRowStoresNothingAndTheConnectionRecovers() async throws {
        try await TestDatabase.withPool(size: 1) { pool, _ in
            try await pool.query("CREATE TABLE t (id int NOT NULL)")
            let rows: [[any PostgresBindable]] = [[1], [2], [Int?.none]]
            await #expect {
                try await pool.withConnection { connection in try connection.copy("COPY t FROM STDIN", rows: rows) }
            } throws: { error in
                guard case PostgresError.server(let server) = error else { return false }
                return server.sqlState == "23502"
            }
            #expect(try await pool.query("SELECT count(*) FROM t")[0].int(0) == 0)
        }
    }

    @Test func aNulCharacterAbortsTheCopy() async throws {
        try await TestDatabase.withPool(size: 1) { pool, _ in
            try await pool.query("CREATE TABLE t (body text)")
            let rows: [[any PostgresBindable]] = [["ok"], ["bad\u{0}"]]
            await #expect {
                try await pool.withConnection { connection in try connection.copy("COPY t FROM STDIN", rows: rows) }
            } throws: { error in
                if case PostgresError.copyFailed = error { return true }
                return false
            }
            #expect(try await pool.query("SELECT count(*) FROM t")[0].int(0) == 0)
        }
    }
}
