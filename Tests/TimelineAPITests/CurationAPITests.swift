import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI
import TimelineCore

/// Contract §9 over HTTP: the review queue and `POST /v1/events/{id}/confirm`.
@Suite("Curation over HTTP")
struct CurationAPITests {
    static func candidate(_ key: String, kind: String = "other", date: String = "2023-08-20") -> String {
        #"{"key": "\#(key)", "kind": "\#(kind)", "title": "US and CN sign a pact", "date": "\#(date)", "actors": ["US", "CN"], "status": "candidate"}"#
    }

    @Test func theTimelineShowsConfirmedEventsUnlessAskedForCandidates() async throws {
        try await withAPI { client, _ in
            let ids = try await client.ingest("[\(visit("seen")), \(Self.candidate("queued"))]")
            func listed(_ query: String) async throws -> [String] {
                try await client.get("/v1/timeline\(query)").decoded(as: TimelinePage.self).events.map(\.id)
            }
            #expect(try await listed("") == [ids[0]])
            #expect(try await listed("?status=confirmed") == [ids[0]])
            #expect(try await listed("?status=candidate") == [ids[1]])
            #expect(try await listed("?status=candidate&actor=CN&q=pact") == [ids[1]])
            #expect(try await listed("?status=candidate&kind=visit") == [])
            #expect(try await listed("?status=confirmed,candidate&order=desc") == [ids[0], ids[1]])
            let document = try JSONValue(parsing: try await client.get("/v1/events/\(ids[1])").text)
            #expect(document["status"] == "candidate")
            #expect(try JSONValue(parsing: try await client.get("/v1/events/\(ids[0])").text)["status"] == "confirmed")

            let bad = try await client.get("/v1/timeline?status=pending")
            #expect(bad.status == .badRequest)
            #expect(try bad.problem().errors?.map(\.field) == ["status"])
        }
    }

    @Test func aConfirmationAnswersTheNewRevisionAndTheEventJoinsTheLifecycleAndCalendar() async throws {
        try await withAPI { client, _ in
            let pact = #"{"id": "pact", "title": "A pact", "parties": ["US", "CN"]}"#
            #expect(try await client.post(pact, to: "/v1/agreements").status.code < 300)
            let id = try await client.ingest(Self.candidate("gdelt-57"))[0]
            let expiry = "2030-01-01"
            let before = try JSONValue(parsing: try await client.get("/v1/agreements/pact").text)
            #expect(before["history"] == [] && before["expires_on"] == .null)
            #expect(!(try await client.get("/v1/calendar.ics").text.contains("pact/")))

            let response = try await client.post(
                #"{"kind": "signing", "agreement": "pact", "expires_on": "\#(expiry)"}"#, to: "/v1/events/\(id)/confirm")
            #expect(response.status == .ok)
            let confirmed = try response.decoded(as: EventDocument.self)
            #expect(confirmed.id == id && confirmed.revision == 2 && !confirmed.retracted)
            let document = try JSONValue(parsing: response.text)
            #expect(document["status"] == "confirmed" && document["kind"] == "signing" && document["agreement"] == "pact")
            #expect(try JSONValue(parsing: try await client.get("/v1/events/\(id)").text) == document)

            let lifecycle = try JSONValue(parsing: try await client.get("/v1/agreements/pact").text)
            #expect(lifecycle["history"]?.arrayValue?.map { $0["event"] } == [.string(id)])
            #expect(lifecycle["expires_on"] == .string(expiry))
            #expect(try await client.get("/v1/calendar.ics").text.contains("pact/\(expiry)@timelined"))
            #expect(try await client.get("/v1/timeline").decoded(as: TimelinePage.self).events.map(\.id) == [id])
        }
    }

    @Test func confirmingAnswers404409And422AsTheContractSays() async throws {
        try await withAPI { client, _ in
            let ids = try await client.ingest("[\(visit("kept")), \(Self.candidate("rejected")), \(Self.candidate("waiting"))]")
            #expect(try await client.delete("/v1/events/\(ids[1])").status == .ok)

            let unknown = try await client.post("", to: "/v1/events/999999/confirm", headers: [:])
            #expect(unknown.status == .notFound)
            for id in ids[0...1] {
                let conflict = try await client.post("", to: "/v1/events/\(id)/confirm", headers: [:])
                #expect(conflict.status == .conflict)
                #expect(try conflict.problem().type == "urn:timelined:problem:conflict")
            }
            let invalid = try await client.post(#"{"kind": "signing"}"#, to: "/v1/events/\(ids[2])/confirm")
            #expect(invalid.status == .unprocessableContent)
            #expect(try invalid.problem().errors?.map(\.field) == ["agreement"])
            let malformed = try await client.post(#"{"kind": "#, to: "/v1/events/\(ids[2])/confirm")
            #expect(malformed.status == .badRequest)
            let unauthorized = try await client.post("", to: "/v1/events/\(ids[2])/confirm", headers: [:], authorized: false)
            #expect(unauthorized.status == .unauthorized)
            #expect(try await client.get("/v1/events/\(ids[2])").decoded(as: EventDocument.self).revision == 1)

            let confirmed = try await client.post("", to: "/v1/events/\(ids[2])/confirm", headers: [:])
            #expect(confirmed.status == .ok)
            let history = try await client.get("/v1/events/\(ids[2])/revisions").text
            #expect(try JSONValue(parsing: history)["revisions"]?.arrayValue?.map { $0["status"] } == ["candidate", "confirmed"])
        }
    }
}
