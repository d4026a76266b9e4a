import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI

@Suite("Routing errors")
struct RoutingTests {
    @Test func anUnknownPathIs404ProblemJSON() async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/v1/nothing-here")
            #expect(response.status == .notFound)
            let problem = try response.problem()
            #expect(problem.type == "urn:timelined:problem:not-found")
            #expect(problem.title == "Not Found")
            #expect(problem.detail.contains("/v1/nothing-here"))
            #expect(response.text.contains("/v1/nothing-here"), "slashes are not escaped")
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await withAPI { client, _ in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/v1/events", .get, "POST"),
                ("/v1/events", .put, "POST"),
                ("/healthz", .delete, "GET, HEAD"),
                ("/metrics", .post, "GET, HEAD"),
                ("/v1/events/1", .put, "GET, DELETE, HEAD"),
                ("/v1/events/1/revisions", .options, "GET, HEAD"),
                ("/v1/timeline", .post, "GET, HEAD"),
                ("/v1/actors", .trace, "GET, HEAD"),
                ("/v1/actors/US", .delete, "GET, HEAD"),
                ("/openapi.json", HTTPRequest.Method("QUERY")!, "GET, HEAD"),
                ("/v1/agreements", .delete, "POST, GET, HEAD"),
                ("/v1/agreements/us-cn-sta", .post, "GET, HEAD"),
                ("/v1/alerts", .post, "GET, HEAD"),
                ("/v1/alerts/notifications", .delete, "GET, HEAD"),
                ("/v1/calendar.ics", .put, "GET, HEAD"),
            ]
            for (path, method, allow) in cases {
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                #expect(try response.problem().type == "urn:timelined:problem:method-not-allowed")
            }
        }
    }

    @Test func headIsAnsweredForEveryGetRoute() async throws {
        try await withAPI { client, _ in
            let response = try await client.execute(uri: "/healthz", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func anUnknownQueryParameterIs400NamingIt() async throws {
        try await withAPI { client, harness in
            let response = try await client.post(visit(), to: "/v1/events?dry_run=1")
            #expect(response.status == .badRequest)
            let problem = try response.problem()
            #expect(problem.type == "urn:timelined:problem:invalid-parameter")
            #expect(problem.detail.contains("'dry_run'"))
            #expect(problem.errors?.first?.field == "dry_run")
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test(arguments: [
        "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "json", "",
    ])
    func anUnsupportedContentTypeIs415(contentType: String) async throws {
        try await withAPI { client, harness in
            let response = try await client.post(visit(), headers: [.contentType: contentType])
            #expect(response.status == .unsupportedMediaType)
            #expect(try response.problem().type == "urn:timelined:problem:unsupported-media-type")
            #expect(try await storedRows(harness.pool) == 0)
        }
    }

    @Test func aMissingContentTypeIs415() async throws {
        try await withAPI { client, _ in
            let response = try await client.post(visit(), headers: [:])
            #expect(response.status == .unsupportedMediaType)
            #expect(try response.problem().detail.contains("no Content-Type"))
        }
    }
}
