import Postgres
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// Contract §12 "History is not news", through the ledger: importing long-expired treaties pages nobody.
@Suite("History is not news")
struct HistoryIsNotNewsLedgerTests {
    @Test func anOldExpiryIsRecordedAsSkippedAndNeverEmitted() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [
                signing("ancient", expiresOn: "1990-01-01", date: "1980-01-01"),
                signing("recent", expiresOn: "2024-05-20"),
                signing("ancient-ended", expiresOn: "1990-01-01", date: "1980-01-01"),
                #"{"kind": "termination", "title": "Ended", "date": "1985-06-01", "agreement": "ancient-ended"}"#,
            ])
            let round = AlertRound(pool: pool)
            let first = try await round.run(on: try day("2024-06-01"), defaultThresholds: defaultThresholds, expiredAlertDays: 30)
            #expect(first.map(line) == [
                "2024-06-01 terminated E=1990-01-01 d=-12570 ancient-ended",
                "2024-06-01 expired E=2024-05-20 d=-12 recent",
            ])
            let skipped = try await pool.query(
                "SELECT agreement_id, expires_on::text FROM notifications WHERE event = 'expired' AND skipped ORDER BY agreement_id"
            ).map { "\(try $0.string(0)) \(try $0.string(1))" }
            #expect(skipped == ["ancient 1990-01-01"])
            // Not listed as a notification, and not emitted by a later round either.
            let listed = try JSONValue(parsing: try await NotificationLedger(pool: pool).notifications())
            #expect(listed["notifications"]?.arrayValue?.count == 2)
            #expect(try await round.run(on: try day("2024-06-02"), defaultThresholds: defaultThresholds, expiredAlertDays: 30).isEmpty)
        }
    }
}
