import NIOCore
import TimelineCore

/// Turns a request body into record values, fed chunk by chunk as the body arrives; each value
/// goes to `record` as soon as it is parsed, and parsing stops when `record` returns false.
protocol RecordBodyParser {
    mutating func consume(_ chunk: ByteBuffer, _ record: (JSONValue) -> Bool) throws(RecordDocumentError)
    /// The records not handed over yet, once the body has ended.
    mutating func finish(_ record: (JSONValue) -> Bool) throws(RecordDocumentError)
}
