import CLibPQ
import Foundation

/// The rows of one statement's result, copied out of libpq's `PGresult` (which is freed at
/// once), so they can cross threads and outlive the connection.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: [String]
    /// Every value's bytes, one after the other, as the server printed them (text format).
    private let storage: [UInt8]
    /// Each value's place in `storage`, row-major; nil is SQL NULL. Values become Strings only
    /// when read as such: a response body PostgreSQL built goes out as bytes, never decoded.
    private let values: [Range<Int>?]
    /// Rows affected, for INSERT/UPDATE/DELETE/COPY (`PQcmdTuples`).
    public let affectedRows: Int

    init(result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var storage: [UInt8] = []
        var values: [Range<Int>?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    let start = storage.count
                    storage.append(contentsOf: UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: length))
                    values.append(start..<storage.count)
                }
            }
        }
        self.storage = storage
        self.values = values
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }

    public subscript(position: Int) -> PostgresRow {
        let width = columns.count
        return PostgresRow(columns: columns, storage: storage, values: values[position * width..<(position + 1) * width])
    }
}

/// One result row with typed accessors by column index.
public struct PostgresRow: Sendable {
    public let columns: [String]
    let storage: [UInt8]
    let values: ArraySlice<Range<Int>?>

    public func isNull(_ column: Int) -> Bool {
        values[values.startIndex + column] == nil
    }

    /// The column's text, or nil for SQL NULL.
    public func optionalString(_ column: Int) -> String? {
        values[values.startIndex + column].map { String(decoding: storage[$0], as: UTF8.self) }
    }

    public func string(_ column: Int) throws(PostgresError) -> String {
        try required(column, "text")
    }

    public func int(_ column: Int) throws(PostgresError) -> Int {
        let text = try required(column, "integer")
        guard let value = Int(text) else { throw mismatch(column, "integer", text) }
        return value
    }

    public func optionalInt(_ column: Int) throws(PostgresError) -> Int? {
        guard !isNull(column) else { return nil }
        return try int(column)
    }

    public func bool(_ column: Int) throws(PostgresError) -> Bool {
        switch try required(column, "boolean") {
        case "t": return true
        case "f": return false
        case let text: throw mismatch(column, "boolean", text)
        }
    }

    public func date(_ column: Int) throws(PostgresError) -> PostgresDate {
        let text = try required(column, "date")
        guard let date = PostgresDate(isoText: text) else { throw mismatch(column, "date", text) }
        return date
    }

    public func optionalDate(_ column: Int) throws(PostgresError) -> PostgresDate? {
        guard !isNull(column) else { return nil }
        return try date(column)
    }

    public func timestamp(_ column: Int) throws(PostgresError) -> PostgresTimestamp {
        let text = try required(column, "timestamptz")
        guard let value = PostgresTimestamp(isoText: text) else { throw mismatch(column, "timestamptz", text) }
        return value
    }

    /// A `json`/`jsonb` column's bytes, ready for `JSONDecoder` or to be sent on as they are.
    public func json(_ column: Int) throws(PostgresError) -> Data {
        guard let range = values[values.startIndex + column] else { throw mismatch(column, "json", "NULL") }
        return Data(storage[range])
    }

    /// A one-dimensional array column (`text[]`, `int[]` …) as its elements' texts.
    public func array(_ column: Int) throws(PostgresError) -> [String?] {
        let text = try required(column, "array")
        guard let elements = PostgresArrayLiteral.parse(text) else { throw mismatch(column, "array", text) }
        return elements
    }

    public func textArray(_ column: Int) throws(PostgresError) -> [String] {
        try array(column).map { (element: String?) throws(PostgresError) -> String in
            guard let element else { throw mismatch(column, "array without NULLs", "NULL") }
            return element
        }
    }

    public func intArray(_ column: Int) throws(PostgresError) -> [Int] {
        try textArray(column).map { (element: String) throws(PostgresError) -> Int in
            guard let value = Int(element) else { throw mismatch(column, "integer array", element) }
            return value
        }
    }

    private func required(_ column: Int, _ expected: String) throws(PostgresError) -> String {
        guard let text = optionalString(column) else { throw mismatch(column, expected, "NULL") }
        return text
    }

    private func mismatch(_ column: Int, _ expected: String, _ value: String) -> PostgresError {
        .decoding(column: columns[column], expected: expected, value: String(value.prefix(80)))
    }
}
