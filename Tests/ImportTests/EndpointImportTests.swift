import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing
import TimelineImport

/// `--endpoint`: the shipped query sent by the SPARQL 1.1 Protocol to a local stand-in for
/// Wikidata's query service, which serves the repository's sample (the tests have no internet).
@Suite("Importing treaties from a SPARQL endpoint")
struct EndpointImportTests {
    /// Answers the sample to exactly the request a SPARQL endpoint expects — the compiled query,
    /// form-encoded, asking for JSON results — and 400 to anything else.
    private static func standIn(status: HTTPResponse.Status = .ok) throws -> some ApplicationProtocol {
        let sample = try Data(contentsOf: sampleFile)
        let router = Router()
        router.post("sparql") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let query = body.hasPrefix("query=") ? body.dropFirst("query=".count).removingPercentEncoding : nil
            guard request.headers[.accept] == "application/sparql-results+json",
                  request.headers[.contentType] == "application/x-www-form-urlencoded",
                  query == TreatyQuery.text
            else { return Response(status: .badRequest) }
            return Response(
                status: status, headers: [.contentType: "application/sparql-results+json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: sample)))
        }
        return Application(router: router)
    }

    @Test(.timeLimit(.minutes(3))) func theShippedQueryRunsAgainstTheEndpoint() async throws {
        try await TestDatabase.withPool { _, database in
            let command = try await ImportCommand.on(database)
            try await Self.standIn().test(.live) { client in
                let endpoint = "http://127.0.0.1:\(try #require(client.port))/sparql"
                let summary = try await command.summary(["--as-of", "2026-12-06", "--endpoint", endpoint])
                #expect(summary["rows"]?["read"] == 62)
                #expect(summary["events"] == ["created": 36, "updated": 0, "unchanged": 0])
                let again = try await command.summary(["--as-of", "2026-12-06", "--endpoint", endpoint])
                #expect(again["events"] == ["created": 0, "updated": 0, "unchanged": 36])
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func anEndpointThatFailsMakesTheStatusNonZero() async throws {
        try await TestDatabase.withPool { _, database in
            let command = try await ImportCommand.on(database)
            try await Self.standIn(status: .serviceUnavailable).test(.live) { client in
                let endpoint = "http://127.0.0.1:\(try #require(client.port))/sparql"
                let outcome = try await command.run(["--endpoint", endpoint])
                #expect(outcome.status != 0)
                #expect(outcome.standardError.contains("the endpoint answered 503"))
            }
        }
    }

    @Test func theCompiledQueryIsTheShippedFile() throws {
        let shipped = try String(contentsOf: sampleFile.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("wikidata-treaties.rq"), encoding: .utf8)
        #expect(TreatyQuery.text == shipped)
        let select = try #require(TreatyQuery.text.range(of: "SELECT"))
        let whereClause = try #require(TreatyQuery.text.range(of: "WHERE {"))
        let selected = TreatyQuery.text[select.upperBound..<whereClause.lowerBound].split(whereSeparator: \.isWhitespace)
        #expect(Set(selected) == [
            "?treaty", "?treatyLabel", "?signatory", "?signatoryCode", "?signed", "?signedPrecision", "?ratified",
            "?ratifiedPrecision", "?start", "?startPrecision", "?end", "?endPrecision", "?dated", "?datedPrecision",
            "?depositaryLabel",
        ])
    }
}
