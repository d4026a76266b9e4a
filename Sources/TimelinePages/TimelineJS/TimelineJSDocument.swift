import TimelineCore

/// `GET /v1/timeline?format=timelinejs` (contract §13): a timeline page in TimelineJS3's JSON
/// format. TimelineJS renders `headline` and `text` as HTML, so both are escaped here.
public struct TimelineJSDocument: Sendable, Hashable, Encodable {
    struct Text: Sendable, Hashable, Encodable {
        let headline: String
        let text: String
    }

    struct Slide: Sendable, Hashable, Encodable {
        let startDate: TimelineJSDate
        let endDate: TimelineJSDate?
        let text: Text
        let group: String
        let uniqueID: String

        enum CodingKeys: String, CodingKey {
            case text, group
            case startDate = "start_date"
            case endDate = "end_date"
            case uniqueID = "unique_id"
        }
    }

    /// An agreement's term: TimelineJS shades it behind the events.
    struct Era: Sendable, Hashable, Encodable {
        let startDate: TimelineJSDate
        let endDate: TimelineJSDate
        let text: Text

        enum CodingKeys: String, CodingKey {
            case text
            case startDate = "start_date"
            case endDate = "end_date"
        }
    }

    let events: [Slide]
    /// Left out when there are none: TimelineJS reads a missing `eras` as none.
    let eras: [Era]?

    public init(events: [PageEvent], terms: [AgreementTerm]) {
        self.events = events.map { event in
            Slide(
                startDate: TimelineJSDate(event.date), endDate: event.endDate.map(TimelineJSDate.init),
                text: Text(headline: MarkupEscaping.escaped(event.title), text: Self.body(of: event)),
                group: event.kindName, uniqueID: event.id)
        }
        let eras = terms.compactMap { term -> Era? in
            guard let days = term.days else { return nil }
            return Era(
                startDate: TimelineJSDate(days.first), endDate: TimelineJSDate(days.last),
                text: Text(headline: MarkupEscaping.escaped(term.title), text: MarkupEscaping.escaped(term.tooltip)))
        }
        self.eras = eras.isEmpty ? nil : eras
    }

    /// The summary, the location and the sources as links, built as markup so every value is escaped.
    private static func body(of event: PageEvent) -> String {
        var paragraphs: [XMLNode] = []
        if let summary = event.summary { paragraphs.append(.element("p", [], [.text(summary)])) }
        if let location = event.location { paragraphs.append(.element("p", [], [.text(location)])) }
        let links = event.sources.map { source -> XMLNode in
            let label = XMLNode.text(source.title ?? source.url ?? "")
            guard let url = source.url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return label }
            return .element("a", [XMLAttribute("href", url)], [label])
        }
        if !links.isEmpty {
            let separated = links.enumerated().flatMap { index, link in index == 0 ? [link] : [.text(", "), link] }
            paragraphs.append(.element("p", [], [.text("Sources: ")] + separated))
        }
        return paragraphs.map { $0.markup(.html) }.joined()
    }
}
