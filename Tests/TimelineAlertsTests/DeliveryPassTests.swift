import Foundation
import Postgres
import Testing
import TestSupport
import TimelineAlerts
import TimelineCore
import TimelineStore

/// The delivery worker's turn on a real database (contract v1.1 §12): claimed by one worker at
/// a time, retried or failed by what the receiver answered, left to others when a worker dies.
@Suite("Delivery passes")
struct DeliveryPassTests {
    static let maxAge = Duration.seconds(259_200)

    @Test func everyRowIsSentOnceAndMarkedDelivered() async throws {
        try await withOutbox(channels: ["desk", "ops"]) { pool, emitted in
            let desk = RecordingReceiver("desk")
            let ops = RecordingReceiver("ops")
            let reports = try await DeliveryPass(pool: pool, channels: [desk, ops], maxAge: Self.maxAge, logger: TestDatabase.logger).run()
            #expect(reports.count == emitted.count * 2)
            #expect(desk.attempts.count == emitted.count && ops.attempts.count == emitted.count)
            #expect(reports.allSatisfy { $0.outcome == .delivered && $0.status == .delivered })
            let rows = try await deliveryRows(pool)
            #expect(rows.values.allSatisfy { $0.status == "delivered" && $0.attempts == 1 && $0.error == nil })
            // Nothing is due any more.
            #expect(try await DeliveryPass(pool: pool, channels: [desk, ops], maxAge: Self.maxAge, logger: TestDatabase.logger).run().isEmpty)
            // What was sent is the notification the round emitted, the event's name included.
            #expect(Set(desk.attempts.map(\.agreementID)) == Set(emitted.map(\.agreementID)))
            let sentEvents: [String] = desk.attempts.map(\.event.rawValue).sorted()
            let emittedEvents: [String] = emitted.map(\.notification.kind.rawValue).sorted()
            #expect(sentEvents == emittedEvents)
        }
    }

    /// Two workers on one database, claiming three rows at a time, many turns each: no row is ever
    /// sent by both.
    @Test func twoWorkersOnOneDatabaseNeverSendTheSameRow() async throws {
        let channels = (0..<12).map { "hook-\($0)" }
        try await withOutbox(channels: channels) { pool, emitted in
            let first = channels.map { RecordingReceiver($0) { _ in try? await Task.sleep(for: .milliseconds(2)); return .delivered } }
            let second = channels.map { RecordingReceiver($0) { _ in try? await Task.sleep(for: .milliseconds(2)); return .delivered } }
            func drain(_ receivers: [RecordingReceiver]) async throws {
                let pass = DeliveryPass(pool: pool, channels: receivers, maxAge: Self.maxAge, batchSize: 3, logger: TestDatabase.logger)
                while try await !pass.run().isEmpty {}
            }
            async let one: Void = drain(first)
            async let two: Void = drain(second)
            _ = try await (one, two)
            let sentByFirst = first.flatMap(\.attempts).map(\.id)
            let sentBySecond = second.flatMap(\.attempts).map(\.id)
            let total = emitted.count * channels.count
            #expect(sentByFirst.count + sentBySecond.count == total)
            #expect(Set(sentByFirst).isDisjoint(with: sentBySecond))
            #expect(Set(sentByFirst + sentBySecond).count == total)
            #expect(try await deliveryRows(pool).values.allSatisfy { $0.status == "delivered" && $0.attempts == 1 })
        }
    }

    @Test func aRetryableAnswerLeavesTheRowPendingForLaterAndARefusalFailsIt() async throws {
        try await withOutbox(channels: ["flaky", "strict"]) { pool, emitted in
            let flaky = RecordingReceiver("flaky") { _ in DeliveryOutcome(status: 503) }
            let strict = RecordingReceiver("strict") { _ in DeliveryOutcome(status: 400) }
            let reports = try await DeliveryPass(pool: pool, channels: [flaky, strict], maxAge: Self.maxAge, logger: TestDatabase.logger).run()
            #expect(reports.filter { $0.delivery.channel == "flaky" }.allSatisfy { $0.status == .pending })
            #expect(reports.filter { $0.delivery.channel == "strict" }.allSatisfy { $0.status == .failed })
            let rows = try await pool.query(
                """
                SELECT channel, status, attempts, last_error,
                       next_attempt_at - updated_at BETWEEN interval '0.5 seconds' AND interval '1 second'
                FROM alert_deliveries
                """)
            for row in rows {
                if try row.string(0) == "flaky" {
                    #expect(try row.string(1) == "pending" && row.optionalString(3) == "HTTP 503")
                    // Due again after the first backoff, 0.5–1 s after the attempt was recorded.
                    #expect(try row.bool(4))
                } else {
                    #expect(try row.string(1) == "failed" && row.optionalString(3) == "HTTP 400")
                }
                #expect(try row.int(2) == 1)
            }
            // Not due yet: the next pass sends nothing; once due, the same ids go again. (Moved
            // further ahead first: on a loaded machine the backoff's second may pass before the pass.)
            try await pool.query("UPDATE alert_deliveries SET next_attempt_at = now() + interval '1 hour' WHERE channel = 'flaky'")
            #expect(try await DeliveryPass(pool: pool, channels: [flaky], maxAge: Self.maxAge, logger: TestDatabase.logger).run().isEmpty)
            try await pool.query("UPDATE alert_deliveries SET next_attempt_at = now() WHERE channel = 'flaky'")
            _ = try await DeliveryPass(pool: pool, channels: [flaky], maxAge: Self.maxAge, logger: TestDatabase.logger).run()
            #expect(flaky.attempts.count == emitted.count * 2)
            #expect(Set(flaky.attempts.map(\.id)).count == emitted.count)
            #expect(flaky.attempts.suffix(emitted.count).allSatisfy { $0.attempt == 2 })
        }
    }

    @Test func aRowPastItsMaximumAgeFailsInsteadOfWaitingAgain() async throws {
        try await withOutbox(channels: ["down"]) { pool, emitted in
            try await pool.query("UPDATE alert_deliveries SET created_at = now() - interval '2 hours'")
            let down = RecordingReceiver("down") { _ in .retry(reason: "connection refused") }
            let reports = try await DeliveryPass(pool: pool, channels: [down], maxAge: .seconds(3600), logger: TestDatabase.logger).run()
            #expect(reports.count == emitted.count && reports.allSatisfy { $0.status == .failed })
            #expect(try await deliveryRows(pool).values.allSatisfy { $0.status == "failed" && $0.error == "connection refused" })
        }
    }

    /// A worker that claimed rows and died before it recorded anything: once the lease (the
    /// channel's timeout and a margin) is over, another worker sends them, with the same ids;
    /// the dead claim can no longer record an outcome over the new one.
    @Test func aClaimWhoseWorkerDiedIsTakenAgainAfterItsLease() async throws {
        try await withOutbox(channels: ["desk"]) { pool, emitted in
            let outbox = DeliveryOutbox(pool: pool)
            let abandoned = try await outbox.claim(channels: ["desk"], limit: 1000, lease: .seconds(30))
            #expect(abandoned.count == emitted.count)
            let desk = RecordingReceiver("desk")
            let pass = DeliveryPass(pool: pool, channels: [desk], maxAge: Self.maxAge, logger: TestDatabase.logger)
            #expect(try await pass.run().isEmpty)
            // The lease runs out.
            try await pool.query("UPDATE alert_deliveries SET next_attempt_at = now()")
            let reports = try await pass.run()
            #expect(Set(reports.map(\.delivery.id)) == Set(abandoned.map(\.id)))
            #expect(reports.allSatisfy { $0.delivery.attempt == 2 && $0.status == .delivered })
            #expect(try await outbox.recordFailed(abandoned[0], error: "late") == false)
            #expect(try await deliveryRows(pool)[abandoned[0].id]?.status == "delivered")
        }
    }

    @Test func theEventIsACloudEventOfTheNotification() async throws {
        try await withOutbox(channels: ["desk"]) { pool, emitted in
            let delivery = try #require(try await DeliveryOutbox(pool: pool).claim(channels: ["desk"], limit: 1, lease: .seconds(30)).first)
            let body = try WebhookEvent.body(of: delivery, source: "urn:timelined:test")
            let event = try JSONValue(parsing: body)
            #expect(event["specversion"] == "1.0")
            #expect(event["id"]?.stringValue == delivery.id)
            #expect(event["source"] == "urn:timelined:test")
            #expect(event["type"]?.stringValue == "org.timelined.agreement.\(delivery.event.rawValue)")
            #expect(event["subject"]?.stringValue == delivery.agreementID)
            #expect(event["time"]?.stringValue == delivery.emittedAt)
            let data = try #require(event["data"])
            let notification = try #require(emitted.first {
                $0.agreementID == delivery.agreementID && $0.notification.kind == delivery.event
                    && $0.notification.threshold.map(Double.init) == data["threshold"]?.numberValue
            })
            #expect(data["agreement"]?.stringValue == notification.agreementID)
            #expect(data["title"]?.stringValue == notification.title)
            #expect(data["event"]?.stringValue == notification.notification.kind.rawValue)
            #expect(data["days_remaining"]?.numberValue == notification.notification.daysRemaining.map(Double.init))
            #expect(data["expires_on"]?.stringValue == notification.notification.expiresOn?.description)
            #expect(data["evaluated_on"]?.stringValue == "2023-08-28")
            // The same claim's body twice is the same bytes: the signature covers exactly them.
            #expect(try WebhookEvent.body(of: delivery, source: "urn:timelined:test") == body)
        }
    }
}
