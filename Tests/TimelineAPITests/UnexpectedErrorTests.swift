import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import TimelineAPI
import TimelineCore
import TimelineStore

@Suite("Unexpected errors")
struct UnexpectedErrorTests {
    /// A database failure that is neither unavailability nor slowness is a bug of ours.
    struct BrokenIngestor: EventIngesting {
        func store(_ records: [EventRecord], origin: IngestOrigin) async throws(IngestError) -> [IngestResult] {
            throw .database(.fault("column secret_internal_column: expected bigint, got 'x'"))
        }
    }

    @Test func anUnexpectedErrorIs500WithoutInternalsAndIsLogged() async throws {
        try await withUnreachablePool { pool in
            try await withApplication(pool: pool, ingestor: BrokenIngestor(), testing: .live) { client, harness in
                let response = try await client.post(visit())
                #expect(response.status == .internalServerError)
                let problem = try response.problem()
                #expect(problem.type == "urn:timelined:problem:internal-error")
                #expect(!response.text.contains("secret_internal_column"))
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(problem.detail.contains(id))
                let logged = try #require(harness.logs.all.first { $0.level == .error })
                #expect(logged.metadata["error"]?.contains("secret_internal_column") == true)
                #expect(logged.metadata["request_id"] == id)
            }
        }
    }
}
