import Testing
import TimelineCore
import TimelineStore
@testable import TimelinePages

@Suite("Page templates")
struct PageRendererTests {
    private let renderer = PageRenderer()
    private let today = PageFixtures.date("2024-01-15")

    @Test("The board lists agreements by urgency with days left, escaped")
    func board() {
        let html = text(renderer.render(BoardPage(
            agreements: AgreementList(agreements: [PageFixtures.agreementView(title: PageFixtures.hostileTitle)]),
            recent: [PageFixtures.event(id: 9, title: "Raimondo & Wang", date: "2023-08-28")], today: today)))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("43 days left"))
        #expect(html.contains("status-pill status-expiring"))
        #expect(html.contains("Raimondo &amp; Wang"))
        #expect(html.contains("<form class=\"search\" action=\"/timeline\" method=\"get\""))
        #expect(html.contains("href=\"/assets/timelined.css\""))
    }

    @Test("The timeline page draws the chart, lists the events with sources, and links the next page")
    func timeline() {
        var query = TimelineQuery()
        query.actors = ["US", "CN"]
        let document = TimelinePageDocument(
            events: [
                PageFixtures.event(
                    id: 3, title: PageFixtures.hostileTitle, date: "2023-08-27",
                    sources: [.object(["url": .string("javascript:alert(1)"), "title": .string("bad link")]),
                              .object(["url": .string("https://example.org/a"), "title": .string("Wire")])]),
            ],
            nextCursor: "abc+/=")
        let html = text(renderer.render(TimelinePage(
            query: query, parameters: QueryString([("actor", "US"), ("actor", "CN")]), document: document, terms: [], today: today)))
        #expect(html.contains("<svg"))
        #expect(html.contains("id=\"event-3\""))
        #expect(!html.contains("<script"))
        #expect(html.contains("<a href=\"https://example.org/a\""))
        #expect(!html.contains("href=\"javascript:"))
        #expect(html.contains("href=\"/timeline?actor=US&amp;actor=CN&amp;cursor=abc%2B%2F%3D\""))
        #expect(html.contains("Timeline: US · CN"))
    }

    @Test("A candidate is marked in the list; a span's mark names its kind and precision, its tooltip its dates")
    func candidateSpan() {
        let event = PageFixtures.event(
            id: 5, kind: "entry_into_force", title: "Into force", date: "2023-08-27", endDate: "2023-08-30", status: "candidate")
        let html = text(renderer.render(TimelinePage(
            query: TimelineQuery(), parameters: QueryString([]), document: TimelinePageDocument(events: [event], nextCursor: nil),
            terms: [], today: today)))
        #expect(html.contains(#"<li class="event kind-entry_into_force candidate" id="event-5">"#))
        #expect(html.contains(#"<span class="kind-badge kind-entry_into_force">entry into force</span>"#))
        #expect(html.contains(#"<span class="status-badge">candidate</span>"#))
        #expect(html.contains(##"<a href="#event-5"><title>2023-08-27 – 2023-08-30 · entry into force · Into force</title><rect class="mark span kind-entry_into_force precision-day""##))
    }

    /// The chart and the event list reach the page as bytes in place of a marker (`MarkupSplice`):
    /// a title that spells the marker stays text, and the markup lands where the template puts it.
    @Test("Built markup is put in place of its marker; a value spelling the marker stays text")
    func splicedMarkup() throws {
        let marker = "<!--timelined:trusted-markup-->"
        let event = PageFixtures.event(id: 4, title: marker + " · Zürich", date: "2023-08-27")
        let html = text(renderer.render(TimelinePage(
            query: TimelineQuery(), parameters: QueryString([]), document: TimelinePageDocument(events: [event], nextCursor: nil),
            terms: [], today: today)))
        #expect(!html.contains(marker))
        #expect(html.contains("&lt;!--timelined:trusted-markup--&gt; · Zürich"))
        let figure = try #require(html.range(of: #"<figure class="timeline-figure"><svg"#))
        let list = try #require(html.range(of: #"<ol class="events"><li class="event kind-visit" id="event-4">"#))
        #expect(figure.lowerBound < list.lowerBound)
        #expect(html.contains("</svg></figure>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("The agreement page shows the lifecycle, thresholds and this agreement's notifications")
    func agreement() throws {
        let notifications = try JSONValue(parsing: """
            [{"event": "expiry_approaching", "agreement": "us-cn-sta", "threshold": 90, "expires_on": "2024-02-27", "emitted_at": "2023-11-29T00:00:01.000000Z"},
             {"event": "expiry_approaching", "agreement": "other", "threshold": 30, "expires_on": "2024-02-27", "emitted_at": "2023-11-30T00:00:01.000000Z"}]
            """).arrayValue ?? []
        let html = text(renderer.render(AgreementPage(
            view: PageFixtures.agreementView(), events: [PageFixtures.event(id: 1, kind: "signing", date: "2019-04-18", agreement: "us-cn-sta")],
            notifications: notifications, today: today)))
        #expect(html.contains("43 days left"))
        #expect(html.contains("<dd>2019-04-18</dd>"))
        #expect(html.contains("<strong>90 days</strong> before expiry: <time>2023-11-29</time> — reached"))
        #expect(html.contains("2023-11-29T00:00:01.000000Z"))
        #expect(!html.contains("2023-11-30T00:00:01"))
        #expect(html.contains("href=\"/timeline?agreement=us-cn-sta#event-2\""))
        #expect(html.contains("<svg"))
    }

    private func text(_ page: [UInt8]) -> String {
        String(decoding: page, as: UTF8.self)
    }
}
