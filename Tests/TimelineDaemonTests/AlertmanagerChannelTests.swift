import Foundation
import Logging
import Postgres
import ServiceLifecycle
import TestSupport
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

@testable import TimelineDaemon

/// The alertmanager channel against the real Alertmanager (contract §12): the daemon's service
/// posts the state of an expiring agreement, and resolves it once an extension is ingested.
@Suite("Alertmanager channel", .enabled(
    if: RunningAlertmanager.isInstalled,
    "prometheus-alertmanager is not installed (scripts/install-deps.sh --test-tools installs it)"))
struct AlertmanagerChannelTests {
    private static func date(_ days: Int, from today: CalendarDate) -> String {
        today.adding(days: days)!.description
    }

    /// Alertmanager writes RFC 3339 with or without fractional seconds.
    private static func instant(_ text: String?) -> Date? {
        guard let text else { return nil }
        return (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// The alerts Alertmanager has for `agreement` that have not ended.
    private static func firing(_ alertmanager: RunningAlertmanager, agreement: String) async throws -> [JSONValue] {
        let now = Date()
        return try await alertmanager.alerts().filter { alert in
            guard alert["labels"]?["agreement"]?.stringValue == agreement else { return false }
            let ends = instant(alert["endsAt"]?.stringValue)
            return ends.map { $0 > now } ?? true
        }
    }

    @Test(.timeLimit(.minutes(2))) func anExpiringAgreementFiresAndAnExtensionResolvesIt() async throws {
        let alertmanager = try await RunningAlertmanager()
        defer { alertmanager.stop() }
        try await TestDatabase.withPool { pool, database in
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
            let ingestor = EventIngestor(pool: pool, logger: TestDatabase.logger)
            let today = try #require(CalendarDate(Date(), in: .gmt))
            let signing = """
                {"key": "pact-signing", "kind": "signing", "title": "Pact signed", "date": "\(Self.date(-300, from: today))",
                 "agreement": {"id": "pact", "title": "The pact"}, "expires_on": "\(Self.date(20, from: today))"}
                """
            _ = try await ingestor.ingest([try JSONValue(parsing: signing)])

            let channel = AlertmanagerChannelSettings(name: "ops", url: alertmanager.url, resendSeconds: 60)
            let service = AlertmanagerService(
                settings: channel, publicURL: "https://timelined.example.org", pool: pool,
                connectionString: database.connectionString, waitForSchema: { true },
                policy: { AlertmanagerRound.Policy(timeZone: .gmt, defaultThresholds: [180, 90, 30, 7, 1, 0], expiredAlertDays: 30) },
                logger: TestDatabase.logger)
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], logger: TestDatabase.logger))
            let running = Task { try await group.run() }
            defer { running.cancel() }

            #expect(try await eventually(within: 30) { try await !Self.firing(alertmanager, agreement: "pact").isEmpty })
            let alert = try #require(try await Self.firing(alertmanager, agreement: "pact").first)
            #expect(alert["labels"]?.objectValue == [
                "alertname": "AgreementExpiring", "agreement": "pact", "severity": "warning",
            ])
            #expect(alert["annotations"]?["expires_on"]?.stringValue == Self.date(20, from: today))
            #expect(alert["annotations"]?["summary"]?.stringValue == "The pact expires on \(Self.date(20, from: today))")
            #expect(alert["generatorURL"]?.stringValue == "https://timelined.example.org/v1/agreements/pact")
            // It entered the expiring state 180 days before its expiry, which was before it was ingested.
            let startsAt = try #require(Self.instant(alert["startsAt"]?.stringValue))
            #expect(CalendarDate(startsAt, in: .gmt) == today.adding(days: 20 - 180))

            let extension_ = """
                {"key": "pact-extension", "kind": "extension", "title": "Pact extended", "date": "\(today)",
                 "agreement": "pact", "extends_by": "P1Y"}
                """
            _ = try await ingestor.ingest([try JSONValue(parsing: extension_)])
            // Heard through NOTIFY: resolved long before the next resend.
            #expect(try await eventually(within: 20) { try await Self.firing(alertmanager, agreement: "pact").isEmpty })
            // The round records what Alertmanager took only after Alertmanager answered: the
            // record may come a moment after the alert shows as resolved.
            #expect(try await eventually(within: 20) { try await AlertmanagerAlertStore(pool: pool).sent(channel: "ops").isEmpty })

            await group.triggerGracefulShutdown()
            try await running.value
        }
    }
}
