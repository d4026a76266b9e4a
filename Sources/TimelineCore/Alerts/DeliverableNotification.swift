/// A notification whose ledger row this caller inserted, so this caller, and no other process,
/// delivers it (contract §5).
public struct DeliverableNotification: Sendable, Hashable {
    public let agreementID: String
    public let title: String
    public let notification: ExpiryNotification
    /// `D`, the date the pass evaluated.
    public let evaluatedOn: CalendarDate

    public init(agreementID: String, title: String, notification: ExpiryNotification, evaluatedOn: CalendarDate) {
        self.agreementID = agreementID
        self.title = title
        self.notification = notification
        self.evaluatedOn = evaluatedOn
    }
}
