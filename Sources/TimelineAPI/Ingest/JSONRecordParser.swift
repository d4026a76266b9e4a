import NIOCore
import TimelineCore

/// A JSON body: one record object or an array of them, or one document. JSON has no record
/// boundary before its end, so the chunks are gathered into one buffer and parsed in place once
/// the body is in.
struct JSONRecordParser: RecordBodyParser {
    private var body = ByteBuffer()

    init(expectedLength: Int?) {
        body.reserveCapacity(expectedLength ?? 0)
    }

    mutating func consume(_ chunk: ByteBuffer) throws(RecordDocumentError) {
        body.writeImmutableBuffer(chunk)
    }

    func finish() throws(RecordDocumentError) -> [JSONValue] {
        try RecordDocument.records(in: body.readableBytesView, format: .json)
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
