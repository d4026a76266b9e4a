import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI
import TimelineAlerts
import TimelineCore
import TimelineStore

@Suite("/v1/alerts/deliveries")
struct DeliveriesTests {
    /// An outbox channel by name only: the round writes its rows, nothing here sends them.
    struct NamedOutbox: OutboxChannel {
        let name: String
        let timeout = Duration.seconds(1)

        func send(_ delivery: OutboxDelivery) async -> DeliveryOutcome {
            .failed(reason: "not sent in these tests")
        }
    }

    struct Page: Decodable {
        struct Delivery: Decodable, Equatable {
            struct Notification: Decodable, Equatable {
                let agreement: String
                let title: String
                let event: String
                let threshold: Int?
                let daysRemaining: Int?
            }

            let id: String
            let notification: Notification
            let channel: String
            let status: String
            let attempts: Int
            let lastError: String?
            let createdAt: String
            let updatedAt: String
        }

        let deliveries: [Delivery]
        let nextCursor: String?
    }

    private static func page(_ client: any TestClientProtocol, _ query: String) async throws -> Page {
        let response = try await client.get("/v1/alerts/deliveries\(query)")
        #expect(response.status == .ok, "\(query): \(response.text)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Page.self, from: Data(buffer: response.body))
    }

    @Test func deliveriesAreListedNewestFirstByChannelAndStatusWithCursors() async throws {
        try await withAPI { client, harness in
            _ = try await SeedAgreement.ingest(into: client)
            #expect(try await Self.page(client, "").deliveries.isEmpty)
            let round = AlertRound(pool: harness.pool, channels: [NamedOutbox(name: "desk"), NamedOutbox(name: "ops")])
            #expect(try await round.run(on: CalendarFixture.day("2023-09-01"), defaultThresholds: AlertSettings().thresholds).count == 1)
            // A later notification, so that the order has something to show.
            #expect(try await round.run(on: CalendarFixture.day("2023-11-30"), defaultThresholds: AlertSettings().thresholds).count == 1)
            try await harness.pool.query(
                "UPDATE alert_deliveries SET status = 'delivered', attempts = 1 WHERE channel = 'ops'")

            let all = try await Self.page(client, "")
            #expect(all.deliveries.count == 4 && all.nextCursor == nil)
            #expect(all.deliveries.map(\.notification.threshold) == [90, 90, 180, 180], "newest first")
            let first = try #require(all.deliveries.first)
            #expect(first.notification == .init(agreement: SeedAgreement.id, title: SeedAgreement.title, event: "reached", threshold: 90, daysRemaining: 89))
            #expect(first.lastError == nil && first.createdAt.hasSuffix("Z"))

            #expect(try await Self.page(client, "?channel=ops").deliveries.allSatisfy { $0.channel == "ops" && $0.status == "delivered" && $0.attempts == 1 })
            #expect(try await Self.page(client, "?status=pending").deliveries.map(\.channel) == ["desk", "desk"])
            #expect(try await Self.page(client, "?status=failed").deliveries.isEmpty)
            #expect(try await Self.page(client, "?status=failed,delivered&channel=desk").deliveries.isEmpty)
            #expect(try await Self.page(client, "?channel=nobody").deliveries.isEmpty)

            // Page by page, the walk gives the same rows in the same order, each once.
            var walked: [Page.Delivery] = []
            var query = "?limit=1"
            while true {
                let page = try await Self.page(client, query)
                walked += page.deliveries
                guard let cursor = page.nextCursor else { break }
                query = "?limit=1&cursor=\(cursor)"
            }
            #expect(walked == all.deliveries)
        }
    }

    @Test(arguments: [
        ("status=sent", "status"), ("status=pending,", "status"), ("limit=0", "limit"), ("limit=1001", "limit"),
        ("cursor=bogus", "cursor"), ("cursor=djF8MXx4", "cursor"), ("channel=", "channel"), ("channel=a&channel=b", "channel"),
        ("since=2023-09-01T00:00:00Z", "since"),
    ])
    func aBadDeliveriesParameterIs400NamingIt(query: String, parameter: String) async throws {
        try await withAPI { client, _ in
            try await client.get("/v1/alerts/deliveries?\(query)").expectInvalidParameter(parameter)
        }
    }
}
