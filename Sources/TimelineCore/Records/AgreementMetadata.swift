/// The body of `POST /v1/agreements` (contract §3), validated.
public struct AgreementMetadata: Hashable, Sendable, Encodable {
    public let id: String
    /// Trimmed.
    public let title: String
    /// nil when not given, as opposed to an empty list.
    public let parties: [String]?
    public let summary: String?
    /// Thresholds overriding the global ones, largest first; nil when not given (use the global
    /// ones), empty for "no threshold notifications".
    public let alertDays: [Int]?

    public init(id: String, title: String, parties: [String]? = nil, summary: String? = nil, alertDays: [Int]? = nil) {
        self.id = id
        self.title = title
        self.parties = parties
        self.summary = summary
        self.alertDays = alertDays
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, parties, summary
        case alertDays = "alert_days"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(parties, forKey: .parties)
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encodeIfPresent(alertDays, forKey: .alertDays)
    }
}
