import Foundation
import Postgres
import Testing
import TimelineCore
import TimelineStore

@Suite("Notification ledger")
struct NotificationLedgerTests {
    @Test func theStateReadBackIsTheStateThePolicyLeft() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            try await ingest(ingestor, [AlertPassSeedStoryTests.extensionRecord, signing("other", expiresOn: "2023-10-01")])
            let inputs = try await AgreementStore(pool: pool).inputs()
            let dates = try days("2023-08-20", "2024-03-01").enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
            // The same dates in memory: the policy's own bookkeeping (`applied(to:)`).
            var expected: [String: AlertLedgerState] = [:]
            for date in dates {
                for input in inputs {
                    let thresholds = input.thresholds(default: defaultThresholds)
                    let state = expected[input.id] ?? AlertLedgerState()
                    expected[input.id] = AlertPolicy.decide(
                        lifecycle: input.lifecycle(on: date, thresholds: thresholds), thresholds: thresholds, ledger: state, on: date
                    ).applied(to: state)
                }
            }
            _ = try await run(AlertPass(pool: pool), on: dates)
            let ledger = NotificationLedger(pool: pool)
            #expect(try await ledger.states() == expected)
            #expect(try await ledger.states(for: ["other"]) == expected.filter { $0.key == "other" })
        }
    }

    @Test func theEvaluationRowIsWrittenOnlyWhenTheExpiryMoves() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [signing("pact", expiresOn: "2030-01-01")])
            let pass = AlertPass(pool: pool)
            func evaluation() async throws -> String {
                let row = try await pool.query("SELECT expires_on, evaluated_on FROM agreement_evaluations WHERE agreement_id = 'pact'")[0]
                return "\(try row.string(0)) \(try row.string(1))"
            }
            _ = try await run(pass, on: [try day("2024-01-01")])
            #expect(try await evaluation() == "2030-01-01 2024-01-01")
            _ = try await run(pass, on: try days("2024-01-02", "2024-01-05"))
            #expect(try await evaluation() == "2030-01-01 2024-01-01")
            try await ingest(ingestor, [#"{"kind": "extension", "title": "Extended", "date": "2024-01-06", "agreement": "pact", "extends_by": "P1Y"}"#])
            _ = try await run(pass, on: [try day("2024-01-06")])
            #expect(try await evaluation() == "2031-01-01 2024-01-06")
        }
    }

    @Test func notificationsSinceAnInstantOldestFirstWithoutTheSkipped() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let pass = AlertPass(pool: pool)
            _ = try await run(pass, on: [try day("2023-08-27")])
            let between = try RFC3339Timestamp(parsing: try await pool.query(
                "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")[0].string(0))
            try await ingest(ingestor, [AlertPassSeedStoryTests.extensionRecord])
            _ = try await run(pass, on: [try day("2023-09-02")])

            let ledger = NotificationLedger(pool: pool)
            let all = try body(try await ledger.notifications())["notifications"]?.arrayValue ?? []
            #expect(all.map { $0["event"]?.stringValue ?? "" } == ["due", "extended", "reached"])
            let first = try #require(all.first)
            #expect(first["agreement"] == "us-cn-sta" && first["expires_on"] == "2023-08-27" && first["threshold"] == 0)
            #expect(first["previous_expires_on"] == .null && first["evaluated_on"] == "2023-08-27")
            #expect(isRecordedAtText(first["emitted_at"]?.stringValue ?? ""))
            #expect(all[1]["previous_expires_on"] == "2023-08-27" && all[1]["threshold"] == .null)
            #expect(Set(first.objectValue?.keys.map { $0 } ?? []) == [
                "event", "agreement", "expires_on", "threshold", "previous_expires_on", "evaluated_on", "emitted_at",
            ])

            let since = try body(try await ledger.notifications(since: between))["notifications"]?.arrayValue ?? []
            #expect(since.map { $0["event"]?.stringValue ?? "" } == ["extended", "reached"])
            // The skipped thresholds are in the ledger all the same.
            #expect(try await pool.query("SELECT count(*) FROM notifications WHERE skipped")[0].int(0) == 5)
        }
    }
}
