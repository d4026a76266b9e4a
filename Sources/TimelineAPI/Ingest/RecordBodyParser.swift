import NIOCore
import TimelineCore

/// Turns a request body into record values, fed chunk by chunk as the body arrives.
protocol RecordBodyParser {
    mutating func consume(_ chunk: ByteBuffer) throws(RecordDocumentError)
    /// Every record, once the body has ended.
    mutating func finish() throws(RecordDocumentError) -> [JSONValue]
}
