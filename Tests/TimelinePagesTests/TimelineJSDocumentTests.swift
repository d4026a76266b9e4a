import Foundation
import Testing
import TimelineCore
@testable import TimelinePages

@Suite("TimelineJS export")
struct TimelineJSDocumentTests {
    private func encoded(_ document: TimelineJSDocument) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try JSONValue(parsing: Array(try encoder.encode(document)))
    }

    @Test("Dates carry only their known parts, as strings; text is escaped; kind is the group")
    func slides() throws {
        let events = [
            PageFixtures.event(
                id: 4, kind: "meeting", title: PageFixtures.hostileTitle, date: "1979", endDate: "1980-03",
                summary: "a & b", sources: [.object(["url": .string("https://example.org/?a=1&b=<2>"), "title": .string("<i>Wire</i>")])]),
            PageFixtures.event(id: 5, date: "2023-08-27"),
        ]
        let json = try encoded(TimelineJSDocument(events: events, terms: []))
        let first = try #require(json["events"]?.arrayValue?.first)
        #expect(first["start_date"] == .object(["year": .string("1979")]))
        #expect(first["end_date"] == .object(["year": .string("1980"), "month": .string("3")]))
        #expect(first["text"]?["headline"] == .string("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let text = try #require(first["text"]?["text"]?.stringValue)
        #expect(text.contains("<p>a &amp; b</p>"))
        #expect(text.contains("<a href=\"https://example.org/?a=1&amp;b=&lt;2&gt;\">&lt;i&gt;Wire&lt;/i&gt;</a>"))
        #expect(first["group"] == .string("meeting"))
        #expect(first["unique_id"] == .string("4"))
        #expect(json["events"]?.arrayValue?.last?["start_date"] == .object(["year": .string("2023"), "month": .string("8"), "day": .string("27")]))
        #expect(json["eras"] == nil)
    }

    @Test("An agreement's term is an era from signing to expiry")
    func eras() throws {
        let json = try encoded(TimelineJSDocument(events: [], terms: [AgreementTerm(PageFixtures.agreementView())]))
        let era = try #require(json["eras"]?.arrayValue?.first)
        #expect(era["start_date"] == .object(["year": .string("2019"), "month": .string("4"), "day": .string("18")]))
        #expect(era["end_date"] == .object(["year": .string("2024"), "month": .string("2"), "day": .string("27")]))
        #expect(era["text"]?["headline"] == .string("Science and Technology Agreement"))
    }
}
