import Foundation
import Postgres
import TimelineCore

/// The outbox of contract v1.1 §12: the delivery rows the ledger writes with each emitted
/// notification (`alert_deliveries`), claimed, settled and listed here.
///
/// A claim is a lease, not a held transaction: one short transaction takes due rows with
/// `FOR UPDATE SKIP LOCKED`, counts the attempt and moves `next_attempt_at` past the send's
/// timeout, then commits. The send holds no connection and no lock — a slow receiver does not
/// take the pool from the API, and a thousand rows go out over one connection's claims — and a
/// daemon that dies mid-send leaves the row due again once the lease runs out. The attempt
/// number is the lease's fencing token: an outcome is recorded only by the claim that made that
/// attempt, so a worker whose lease ran out cannot overwrite the next one's.
public struct DeliveryOutbox: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Claims up to `limit` due pending rows of `channels`, oldest due first, for `lease`.
    public func claim(channels: [String], limit: Int, lease: Duration) async throws -> [OutboxDelivery] {
        guard !channels.isEmpty else { return [] }
        return try await StoreError.translating {
            let rows = try await pool.query(
                """
                WITH due AS (
                    SELECT id FROM alert_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= now() AND channel = ANY($1::text[])
                    ORDER BY next_attempt_at LIMIT $2::int
                    FOR UPDATE SKIP LOCKED
                ),
                claimed AS (
                    UPDATE alert_deliveries d
                    SET attempts = d.attempts + 1, next_attempt_at = now() + $3::int * interval '1 millisecond', updated_at = now()
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.channel, d.attempts, d.notification_id
                )
                SELECT c.id, c.channel, c.attempts, n.event, n.agreement_id,
                       to_char(n.emitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       notification_delivery_document(n)::text
                FROM claimed c JOIN notifications n ON n.id = c.notification_id
                ORDER BY n.id, c.channel
                """,
                [channels, limit, lease.wholeMilliseconds])
            return try rows.map { row in
                let event = try row.string(3)
                guard let kind = NotificationKind(rawValue: event) else {
                    throw PostgresError.decoding(column: rows.columns[3], expected: "a notification kind", value: event)
                }
                return OutboxDelivery(
                    id: try row.string(0), channel: try row.string(1), attempt: try row.int(2), event: kind,
                    agreementID: try row.string(4), emittedAt: try row.string(5), document: try row.json(6))
            }
        }
    }

    /// The receiver took it. False when another claim has taken the row since.
    public func recordDelivered(_ delivery: OutboxDelivery) async throws -> Bool {
        try await settle(delivery, "status = 'delivered', last_error = NULL") != nil
    }

    /// The receiver refused it for good. False when another claim has taken the row since.
    public func recordFailed(_ delivery: OutboxDelivery, error: String) async throws -> Bool {
        try await settle(delivery, "status = 'failed', last_error = \(error)") != nil
    }

    /// A failure worth retrying: the row is due again after `delay`, but never later than `maxAge`
    /// after it was written, and once that is past it is failed instead. Returns the row's status,
    /// nil when another claim has taken the row since.
    public func recordRetry(_ delivery: OutboxDelivery, after delay: Duration, maxAge: Duration, error: String) async throws
        -> DeliveryStatus?
    {
        let deadline: SQLFragment = "created_at + \(maxAge.wholeMilliseconds)::bigint * interval '1 millisecond'"
        return try await settle(
            delivery,
            """
            last_error = \(error),
            status = CASE WHEN now() >= \(deadline) THEN 'failed' ELSE 'pending' END,
            next_attempt_at = least(now() + \(delay.wholeMilliseconds)::bigint * interval '1 millisecond', \(deadline))
            """)
    }

    /// Applies `changes` to the row if this claim's attempt is still its latest; returns the
    /// status it then has, nil when another claim has taken the row since.
    private func settle(_ delivery: OutboxDelivery, _ changes: SQLFragment) async throws -> DeliveryStatus? {
        try await StoreError.translating {
            let statement: SQLFragment = """
                UPDATE alert_deliveries SET \(changes), updated_at = now()
                WHERE id = \(delivery.id)::uuid AND attempts = \(delivery.attempt)::int AND status = 'pending'
                RETURNING status
                """
            let (sql, parameters) = statement.rendered
            return try await pool.query(sql, parameters).first.flatMap { DeliveryStatus(rawValue: try $0.string(0)) }
        }
    }

    /// Pending rows by channel, for each of `channels` (0 where none).
    public func backlog(channels: [String]) async throws -> [String: Int] {
        try await StoreError.translating {
            let rows = try await pool.query(
                """
                SELECT c.channel, count(d.id) FROM unnest($1::text[]) AS c(channel)
                LEFT JOIN alert_deliveries d ON d.channel = c.channel AND d.status = 'pending'
                GROUP BY c.channel
                """,
                [channels])
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string(0), try $0.int(1)) })
        }
    }

    /// How long until the next pending row of `channels` is due; nil when there is none.
    public func nextDue(channels: [String]) async throws -> Duration? {
        try await StoreError.translating {
            let row = try await pool.query(
                """
                SELECT greatest(0, ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000))::bigint
                FROM alert_deliveries WHERE status = 'pending' AND channel = ANY($1::text[])
                """,
                [channels])[0]
            return row.isNull(0) ? nil : .milliseconds(try row.int(0))
        }
    }

    /// `GET /v1/alerts/deliveries`: `{"deliveries": [...], "next_cursor"}`, newest first, of
    /// `channel` (nil: every channel) in `statuses`, `limit` a page, after the delivery `cursor`
    /// names. A malformed cursor throws `CursorError`.
    public func deliveries(channel: String?, statuses: [DeliveryStatus], limit: Int, after cursor: String?) async throws -> Data {
        try await StoreError.translating {
            var conditions: [SQLFragment] = ["d.status = ANY(\(statuses.map(\.rawValue))::text[])"]
            if let channel { conditions.append("d.channel = \(channel)::text") }
            if let cursor {
                let position = try DeliveryCursor(encoded: cursor)
                conditions.append(
                    """
                    (d.created_at, d.id) < ('epoch'::timestamptz + \(position.createdAtMicroseconds)::bigint * interval '1 microsecond',
                                            \(position.deliveryID)::uuid)
                    """)
            }
            let (sql, parameters) = KeysetPage(
                items: "deliveries",
                source: "FROM alert_deliveries d WHERE \(SQLFragment.joined(conditions, separator: " AND "))",
                ordering: "d.created_at DESC, d.id DESC",
                document: "delivery_document(d)::text",
                cursor: "base64url(concat_ws('|', 'v1', (extract(epoch FROM d.created_at) * 1000000)::bigint, d.id))",
                limit: limit
            ).statement.rendered
            return try await pool.query(sql, parameters)[0].json(0)
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded down: how the outbox's statements take a delay.
    var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
