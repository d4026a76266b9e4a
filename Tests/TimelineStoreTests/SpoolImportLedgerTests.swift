import Foundation
import Postgres
import TestSupport
import Testing
import TimelineCore
import TimelineStore

@Suite("Spool import ledger")
struct SpoolImportLedgerTests {
    private static let sha = String(repeating: "ab", count: 32)
    private static let otherSHA = String(repeating: "cd", count: 32)

    /// Keyless: every ingest of them creates new events, so a second import would show.
    private func keylessRecords() throws -> [JSONValue] {
        [
            try record(#"{"kind": "visit", "title": "Ledger visit", "date": "2023-08-27", "actors": ["US"]}"#),
            try record(#"{"kind": "meeting", "title": "Ledger meeting", "date": "2023-08-28"}"#),
        ]
    }

    @Test func aFileInTheLedgerIsNotImportedTwice() async throws {
        try await withMigratedDatabase { pool, _ in
            let ledger = SpoolImportLedger(pool: pool)
            #expect(try await ledger.receipt(file: "a.json", sha256: Self.sha) == nil)

            let first = try await ledger.import(try keylessRecords(), file: "a.json", sha256: Self.sha)
            guard case .imported(let receipt) = first else {
                Issue.record("the first import stores the file: \(first)")
                return
            }
            #expect(receipt.file == "a.json" && receipt.sha256 == Self.sha)
            #expect(receipt.counts.created == 2 && receipt.counts.updated == 0 && receipt.counts.unchanged == 0)
            #expect(receipt.results.map(\.index) == [0, 1] && receipt.results.allSatisfy { $0.key == nil })
            #expect(try await ledger.receipt(file: "a.json", sha256: Self.sha) == receipt)

            let second = try await ledger.import(try keylessRecords(), file: "a.json", sha256: Self.sha)
            #expect(second == .alreadyImported(receipt))
            #expect(try await tableCounts(pool)["events"] == 2)
            let importedAt = try await pool.query(
                "SELECT to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM spool_imports")
            #expect(try importedAt.map { try $0.string(0) } == [receipt.importedAt])
        }
    }

    @Test func theSameNameWithOtherContentIsAnotherFile() async throws {
        try await withMigratedDatabase { pool, _ in
            let ledger = SpoolImportLedger(pool: pool)
            _ = try await ledger.import(try keylessRecords(), file: "a.json", sha256: Self.sha)
            #expect(try await ledger.receipt(file: "a.json", sha256: Self.otherSHA) == nil)
            #expect(try await ledger.receipt(file: "b.json", sha256: Self.sha) == nil)
            let other = try await ledger.import(try keylessRecords(), file: "a.json", sha256: Self.otherSHA)
            #expect(other.receipt.counts.created == 2)
            #expect(try await tableCounts(pool)["events"] == 4)
        }
    }

    @Test func anInvalidFileStoresNothingAndLeavesNoLedgerRow() async throws {
        try await withMigratedDatabase { pool, _ in
            let ledger = SpoolImportLedger(pool: pool)
            let records = try keylessRecords() + [
                try record(#"{"kind": "visit", "title": "", "date": "2023-02-30"}"#),
                try record(#"{"kind": "extension", "title": "Extended", "date": "2023-08-27", "agreement": "nope", "expires_on": "2024-02-27"}"#),
            ]
            await #expect {
                try await ledger.import(records, file: "bad.json", sha256: Self.sha)
            } throws: { error in
                let issues = (error as? IngestError)?.issues ?? []
                return Set(issues.map(\.index)) == [2] && Set(issues.map(\.field)) == ["title", "date"]
            }
            // What only the database can tell fails the file as well, after the claim: it rolls back too.
            await #expect {
                try await ledger.import(Array(records.prefix(2)) + [records[3]], file: "bad.json", sha256: Self.sha)
            } throws: { error in
                (error as? IngestError)?.issues.map(\.field) == ["agreement"]
            }
            #expect(try await tableCounts(pool).values.allSatisfy { $0 == 0 })
            #expect(try await pool.query("SELECT count(*) FROM spool_imports")[0].int(0) == 0)
        }
    }

    @Test func twoDaemonsImportingOneFileAtOnceStoreItOnce() async throws {
        try await withMigratedDatabase { pool, _ in
            let ledger = SpoolImportLedger(pool: pool)
            let records = try keylessRecords()
            let outcomes = try await withThrowingTaskGroup(of: SpoolImportOutcome.self) { group in
                for _ in 0..<4 { group.addTask { try await ledger.import(records, file: "race.ndjson", sha256: Self.sha) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let imported = outcomes.filter { if case .imported = $0 { true } else { false } }
            #expect(imported.count == 1)
            #expect(Set(outcomes.map(\.receipt)).count == 1)
            #expect(try await tableCounts(pool)["events"] == 2)
        }
    }
}
