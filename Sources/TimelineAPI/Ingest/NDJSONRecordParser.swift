import NIOCore
import TimelineCore

/// NDJSON parsed as it arrives: each line becomes a record value as soon as its newline is in,
/// straight from the received buffer; only a line split across two buffers is copied, and
/// only that line. Positions and messages match `RecordDocument`'s, so the CLI and HTTP report
/// the same error the same way.
struct NDJSONRecordParser: RecordBodyParser {
    private var records: [JSONValue] = []
    /// The start of a line whose newline has not arrived yet.
    private var partialLine = ByteBuffer()
    private var lineNumber = 0

    mutating func consume(_ buffer: ByteBuffer) throws(RecordDocumentError) {
        var rest = buffer.readableBytesView
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            if partialLine.readableBytes == 0 {
                try parseLine(rest[rest.startIndex..<newline])
            } else {
                partialLine.writeBytes(rest[rest.startIndex..<newline])
                try parseLine(partialLine.readableBytesView)
                partialLine.clear()
            }
            rest = rest[rest.index(after: newline)...]
        }
        partialLine.writeBytes(rest)
    }

    /// The last line may lack its newline.
    mutating func finish() throws(RecordDocumentError) -> [JSONValue] {
        if partialLine.readableBytes > 0 {
            try parseLine(partialLine.readableBytesView)
            partialLine.clear()
        }
        return records
    }

    private mutating func parseLine(_ line: ByteBufferView) throws(RecordDocumentError) {
        lineNumber += 1
        let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        guard !content.allSatisfy(Self.isBlank) else { return }
        do throws(JSONParseError) {
            // Only the body's start may carry a byte-order mark, as `RecordDocument` reads NDJSON.
            records.append(try JSONValue(parsing: content, allowingByteOrderMark: lineNumber == 1))
        } catch {
            throw RecordDocumentError(line: lineNumber, message: "invalid JSON at column \(error.column): \(error.message)")
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
