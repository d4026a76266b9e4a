/// A `history` item of the lifecycle view: one applied event and the expiry in force after it.
public struct LifecycleEntry: Sendable, Hashable {
    public let eventID: String
    public let kind: EventKind
    public let date: PartialDate
    /// `E` after this event; nil while no expiry is known.
    public let expiresOn: CalendarDate?

    public init(eventID: String, kind: EventKind, date: PartialDate, expiresOn: CalendarDate?) {
        self.eventID = eventID
        self.kind = kind
        self.date = date
        self.expiresOn = expiresOn
    }
}
