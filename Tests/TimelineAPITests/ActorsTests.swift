import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineStore

@Suite("GET /v1/actors and /v1/actors/{id}")
struct ActorsTests {
    /// Ids that sort alike in every collation.
    static let records = """
        [{"kind": "visit", "title": "One", "date": "2023", "actors": ["US", {"id": "CN", "name": "China"}]},
         {"kind": "visit", "title": "Two", "date": "2024", "actors": ["US", "JP"]}]
        """

    @Test func aPageIsSentAsPostgreSQLBuiltItAndAWalkReturnsEveryActorOnce() async throws {
        try await withAPI { client, harness in
            _ = try await client.ingest(Self.records)
            let first = try await client.get("/v1/actors?limit=2")
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "application/json")
            #expect(Data(buffer: first.body) == (try await ActorStore(pool: harness.pool).actors(limit: 2, after: nil)))

            var walked: [ActorDocument] = []
            var cursor: String?
            repeat {
                let page = try await client.get("/v1/actors?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")).decoded(as: ActorPage.self)
                walked += page.actors
                cursor = page.nextCursor
            } while cursor != nil && walked.count <= 3
            #expect(walked == [
                ActorDocument(id: "CN", name: "China", eventCount: 1),
                ActorDocument(id: "JP", name: "JP", eventCount: 1),
                ActorDocument(id: "US", name: "US", eventCount: 2),
            ])
        }
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=some", "limit"), ("limit=1&limit=2", "limit"),
        ("cursor=", "cursor"), ("cursor=%%%", "cursor"), ("cursor=djF8MjAyMy0wNi0xOHwyfDJ8YXNj", "cursor"),
        ("order=desc", "order"),
    ])
    func aBadListValueIs400NamingItsParameter(query: String, parameter: String) async throws {
        try await withAPI { client, _ in
            try await client.get("/v1/actors?\(query)").expectInvalidParameter(parameter)
        }
    }

    @Test func oneActorHasItsEventCount() async throws {
        try await withAPI { client, harness in
            _ = try await client.ingest(Self.records)
            let response = try await client.get("/v1/actors/US")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(Data(buffer: response.body) == (try await ActorStore(pool: harness.pool).actor(id: "US")))
            #expect(try response.decoded(as: ActorDocument.self) == ActorDocument(id: "US", name: "US", eventCount: 2))
        }
    }

    /// Text that cannot be an actor id names no actor: 404 without asking the database.
    @Test func anUnknownOrImpossibleActorIs404() async throws {
        try await withAPI { client, _ in
            _ = try await client.ingest(Self.records)
            for id in ["XX", "us", "-US", "a%20b", "%00", String(repeating: "a", count: 65), "US%2Fx"] {
                try await client.get("/v1/actors/\(id)").expectNotFound()
            }
            try await client.get("/v1/actors/US?limit=1").expectInvalidParameter("limit")
        }
    }
}
