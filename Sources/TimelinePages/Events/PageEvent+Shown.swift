/// How the pages show an event's parts, the same on the board and in the timeline's list.
extension PageEvent {
    /// What an event's element id in the timeline's list starts with.
    static let anchorPrefix = "event-"
    /// What a link to an event on the timeline page ends with, before the event's id: the chart's
    /// marks, the agreement page's history.
    static let anchorLinkPrefix = "#" + anchorPrefix

    /// "2023-08-27", or "2023-08-27 – 2024-02-27" for an event with an end.
    var datesText: String {
        endDate.map { "\(date) – \($0)" } ?? date.description
    }

    /// "US · CN"; nil without actors.
    var actorsText: String? {
        actors.isEmpty ? nil : actors.joined(separator: " · ")
    }

    /// A candidate event (contract §9), not yet confirmed by a curator.
    var isCandidate: Bool {
        status == "candidate"
    }
}

extension PageSource {
    /// The URL when it is a web address: only those become links, so a `javascript:` URL in a
    /// record stays text.
    var webAddress: String? {
        url.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
    }

    /// What the link says: the title, else the URL.
    var label: String {
        title ?? url ?? ""
    }
}
