import Foundation
import Postgres
import Testing
import TimelineAlerts
import TimelineCore
@testable import TimelineStore

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
            _ = try await run(AlertRound(pool: pool), on: dates)
            let ledger = NotificationLedger(pool: pool)
            #expect(try await ledger.states() == expected)
            #expect(try await ledger.states(for: ["other"]) == expected.filter { $0.key == "other" })
        }
    }

    /// The row holds `E`, the day next due and the thresholds behind it; a pass that changes none
    /// of them leaves it, `evaluated_on` included, as it was.
    @Test func theEvaluationRowIsWrittenOnlyWhenItChanges() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [signing("pact", expiresOn: "2030-01-01")])
            let pass = AlertRound(pool: pool)
            func evaluation() async throws -> String {
                try await pool.query(
                    "SELECT concat_ws(' ', expires_on, next_due_on, thresholds, evaluated_on) FROM agreement_evaluations WHERE agreement_id = 'pact'"
                )[0].string(0)
            }
            _ = try await run(pass, on: [try day("2024-01-01")])
            #expect(try await evaluation() == "2030-01-01 2029-07-05 {180,90,30,7,1,0} 2024-01-01")
            _ = try await run(pass, on: try days("2024-01-02", "2024-01-05"))
            #expect(try await evaluation() == "2030-01-01 2029-07-05 {180,90,30,7,1,0} 2024-01-01")
            try await ingest(ingestor, [#"{"kind": "extension", "title": "Extended", "date": "2024-01-06", "agreement": "pact", "extends_by": "P1Y"}"#])
            _ = try await run(pass, on: [try day("2024-01-06")])
            #expect(try await evaluation() == "2031-01-01 2030-07-05 {180,90,30,7,1,0} 2024-01-06")
            _ = try await AgreementStore(pool: pool).upsert(AgreementMetadata(id: "pact", title: "The pact agreement", alertDays: [0, 30]))
            _ = try await run(pass, on: [try day("2024-01-07")])
            #expect(try await evaluation() == "2031-01-01 2030-12-02 {0,30} 2024-01-07")
        }
    }

    /// What the daemon's hourly pass reads: the agreements never evaluated, due, evaluated last on
    /// a later day, or whose thresholds changed — and no other.
    @Test func theDueListNamesTheAgreementsWithSomethingToRecord() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [
                signing("soon", expiresOn: "2024-03-01"), signing("later", expiresOn: "2030-01-01"),
                signing("own", expiresOn: "2030-01-01"), signing("config", expiresOn: "2030-01-01"),
            ])
            let ledger = NotificationLedger(pool: pool)
            func due(on date: String, thresholds: [Int] = defaultThresholds, including named: [String] = []) async throws -> [String] {
                try await ledger.due(on: try day(date), defaultThresholds: thresholds, including: named).sorted()
            }
            #expect(try await due(on: "2024-01-01") == ["config", "later", "own", "soon"])
            _ = try await run(AlertRound(pool: pool), on: [try day("2024-01-01")])
            #expect(try await due(on: "2024-01-02") == [])
            #expect(try await due(on: "2024-01-02", including: ["later"]) == ["later"])
            // 2024-03-01 − 30 is the next threshold of "soon".
            #expect(try await due(on: "2024-01-30") == [])
            #expect(try await due(on: "2024-01-31") == ["soon"])
            #expect(try await due(on: "2023-12-31") == ["config", "later", "own", "soon"])
            _ = try await AgreementStore(pool: pool).upsert(AgreementMetadata(id: "own", title: "The own agreement", alertDays: [7]))
            #expect(try await due(on: "2024-01-02") == ["own"])
            #expect(try await due(on: "2024-01-02", thresholds: [30, 0]) == ["config", "later", "own", "soon"])
        }
    }

    @Test func notificationsSinceAnInstantOldestFirstWithoutTheSkipped() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let pass = AlertRound(pool: pool)
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
