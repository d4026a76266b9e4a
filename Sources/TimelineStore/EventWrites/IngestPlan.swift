/// Decides, record by record, what an ingest writes: a new event, a new revision of an
/// existing one, or nothing. Pure bookkeeping over what the database reported, so the
/// rules of contract §2 for keys live in one place.
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
        /// A later record of the same batch replaces this revision at once.
        var isSupersededInBatch = false
    }

    private struct Outcome {
        let index: Int
        let key: String?
        let status: IngestResult.Status
        let event: Event
    }

    private(set) var revisions: [Revision] = []
    private var outcomes: [Outcome] = []
    /// Events whose current revision in the database gets superseded.
    private(set) var supersededEventIDs: [Int64] = []
    private var newEventKeys: [String?] = []
    private var assignedIDs: [Int64] = []

    init(batch: IngestBatch, existing: [String: Existing]) {
        // Per key: the event, and its latest revision number and record so far.
        var latest: [String: (event: Event, revision: Int, json: String, pending: Int?)] = [:]
        for entry in batch.entries {
            let key = entry.record.key
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
                    append(entry, event, number: previous.revision + 1, into: &latest)
                }
            } else if let key, let current = existing[key] {
                event = .stored(current.id)
                // A retracted event posted again comes back, as a new revision.
                if current.isSame && !current.isRetracted {
                    status = .unchanged
                    latest[key] = (event, current.revision, entry.canonicalJSON, nil)
                } else {
                    status = .updated
                    supersededEventIDs.append(current.id)
                    append(entry, event, number: current.revision + 1, into: &latest)
                }
            } else {
                status = .created
                event = .new(newEventKeys.count)
                newEventKeys.append(key)
                append(entry, event, number: 1, into: &latest)
            }
            outcomes.append(Outcome(index: entry.index, key: key, status: status, event: event))
        }
    }

    private mutating func append(
        _ entry: IngestBatch.Entry, _ event: Event, number: Int,
        into latest: inout [String: (event: Event, revision: Int, json: String, pending: Int?)]
    ) {
        revisions.append(Revision(entry: entry, event: event, number: number))
        if let key = entry.record.key { latest[key] = (event, number, entry.canonicalJSON, revisions.count - 1) }
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
