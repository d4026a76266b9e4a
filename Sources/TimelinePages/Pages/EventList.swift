/// The timeline page's list of events with their sources and tags, written straight from the
/// page's events through a `MarkupWriter`: it is the part of the page that repeats per event (up
/// to a thousand per page), where a template's lookups, a tree of nodes, or a copy of each event
/// in the template's terms cost a page more than its query.
enum EventList {
    static func markup(_ events: [PageEvent]) -> TrustedMarkup {
        var writer = MarkupWriter(.html, capacity: 1024 * events.count)
        writer.element("ol", [XMLAttribute("class", "events")]) { writer in
            for event in events { write(event, to: &writer) }
        }
        return TrustedMarkup(writer)
    }

    private static func write(_ event: PageEvent, to writer: inout MarkupWriter) {
        let candidate = event.isCandidate
        writer.element("li", [
            XMLAttribute("class", "event kind-", candidate ? event.kindName + " candidate" : event.kindName),
            XMLAttribute("id", PageEvent.anchorPrefix, event.id),
        ]) { writer in
            writer.element("div", [XMLAttribute("class", "event-head")]) { writer in
                writer.element("time", [XMLAttribute("class", "dates")], text: event.datesText)
                writer.text(" ")
                writer.element("span", [XMLAttribute("class", "kind-badge kind-", event.kindName)], text: KindLabel.text(event.kindName))
                if candidate {
                    writer.text(" ")
                    writer.element("span", [XMLAttribute("class", "status-badge")], text: "candidate")
                }
            }
            writer.element("h3", [XMLAttribute("class", "event-title")], text: event.title)
            writer.element("p", [XMLAttribute("class", "event-meta")]) { writeMeta(of: event, to: &$0) }
            if let summary = event.summary, !summary.isEmpty {
                writer.element("p", [XMLAttribute("class", "summary")], text: summary)
            }
            if !event.sources.isEmpty {
                writer.element("ul", [XMLAttribute("class", "sources")]) { writer in
                    for source in event.sources { write(source, to: &writer) }
                }
            }
            if !event.tags.isEmpty {
                writer.element("p", [XMLAttribute("class", "tags")]) { writer in
                    for tag in event.tags {
                        writer.element("span", [XMLAttribute("class", "tag")], text: tag)
                        writer.text(" ")
                    }
                }
            }
        }
    }

    /// Actors, place and agreement, each only when the event has it.
    private static func writeMeta(of event: PageEvent, to writer: inout MarkupWriter) {
        if let actors = event.actorsText, !actors.isEmpty {
            writer.element("span", [XMLAttribute("class", "actors")], text: actors)
        }
        if let location = event.location, !location.isEmpty {
            writer.text(" ")
            writer.element("span", [XMLAttribute("class", "location")], text: location)
        }
        if let agreement = event.agreement {
            writer.text(" ")
            writer.element("a", [XMLAttribute("class", "agreement-link"), XMLAttribute("href", "/agreements/", agreement)], text: agreement)
        }
    }

    /// A link only for a web address, else the label as text.
    private static func write(_ source: PageSource, to writer: inout MarkupWriter) {
        writer.element("li") { writer in
            if let url = source.webAddress {
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
