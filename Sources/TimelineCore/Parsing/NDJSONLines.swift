/// How an NDJSON body becomes record values, for a whole body (`RecordDocument`) and for one read
/// piece by piece as it arrives (the HTTP reader), so that both number lines and word errors the
/// same way: lines end at a line feed, a carriage return before it is dropped, lines with only
/// whitespace are skipped (but counted), only the body's first line may start with a byte-order
/// mark, and every other line is one JSON value.
public struct NDJSONLines {
    private var lineNumber = 0

    public init() {}

    /// The record values of a whole body.
    static func forEachRecord(
        in body: UnsafeBufferPointer<UInt8>, _ record: (JSONValue) -> Bool
    ) throws(RecordDocumentError) {
        var lines = NDJSONLines()
        guard let unfinished = try lines.parseCompleteLines(body, record) else { return }
        _ = try lines.parseLine(body, (body.count - unfinished)..<body.count, record)
    }

    /// Parses the lines of `bytes` that end with a line feed, the next ones of the body, and
    /// returns the number of bytes after the last line feed: the start of a line that the caller
    /// completes with the bytes that follow and passes again, or to `parseLastLine` when the body
    /// has ended. Nil when `record` took no more, and the rest of the body is not to be read.
    public mutating func parseCompleteLines(
        _ bytes: some Collection<UInt8>, _ record: (JSONValue) -> Bool
    ) throws(RecordDocumentError) -> Int? {
        try JSONParser.withBuffer(bytes) { buffer throws(RecordDocumentError) in
            try parseCompleteLines(buffer, record)
        }
    }

    /// The body's last line, which has no line feed after it.
    public mutating func parseLastLine(
        _ bytes: some Collection<UInt8>, _ record: (JSONValue) -> Bool
    ) throws(RecordDocumentError) {
        try JSONParser.withBuffer(bytes) { buffer throws(RecordDocumentError) in
            _ = try parseLine(buffer, 0..<buffer.count, record)
        }
    }

    private mutating func parseCompleteLines(
        _ buffer: UnsafeBufferPointer<UInt8>, _ record: (JSONValue) -> Bool
    ) throws(RecordDocumentError) -> Int? {
        var lineStart = 0
        while let lineFeed = buffer[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            guard try parseLine(buffer, lineStart..<lineFeed, record) else { return nil }
            lineStart = lineFeed + 1
        }
        return buffer.count - lineStart
    }

    /// False once `record` takes no more.
    private mutating func parseLine(
        _ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, _ record: (JSONValue) -> Bool
    ) throws(RecordDocumentError) -> Bool {
        lineNumber += 1
        var content = lineNumber == 1 ? JSONParser.skippingByteOrderMark(buffer, in: line) : line
        // Columns count from after the mark, as in an editor that hides it.
        let columnOne = content.lowerBound
        if let last = content.last, buffer[last] == UInt8(ascii: "\r") { content = content.dropLast() }
        guard !content.allSatisfy({ ASCII.isWhitespace(buffer[$0]) }) else { return true }
        do throws(JSONParser.Failure) {
            return record(try JSONParser.parse(buffer, in: content))
        } catch {
            let column = error.offset - columnOne + 1
            throw RecordDocumentError(line: lineNumber, message: "invalid JSON at column \(column): \(error.message)")
        }
    }
}
