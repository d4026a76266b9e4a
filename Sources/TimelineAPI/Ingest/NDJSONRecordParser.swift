import NIOCore
import TimelineCore

/// NDJSON parsed as it arrives: each line becomes a record value as soon as its newline is in,
/// straight from the received buffer, and is handed on; only a line split across two buffers is
/// copied, and only that line. Positions and messages match `RecordDocument`'s, so the CLI and HTTP report
/// the same error the same way.
struct NDJSONRecordParser: RecordBodyParser {
    /// The start of a line whose newline has not arrived yet.
    private var partialLine = ByteBuffer()
    private var lineNumber = 0

    mutating func consume(_ buffer: ByteBuffer, _ record: (JSONValue) -> Bool) throws(RecordDocumentError) {
        var rest = buffer.readableBytesView
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            let isTaken: Bool
            if partialLine.readableBytes == 0 {
                isTaken = try parseLine(rest[rest.startIndex..<newline], record)
            } else {
                partialLine.writeBytes(rest[rest.startIndex..<newline])
                isTaken = try parseLine(partialLine.readableBytesView, record)
                partialLine.clear()
            }
            guard isTaken else { return }
            rest = rest[rest.index(after: newline)...]
        }
        partialLine.writeBytes(rest)
    }

    /// The last line may lack its newline.
    mutating func finish(_ record: (JSONValue) -> Bool) throws(RecordDocumentError) {
        if partialLine.readableBytes > 0 {
            _ = try parseLine(partialLine.readableBytesView, record)
            partialLine.clear()
        }
    }

    /// False once `record` takes no more.
    private mutating func parseLine(
        _ line: ByteBufferView, _ record: (JSONValue) -> Bool
    ) throws(RecordDocumentError) -> Bool {
        lineNumber += 1
        let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        guard !content.allSatisfy(ASCII.isWhitespace) else { return true }
        do throws(JSONParseError) {
            // Only the body's start may carry a byte-order mark, as `RecordDocument` reads NDJSON.
            return record(try JSONValue(parsing: content, allowingByteOrderMark: lineNumber == 1))
        } catch {
            throw RecordDocumentError(line: lineNumber, message: "invalid JSON at column \(error.column): \(error.message)")
        }
    }
}
