import Hummingbird
import NIOCore
import TimelineCore

/// Reads a request body into records, never holding more than `maxBytes` of it nor more than
/// `maxRecords` records: a declared Content-Length over the limit is refused before a byte is
/// read, and a body that grows past either limit while arriving is refused right there.
struct RecordBodyReader: Sendable {
    let maxBytes: Int
    let maxRecords: Int

    /// `POST /v1/events`: the validated records of a JSON or NDJSON body; every issue (up to the
    /// report's limit) when any is invalid.
    func records(from request: Request) async throws(APIError) -> [EventRecord] {
        let format = try IngestFormat(contentType: request.headers[.contentType])
        let length = try declaredLength(of: request)
        var validator = RecordBatchValidator(maximumRecords: maxRecords)
        switch format {
        case .json:
            var parser = JSONRecordParser(expectedLength: length)
            try await read(request.body, with: &parser, into: &validator)
        case .ndjson:
            var parser = NDJSONRecordParser()
            try await read(request.body, with: &parser, into: &validator)
        }
        switch validator.finish() {
        case .success(let records): return records
        case .failure(let errors): throw .invalidRecords(errors)
        }
    }

    /// `POST /v1/agreements`: a JSON body as one value, whatever its type; the validator says
    /// what it must be, so that a wrong shape is 422 like any other unacceptable content.
    func document(from request: Request) async throws(APIError) -> JSONValue {
        _ = try IngestFormat(contentType: request.headers[.contentType], accepting: [.json])
        var parser = JSONRecordParser(expectedLength: try declaredLength(of: request))
        _ = try await receive(request.body, with: &parser) { _ in true }
        do { return try parser.document() } catch { throw .malformedBody(error.description) }
    }

    /// `POST /v1/events/{id}/confirm`: like ``document(from:)``, and nil for a request without a
    /// body — a zero Content-Length, or neither a Content-Length nor a Content-Type.
    func optionalDocument(from request: Request) async throws(APIError) -> JSONValue? {
        let length = request.headers[.contentLength].flatMap { Int($0) }
        if length == 0 || (length == nil && request.headers[.contentType] == nil) { return nil }
        return try await document(from: request)
    }

    /// The Content-Length, when given and within the limit.
    private func declaredLength(of request: Request) throws(APIError) -> Int? {
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > maxBytes {
            throw .contentTooLarge(limit: maxBytes)
        }
        return declaredLength
    }

    private func read(
        _ body: RequestBody, with parser: inout some RecordBodyParser, into validator: inout RecordBatchValidator
    ) async throws(APIError) {
        // Validating a large body takes a while: a shutdown that cancels the request stops it
        // between records instead of outwaiting the service group's grace period.
        let take = { (value: JSONValue) in !Task.isCancelled && validator.add(value) }
        if try await receive(body, with: &parser, take) {
            do { try parser.finish(take) } catch { throw .malformedBody(error.description) }
        }
        if Task.isCancelled { throw .shuttingDown }
        if validator.isOverLimit { throw .tooManyRecords(limit: maxRecords) }
    }

    /// Feeds the body to `parser` as it arrives; stops reading once `record` takes no more.
    /// - Returns: whether the body was read to its end.
    private func receive(
        _ body: RequestBody, with parser: inout some RecordBodyParser, _ record: (JSONValue) -> Bool
    ) async throws(APIError) -> Bool {
        var chunks = body.makeAsyncIterator()
        var received = 0
        var isTaking = true
        while let chunk = try await Self.next(&chunks) {
            received += chunk.readableBytes
            guard received <= maxBytes else { throw .contentTooLarge(limit: maxBytes) }
            do {
                try parser.consume(chunk) { value in
                    isTaking = record(value)
                    return isTaking
                }
            } catch {
                throw .malformedBody(error.description)
            }
            if !isTaking { return false }
        }
        return true
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
