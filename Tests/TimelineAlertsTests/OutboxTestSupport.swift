import Foundation
import Postgres
import Synchronization
import TestSupport
import TimelineAlerts
import TimelineCore
import TimelineStore

/// A receiver standing in for a webhook endpoint: answers every attempt with what `answer` says
/// and keeps what it was sent.
final class RecordingReceiver: OutboxChannel {
    let name: String
    let timeout: Duration
    private let answer: @Sendable (OutboxDelivery) async -> DeliveryOutcome
    private let sent = Mutex<[OutboxDelivery]>([])

    init(_ name: String, timeout: Duration = .seconds(1), answer: @escaping @Sendable (OutboxDelivery) async -> DeliveryOutcome = { _ in .delivered }) {
        self.name = name
        self.timeout = timeout
        self.answer = answer
    }

    func send(_ delivery: OutboxDelivery) async -> DeliveryOutcome {
        sent.withLock { $0.append(delivery) }
        return await answer(delivery)
    }

    var attempts: [OutboxDelivery] { sent.withLock { $0 } }
}

/// A migrated database holding the sample records, after one alert round that wrote delivery rows
/// for `channels`; the body gets the pool and what the round emitted.
func withOutbox<T>(
    channels: [String], _ body: (PostgresPool, [DeliverableNotification]) async throws -> T
) async throws -> T {
    try await TestDatabase.withPool(size: 6) { pool, _ in
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(pool)
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/sample-events.ndjson")
        let records = try RecordDocument.records(in: try Data(contentsOf: file), format: .ndjson)
        _ = try await EventIngestor(pool: pool, logger: TestDatabase.logger).ingest(records)
        let emitted = try await AlertRound(pool: pool, channels: channels.map { RecordingReceiver($0) })
            .run(on: try CalendarDate(parsing: "2023-08-28"), defaultThresholds: [180, 90, 30, 7, 1, 0])
        return try await body(pool, emitted)
    }
}

/// Each delivery row's status, attempts and last error, by id.
func deliveryRows(_ pool: PostgresPool) async throws -> [String: (status: String, attempts: Int, error: String?)] {
    var rows: [String: (status: String, attempts: Int, error: String?)] = [:]
    for row in try await pool.query("SELECT id::text, status, attempts, last_error FROM alert_deliveries") {
        rows[try row.string(0)] = (try row.string(1), try row.int(2), row.optionalString(3))
    }
    return rows
}
