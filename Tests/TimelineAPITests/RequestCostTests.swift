import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI

/// Contract §15: what one request may cost — records per request, and the size of a 422.
@Suite("Request cost bounds")
struct RequestCostTests {
    private static var fiveRecordsAtMost: APIConfiguration {
        var configuration = TestToken.configuration
        configuration.maxRecords = 5
        return configuration
    }

    @Test(arguments: [false, true])
    func moreRecordsThanTheLimitAre413AndNothingIsStored(ndjson: Bool) async throws {
        try await withAPI(Self.fiveRecordsAtMost) { client, harness in
            let records = (0..<6).map { visit("k\($0)") }
            let body = ndjson ? records.joined(separator: "\n") : "[\(records.joined(separator: ","))]"
            let response = try await client.post(body, headers: ndjson ? Body.ndjson : Body.json)
            #expect(response.status == .contentTooLarge)
            let problem = try response.problem()
            #expect(problem.type == "urn:timelined:problem:too-many-records")
            #expect(problem.detail.contains("ingest.max_records") && problem.detail.contains("5"))
            #expect(try await harness.pool.query("SELECT count(*) FROM events")[0].int(0) == 0)
        }
    }

    @Test func exactlyTheLimitIsStored() async throws {
        try await withAPI(Self.fiveRecordsAtMost) { client, harness in
            let response = try await client.post("[\((0..<5).map { visit("k\($0)") }.joined(separator: ","))]")
            #expect(response.status == .ok)
            #expect(try await harness.pool.query("SELECT count(*) FROM events")[0].int(0) == 5)
        }
    }

    /// `[{},{},…]`: three issues a record (kind, title and date are required).
    @Test func a422ListsTheFirstHundredIssuesAndCountsTheRest() async throws {
        try await withAPI { client, harness in
            let response = try await client.post("[" + Array(repeating: "{}", count: 400).joined(separator: ",") + "]")
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            let errors = try #require(problem.errors)
            #expect(errors.count == 100)
            #expect(errors.first?.index == 0 && errors.last?.index == 33)
            #expect(problem.errorsOmitted == 1_100)
            #expect(problem.detail.contains("1200 issues"))
            #expect(try await harness.pool.query("SELECT count(*) FROM events")[0].int(0) == 0)
        }
    }

    @Test func aRecordWithThousandsOfUnknownFieldsCostsACountNotAMessageEach() async throws {
        try await withAPI { client, _ in
            let junk = (0..<5_000).map { #""x\#($0)": 1"# }.joined(separator: ",")
            let response = try await client.post(#"{"kind": "visit", "title": "A visit", "date": "2023", \#(junk)}"#)
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            #expect(problem.errors?.count == 100)
            #expect(problem.errorsOmitted == 4_900)
            #expect(response.text.utf8.count < 20_000)
        }
    }
}
