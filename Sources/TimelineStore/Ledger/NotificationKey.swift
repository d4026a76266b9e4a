import TimelineCore

/// What tells notifications apart within one pass: an agreement gets at most one of each kind,
/// expiry and threshold per evaluation. Matches the rows an insert returned to the decisions.
struct NotificationKey: Hashable {
    let agreementID: String
    let kind: String
    let expiresOn: CalendarDate?
    let threshold: Int?

    init(agreementID: String, kind: String, expiresOn: CalendarDate?, threshold: Int?) {
        self.agreementID = agreementID
        self.kind = kind
        self.expiresOn = expiresOn
        self.threshold = threshold
    }

    init(agreementID: String, _ notification: ExpiryNotification) {
        self.init(
            agreementID: agreementID, kind: notification.kind.rawValue, expiresOn: notification.expiresOn,
            threshold: notification.threshold)
    }
}
