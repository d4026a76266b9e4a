import NIOCore
import TimelineCore

/// NDJSON parsed as it arrives: each line becomes a record value as soon as its newline is in,
/// straight from the received buffer, and is handed on; only a line split across two buffers is
/// copied, and only that line. `NDJSONLines` holds the rules, the same that `RecordDocument`
/// reads a whole body by, so the CLI and HTTP report the same error the same way.
struct NDJSONRecordParser: RecordBodyParser {
    private var lines = NDJSONLines()
    /// The start of a line whose newline has not arrived yet.
    private var partialLine = ByteBuffer()

    mutating func consume(_ buffer: ByteBuffer, _ record: (JSONValue) -> Bool) throws(RecordDocumentError) {
        var rest = buffer.readableBytesView
        if partialLine.readableBytes > 0 {
            guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else {
                partialLine.writeBytes(rest)
                return
            }
            let lineEnd = rest.index(after: newline)
            partialLine.writeBytes(rest[..<lineEnd])
            let isTaking = try lines.parseCompleteLines(partialLine.readableBytesView, record) != nil
            partialLine.clear()
            guard isTaking else { return }
            rest = rest[lineEnd...]
        }
        guard let unfinished = try lines.parseCompleteLines(rest, record) else { return }
        partialLine.writeBytes(rest.suffix(unfinished))
    }

    mutating func finish(_ record: (JSONValue) -> Bool) throws(RecordDocumentError) {
        try lines.parseLastLine(partialLine.readableBytesView, record)
        partialLine.clear()
    }
}
