import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineStore

@Suite("GET /v1/events/{id} and /v1/events/{id}/revisions")
struct EventReadTests {
    @Test func theCurrentRevisionIsSentAsPostgreSQLBuiltIt() async throws {
        try await withAPI { client, harness in
            let id = try await client.ingest(visit("k1"))[0]
            _ = try await client.ingest(visit("k1", title: "A longer visit"))
            let response = try await client.get("/v1/events/\(id)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let stored = try await EventReadStore(pool: harness.pool).event(id: try #require(Int64(id)))
            #expect(Data(buffer: response.body) == stored)
            let event = try response.decoded(as: EventDocument.self)
            #expect(event.id == id && event.revision == 2 && event.title == "A longer visit" && !event.retracted)
            #expect(event.key == "k1" && event.precision == "day")
        }
    }

    @Test func revisionsAreEveryRevisionOldestFirst() async throws {
        try await withAPI { client, harness in
            let id = try await client.ingest(visit("k1"))[0]
            _ = try await client.ingest(visit("k1", title: "Second"))
            _ = try await client.ingest(visit("k1", title: "Third"))
            let response = try await client.get("/v1/events/\(id)/revisions")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let stored = try await EventReadStore(pool: harness.pool).revisions(id: try #require(Int64(id)))
            #expect(Data(buffer: response.body) == stored)
            let revisions = try response.decoded(as: RevisionsDocument.self).revisions
            #expect(revisions.map(\.revision) == [1, 2, 3])
            #expect(revisions.map(\.title) == ["A visit", "Second", "Third"])
        }
    }

    /// Ids are opaque: a text that is not one this server wrote names no event, whatever it looks like.
    @Test func anIDThatNamesNoEventIs404ForEveryEventRoute() async throws {
        try await withAPI { client, _ in
            let id = try await client.ingest(visit())[0]
            let texts = [
                "0", "-\(id)", "+\(id)", "0\(id)", "\(id).0", "%3\(id)", "\(id)%20", "abc", "\(Int64(id)! + 1)",
                "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1e3", "%00",
            ]
            for text in texts {
                try await client.get("/v1/events/\(text)").expectNotFound()
                try await client.get("/v1/events/\(text)/revisions").expectNotFound()
                try await client.delete("/v1/events/\(text)").expectNotFound()
            }
        }
    }

    @Test func aQueryParameterIs400NamingIt() async throws {
        try await withAPI { client, _ in
            let id = try await client.ingest(visit())[0]
            try await client.get("/v1/events/\(id)?revision=1").expectInvalidParameter("revision")
            try await client.get("/v1/events/\(id)/revisions?limit=1").expectInvalidParameter("limit")
            try await client.delete("/v1/events/\(id)?force=true").expectInvalidParameter("force")
            #expect(try await client.get("/v1/events/\(id)").decoded(as: EventDocument.self).retracted == false)
        }
    }

    @Test func headAnswersTheHeadersOfGetWithoutTheBody() async throws {
        try await withAPI { client, _ in
            let id = try await client.ingest(visit())[0]
            let found = try await client.execute(uri: "/v1/events/\(id)", method: .head)
            #expect(found.status == .ok)
            #expect(found.headers[.contentType] == "application/json")
            #expect(found.body.readableBytes == 0)
            let missing = try await client.execute(uri: "/v1/events/nothing/revisions", method: .head)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(missing.body.readableBytes == 0)
        }
    }
}
