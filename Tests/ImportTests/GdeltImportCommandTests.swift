import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

/// `timelined import gdelt` end to end on the real export file: the binary, a real PostgreSQL,
/// the review queue and a reviewer's decisions (contract §9, §10).
@Suite("Importing GDELT from the command line")
struct GdeltImportCommandTests {
    static let realFile = sampleFile.deletingLastPathComponent().appendingPathComponent("gdelt/20191024143000.export.CSV.zip")

    @Test(.timeLimit(.minutes(3))) func theRealFileBecomesCandidatesThatAReviewerConfirmsOrRejects() async throws {
        try await TestDatabase.withPool { pool, database in
            let command = try await ImportCommand.on(database, source: "gdelt")
            let first = try await command.summary([Self.realFile.path])
            #expect(first["files"] == 1)
            #expect(first["rows"] == ["read": 2111, "taken": 160, "malformed": 0])
            #expect(first["skipped"] == ["code": 1609, "actors": 342, "sources": 0, "root": 0])
            #expect(first["events"] == ["created": 49, "updated": 0, "unchanged": 0])

            let store = EventReadStore(pool: pool)
            let queue = try await candidates(store)
            #expect(queue.count == 49)
            #expect(queue.allSatisfy { $0["status"] == "candidate" && $0["origin"] == "importer" })
            #expect(try await confirmedKeys(store).isEmpty)

            let revisions = try await revisionCount(pool)
            let again = try await command.summary([Self.realFile.path])
            #expect(again["events"] == ["created": 0, "updated": 0, "unchanged": 49])
            #expect(try await revisionCount(pool) == revisions)

            let confirmedKey = try #require(queue[0]["key"]?.stringValue)
            let rejectedKey = try #require(queue[1]["key"]?.stringValue)
            let confirmation = try await EventConfirmer(pool: pool, logger: TestDatabase.logger)
                .confirm(id: try await eventID(confirmedKey, pool), changes: nil)
            guard case .confirmed = confirmation else {
                Issue.record("not confirmed: \(confirmation)")
                return
            }
            _ = try await EventRetractor(pool: pool, logger: TestDatabase.logger).retract(id: try await eventID(rejectedKey, pool))
            #expect(try await confirmedKeys(store) == [confirmedKey])
            #expect(try await candidates(store).count == 47)

            // The importer may add sources, never undo what the reviewer decided.
            let afterReview = try await command.summary([Self.realFile.path])
            #expect(afterReview["events"] == ["created": 0, "updated": 0, "unchanged": 49])
            #expect(try await confirmedKeys(store) == [confirmedKey])
            #expect(try await candidates(store).count == 47)
        }
    }

    @Test(.timeLimit(.minutes(3))) func aFileThatCannotBeOpenedEndsNonZeroAndStoresNothing() async throws {
        try await TestDatabase.withPool { pool, database in
            let outcome = try await ImportCommand.on(database, source: "gdelt").run(["--json", "/nonexistent/x.export.CSV"])
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains("/nonexistent/x.export.CSV"))
            #expect(try await revisionCount(pool) == 0)
        }
    }

    private func candidates(_ store: EventReadStore) async throws -> [JSONValue] {
        var query = TimelineQuery()
        query.statuses = [.candidate]
        query.limit = 1000
        return try JSONValue(parsing: try #require(try await store.timeline(query)))["events"]?.arrayValue ?? []
    }

    private func confirmedKeys(_ store: EventReadStore) async throws -> [String] {
        var query = TimelineQuery()
        query.limit = 1000
        let events = try JSONValue(parsing: try #require(try await store.timeline(query)))["events"]?.arrayValue ?? []
        return events.compactMap { $0["key"]?.stringValue }
    }

    private func eventID(_ key: String, _ pool: PostgresPool) async throws -> Int64 {
        Int64(try await pool.query("SELECT id FROM events WHERE key = $1", [key])[0].int(0))
    }
}
