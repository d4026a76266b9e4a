import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import TimelineAPI

@Suite("When the database is away")
struct DatabaseAvailabilityTests {
    @Test func ingestIs503WithRetryAfterWhileHealthzStays200() async throws {
        try await withUnreachablePool { pool in
            try await withApplication(pool: pool, testing: .live) { client, harness in
                let response = try await client.post(visit())
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                let problem = try response.problem()
                #expect(problem.type == "urn:timelined:problem:database-unavailable")
                #expect(!problem.detail.contains("timelined-no-server"))
                #expect(harness.logs.all.contains { $0.level == .warning && $0.message == "database unavailable" })

                #expect(try await client.get("/healthz").status == .ok)
                #expect(try await client.get("/metrics").status == .ok)
            }
        }
    }

    @Test func everyReadAndRetractionIs503WithRetryAfter() async throws {
        try await withUnreachablePool { pool in
            try await withApplication(pool: pool) { client, _ in
                let requests: [(HTTPRequest.Method, String)] = [
                    (.get, "/v1/events/1"), (.head, "/v1/events/1"), (.get, "/v1/events/1/revisions"), (.delete, "/v1/events/1"),
                    (.get, "/v1/timeline"), (.get, "/v1/actors"), (.get, "/v1/actors/US"),
                    (.get, "/v1/agreements"), (.get, "/v1/agreements/us-cn-sta"), (.get, "/v1/alerts"),
                    (.get, "/v1/alerts/notifications"), (.get, "/v1/calendar.ics"), (.head, "/v1/calendar.ics"),
                    (.get, "/"), (.get, "/timeline?actor=US"), (.get, "/agreements/us-cn-sta"),
                ]
                for (method, uri) in requests {
                    let response = try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(TestToken.value)"])
                    #expect(response.status == .serviceUnavailable, "\(method) \(uri)")
                    #expect(response.headers[.retryAfter] == "5", "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(method) \(uri)")
                }
                let problem = try await client.get("/v1/timeline").problem()
                #expect(problem.type == "urn:timelined:problem:database-unavailable")
            }
        }
    }

    @Test func definingAnAgreementIs503WithRetryAfter() async throws {
        try await withUnreachablePool { pool in
            try await withApplication(pool: pool) { client, _ in
                let response = try await client.post(agreementBody("pact"), to: "/v1/agreements")
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(try response.problem().type == "urn:timelined:problem:database-unavailable")
            }
        }
    }

    @Test func readyzIs503WithRetryAfterAsAProblem() async throws {
        try await withUnreachablePool { pool in
            try await withApplication(pool: pool) { client, _ in
                let response = try await client.get("/readyz")
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                let problem = try response.problem()
                #expect(problem.type == "urn:timelined:problem:not-ready")
                // Nothing of libpq's message (the socket path, "No such file") reaches the client.
                #expect(problem.detail == "database unavailable")
                #expect(!response.text.contains("timelined-no-server"))
            }
        }
    }

    @Test func aClosedPoolIs503() async throws {
        try await withUnreachablePool { pool in
            await pool.shutdown()
            try await withApplication(pool: pool, testing: .live) { client, _ in
                let response = try await client.post(visit())
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
            }
        }
    }

    @Test func readyzIs200WhenTheDatabaseAnswers() async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/readyz")
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ready"}"#)
        }
    }
}
