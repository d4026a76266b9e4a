import Logging
import Postgres
import TimelineCore
import TimelineStore

/// One turn of the delivery worker (contract v1.1 §12): claims the due rows of its channels,
/// sends them all at once, and records what became of each — delivered, due again after a
/// backoff, or failed. Any number of daemons run passes on one database; a row is claimed by
/// one of them at a time (`DeliveryOutbox`).
public struct DeliveryPass: Sendable {
    /// What one claimed row came to.
    public struct Report: Sendable, Hashable {
        public let delivery: OutboxDelivery
        public let outcome: DeliveryOutcome
        /// The row's status once recorded; nil when its lease ran out and another claim took it.
        public let status: DeliveryStatus?
    }

    /// Rows claimed at a time: enough for a burst to go out together, few enough that one lease
    /// covers them all.
    public static let batchSize = 100
    /// How much longer than the slowest channel's timeout a claim holds its rows.
    static let leaseMargin = Duration.seconds(10)

    private let outbox: DeliveryOutbox
    private let channels: [String: any OutboxChannel]
    private let maxAge: Duration
    private let batchSize: Int
    private let logger: Logger

    /// - Parameter maxAge: `alerts.delivery_max_age_seconds`: how long after its notification a row
    ///   is still retried.
    public init(
        pool: PostgresPool, channels: [any OutboxChannel], maxAge: Duration, batchSize: Int = Self.batchSize, logger: Logger
    ) {
        outbox = DeliveryOutbox(pool: pool)
        self.channels = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.maxAge = maxAge
        self.batchSize = batchSize
        self.logger = logger
    }

    /// Claims, sends and records one batch; an empty answer means nothing was due.
    public func run() async throws -> [Report] {
        let lease = (channels.values.map(\.timeout).max() ?? .zero) + Self.leaseMargin
        let claimed = try await outbox.claim(channels: Array(channels.keys), limit: batchSize, lease: lease)
        return try await withThrowingTaskGroup(of: Report.self) { group in
            for delivery in claimed {
                guard let channel = channels[delivery.channel] else { continue }
                group.addTask {
                    let outcome = await channel.send(delivery)
                    return Report(delivery: delivery, outcome: outcome, status: try await record(outcome, of: delivery))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    private func record(_ outcome: DeliveryOutcome, of delivery: OutboxDelivery) async throws -> DeliveryStatus? {
        var metadata: Logger.Metadata = [
            "channel": "\(delivery.channel)", "delivery": "\(delivery.id)", "agreement": "\(delivery.agreementID)",
            "event": "\(delivery.event.rawValue)", "attempt": "\(delivery.attempt)",
        ]
        switch outcome {
        case .delivered:
            logger.debug("notification delivered", metadata: metadata)
            return try await outbox.recordDelivered(delivery) ? .delivered : nil
        case .failed(let reason):
            metadata["error"] = "\(reason)"
            logger.error("notification delivery failed; the receiver refused it", metadata: metadata)
            return try await outbox.recordFailed(delivery, error: reason) ? .failed : nil
        case .retry(let reason):
            let delay = DeliveryRetry.delay(afterAttempt: delivery.attempt)
            metadata["error"] = "\(reason)"
            let status = try await outbox.recordRetry(delivery, after: delay, maxAge: maxAge, error: reason)
            if status == .failed {
                logger.error("notification delivery failed; retried until alerts.delivery_max_age_seconds", metadata: metadata)
            } else if status == .pending {
                metadata["retry_in"] = "\(delay)"
                logger.warning("notification delivery failed; will retry", metadata: metadata)
            }
            return status
        }
    }
}
