import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Statements, parameters and decoding")
struct QueryTests {
    @Test func parametersTravelSeparatelyFromSQLText() async throws {
        try await TestDatabase.withPool { pool, _ in
            let hostile = "x'); DROP TABLE victims; --"
            try await pool.query("CREATE TABLE victims (name text)")
            try await pool.query("INSERT INTO victims VALUES ($1)", [hostile])
            let rows = try await pool.query("SELECT name FROM victims WHERE name = $1", [hostile])
            #expect(rows.count == 1)
            #expect(try rows[0].string(0) == hostile)
        }
    }

    @Test func decodesTheTypesTheStoreUses() async throws {
        try await TestDatabase.withPool { pool, _ in
            let rows = try await pool.query(
                """
                SELECT $1::text, $2::bigint, $3::boolean, $4::date, $5::timestamptz,
                       $6::jsonb, $7::text[], $8::int[], NULL::text, 'f'::boolean
                """,
                [
                    "Zürich ✓", Int64(-9_007_199_254_740_993), true, PostgresDate(year: 1979, month: 1, day: 31),
                    PostgresTimestamp(microsecondsSinceEpoch: 1_693_094_400_123_456),
                    PostgresJSON(text: #"{"b": [1, 2], "a": "x"}"#), ["a,b", "c\"d", "e\\f", "{g}", "NULL"], [180, 90, 0],
                ]
            )
            let row = rows[0]
            #expect(try row.string(0) == "Zürich ✓")
            #expect(try row.int(1) == -9_007_199_254_740_993)
            #expect(try row.bool(2) == true)
            #expect(try row.date(3) == PostgresDate(year: 1979, month: 1, day: 31))
            #expect(try row.timestamp(4) == PostgresTimestamp(microsecondsSinceEpoch: 1_693_094_400_123_456))
            #expect(try row.timestamp(4).rfc3339 == "2023-08-27T00:00:00.123456Z")
            let json = try JSONSerialization.jsonObject(with: try row.json(5)) as? [String: Any]
            #expect(json?["a"] as? String == "x")
            #expect(try row.textArray(6) == ["a,b", "c\"d", "e\\f", "{g}", "NULL"])
            #expect(try row.intArray(7) == [180, 90, 0])
            #expect(row.isNull(8))
            #expect(row.optionalString(8) == nil)
            #expect(try row.bool(9) == false)
        }
    }

    @Test func arraysKeepNullElementsApartFromTheWordNull() async throws {
        try await TestDatabase.withPool { pool, _ in
            let rows = try await pool.query("SELECT ARRAY['NULL', NULL, '']::text[]")
            #expect(try rows[0].array(0) == ["NULL", nil, ""])
        }
    }

    @Test func timestampsBeforeTheEpochAndWithoutFractionsDecode() async throws {
        try await TestDatabase.withPool { pool, _ in
            let rows = try await pool.query("SELECT '1969-12-31 23:59:59.5+00'::timestamptz, '2024-02-29 12:00:00+02'::timestamptz")
            #expect(try rows[0].timestamp(0).microsecondsSinceEpoch == -500_000)
            #expect(try rows[0].timestamp(1).rfc3339 == "2024-02-29T10:00:00.000000Z")
        }
    }

    @Test func decodingTheWrongTypeNamesTheColumn() async throws {
        try await TestDatabase.withPool { pool, _ in
            let row = try await pool.query("SELECT 'abc' AS title")[0]
            #expect {
                try row.int(0)
            } throws: { error in
                guard case PostgresError.decoding(let column, let expected, let value) = error else { return false }
                return column == "title" && expected == "integer" && value == "abc"
            }
        }
    }

    @Test func serverErrorsCarrySQLStateAndMessage() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await pool.query("CREATE TABLE t (id int PRIMARY KEY)")
            try await pool.query("INSERT INTO t VALUES (1)")
            await #expect {
                try await pool.query("INSERT INTO t VALUES ($1)", [1])
            } throws: { error in
                guard case PostgresError.server(let server) = error else { return false }
                return server.sqlState == ServerError.uniqueViolation && server.message.contains("duplicate key")
                    && server.constraint == "t_pkey" && server.detail?.contains("(id)=(1)") == true
            }
            // The connection is still good after an error.
            #expect(try await pool.query("SELECT count(*) FROM t")[0].int(0) == 1)
        }
    }

    @Test func textWithANulCharacterIsRefusedBeforeReachingTheServer() async throws {
        _ = try await TestDatabase.withPool { pool, _ in
            await #expect {
                try await pool.query("SELECT $1::text, $2::text", ["fine", "bad\u{0}tail"])
            } throws: { error in
                guard case PostgresError.invalidParameter(let index, _) = error else { return false }
                return index == 1
            }
        }
    }

    @Test func aScriptRunsSeveralStatements() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await pool.withConnection { connection in
                try connection.execute(script: "CREATE TABLE a (x int); CREATE TABLE b (y int); INSERT INTO a VALUES (1);")
            }
            #expect(try await pool.query("SELECT count(*) FROM a")[0].int(0) == 1)
        }
    }

    @Test func affectedRowsAreReported() async throws {
        try await TestDatabase.withPool { pool, _ in
            try await pool.query("CREATE TABLE t (x int)")
            let inserted = try await pool.query("INSERT INTO t SELECT generate_series(1, 7)")
            #expect(inserted.affectedRows == 7)
        }
    }
}
