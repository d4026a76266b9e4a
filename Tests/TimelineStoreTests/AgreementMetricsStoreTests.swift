import Postgres
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The agreement series of `/metrics`, read from the evaluation rows the alert engine keeps.
@Suite("Agreement metrics")
struct AgreementMetricsStoreTests {
    @Test func theFiguresAreThoseOfTheLastEvaluation() async throws {
        try await withMigratedDatabase { pool, ingestor in
            try await ingest(ingestor, [
                signing("far", expiresOn: "2030-01-01"),
                signing("soon", expiresOn: "2024-07-01"),
                signing("lapsed", expiresOn: "2024-05-20"),
                signing("ended", expiresOn: "2024-07-01"),
                #"{"kind": "termination", "title": "Ended", "date": "2024-05-01", "agreement": "ended"}"#,
                signing("own-days", expiresOn: "2024-07-01"),
            ])
            try await pool.query("UPDATE agreements SET alert_days = '{7}' WHERE id = 'own-days'")
            let metrics = AgreementMetricsStore(pool: pool)
            let today = try day("2024-06-01")
            // Before the engine evaluated anything, no agreement has a known expiry.
            #expect(try await metrics.expiryTimestamps(timeZone: "UTC").isEmpty)
            #expect(try await metrics.statusCounts(on: today, defaultThresholds: defaultThresholds)[.active] == 5)

            try await AlertRound(pool: pool).run(on: today, defaultThresholds: defaultThresholds)
            let expiries = try await metrics.expiryTimestamps(timeZone: "UTC")
            // The start of the day after the expiry date: 2024-07-02T00:00:00Z, 2024-05-21, 2030-01-02.
            #expect(expiries.map(\.agreement) == ["far", "lapsed", "own-days", "soon"])
            #expect(expiries.map(\.seconds) == [1_893_542_400, 1_716_249_600, 1_719_878_400, 1_719_878_400])
            let berlin = try await metrics.expiryTimestamps(timeZone: "Europe/Berlin")
            #expect(berlin.first { $0.agreement == "soon" }?.seconds == 1_719_878_400 - 7200)
            #expect(try await metrics.statusCounts(on: today, defaultThresholds: defaultThresholds) == [
                .active: 2, .expiring: 1, .expired: 1, .terminated: 1,
            ])
        }
    }
}
