import TimelineCore

/// Decides, record by record, what an ingest writes: a new event, a new revision of an
/// existing one, or nothing. Pure bookkeeping over what the database reported, so the
/// rules of contract §2 for keys, and of §9 for importers, live in one place.
///
/// A key may appear several times in one batch; each occurrence is compared with the
/// one before it, so posting `[a, a']` stores two revisions and `[a, a]` one.
struct IngestPlan {
    /// The current revision of a keyed event already in the database.
    struct Existing: Sendable {
        let id: Int64
        let revision: Int
        let isRetracted: Bool
        /// Its record equals the batch's first record with that key.
        let isSame: Bool
        /// For an importer's ingest, the current record of an event a person wrote a revision
        /// of: the importer may only add sources to it. nil otherwise.
        var decided: EventRecord? = nil
        /// For an importer's ingest, the current record of an event only importers wrote: a later
        /// import keeps its sources and adds its own, so that no source an earlier file found is
        /// lost (contract §10). nil otherwise.
        var imported: EventRecord? = nil
    }

    /// An event already stored, or the n-th event this batch creates (its id comes later).
    enum Event {
        case stored(Int64)
        case new(Int)
    }

    struct Revision {
        let entry: IngestBatch.Entry
        let event: Event
        let number: Int
        /// Only an importer's new sources for a retracted event a person decided keep it retracted.
        let isRetracted: Bool
        /// A later record of the same batch replaces this revision at once.
        var isSupersededInBatch = false
    }

    private struct Outcome {
        let index: Int
        let key: String?
        let status: IngestResult.Status
        let event: Event
    }

    /// Per key, what the batch has made of the event so far.
    private struct Latest {
        let event: Event
        let revision: Int
        let json: String
        /// The revision of this batch that holds `json`; nil when it is the stored one.
        let pending: Int?
        let decided: EventRecord?
        let isRetracted: Bool
    }

    private(set) var revisions: [Revision] = []
    private var outcomes: [Outcome] = []
    /// Events whose current revision in the database gets superseded.
    private(set) var supersededEventIDs: [Int64] = []
    private var newEventKeys: [String?] = []
    private var assignedIDs: [Int64] = []

    init(batch: IngestBatch, existing: [String: Existing]) {
        var latest: [String: Latest] = [:]
        for given in batch.entries {
            let key = given.record.key
            let decided = key.flatMap { latest[$0]?.decided ?? existing[$0]?.decided }
            let imported = key.flatMap { latest[$0] == nil ? existing[$0]?.imported : nil }
            let entry = decided.map { IngestBatch.Entry(sourcesOf: given, addedTo: $0) }
                ?? imported.map { IngestBatch.Entry(sourcesOf: given, addedTo: given.record.replacingSources(with: $0.sources)) }
                ?? given
            let status: IngestResult.Status
            let event: Event
            if let key, let previous = latest[key] {
                event = previous.event
                if previous.json == entry.canonicalJSON {
                    status = .unchanged
                } else {
                    status = .updated
                    if let pending = previous.pending {
                        revisions[pending].isSupersededInBatch = true
                    } else if case .stored(let id) = event {
                        supersededEventIDs.append(id)
                    }
                    append(entry, event, number: previous.revision + 1, decided: decided, retracted: previous.isRetracted, into: &latest)
                }
            } else if let key, let current = existing[key] {
                event = .stored(current.id)
                let isSame = (decided ?? imported).map { $0 == entry.record } ?? current.isSame
                // A retracted event posted again comes back, as a new revision; unless a person
                // retracted it and an importer posts it.
                if isSame && (!current.isRetracted || decided != nil) {
                    status = .unchanged
                    latest[key] = Latest(
                        event: event, revision: current.revision, json: entry.canonicalJSON, pending: nil,
                        decided: decided, isRetracted: current.isRetracted)
                } else {
                    status = .updated
                    supersededEventIDs.append(current.id)
                    append(entry, event, number: current.revision + 1, decided: decided, retracted: decided != nil && current.isRetracted, into: &latest)
                }
            } else {
                status = .created
                event = .new(newEventKeys.count)
                newEventKeys.append(key)
                append(entry, event, number: 1, decided: nil, retracted: false, into: &latest)
            }
            outcomes.append(Outcome(index: entry.index, key: key, status: status, event: event))
        }
    }

    private mutating func append(
        _ entry: IngestBatch.Entry, _ event: Event, number: Int, decided: EventRecord?, retracted: Bool,
        into latest: inout [String: Latest]
    ) {
        revisions.append(Revision(entry: entry, event: event, number: number, isRetracted: retracted))
        if let key = entry.record.key {
            latest[key] = Latest(
                event: event, revision: number, json: entry.canonicalJSON, pending: revisions.count - 1,
                decided: decided.map { _ in entry.record }, isRetracted: retracted)
        }
    }

    /// One new revision of a stored event, replacing its current one: a confirmation.
    init(revising id: Int64, after revision: Int, with entry: IngestBatch.Entry) {
        revisions = [Revision(entry: entry, event: .stored(id), number: revision + 1, isRetracted: false)]
        supersededEventIDs = [id]
        outcomes = [Outcome(index: entry.index, key: entry.record.key, status: .updated, event: .stored(id))]
    }

    var newEventCount: Int { newEventKeys.count }

    /// Gives the new events the ids the database allocated.
    mutating func assign(_ ids: [Int64]) {
        precondition(ids.count == newEventKeys.count, "one id per new event")
        assignedIDs = ids
    }

    func eventID(_ event: Event) -> Int64 {
        switch event {
        case .stored(let id): id
        case .new(let slot): assignedIDs[slot]
        }
    }

    var createdEvents: [(id: Int64, key: String?)] {
        Array(zip(assignedIDs, newEventKeys))
    }

    var results: [IngestResult] {
        outcomes.map { IngestResult(index: $0.index, id: String(eventID($0.event)), key: $0.key, status: $0.status) }
    }
}
