import TimelineCore

/// Records ready to store: each with its canonical JSON, which is what is stored as the
/// revision's `record` and what decides whether a repeated key changed anything.
struct IngestBatch: Sendable {
    struct Entry: Sendable {
        let index: Int
        let record: EventRecord
        let canonicalJSON: String
    }

    let entries: [Entry]

    init(_ records: [EventRecord]) {
        let canonicalJSON = records.concurrentMap { $0.jsonValue.canonicalText }
        entries = records.indices.map { index in Entry(index: index, record: records[index], canonicalJSON: canonicalJSON[index]) }
    }
}
