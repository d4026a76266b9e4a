import TimelineImport
import TimelineStore

extension ImportSummary {
    /// Counts what storing the import's records did into the `events` figures.
    public mutating func count(_ results: [IngestResult]) {
        for result in results {
            switch result.status {
            case .created: eventsCreated += 1
            case .updated: eventsUpdated += 1
            case .unchanged: eventsUnchanged += 1
            }
        }
    }
}
