import Hummingbird
import NIOCore
import TimelineCore

/// Reads a request body into JSON values, never holding more than `maxBytes` of it: a declared
/// Content-Length over the limit is refused before a byte is read, and a body that grows past it
/// while arriving (chunked, or longer than declared) is refused right there.
struct RecordBodyReader: Sendable {
    let maxBytes: Int

    /// `POST /v1/events`: the records of a JSON or NDJSON body.
    func records(from request: Request) async throws(APIError) -> [JSONValue] {
        let format = try IngestFormat(contentType: request.headers[.contentType])
        let length = try declaredLength(of: request)
        switch format {
        case .json:
            var parser = JSONRecordParser(expectedLength: length)
            return try await read(request.body, into: &parser)
        case .ndjson:
            var parser = NDJSONRecordParser()
            return try await read(request.body, into: &parser)
        }
    }

    /// `POST /v1/agreements`: a JSON body as one value, whatever its type; the validator says
    /// what it must be, so that a wrong shape is 422 like any other unacceptable content.
    func document(from request: Request) async throws(APIError) -> JSONValue {
        _ = try IngestFormat(contentType: request.headers[.contentType], accepting: [.json])
        var parser = JSONRecordParser(expectedLength: try declaredLength(of: request))
        try await receive(request.body, into: &parser)
        do { return try parser.document() } catch { throw .malformedBody(error.description) }
    }

    /// The Content-Length, when given and within the limit.
    private func declaredLength(of request: Request) throws(APIError) -> Int? {
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > maxBytes {
            throw .contentTooLarge(limit: maxBytes)
        }
        return declaredLength
    }

    private func read(_ body: RequestBody, into parser: inout some RecordBodyParser) async throws(APIError) -> [JSONValue] {
        try await receive(body, into: &parser)
        do { return try parser.finish() } catch { throw .malformedBody(error.description) }
    }

    private func receive(_ body: RequestBody, into parser: inout some RecordBodyParser) async throws(APIError) {
        var chunks = body.makeAsyncIterator()
        var received = 0
        while let chunk = try await Self.next(&chunks) {
            received += chunk.readableBytes
            guard received <= maxBytes else { throw .contentTooLarge(limit: maxBytes) }
            do { try parser.consume(chunk) } catch { throw .malformedBody(error.description) }
        }
    }

    /// A body that breaks off (the client went away, or broke the chunked framing) or arrives
    /// too slowly is the client's fault, not a server error.
    private static func next(_ chunks: inout RequestBody.AsyncIterator) async throws(APIError) -> ByteBuffer? {
        do {
            return try await chunks.next()
        } catch let timeout as RequestBodyTimeout {
            throw .requestTimeout(timeout: timeout.timeout)
        } catch {
            throw .unreadableBody
        }
    }
}
