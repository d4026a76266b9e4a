import Mustache

/// An event as the board's list of recent events shows it, in the template's terms.
struct EventItem: Sendable {
    let anchor: String
    let dates: String
    let kind: String
    let kindLabel: String
    let title: String
    let actors: String?

    init(_ event: PageEvent) {
        anchor = PageEvent.anchorPrefix + event.id
        dates = event.datesText
        kind = event.kindName
        kindLabel = KindLabel.text(event.kindName)
        title = event.title
        actors = event.actorsText
    }
}

extension EventItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "dates": dates
        case "kind": kind
        case "kindLabel": kindLabel
        case "title": title
        case "actors": actors
        default: nil
        }
    }
}
