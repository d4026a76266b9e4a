import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing
import TimelineAPI

@Suite("Body limit")
struct BodyLimitTests {
    @Test func aDeclaredLengthOverTheLimitIs413() async throws {
        try await withAPI(APIConfiguration(maxBodyBytes: 200, tokenHashes: [TestToken.hash])) { client, harness in
            let records = (0..<5).map { visit("k\($0)") }
            for (headers, body) in [(Body.json, "[\(records.joined(separator: ","))]"), (Body.ndjson, records.joined(separator: "\n"))] {
                let response = try await client.post(body, headers: headers)
                #expect(response.status == .contentTooLarge)
                #expect(try response.problem().detail.contains("200 bytes"))
            }
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func aBodyOfExactlyTheLimitIsAccepted() async throws {
        let body = visit("k")
        try await withAPI(APIConfiguration(maxBodyBytes: body.utf8.count, tokenHashes: [TestToken.hash])) { client, _ in
            let response = try await client.post(body)
            #expect(response.status == .ok)
        }
    }

    /// Chunked bodies declare no length: the limit is enforced on what arrives.
    @Test func aStreamedBodyOverTheLimitIs413() async throws {
        try await withAPI(APIConfiguration(maxBodyBytes: 1000, tokenHashes: [TestToken.hash]), testing: .live) { client, harness in
            let port = try #require(client.port)
            let lines = (0..<20).map { visit("s\($0)") + "\n" }
            let response = try await RawHTTP.postChunked(port: port, path: "/v1/events", contentType: "application/x-ndjson", chunks: lines)
            #expect(response.hasPrefix("HTTP/1.1 413"), "\(response)")
            #expect(response.contains("application/problem+json"))
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func aStreamedNDJSONBodyUnderTheLimitIsIngested() async throws {
        try await withAPI(testing: .live) { client, harness in
            let port = try #require(client.port)
            // Lines split across chunks on purpose.
            let body = (0..<50).map { visit("t\($0)") }.joined(separator: "\n")
            let chunks = stride(from: 0, to: body.utf8.count, by: 37).map { start in
                String(decoding: Array(body.utf8)[start..<min(start + 37, body.utf8.count)], as: UTF8.self)
            }
            let response = try await RawHTTP.postChunked(port: port, path: "/v1/events", contentType: "application/x-ndjson", chunks: chunks)
            #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(300))")
            #expect(try await harness.pool.query("SELECT count(*) FROM events")[0].int(0) == 50)
        }
    }
}

/// A bare HTTP/1.1 client for what HummingbirdTesting's clients cannot send: a chunked body
/// without Content-Length.
enum RawHTTP {
    static func postChunked(port: Int, path: String, contentType: String, chunks: [String]) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "localhost", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var request = "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(contentType)\r\n"
            request += "Authorization: Bearer \(TestToken.value)\r\n"
            request += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            try await outbound.write(ByteBuffer(string: request))
            for chunk in chunks {
                try await outbound.write(ByteBuffer(string: String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"))
            }
            try await outbound.write(ByteBuffer(string: "0\r\n\r\n"))
            var response = ""
            for try await buffer in inbound {
                response += String(buffer: buffer)
            }
            return response
        }
    }
}
