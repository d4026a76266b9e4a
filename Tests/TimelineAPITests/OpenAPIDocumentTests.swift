import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI

@Suite("GET /openapi.json")
struct OpenAPIDocumentTests {
    static let resource = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TimelineAPI/Resources/openapi.json")

    @Test func theServedDocumentIsTheResource() async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(Data(buffer: response.body) == (try Data(contentsOf: Self.resource)))
        }
    }

    /// Walks the router's own route table, asking every route with ids that exist: a route that
    /// answers anything but 405 is served, so the document must have its operation, and must not
    /// answer 404; and every operation of the document must be one the router serves.
    @Test func theDocumentHasExactlyTheOperationsTheRouterServes() async throws {
        try await withAPI { client, harness in
            let id = try await client.ingest(visit())[0]
            _ = try await client.post(#"{"id": "us-cn-sta", "title": "Agreement"}"#, to: "/v1/agreements")
            let samples = [
                "/v1/events/{id}": "/v1/events/\(id)",
                "/v1/events/{id}/revisions": "/v1/events/\(id)/revisions",
                "/v1/events/{id}/confirm": "/v1/events/\(id)/confirm",
                "/v1/actors/{id}": "/v1/actors/US",
                "/v1/agreements/{id}": "/v1/agreements/us-cn-sta",
                "/agreements/{id}": "/agreements/us-cn-sta",
            ]
            let router = makeRouter(pool: harness.pool)
            // Building the responder adds the HEAD routes of the GET ones, as the application does.
            _ = router.buildResponder()
            var served: Set<String> = []
            for route in router.routes {
                let template = route.path.description
                let uri = try #require(template.contains("{") ? samples[template] : template, "a sample path for \(template)")
                let response = try await client.execute(
                    uri: uri, method: route.method,
                    headers: [.authorization: "Bearer \(TestToken.value)", .contentType: "application/json"],
                    body: ByteBuffer(string: visit()))
                if response.status == .methodNotAllowed { continue }
                #expect(response.status != .notFound, "\(route): \(response.text)")
                served.insert("\(route.method.rawValue) \(template)")
            }
            let documented = try Self.documentedOperations()
            #expect(served.subtracting(documented).isEmpty, "served, not documented: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented, not served: \(documented.subtracting(served).sorted())")
        }
    }

    /// `METHOD /path/{template}` for every operation of the resource.
    static func documentedOperations() throws -> Set<String> {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: resource)) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        let methods = ["get", "head", "post", "put", "patch", "delete", "options", "trace", "query"]
        return Set(paths.flatMap { path, item in
            item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
    }
}
