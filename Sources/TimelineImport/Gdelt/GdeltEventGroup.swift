import TimelineCore

/// The rows of one real event, reduced as they arrive to what its record needs, so that a group
/// holds at most twice `maximumSources` sources however many rows cite it.
struct GdeltEventGroup {
    let key: GdeltGroupKey
    private(set) var codes: Set<CameoEventCode> = []
    private var locationCounts: [String: Int] = [:]
    /// The earliest sighting of each URL kept.
    private var sightings: [String: GdeltSourceSighting] = [:]

    init(key: GdeltGroupKey) {
        self.key = key
    }

    mutating func add(_ row: GdeltRow) {
        codes.insert(row.eventCode)
        if !row.actionLocation.isEmpty,
            row.actionLocation.unicodeScalars.count <= EventRecordValidator.maximumLocationLength
        {
            locationCounts[row.actionLocation, default: 0] += 1
        }
        if isUsableURL(row.sourceURL) {
            let sighting = GdeltSourceSighting(dateAdded: row.dateAdded, globalEventID: row.globalEventID, url: row.sourceURL)
            if let known = sightings[row.sourceURL], known <= sighting { return }
            sightings[row.sourceURL] = sighting
            if sightings.count > 2 * EventRecordValidator.maximumSources { keepEarliestSources() }
        }
    }

    /// The record, in the v1 format plus `"status": "candidate"`.
    func record(_ style: CountryIDStyle) -> JSONValue {
        let actors: [ActorReference] =
            switch key.type {
            case .visit:
                [ActorReference(id: key.first.id(style), role: "guest"), ActorReference(id: key.second.id(style), role: "host")]
            case .meeting, .phoneCall, .signing:
                [ActorReference(id: key.first.id(style), role: "participant"), ActorReference(id: key.second.id(style), role: "participant")]
            }
        let sources = earliestSources.map { EventSource(url: $0.url, published: PartialDate($0.dateAdded.day)) }
        let tags = ["gdelt"] + [key.type.tag].compactMap { $0 } + codes.sorted().map(\.tag)
        let record = EventRecord(
            key: key.recordKey, kind: key.type.kind, title: key.type.title(key.first, key.second),
            date: PartialDate(key.day), actors: actors, location: location, sources: sources, tags: tags)
        guard case .object(var members) = record.jsonValue else { preconditionFailure("a record is a JSON object") }
        members["status"] = .string("candidate")
        return .object(members)
    }

    /// The most frequent place; of equally frequent ones the first in code-point order, so that
    /// the choice does not depend on the order rows came in.
    var location: String? {
        locationCounts.min { first, second in
            first.value != second.value
                ? first.value > second.value
                : first.key.unicodeScalars.lexicographicallyPrecedes(second.key.unicodeScalars)
        }?.key
    }

    private var earliestSources: [GdeltSourceSighting] {
        Array(sightings.values.sorted().prefix(EventRecordValidator.maximumSources))
    }

    /// Drops every sighting past the earliest `maximumSources`. Exact, not an approximation: a
    /// sighting only ever moves earlier, so one dropped for being later than those kept could
    /// never come back among them.
    private mutating func keepEarliestSources() {
        sightings = Dictionary(uniqueKeysWithValues: earliestSources.map { ($0.url, $0) })
    }

    /// What the record validator accepts as a source `url`; anything else GDELT may put in
    /// `SOURCEURL` is not kept as a source (the row still counts).
    private func isUsableURL(_ url: String) -> Bool {
        url.unicodeScalars.count <= EventRecordValidator.maximumURLLength && EventRecordValidator.isHTTPURL(url)
    }
}
