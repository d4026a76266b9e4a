import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineCore

@Suite("Pages for people (contract §13)")
struct PagesTests {
    static let records = [
        #"{"key": "sign", "kind": "signing", "title": "Agreement signed", "date": "2019-04-18", "actors": ["US", "CN"], "agreement": {"id": "us-cn-sta", "title": "Science pact"}, "expires_on": "2099-04-18"}"#,
        #"{"key": "talks", "kind": "meeting", "title": "<script>alert(1)</script>", "date": "2023-06", "actors": ["US", "CN"], "sources": [{"url": "https://example.org/talks", "title": "Wire"}]}"#,
        #"{"key": "visit", "kind": "visit", "title": "State visit", "date": "2023-08-27", "end_date": "2023-08-30", "actors": ["US", "CN"]}"#,
    ]

    static func ingest(_ client: any TestClientProtocol) async throws {
        _ = try await client.ingest("[\(records.joined(separator: ","))]")
    }

    @Test func theBoardListsAgreementsAndRecentEvents() async throws {
        try await withAPI { client, _ in
            try await Self.ingest(client)
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(response.text.contains("href=\"/agreements/us-cn-sta\""))
            #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!response.text.contains("<script"))
        }
    }

    @Test func theTimelinePageDrawsAndListsTheEventsOfTheQuery() async throws {
        try await withAPI { client, _ in
            try await Self.ingest(client)
            let page = try await client.get("/timeline?actor=US&actor=CN&limit=2")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("class=\"term status-active\""))
            #expect(page.text.contains("href=\"https://example.org/talks\""))
            #expect(page.text.components(separatedBy: "<li class=\"event ").count - 1 == 2)
            #expect(page.text.contains("rel=\"next\" href=\"/timeline?actor=US&amp;actor=CN&amp;limit=2&amp;cursor="))
        }
    }

    @Test func emptyFormFieldsAreDroppedByARedirect() async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/timeline?actor=US&actor=&agreement=&q=talks&from=")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/timeline?actor=US&q=talks")
            #expect(try await client.get("/timeline?actor=&from=2023-13").status == .badRequest)
        }
    }

    @Test func aBadParameterIsA400NamingIt() async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/timeline?from=2023-13")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("from"))
        }
    }

    @Test func theAgreementPageShowsItsLifecycle() async throws {
        try await withAPI { client, _ in
            try await Self.ingest(client)
            let page = try await client.get("/agreements/us-cn-sta")
            #expect(page.status == .ok)
            #expect(page.text.contains("Science pact"))
            #expect(page.text.contains("<dd>2019-04-18</dd>"))
            #expect(page.text.contains("<dd>2099-04-18</dd>"))
            #expect(try await client.get("/agreements/nope").status == .notFound)
        }
    }

    @Test func theStylesheetIsServedByTheDaemon() async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/assets/timelined.css")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(response.text.contains("@media print"))
            #expect(!response.text.contains("http://") && !response.text.contains("https://"))
        }
    }

    @Test func theTimelineIsExportedForTimelineJS() async throws {
        try await withAPI { client, _ in
            try await Self.ingest(client)
            let response = try await client.get("/v1/timeline?agreement=us-cn-sta&format=timelinejs")
            #expect(response.status == .ok)
            let document = try JSONValue(parsing: Array(response.body.readableBytesView))
            let slide = try #require(document["events"]?.arrayValue?.first)
            #expect(slide["start_date"] == .object(["year": .string("2019"), "month": .string("4"), "day": .string("18")]))
            #expect(slide["group"] == .string("signing"))
            #expect(document["eras"]?.arrayValue?.count == 1)
            #expect(try await client.get("/v1/timeline?format=xml").status == .badRequest)
        }
    }
}
