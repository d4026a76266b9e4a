/// One lifecycle event of an agreement as stored: the fields of its current revision that §4 folds.
public struct LifecycleEvent: Sendable, Hashable {
    /// The server's id (a decimal `bigint` as text); the last tie-break of the application order.
    public let eventID: String
    public let kind: EventKind
    public let date: PartialDate
    public let expiresOn: CalendarDate?
    public let extendsBy: ISODuration?
    public let isRetracted: Bool

    public init(
        eventID: String, kind: EventKind, date: PartialDate, expiresOn: CalendarDate? = nil,
        extendsBy: ISODuration? = nil, isRetracted: Bool = false
    ) {
        self.eventID = eventID
        self.kind = kind
        self.date = date
        self.expiresOn = expiresOn
        self.extendsBy = extendsBy
        self.isRetracted = isRetracted
    }
}
