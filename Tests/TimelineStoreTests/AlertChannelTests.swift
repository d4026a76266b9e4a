import Foundation
import Postgres
import Synchronization
import Testing
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The channel seam (contract v1.1 §12): immediate channels hear what a round won once it
/// committed; outbox channels get a delivery row per emitted notification, written with it.
@Suite("Alert channels and the outbox")
struct AlertChannelTests {
    final class Recording: NotificationChannel {
        let name: String
        let delivery: NotificationChannelDelivery
        let received = Mutex<[DeliverableNotification]>([])

        init(_ name: String, _ delivery: NotificationChannelDelivery) {
            self.name = name
            self.delivery = delivery
        }

        func deliver(_ notification: DeliverableNotification) async throws {
            received.withLock { $0.append(notification) }
        }

        var all: [DeliverableNotification] { received.withLock { $0 } }
    }

    @Test func immediateChannelsHearWhatTheRoundWonAndOutboxChannelsGetOneRowEach() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let log = Recording("log", .immediate)
            let desk = Recording("treaty-desk", .outbox)
            let ops = Recording("ops", .outbox)
            let round = AlertRound(pool: pool, channels: [log, desk, ops])
            // 2023-09-02 after the lapse of 2023-08-27: the first evaluation records the thresholds
            // already past as skipped (no delivery rows) and emits the expiry.
            let emitted = try await round.run(on: try day("2023-08-28"), defaultThresholds: defaultThresholds)
            #expect(!emitted.isEmpty)
            #expect(log.all == emitted)
            // Outbox channels are not called by the round: the delivery worker sends their rows.
            #expect(desk.all.isEmpty && ops.all.isEmpty)

            let rows = try await pool.query(
                """
                SELECT d.channel, n.event, d.status, d.attempts FROM alert_deliveries d JOIN notifications n ON n.id = d.notification_id
                ORDER BY n.id, d.channel
                """)
            let described = try rows.map { "\(try $0.string(0)) \(try $0.string(1)) \(try $0.string(2)) \(try $0.int(3))" }
            let expected = emitted.flatMap { item in
                ["ops", "treaty-desk"].map { "\($0) \(item.notification.kind.rawValue) pending 0" }
            }
            #expect(described == expected)
            let skipped = try await pool.query("SELECT count(*) FROM notifications WHERE skipped")[0].int(0)
            let emittedRows = try await pool.query("SELECT count(*) FROM notifications WHERE NOT skipped")[0].int(0)
            #expect(skipped > 0 && emittedRows == emitted.count)

            // The same date again wins nothing: no call, no row.
            #expect(try await round.run(on: try day("2023-08-28"), defaultThresholds: defaultThresholds).isEmpty)
            #expect(log.all == emitted)
            #expect(try await pool.query("SELECT count(*) FROM alert_deliveries")[0].int(0) == expected.count)
        }
    }

    @Test func withoutOutboxChannelsNoDeliveryRowIsWritten() async throws {
        try await withMigratedDatabase { pool, ingestor in
            _ = try await ingestor.ingest(try sampleRecords())
            let emitted = try await AlertRound(pool: pool).run(on: try day("2023-08-27"), defaultThresholds: defaultThresholds)
            #expect(!emitted.isEmpty)
            #expect(try await pool.query("SELECT count(*) FROM alert_deliveries")[0].int(0) == 0)
        }
    }
}
