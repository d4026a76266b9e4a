/// The timeline page's list of events with their sources and tags, written straight through a
/// `MarkupWriter`: it is the part of the page that repeats per event (up to a thousand per page),
/// where a template's lookups, or a tree of nodes, cost a page more than its query.
enum EventList {
    static func markup(_ items: [EventItem]) -> TrustedMarkup {
        var writer = MarkupWriter(.html, capacity: 1024 * items.count)
        writer.element("ol", [XMLAttribute("class", "events")]) { writer in
            for item in items { write(item, to: &writer) }
        }
        return TrustedMarkup(writer)
    }

    private static func write(_ item: EventItem, to writer: inout MarkupWriter) {
        let kindClass = item.candidate ? item.kind + " candidate" : item.kind
        writer.element("li", [XMLAttribute("class", "event kind-", kindClass), XMLAttribute("id", item.anchor)]) { writer in
            writer.element("div", [XMLAttribute("class", "event-head")]) { writer in
                writer.element("time", [XMLAttribute("class", "dates")], text: item.dates)
                writer.text(" ")
                writer.element("span", [XMLAttribute("class", "kind-badge kind-", item.kind)], text: item.kindLabel)
                if item.candidate {
                    writer.text(" ")
                    writer.element("span", [XMLAttribute("class", "status-badge")], text: "candidate")
                }
            }
            writer.element("h3", [XMLAttribute("class", "event-title")], text: item.title)
            writer.element("p", [XMLAttribute("class", "event-meta")]) { writeMeta(of: item, to: &$0) }
            if let summary = item.summary, !summary.isEmpty {
                writer.element("p", [XMLAttribute("class", "summary")], text: summary)
            }
            if !item.sources.isEmpty {
                writer.element("ul", [XMLAttribute("class", "sources")]) { writer in
                    for source in item.sources { write(source, to: &writer) }
                }
            }
            if !item.tags.isEmpty {
                writer.element("p", [XMLAttribute("class", "tags")]) { writer in
                    for tag in item.tags {
                        writer.element("span", [XMLAttribute("class", "tag")], text: tag)
                        writer.text(" ")
                    }
                }
            }
        }
    }

    /// Actors, place and agreement, each only when the event has it.
    private static func writeMeta(of item: EventItem, to writer: inout MarkupWriter) {
        if let actors = item.actors, !actors.isEmpty {
            writer.element("span", [XMLAttribute("class", "actors")], text: actors)
        }
        if let location = item.location, !location.isEmpty {
            writer.text(" ")
            writer.element("span", [XMLAttribute("class", "location")], text: location)
        }
        if let href = item.agreementHref, let agreement = item.agreement {
            writer.text(" ")
            writer.element("a", [XMLAttribute("class", "agreement-link"), XMLAttribute("href", href)], text: agreement)
        }
    }

    /// A link only for a web address (`EventItem` keeps no other URL), else the label as text.
    private static func write(_ source: EventItem.Source, to writer: inout MarkupWriter) {
        writer.element("li") { writer in
            if let url = source.url {
                writer.element("a", [XMLAttribute("href", url), XMLAttribute("rel", "noopener nofollow")], text: source.label)
            } else {
                writer.text(source.label)
            }
            if let published = source.published, !published.isEmpty {
                writer.text(" ")
                writer.element("span", [XMLAttribute("class", "published")], text: published)
            }
        }
    }
}
