import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import TimelineAPI
import TimelineCore
import TimelineStore

@Suite("DELETE /v1/events/{id}")
struct RetractionTests {
    @Test func aRetractionAnswersTheRetractedRevisionAndTheEventStaysReadable() async throws {
        try await withAPI { client, _ in
            let ids = try await client.ingest("[\(visit("gone")), \(visit("kept"))]")
            let response = try await client.delete("/v1/events/\(ids[0])")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let retracted = try response.decoded(as: EventDocument.self)
            #expect(retracted.id == ids[0] && retracted.revision == 2 && retracted.retracted && retracted.title == "A visit")

            let current = try await client.get("/v1/events/\(ids[0])")
            #expect(current.status == .ok)
            #expect(try current.decoded(as: EventDocument.self) == retracted)
            let revisions = try await client.get("/v1/events/\(ids[0])/revisions").decoded(as: RevisionsDocument.self).revisions
            #expect(revisions.map(\.retracted) == [false, true])
            let timeline = try await client.get("/v1/timeline").decoded(as: TimelinePage.self)
            #expect(timeline.events.map(\.id) == [ids[1]])
        }
    }

    @Test func retractingARetractedEventAddsNothing() async throws {
        try await withAPI { client, _ in
            let id = try await client.ingest(visit())[0]
            let first = try await client.delete("/v1/events/\(id)")
            let second = try await client.delete("/v1/events/\(id)")
            #expect(second.status == .ok)
            #expect(second.text == first.text)
            #expect(try await client.get("/v1/events/\(id)/revisions").decoded(as: RevisionsDocument.self).revisions.count == 2)
        }
    }

    @Test func withTokensARetractionWithoutOneIs401AndChangesNothing() async throws {
        try await withAPI { client, _ in
            let id = try await client.ingest(visit())[0]
            let response = try await client.delete("/v1/events/\(id)", authorized: false)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try response.problem().type == "urn:timelined:problem:unauthorized")
            #expect(try await client.get("/v1/events/\(id)").decoded(as: EventDocument.self).retracted == false)
        }
    }

    /// Requests handed to the router have no peer address, so they do not come from loopback.
    @Test func withoutTokensARetractionFromAnotherHostIs403AndChangesNothing() async throws {
        try await withAPI(APIConfiguration(tokenHashes: [])) { client, harness in
            let stored = try await EventIngestor(pool: harness.pool, logger: TestDatabase.logger).ingest([JSONValue(parsing: visit())])
            let id = stored[0].id
            let response = try await client.delete("/v1/events/\(id)", authorized: false)
            #expect(response.status == .forbidden)
            #expect(try response.problem().type == "urn:timelined:problem:forbidden")
            #expect(try await client.get("/v1/events/\(id)").decoded(as: EventDocument.self).retracted == false)
        }
    }
}
