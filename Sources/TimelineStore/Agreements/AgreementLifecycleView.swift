import TimelineCore

/// An agreement as `GET /v1/agreements/{id}` shows it (contract §4): its metadata and its lifecycle
/// on `asOf`. Encodes every member, unknown values as `null`.
public struct AgreementLifecycleView: Sendable, Hashable, Encodable {
    public let id: String
    public let title: String
    public let parties: [String]
    public let asOf: CalendarDate
    /// The thresholds in force, largest first.
    public let alertDays: [Int]
    public let lifecycle: Lifecycle

    public init(_ input: AgreementInput, on date: CalendarDate, defaultThresholds: [Int]) {
        id = input.id
        title = input.title
        parties = input.parties
        asOf = date
        alertDays = input.thresholds(default: defaultThresholds)
        lifecycle = input.lifecycle(on: date, thresholds: alertDays)
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, parties, status, history
        case asOf = "as_of"
        case signedOn = "signed_on"
        case inForceFrom = "in_force_from"
        case expiresOn = "expires_on"
        case daysRemaining = "days_remaining"
        case alertDays = "alert_days"
    }

    private enum HistoryKeys: String, CodingKey {
        case event, kind, date
        case expiresOn = "expires_on"
    }

    // `encode` of an Optional writes `null`, where the synthesized conformance would drop the key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(parties, forKey: .parties)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(lifecycle.signedOn, forKey: .signedOn)
        try container.encode(lifecycle.inForceFrom, forKey: .inForceFrom)
        try container.encode(lifecycle.expiresOn, forKey: .expiresOn)
        try container.encode(lifecycle.status.rawValue, forKey: .status)
        try container.encode(lifecycle.daysRemaining, forKey: .daysRemaining)
        try container.encode(alertDays, forKey: .alertDays)
        var history = container.nestedUnkeyedContainer(forKey: .history)
        for entry in lifecycle.history {
            var item = history.nestedContainer(keyedBy: HistoryKeys.self)
            try item.encode(entry.eventID, forKey: .event)
            try item.encode(entry.kind, forKey: .kind)
            try item.encode(entry.date, forKey: .date)
            try item.encode(entry.expiresOn, forKey: .expiresOn)
        }
    }
}
