import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI
import TimelineAlerts
import TimelineCore
import TimelineStore

@Suite("/v1/alerts and /v1/alerts/notifications")
struct AlertsTests {
    static let thresholds = AlertSettings().thresholds

    @Test func theSeedAgreementIsListedWithItsNextThreshold() async throws {
        try await withAPI { client, harness in
            _ = try await SeedAgreement.ingest(into: client)
            let response = try await client.get("/v1/alerts?as_of=2023-09-01")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let list = try response.decoded(as: AlertListDocument.self)
            #expect(list.asOf == "2023-09-01")
            #expect(list.alerts == [
                AlertListDocument.Alert(
                    agreement: SeedAgreement.id, title: SeedAgreement.title, expiresOn: SeedAgreement.expiresOn,
                    daysRemaining: 179, status: "expiring", nextThreshold: 90),
            ])
            let stored = try await AgreementStore(pool: harness.pool)
                .alerts(on: CalendarFixture.day("2023-09-01"), within: nil, defaultThresholds: Self.thresholds)
            let encoded = String(decoding: try Self.encoder.encode(stored), as: UTF8.self)
            #expect(response.text == encoded)
        }
    }

    @Test func withinReplacesEachAgreementsLargestThreshold() async throws {
        try await withAPI { client, _ in
            _ = try await SeedAgreement.ingest(into: client)
            _ = try await client.ingest(
                #"{"kind": "signing", "title": "Signed", "date": "2020", "agreement": {"id": "lapsed", "title": "Lapsed"}, "expires_on": "2023-01-01"}"#)
            func listed(_ query: String) async throws -> [AlertListDocument.Alert] {
                try await client.get("/v1/alerts?\(query)").decoded(as: AlertListDocument.self).alerts
            }
            // Lapsed ones lead, whatever `within` is; `next_threshold` is null once none is left.
            let lapsed = try await listed("as_of=2023-09-01&within=0")
            #expect(lapsed.map(\.agreement) == ["lapsed"])
            #expect(lapsed.first?.status == "expired" && lapsed.first?.daysRemaining == -243 && lapsed.first?.nextThreshold == nil)
            #expect(try await listed("as_of=2023-09-01&within=178").map(\.agreement) == ["lapsed"])
            #expect(try await listed("as_of=2023-09-01&within=179").map(\.agreement) == ["lapsed", "us-cn-sta"])
            #expect(try await listed("as_of=2023-08-27").map(\.agreement) == ["lapsed"], "184 days is beyond 180")
            let onTheDay = try await listed("as_of=2024-02-27")
            #expect(onTheDay.last?.daysRemaining == 0 && onTheDay.last?.nextThreshold == nil)
            #expect(try await listed("as_of=2024-02-26").last?.nextThreshold == 0)
        }
    }

    @Test(arguments: [
        ("within=-1", "within"), ("within=1.5", "within"), ("within=seven", "within"), ("within=", "within"),
        ("within=3652059", "within"), ("within=99999999999999999999", "within"), ("within=1&within=2", "within"),
        ("as_of=2023", "as_of"), ("as_of=2023-13-01", "as_of"), ("status=expiring", "status"),
    ])
    func aBadAlertsParameterIs400NamingIt(query: String, parameter: String) async throws {
        try await withAPI { client, _ in
            try await client.get("/v1/alerts?\(query)").expectInvalidParameter(parameter)
        }
    }

    /// A pass on 2023-09-01 reaches the 180-day threshold of the seed agreement; the endpoint shows
    /// the ledger's own bytes, and `since` is exclusive.
    @Test func notificationsListWhatAnAlertPassEmitted() async throws {
        try await withAPI { client, harness in
            _ = try await SeedAgreement.ingest(into: client)
            let empty = try await client.get("/v1/alerts/notifications")
            #expect(empty.status == .ok)
            #expect(empty.headers[.contentType] == "application/json")
            #expect(try empty.decoded(as: NotificationListDocument.self).notifications.isEmpty)

            let delivered = try await AlertRound(pool: harness.pool).run(on: CalendarFixture.day("2023-09-01"), defaultThresholds: Self.thresholds)
            #expect(delivered.count == 1)
            let response = try await client.get("/v1/alerts/notifications")
            #expect(Data(buffer: response.body) == (try await NotificationLedger(pool: harness.pool).notifications()))
            let notifications = try response.decoded(as: NotificationListDocument.self).notifications
            #expect(notifications.count == 1)
            let notification = try #require(notifications.first)
            #expect(notification.event == "reached" && notification.agreement == SeedAgreement.id)
            #expect(notification.expiresOn == SeedAgreement.expiresOn && notification.threshold == 180)
            #expect(notification.previousExpiresOn == nil && notification.evaluatedOn == "2023-09-01")
            #expect(response.text.contains(#""previous_expires_on": null"#), "null where none, not left out")

            let emittedAt = notification.emittedAt
            let since = try await client.get("/v1/alerts/notifications?since=\(emittedAt)").decoded(as: NotificationListDocument.self)
            #expect(since.notifications.isEmpty)
            let before = try await client.get("/v1/alerts/notifications?since=2023-09-01T00:00:00Z").decoded(as: NotificationListDocument.self)
            #expect(before.notifications == notifications)
        }
    }

    @Test(arguments: [
        ("since=2023-09-01", "since"), ("since=2023-09-01T00:00:00", "since"), ("since=2023-09-01 00:00:00Z", "since"),
        ("since=", "since"), ("since=2023-09-01T00:00:00Z&since=2023-09-02T00:00:00Z", "since"), ("as_of=2023-09-01", "as_of"),
    ])
    func aBadNotificationsParameterIs400NamingIt(query: String, parameter: String) async throws {
        try await withAPI { client, _ in
            try await client.get("/v1/alerts/notifications?\(query)").expectInvalidParameter(parameter)
        }
    }

    /// What the response encoder writes (`APIRequestContext.responseEncoder`): the same bytes for
    /// equal values, members sorted.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }
}
