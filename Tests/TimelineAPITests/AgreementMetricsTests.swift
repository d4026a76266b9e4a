import Foundation
import HummingbirdTesting
import Testing
import TimelineAPI
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The agreement series of `/metrics` (contract §12), as a scrape shows them.
@Suite("Agreement metrics")
struct AgreementMetricsTests {
    /// An agreement expiring 20 days from today, evaluated by the alert engine's round.
    private func expiringAgreement(_ client: any TestClientProtocol, _ harness: APIHarness) async throws -> CalendarDate {
        let today = try #require(CalendarDate(Date(), in: .gmt))
        let expiry = try #require(today.adding(days: 20))
        _ = try await client.ingest("""
            {"key": "pact-signing", "kind": "signing", "title": "Pact signed", "date": "2020-01-01", \
            "agreement": {"id": "pact", "title": "The pact"}, "expires_on": "\(expiry)"}
            """)
        try await AlertRound(pool: harness.pool).run(on: today, defaultThresholds: AlertSettings().thresholds)
        return expiry
    }

    @Test func aScrapeShowsEachExpiryAndTheStatusCounts() async throws {
        try await withAPI { client, harness in
            let expiry = try await expiringAgreement(client, harness)
            let text = try await client.get("/metrics").text
            let ends = try #require(expiry.adding(days: 1)?.start(in: .gmt)).timeIntervalSince1970
            #expect(text.contains(#"timelined_agreement_expiry_timestamp_seconds{agreement="pact"} \#(Int(ends))"#), "\(text)")
            #expect(text.contains(#"timelined_agreements{status="expiring"} 1"#))
            #expect(text.contains(#"timelined_agreements{status="active"} 0"#))
            #expect(text.contains(#"timelined_agreements{status="terminated"} 0"#))
            try ExpositionFormat.check(text)
        }
    }

    @Test func expiryMetricsCanBeTurnedOff() async throws {
        var configuration = TestToken.configuration
        configuration.alerts.expiryMetrics = false
        try await withAPI(configuration) { client, harness in
            _ = try await expiringAgreement(client, harness)
            let text = try await client.get("/metrics").text
            #expect(!text.contains("timelined_agreement_expiry_timestamp_seconds"))
            #expect(text.contains(#"timelined_agreements{status="expiring"} 1"#))
            try ExpositionFormat.check(text)
        }
    }
}
