/// A validated event record (contract §2). Obtain one from `EventRecordValidator`; the memberwise
/// initialiser trusts its arguments.
///
/// Encoding writes the contract's field names and leaves out absent values and empty lists, so with
/// `.sortedKeys` the bytes are a canonical form: two records are equal exactly when they encode alike.
/// Decoding runs the validator.
public struct EventRecord: Hashable, Sendable, Codable {
    public let key: String?
    public let kind: EventKind
    /// Trimmed.
    public let title: String
    public let date: PartialDate
    public let endDate: PartialDate?
    public let actors: [ActorReference]
    public let location: String?
    public let agreement: AgreementReference?
    public let expiresOn: CalendarDate?
    public let extendsBy: ISODuration?
    public let summary: String?
    public let sources: [EventSource]
    public let tags: [String]

    public init(
        key: String? = nil,
        kind: EventKind,
        title: String,
        date: PartialDate,
        endDate: PartialDate? = nil,
        actors: [ActorReference] = [],
        location: String? = nil,
        agreement: AgreementReference? = nil,
        expiresOn: CalendarDate? = nil,
        extendsBy: ISODuration? = nil,
        summary: String? = nil,
        sources: [EventSource] = [],
        tags: [String] = []
    ) {
        self.key = key
        self.kind = kind
        self.title = title
        self.date = date
        self.endDate = endDate
        self.actors = actors
        self.location = location
        self.agreement = agreement
        self.expiresOn = expiresOn
        self.extendsBy = extendsBy
        self.summary = summary
        self.sources = sources
        self.tags = tags
    }

    /// First day the event occupies.
    public var start: CalendarDate { date.start }

    /// Last day the event occupies: the end of `end_date`, or of `date` without one.
    public var end: CalendarDate { (endDate ?? date).end }

    public var precision: PartialDate.Precision { date.precision }

    public var actorIDs: [String] { actors.map(\.id) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case key, kind, title, date
        case endDate = "end_date"
        case actors, location, agreement
        case expiresOn = "expires_on"
        case extendsBy = "extends_by"
        case summary, sources, tags
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(key, forKey: .key)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(date, forKey: .date)
        try container.encodeIfPresent(endDate, forKey: .endDate)
        if !actors.isEmpty { try container.encode(actors, forKey: .actors) }
        try container.encodeIfPresent(location, forKey: .location)
        try container.encodeIfPresent(agreement, forKey: .agreement)
        try container.encodeIfPresent(expiresOn, forKey: .expiresOn)
        try container.encodeIfPresent(extendsBy, forKey: .extendsBy)
        try container.encodeIfPresent(summary, forKey: .summary)
        if !sources.isEmpty { try container.encode(sources, forKey: .sources) }
        if !tags.isEmpty { try container.encode(tags, forKey: .tags) }
    }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        switch EventRecordValidator.validate(value, index: nil) {
        case .success(let record):
            self = record
        case .failure(let errors):
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: errors.description))
        }
    }
}
