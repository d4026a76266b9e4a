import Foundation
import Postgres
import TimelineCore
import TimelineStore

/// Eight events chosen for the timeline's filters and ordering. Each has a key that names its
/// date, so expectations read as the contract's ordering. They are ingested in an order
/// unlike the timeline's, so that ids (which follow ingest) never explain a correct result:
/// `1979`, `1979-01` and `1979-01-01` start on the same day and must come out year, month, day.
enum TimelineFixture {
    static let records = [
        #"{"key": "d2023-08-27", "kind": "expiration", "title": "The agreement expires", "date": "2023-08-27", "actors": ["US", "CN"], "agreement": {"id": "sta", "title": "Science and Technology Agreement", "parties": ["US", "CN"]}}"#,
        #"{"key": "d1979-01-01", "kind": "visit", "title": "Vice Premier visits Washington", "date": "1979-01-01", "actors": ["US", "CN", "JP"]}"#,
        #"{"key": "d1979-01-01b", "kind": "statement", "title": "Joint communiqué takes effect", "date": "1979-01-01", "actors": ["CN"]}"#,
        #"{"key": "m1979-01", "kind": "meeting", "title": "Working group meets", "date": "1979-01", "actors": ["US"]}"#,
        #"{"key": "y1979", "kind": "signing", "title": "Agreement signed", "date": "1979", "actors": ["US", "CN"], "agreement": "sta", "summary": "Scientists will cooperate on research.", "tags": ["science"]}"#,
        #"{"key": "range", "kind": "visit", "title": "New Year delegation", "date": "1979-12-30", "end_date": "1980-01-02", "actors": ["CN"]}"#,
        #"{"key": "m1980-02", "kind": "other", "title": "Environmental forum", "date": "1980-02", "summary": "A summit on climate and emissions.", "tags": ["climate"]}"#,
        #"{"key": "y2023", "kind": "statement", "title": "Talks about technology", "date": "2023", "actors": ["US"], "agreement": "sta", "tags": ["technology"]}"#,
    ]

    /// Contract §1 order of the whole fixture.
    static let ascending = ["y1979", "m1979-01", "d1979-01-01", "d1979-01-01b", "range", "m1980-02", "y2023", "d2023-08-27"]

    /// A migrated database holding the fixture, and a read store over it.
    static func withStore(_ body: (EventReadStore, PostgresPool, EventIngestor) async throws -> Void) async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, records)
            try await body(EventReadStore(pool: pool), pool, ingestor)
        }
    }
}

extension EventReadStore {
    /// The keys of the first page of `query`.
    func eventKeys(_ query: TimelineQuery) async throws -> [String] {
        keys(try body(try await timeline(query)))
    }
}
