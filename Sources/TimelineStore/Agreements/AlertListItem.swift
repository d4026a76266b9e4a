import TimelineCore

/// One agreement of `GET /v1/alerts` (contract §3).
public struct AlertListItem: Sendable, Hashable, Encodable {
    public let agreement: String
    public let title: String
    public let expiresOn: CalendarDate
    /// Negative once expired.
    public let daysRemaining: Int
    public let status: AgreementStatus
    /// The largest threshold smaller than `daysRemaining`: the next one to be reached.
    public let nextThreshold: Int?

    /// nil when the agreement is not listed on `date`: terminated, without a known expiry, or with
    /// its expiry more than `within` days ahead (default: its own largest threshold). An expired,
    /// not terminated agreement is always listed.
    public init?(_ input: AgreementInput, on date: CalendarDate, within days: Int?, defaultThresholds: [Int]) {
        let thresholds = input.thresholds(default: defaultThresholds)
        let lifecycle = input.lifecycle(on: date, thresholds: thresholds)
        guard !lifecycle.isTerminated, let expiresOn = lifecycle.expiresOn, let remaining = lifecycle.daysRemaining,
            remaining <= days ?? thresholds.first ?? 0
        else { return nil }
        agreement = input.id
        title = input.title
        self.expiresOn = expiresOn
        daysRemaining = remaining
        status = lifecycle.status
        nextThreshold = thresholds.first { $0 < remaining }
    }

    private enum CodingKeys: String, CodingKey {
        case agreement, title, status
        case expiresOn = "expires_on"
        case daysRemaining = "days_remaining"
        case nextThreshold = "next_threshold"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agreement, forKey: .agreement)
        try container.encode(title, forKey: .title)
        try container.encode(expiresOn, forKey: .expiresOn)
        try container.encode(daysRemaining, forKey: .daysRemaining)
        try container.encode(status.rawValue, forKey: .status)
        // Written as `null` when there is none, where the synthesized conformance would drop it.
        try container.encode(nextThreshold, forKey: .nextThreshold)
    }
}
