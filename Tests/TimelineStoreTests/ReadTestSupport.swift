import Foundation
import Postgres
import Testing
import TimelineCore
import TimelineStore

/// A response body the store built, parsed for the test to look into.
func body(_ data: Data?) throws -> JSONValue {
    try JSONValue(parsing: try #require(data))
}

/// The `key` of every event of a timeline body, in the order given.
func keys(_ timeline: JSONValue) -> [String] {
    timeline["events"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
}

/// Ingests records given as JSON text; returns the server's ids in the same order.
@discardableResult
func ingest(_ ingestor: EventIngestor, _ records: [String]) async throws -> [Int64] {
    try await ingestor.ingest(records.map(record)).map { try #require(Int64($0.id)) }
}

extension TimelineQuery {
    /// A query built in place, for tests that set a field or two.
    static func with(_ configure: (inout TimelineQuery) throws -> Void) rethrows -> TimelineQuery {
        var query = TimelineQuery()
        try configure(&query)
        return query
    }
}

/// Whether `text` is `recorded_at` as the contract shows it: RFC 3339 UTC with the six fraction
/// digits PostgreSQL keeps.
func isRecordedAtText(_ text: String) -> Bool {
    text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z/) != nil
}

/// The server's id of the event with `key`.
func eventID(key: String, _ pool: PostgresPool) async throws -> Int64 {
    Int64(try await pool.query("SELECT id FROM events WHERE key = $1", [key])[0].int(0))
}
