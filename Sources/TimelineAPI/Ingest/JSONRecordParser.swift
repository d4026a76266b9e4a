import NIOCore
import TimelineCore

/// A JSON body: one record object or an array of them, or one document. JSON has no record
/// boundary before its end, so the chunks are gathered into one buffer and parsed in place once
/// the body is in; an array's elements are validated as they are parsed.
struct JSONRecordParser: RecordBodyParser {
    private var body = ByteBuffer()

    init(expectedLength: Int?) {
        body.reserveCapacity(expectedLength ?? 0)
    }

    mutating func consume(_ chunk: ByteBuffer, _ record: (JSONValue) -> Bool) throws(RecordDocumentError) {
        body.writeImmutableBuffer(chunk)
    }

    func finish(_ record: (JSONValue) -> Bool) throws(RecordDocumentError) {
        try RecordDocument.forEachRecord(in: body.readableBytesView, format: .json, record)
    }

    /// The body as one JSON value of any type, for an endpoint that takes one document and says
    /// itself what it must be.
    func document() throws(RecordDocumentError) -> JSONValue {
        do {
            return try JSONValue(parsing: body.readableBytesView)
        } catch {
            throw RecordDocumentError(line: nil, message: error.description)
        }
    }
}
