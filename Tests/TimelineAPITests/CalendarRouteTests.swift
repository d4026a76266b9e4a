import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI

@Suite("GET /v1/calendar.ics")
struct CalendarRouteTests {
    @Test func theFeedHasTheSeedAgreementsExpiryInCRLFLines() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            let response = try await client.get("/v1/calendar.ics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            let document = response.text
            #expect(document.hasPrefix("BEGIN:VCALENDAR\r\n") && document.hasSuffix("END:VCALENDAR\r\n"))
            #expect(!document.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
            // Today is after the expiry: the lapse is still a current expiry, until terminated or extended.
            #expect(CalendarFixture.eventUIDs(in: document) == ["\(SeedAgreement.id)/\(SeedAgreement.expiresOn)@timelined"])
            #expect(CalendarFixture.values(of: "DTSTART", in: document) == [";VALUE=DATE:20240227"])
            #expect(CalendarFixture.values(of: "TRIGGER", in: document).count == AlertSettings().thresholds.count)
        }
    }

    @Test func theStampIsTheRequestsInstant() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            let before = Date()
            let document = try await client.get("/v1/calendar.ics").text
            let after = Date()
            let stamp = try #require(CalendarFixture.values(of: "DTSTAMP", in: document).first)
            let format = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)
            let instant = try format.parse(String(stamp.dropFirst()))
            #expect(instant >= before.addingTimeInterval(-1) && instant <= after)
        }
    }

    @Test func terminatedAgreementsLeaveTheFeedAndAnEmptyOneIsStillACalendar() async throws {
        try await withAPI { client, _ in
            let empty = try await client.get("/v1/calendar.ics")
            #expect(empty.status == .ok && CalendarFixture.eventUIDs(in: empty.text).isEmpty)
            _ = try await SeedAgreement.ingest(into: client)
            _ = try await client.ingest(#"{"kind": "termination", "title": "Ended", "date": "2023-09-01", "agreement": "us-cn-sta"}"#)
            #expect(CalendarFixture.eventUIDs(in: try await client.get("/v1/calendar.ics").text).isEmpty)
        }
    }

    /// Subscribers append a query string to make a calendar application fetch afresh.
    @Test func theQueryStringIsIgnoredAndHeadHasNoBody() async throws {
        try await withAPI { client, _ in
            let withQuery = try await client.get("/v1/calendar.ics?v=2")
            #expect(withQuery.status == .ok)
            let head = try await client.execute(uri: "/v1/calendar.ics", method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(head.body.readableBytes == 0)
        }
    }
}
