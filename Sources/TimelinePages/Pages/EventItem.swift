import Mustache

/// An event as the timeline page and the board list it.
struct EventItem: Sendable {
    struct Source: Sendable {
        let url: String?
        let label: String
        let published: String?
    }

    let id: String
    let anchor: String
    let dates: String
    let kind: String
    let kindLabel: String
    let title: String
    let actors: String?
    let location: String?
    let summary: String?
    let sources: [Source]
    let tags: [String]
    let agreement: String?
    let agreementHref: String?
    let status: String?
    let candidate: Bool

    init(_ event: PageEvent) {
        id = event.id
        anchor = "event-\(event.id)"
        dates = event.endDate.map { "\(event.date) – \($0)" } ?? event.date.description
        kind = event.kindName
        kindLabel = KindLabel.text(event.kindName)
        title = event.title
        actors = event.actors.isEmpty ? nil : event.actors.joined(separator: " · ")
        location = event.location
        summary = event.summary
        sources = event.sources.map { source in
            // Only web addresses become links: a `javascript:` URL in a record stays text.
            let linkable = source.url.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false
            return Source(url: linkable ? source.url : nil, label: source.title ?? source.url ?? "", published: source.published)
        }
        tags = event.tags
        agreement = event.agreement
        agreementHref = event.agreement.map { "/agreements/\($0)" }
        status = event.status
        candidate = event.status == "candidate"
    }
}

extension EventItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "anchor": anchor
        case "dates": dates
        case "kind": kind
        case "kindLabel": kindLabel
        case "title": title
        case "actors": actors
        case "location": location
        case "summary": summary
        case "sources": sources
        case "tags": tags
        case "agreement": agreement
        case "agreementHref": agreementHref
        case "status": status
        case "candidate": candidate
        default: nil
        }
    }
}

extension EventItem.Source: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "label": label
        case "published": published
        default: nil
        }
    }
}
