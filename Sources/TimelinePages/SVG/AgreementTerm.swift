import TimelineCore
import TimelineStore

/// An agreement's term as the timeline draws it: a bar from its signing (or entry into force) to
/// the expiry in force, with the events that moved the expiry marked on it.
public struct AgreementTerm: Sendable, Hashable {
    public struct Mark: Sendable, Hashable {
        public let eventID: String
        public let kind: EventKind
        public let date: PartialDate
        /// The expiry after this event.
        public let expiresOn: CalendarDate?
    }

    public let id: String
    public let title: String
    public let status: AgreementStatus
    public let start: PartialDate?
    public let expiresOn: CalendarDate?
    public let marks: [Mark]

    public init(_ view: AgreementLifecycleView) {
        id = view.id
        title = view.title
        status = view.lifecycle.status
        start = view.lifecycle.signedOn ?? view.lifecycle.inForceFrom
        expiresOn = view.lifecycle.expiresOn
        marks = view.lifecycle.history
            .filter { [.extension, .renewal, .amendment, .termination].contains($0.kind) }
            .map { Mark(eventID: $0.eventID, kind: $0.kind, date: $0.date, expiresOn: $0.expiresOn) }
    }

    /// `Title (status) from 2019-04-18 to 2024-08-27`.
    var tooltip: String {
        let from = start.map { " from \($0)" } ?? ""
        let to = expiresOn.map { " to \($0)" } ?? ", no expiry known"
        return "\(title) (\(status.rawValue))\(from)\(to)"
    }

    /// The days the bar covers; nil when neither end is known.
    var days: (first: CalendarDate, last: CalendarDate)? {
        guard let first = start?.start ?? marks.first?.date.start else { return nil }
        return (first, max(first, expiresOn ?? first))
    }
}
