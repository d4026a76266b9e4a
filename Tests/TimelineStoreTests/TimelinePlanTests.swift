import Foundation
import Postgres
import Testing
import TimelineCore
@testable import TimelineStore

/// Contract §9 keeps candidates out of the default timeline; its walk must still find a page in
/// the index of confirmed events alone, however many candidates wait, and the review queue in
/// its own index.
@Suite("Timeline plans with candidates")
struct TimelinePlanTests {
    @Test func eachStatusWalksItsOwnIndexInTimelineOrder() async throws {
        try await withMigratedDatabase { pool, ingestor in
            for status in CurationStatus.allCases {
                _ = try await ingestor.ingest((0..<3_000).map { index in
                    let date = "20\(10 + index % 15)-0\(1 + index % 9)-1\(index % 10)"
                    return try! JSONValue(parsing: #"{"kind": "visit", "title": "Visit \#(index)", "date": "\#(date)", "status": "\#(status.rawValue)"}"#)
                })
            }
            try await pool.query("ANALYZE event_revisions")
            for (statuses, index) in [([CurationStatus.confirmed], "event_revisions_timeline"), ([.candidate], "event_revisions_review")] {
                let plan = try await Self.plan(.with { $0.statuses = Set(statuses); $0.limit = 50 }, pool)
                #expect(plan.contains("Index Scan using \(index) on event_revisions"), "\(statuses): \(plan)")
                #expect(!plan.contains("Sort"), "\(statuses): \(plan)")
            }
        }
    }

    private static func plan(_ query: TimelineQuery, _ pool: PostgresPool) async throws -> String {
        let (sql, parameters) = TimelineStatement(query).statement.rendered
        return try await pool.query("EXPLAIN " + sql, parameters).map { try $0.string(0) }.joined(separator: "\n")
    }
}
