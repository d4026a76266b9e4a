/// A validated event record (contract §2). Obtain one from `EventRecordValidator`; the memberwise
/// initialiser trusts its arguments.
///
/// Its JSON has the contract's field names and leaves out absent values and empty lists, so its
/// `canonicalText` is a canonical form: two records are equal exactly when those texts are.
/// Decoding runs the validator.
public struct EventRecord: Hashable, Sendable, Decodable, JSONRepresentable {
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
    public let status: CurationStatus

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
        tags: [String] = [],
        status: CurationStatus = .confirmed
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
        self.status = status
    }

    /// First day the event occupies.
    public var start: CalendarDate { date.start }

    /// Last day the event occupies: the end of `end_date`, or of `date` without one.
    public var end: CalendarDate { (endDate ?? date).end }

    public var precision: PartialDate.Precision { date.precision }

    public var actorIDs: [String] { actors.map(\.id) }

    public var jsonValue: JSONValue {
        .object(presentMembers: [
            "key": key.jsonValue,
            "kind": .string(kind.rawValue),
            "title": .string(title),
            "date": date.jsonValue,
            "end_date": endDate?.jsonValue,
            "actors": actors.isEmpty ? nil : .array(actors.map(\.jsonValue)),
            "location": location.jsonValue,
            "agreement": agreement?.jsonValue,
            "expires_on": expiresOn?.jsonValue,
            "extends_by": extendsBy?.jsonValue,
            "summary": summary.jsonValue,
            "sources": sources.isEmpty ? nil : .array(sources.map(\.jsonValue)),
            "tags": tags.isEmpty ? nil : .array(tags.map(JSONValue.string)),
            // The default is left out like an empty list, so records of v1 keep their canonical form.
            "status": status == .confirmed ? nil : .string(status.rawValue),
        ])
    }

    /// This record with `sources` added after its own, each source once, at most
    /// `EventRecordValidator.maximumSources` in all: what an importer may change of an event a
    /// person decided (contract §9).
    public func addingSources(_ more: [EventSource]) -> EventRecord {
        var merged = sources
        for source in more where !merged.contains(source) && merged.count < EventRecordValidator.maximumSources {
            merged.append(source)
        }
        return replacingSources(with: merged)
    }

    /// This record with other sources.
    public func replacingSources(with sources: [EventSource]) -> EventRecord {
        EventRecord(
            key: key, kind: kind, title: title, date: date, endDate: endDate, actors: actors, location: location,
            agreement: agreement, expiresOn: expiresOn, extendsBy: extendsBy, summary: summary, sources: sources,
            tags: tags, status: status)
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
