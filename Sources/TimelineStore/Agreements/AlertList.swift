import TimelineCore

/// The body of `GET /v1/alerts` and of `timelined alerts list --json`: `{"as_of", "alerts"}`,
/// soonest expiry first (the expired ones lead), then by agreement id.
public struct AlertList: Sendable, Hashable, Encodable {
    public let asOf: CalendarDate
    public let alerts: [AlertListItem]

    public init(asOf: CalendarDate, alerts: [AlertListItem]) {
        self.asOf = asOf
        self.alerts = alerts.sorted { ($0.expiresOn, $0.agreement) < ($1.expiresOn, $1.agreement) }
    }

    private enum CodingKeys: String, CodingKey {
        case alerts
        case asOf = "as_of"
    }
}
