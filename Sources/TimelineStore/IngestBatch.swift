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
        entries = records.enumerated().map { index, record in
            Entry(index: index, record: record, canonicalJSON: record.jsonValue.canonicalText)
        }
    }
}
