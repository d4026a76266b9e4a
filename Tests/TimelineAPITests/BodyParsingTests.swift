import Hummingbird
import NIOCore
import Testing
import TimelineCore
@testable import TimelineAPI

@Suite("Body parsing units")
struct BodyParsingTests {
    @Test(arguments: [1, 2, 3, 7, 64, 10_000])
    func ndjsonLinesSplitAcrossChunksParseTheSame(chunkSize: Int) throws {
        let body = Array("{\"a\": 1}\r\n\n{\"b\": [1, 2]}\n  \n{\"c\": \"é\"}".utf8)
        var parser = NDJSONRecordParser()
        var records: [JSONValue] = []
        for start in stride(from: 0, to: body.count, by: chunkSize) {
            try parser.consume(ByteBuffer(bytes: body[start..<min(start + chunkSize, body.count)])) { records.append($0); return true }
        }
        try parser.finish { records.append($0); return true }
        #expect(records == [.object(["a": .number(1)]), .object(["b": .array([.number(1), .number(2)])]), .object(["c": .string("é")])])
    }

    @Test func ndjsonErrorsMatchTheCoreDocumentReader() throws {
        let body = "{\"a\": 1}\n\n{\"b\": tru}\n"
        var parser = NDJSONRecordParser()
        let streamed = #expect(throws: RecordDocumentError.self) {
            try parser.consume(ByteBuffer(string: body)) { _ in true }
            try parser.finish { _ in true }
        }
        let whole = #expect(throws: RecordDocumentError.self) { try RecordDocument.records(in: Array(body.utf8), format: .ndjson) }
        #expect(streamed == whole)
        #expect(streamed?.line == 3)
    }

    /// `timelined ingest` and spool files refuse a byte-order mark past the start of the body; so
    /// must the HTTP reader, or one file would be accepted by one path and refused by the other.
    @Test func aByteOrderMarkIsAllowedAtTheStartOfAnNDJSONBodyOnly() throws {
        let mark = [UInt8](arrayLiteral: 0xEF, 0xBB, 0xBF)
        var first = NDJSONRecordParser()
        var records: [JSONValue] = []
        try first.consume(ByteBuffer(bytes: mark + Array("{\"a\": 1}\n{\"b\": 2}\n".utf8))) { records.append($0); return true }
        try first.finish { records.append($0); return true }
        #expect(records.count == 2)

        let body = Array("{\"a\": 1}\n".utf8) + mark + Array("{\"b\": 2}\n".utf8)
        var later = NDJSONRecordParser()
        let streamed = #expect(throws: RecordDocumentError.self) {
            try later.consume(ByteBuffer(bytes: body)) { _ in true }
            try later.finish { _ in true }
        }
        let whole = #expect(throws: RecordDocumentError.self) { try RecordDocument.records(in: body, format: .ndjson) }
        #expect(streamed == whole)
        #expect(streamed?.line == 2)
    }

    /// The line rules at their edges: the body read in chunks of every size gives what it gives
    /// read whole, records or error.
    @Test(arguments: [
        "\u{FEFF}\r\n{\"a\": 1}\n",
        "\u{FEFF}",
        "\u{FEFF}{\"a\": tru}\n",
        "{\"a\": 1}\r",
        "{\"a\": 1}\n \t\r\n{\"b\": x}",
    ])
    func ndjsonReadInChunksGivesWhatTheWholeBodyGives(body: String) throws {
        let bytes = Array(body.utf8)
        let whole = Result { () throws(RecordDocumentError) in try RecordDocument.records(in: bytes, format: .ndjson) }
        for chunkSize in 1...bytes.count {
            var parser = NDJSONRecordParser()
            var records: [JSONValue] = []
            let streamed = Result { () throws(RecordDocumentError) in
                for start in stride(from: 0, to: bytes.count, by: chunkSize) {
                    try parser.consume(ByteBuffer(bytes: bytes[start..<min(start + chunkSize, bytes.count)])) {
                        records.append($0)
                        return true
                    }
                }
                try parser.finish { records.append($0); return true }
                return records
            }
            #expect(streamed == whole, "chunks of \(chunkSize)")
        }
    }

    @Test func theStreamingLimitCountsArrivedBytesWithoutAContentLength() async throws {
        let chunks = (0..<10).map { _ in ByteBuffer(string: "{\"kind\": \"visit\"}\n") }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/v1/events",
                              headerFields: [.contentType: "application/x-ndjson"]),
            body: RequestBody(asyncSequence: AsyncStream { continuation in
                chunks.forEach { continuation.yield($0) }
                continuation.finish()
            }))
        await #expect {
            _ = try await RecordBodyReader(maxBytes: 100, maxRecords: 10_000).records(from: request)
        } throws: { error in
            if case .contentTooLarge(limit: 100) = error as? APIError { true } else { false }
        }
    }

    @Test func anNDJSONBodyStopsBeingReadWhenTheRecordsAreRefused() throws {
        var parser = NDJSONRecordParser()
        var taken = 0
        try parser.consume(ByteBuffer(string: "{\"a\": 1}\n{\"b\": 2}\n{\"c\": tru}\n")) { _ in
            taken += 1
            return taken < 2
        }
        // The third line, malformed, was never parsed.
        #expect(taken == 2)
    }

    @Test func contentTypesAreParsedCaseInsensitivelyWithParameters() {
        let parsed = ContentType(#"Application/JSON ; Charset="UTF-8";  boundary=x"#)
        #expect(parsed?.mediaType == "application/json")
        #expect(parsed?.parameters == ["charset": "UTF-8", "boundary": "x"])
        #expect(ContentType("json") == nil)
        #expect(ContentType("/json") == nil)
    }

    @Test func queryParametersNameTheOffendingParameter() throws {
        func request(_ query: String) -> Request {
            Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/v1/timeline?\(query)"),
                    body: RequestBody(buffer: ByteBuffer()))
        }
        let limit: (Substring) -> Int? = { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } }

        let good = try QueryParameters(request("limit=5&actor=US&actor=CN&"), accepting: ["limit", "actor"])
        #expect(try good.value("limit", expected: "an integer from 1 to 1000", limit) == 5)
        #expect(try good.values("actor", expected: "an actor id") { String($0) } == ["US", "CN"])
        #expect(try good.value("order", expected: "asc or desc") { $0 } == nil)

        #expect(throws: APIError.self) { try QueryParameters(request("limt=5"), accepting: ["limit"]) }
        let repeated = try QueryParameters(request("limit=5&limit=6"), accepting: ["limit"])
        #expect(throws: APIError.self) { try repeated.value("limit", expected: "an integer", limit) }
        let malformed = try QueryParameters(request("limit=0"), accepting: ["limit"])
        do {
            _ = try malformed.value("limit", expected: "an integer from 1 to 1000", limit)
            Issue.record("limit=0 was accepted")
        } catch {
            guard case .invalidParameter(let name, let reason) = error else { throw error }
            #expect(name == "limit" && reason == "must be an integer from 1 to 1000")
        }
    }
}
