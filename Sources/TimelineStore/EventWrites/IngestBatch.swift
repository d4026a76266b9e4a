import TimelineCore

/// Records ready to store: each with its canonical JSON, which is what is stored as the
/// revision's `record` and what decides whether a repeated key changed anything.
struct IngestBatch: Sendable {
    struct Entry: Sendable {
        let index: Int
        let record: EventRecord
        let canonicalJSON: String

        init(index: Int, record: EventRecord, canonicalJSON: String) {
            self.index = index
            self.record = record
            self.canonicalJSON = canonicalJSON
        }

        /// `decided` (what a person wrote) with this entry's new sources: all an importer's
        /// record may change of an event a person decided (contract §9).
        init(sourcesOf entry: Entry, addedTo decided: EventRecord) {
            index = entry.index
            record = decided.addingSources(entry.record.sources)
            canonicalJSON = record.jsonValue.canonicalText
        }
    }

    let entries: [Entry]

    init(_ records: [EventRecord]) {
        let canonicalJSON = records.concurrentMap { $0.jsonValue.canonicalText }
        entries = records.indices.map { index in Entry(index: index, record: records[index], canonicalJSON: canonicalJSON[index]) }
    }
}
