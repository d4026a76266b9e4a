import Testing
import TimelineCore
@testable import TimelinePages

@Suite("SVG timeline")
struct TimelineChartTests {
    private let today = PageFixtures.date("2024-01-15")

    @Test("A hostile title is text in the tooltip, never markup")
    func escapesTitles() throws {
        let chart = TimelineChart(events: [PageFixtures.event(id: 7, title: PageFixtures.hostileTitle, date: "2023-08-27")], terms: [], today: today)
        let svg = try #require(chart.svg).markup
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("Each event is a mark linked to its entry, with a tooltip; coarse dates are spans")
    func marks() throws {
        let events = [
            PageFixtures.event(id: 1, date: "2023-08-27"),
            PageFixtures.event(id: 2, kind: "meeting", title: "Talks", date: "2023-09"),
            PageFixtures.event(id: 3, kind: "statement", title: "Year review", date: "2022"),
        ]
        let svg = try #require(TimelineChart(events: events, terms: [], today: today).svg).markup
        for id in 1...3 { #expect(svg.contains("href=\"#event-\(id)\"")) }
        #expect(svg.contains("<title>2023-09 · meeting · Talks</title>"))
        #expect(svg.contains("class=\"mark span kind-meeting precision-month\""))
        #expect(svg.contains("class=\"mark span kind-statement precision-year\""))
        #expect(svg.contains("<circle class=\"mark kind-visit\""))
        #expect(svg.contains("class=\"legend\""))
    }

    @Test("An agreement term is a bar to its expiry, flagged, with its extension marked")
    func terms() throws {
        let term = AgreementTerm(PageFixtures.agreementView())
        let svg = try #require(TimelineChart(events: [], terms: [term], today: today).svg).markup
        #expect(svg.contains("class=\"term status-expiring\""))
        #expect(svg.contains("<title>Expires 2024-02-27</title>"))
        #expect(svg.contains("class=\"term-mark kind-extension\""))
        #expect(svg.contains("href=\"/agreements/us-cn-sta\""))
        #expect(svg.contains("class=\"today\""))
    }

    @Test("500 events on one week stay within a few lanes; the rest are counted in clusters")
    func crowded() throws {
        let events = (1...500).map { PageFixtures.event(id: $0, date: "2023-08-\(20 + $0 % 7)") }
        let lanes = EventLanes(
            events.map { event -> (item: PageEvent, from: Double, to: Double) in
                (event, Double(event.date.start.dayNumber), Double(event.date.start.dayNumber) + 0.5)
            },
            maximumLanes: TimelineChart.maximumLanes, clusterWidth: 1)
        #expect(lanes.laneCount == TimelineChart.maximumLanes)
        #expect(lanes.placed.count + lanes.clusters.reduce(0) { $0 + $1.items.count } == 500)
        let svg = try #require(TimelineChart(events: events, terms: [], today: today).svg).markup
        let height = try #require(svg.firstRange(of: "viewBox=\"0 0 1000 ").map { svg[$0.upperBound...].prefix { $0.isNumber } })
        #expect(try #require(Int(height)) < 300)
        #expect(svg.contains("class=\"cluster kind-visit\""))
    }

    @Test("Nothing to draw, no chart")
    func empty() {
        #expect(TimelineChart(events: [], terms: [], today: today).svg == nil)
    }
}
