import Hummingbird
import NIOCore
import TimelineCore

/// Reads an ingest body into record values, never holding more than `maxBytes` of it: a
/// declared Content-Length over the limit is refused before a byte is read, and a body that
/// grows past it while arriving (chunked, or longer than declared) is refused right there.
struct RecordBodyReader: Sendable {
    let maxBytes: Int

    func records(from request: Request) async throws(APIError) -> [JSONValue] {
        let format = try IngestFormat(contentType: request.headers[.contentType])
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > maxBytes {
            throw .contentTooLarge(limit: maxBytes)
        }
        switch format {
        case .json:
            var parser = JSONRecordParser(expectedLength: declaredLength)
            return try await read(request.body, into: &parser)
        case .ndjson:
            var parser = NDJSONRecordParser()
            return try await read(request.body, into: &parser)
        }
    }

    private func read(_ body: RequestBody, into parser: inout some RecordBodyParser) async throws(APIError) -> [JSONValue] {
        var chunks = body.makeAsyncIterator()
        var received = 0
        while let chunk = try await Self.next(&chunks) {
            received += chunk.readableBytes
            guard received <= maxBytes else { throw .contentTooLarge(limit: maxBytes) }
            do { try parser.consume(chunk) } catch { throw .malformedBody(error.description) }
        }
        do { return try parser.finish() } catch { throw .malformedBody(error.description) }
    }

    /// A body that breaks off (the client went away, or broke the chunked framing) is the
    /// client's fault, not a server error.
    private static func next(_ chunks: inout RequestBody.AsyncIterator) async throws(APIError) -> ByteBuffer? {
        do { return try await chunks.next() } catch { throw .unreadableBody }
    }
}
