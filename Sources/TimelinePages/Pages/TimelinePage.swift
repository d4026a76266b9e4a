import Mustache
import TimelineCore

/// `GET /timeline?…` (contract §13): the SVG timeline of one page of events, then the events
/// with their sources, and links to the next page and to the same page as JSON and TimelineJS.
public struct TimelinePage: Sendable {
    let pageTitle: String
    let chart: TrustedMarkup?
    let eventList: TrustedMarkup
    let eventCount: Int
    let form: SearchForm
    let nextHref: String?
    let firstHref: String?
    let jsonHref: String
    let timelineJSHref: String

    /// - Parameter parameters: the request's query, from which the links are made.
    public init(
        query: TimelineQuery, parameters: QueryString, document: TimelinePageDocument, terms: [AgreementTerm],
        today: CalendarDate
    ) {
        pageTitle = Self.title(of: query)
        chart = TimelineChart(events: document.events, terms: terms, today: today).svg
        eventList = EventList.markup(document.events)
        eventCount = document.events.count
        form = SearchForm(query: query)
        nextHref = document.nextCursor.map { "/timeline" + parameters.replacing("cursor", with: $0).text }
        firstHref = query.cursor == nil ? nil : "/timeline" + parameters.replacing("cursor", with: nil).text
        jsonHref = "/v1/timeline" + parameters.text
        timelineJSHref = "/v1/timeline" + parameters.replacing("format", with: "timelinejs").text
    }

    /// "US · CN, us-cn-sta, “tariff”": what the page shows, in words.
    private static func title(of query: TimelineQuery) -> String {
        var parts: [String] = []
        if !query.actors.isEmpty { parts.append(query.actors.joined(separator: " · ")) }
        if let agreement = query.agreement { parts.append(agreement) }
        if !query.kinds.isEmpty { parts.append(query.kinds.map(\.rawValue).joined(separator: ", ")) }
        if let text = query.text { parts.append("“\(text)”") }
        if query.from != nil || query.to != nil {
            parts.append("\(query.from?.description ?? "…") – \(query.to?.description ?? "…")")
        }
        return parts.isEmpty ? "Timeline" : "Timeline: " + parts.joined(separator: ", ")
    }
}

extension TimelinePage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": pageTitle
        case "chart": chart
        case "eventList": eventList
        case "eventCount": eventCount
        case "form": form
        case "nextHref": nextHref
        case "firstHref": firstHref
        case "jsonHref": jsonHref
        case "timelineJSHref": timelineJSHref
        default: nil
        }
    }
}
