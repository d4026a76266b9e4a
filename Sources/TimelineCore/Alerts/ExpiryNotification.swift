/// One expiry notification the policy decided to emit: one log line and one ledger row (contract §5).
public struct ExpiryNotification: Sendable, Hashable {
    public let kind: NotificationKind
    /// The expiry the notification is about: for `extended` / `renewed` the new one; for
    /// `terminated` the one in force at the termination, nil if none was known.
    public let expiresOn: CalendarDate?
    /// Set for `reached` and `due` only.
    public let threshold: Int?
    /// Set for `extended` and `renewed` only.
    public let previousExpiresOn: CalendarDate?
    /// `expiresOn − D`; nil without `expiresOn`.
    public let daysRemaining: Int?

    public init(
        kind: NotificationKind, expiresOn: CalendarDate?, threshold: Int? = nil,
        previousExpiresOn: CalendarDate? = nil, daysRemaining: Int?
    ) {
        self.kind = kind
        self.expiresOn = expiresOn
        self.threshold = threshold
        self.previousExpiresOn = previousExpiresOn
        self.daysRemaining = daysRemaining
    }
}
