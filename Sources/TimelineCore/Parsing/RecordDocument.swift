/// Splits an ingest body (`POST /v1/events`, `timelined ingest`, spool files) into record values,
/// which `EventRecordValidator` then checks one by one.
public enum RecordDocument {
    public enum Format: Sendable, Hashable {
        /// One object, or an array of them.
        case json
        /// One JSON value per non-blank line.
        case ndjson
        /// RFC 4180 CSV with a header row naming the columns (`CSVColumn`); one record a row.
        case csv
    }

    /// The record values of `data`. An empty array (`[]`, or NDJSON with only blank lines) gives no
    /// records; whether that is acceptable is the caller's decision.
    public static func records(
        in data: some Collection<UInt8>, format: Format
    ) throws(RecordDocumentError) -> [JSONValue] {
        var records: [JSONValue] = []
        try forEachRecord(in: data, format: format) { record in
            records.append(record)
            return true
        }
        return records
    }

    /// Hands each record value of `data` to `body` as soon as it is parsed, in order, without
    /// keeping it; `body` returns false to stop reading.
    public static func forEachRecord(
        in data: some Collection<UInt8>, format: Format, _ body: (JSONValue) -> Bool
    ) throws(RecordDocumentError) {
        try JSONParser.withBuffer(data) { buffer throws(RecordDocumentError) in
            let content = JSONParser.skippingByteOrderMark(buffer, in: 0..<buffer.count)
            switch format {
            case .json: try jsonRecords(buffer, content, body)
            // A byte-order mark is one of NDJSON's line rules.
            case .ndjson: try NDJSONLines.forEachRecord(in: buffer, body)
            case .csv: try csvRecords(buffer, content, body)
            }
        }
    }

    /// `[` first means JSON; `{` first means JSON when the whole body is that one value, else NDJSON.
    /// For bodies that arrive without a telling content type, such as spool files.
    public static func guessFormat(of data: some Collection<UInt8>) -> Format {
        JSONParser.withBuffer(data) { buffer in
            var index = JSONParser.skippingByteOrderMark(buffer, in: 0..<buffer.count).lowerBound
            while index < buffer.count, ASCII.isWhitespace(buffer[index]) { index += 1 }
            guard index < buffer.count, buffer[index] == UInt8(ascii: "{") else { return .json }
            guard var after = endOfObject(buffer, from: index) else { return .json }
            while after < buffer.count, ASCII.isWhitespace(buffer[after]) { after += 1 }
            return after == buffer.count ? .json : .ndjson
        }
    }

    private static func jsonRecords(
        _ buffer: UnsafeBufferPointer<UInt8>, _ content: Range<Int>, _ body: (JSONValue) -> Bool
    ) throws(RecordDocumentError) {
        if content.allSatisfy({ ASCII.isWhitespace(buffer[$0]) }) {
            throw RecordDocumentError(
                line: nil, message: "the body is empty; expected a JSON object or an array of objects")
        }
        let value: JSONValue?
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(buffer, in: content, streamingArrayElements: body)
        } catch {
            throw RecordDocumentError(
                line: nil, message: JSONParseError(failure: error, in: buffer).description)
        }
        // nil: an array, whose elements went to `body` already.
        guard let value else { return }
        guard case .object = value else {
            throw RecordDocumentError(
                line: nil,
                message: "the body must be a JSON object or an array of objects, not \(value.typeDescription)")
        }
        _ = body(value)
    }

    private static func csvRecords(
        _ buffer: UnsafeBufferPointer<UInt8>, _ content: Range<Int>, _ body: (JSONValue) -> Bool
    ) throws(RecordDocumentError) {
        let rows = try CSVTable.rows(buffer, in: content)
        guard let header = rows.first else {
            throw RecordDocumentError(line: nil, message: "the file is empty; expected a header row naming the columns")
        }
        let columns = try CSVColumn.header(header)
        for row in rows.dropFirst() {
            guard row.fields.count == columns.count else {
                throw RecordDocumentError(
                    line: row.line, message: "the row has \(row.fields.count) fields, the header \(columns.count) columns")
            }
            guard body(CSVColumn.record(zip(columns, row.fields))) else { return }
        }
    }

    /// The index just past the object starting at `start`, found by bracket counting alone; nil when
    /// it never closes. Cheap enough to run before choosing a parser.
    private static func endOfObject(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var index = start
        while index < buffer.count {
            let byte = buffer[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
