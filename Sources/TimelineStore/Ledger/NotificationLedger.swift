import Foundation
import Postgres
import TimelineCore

/// The notification ledger (contract §5), Alertmanager's `nflog`: what was already emitted or
/// skipped, and the expiry each agreement had when last evaluated.
///
/// Exactly-once rests on the unique indexes of `notifications`: a pass inserts every row it
/// decided on with `ON CONFLICT DO NOTHING`, and only the rows its own insert returned are its to
/// deliver. Another daemon, or this one before a restart, that inserted a row first has delivered
/// it; a pass whose transaction fails delivers nothing and leaves the rows to the next one.
public struct NotificationLedger: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The ledger state of each agreement named (`ids` nil: all) that has one; an agreement missing
    /// from the answer has never been evaluated (`AlertLedgerState()`). One statement.
    public func states(for ids: [String]? = nil) async throws -> [String: AlertLedgerState] {
        try await StoreError.translating {
            try await entries(for: ids).mapValues(\.state)
        }
    }

    /// The ledger state and the recorded schedule of each agreement named (`ids` nil: all) that
    /// has them. One statement.
    public func entries(for ids: [String]?) async throws -> [String: LedgerEntry] {
        try await StoreError.translating {
            let only: SQLFragment = if let ids { "AND agreement_id = ANY(\(ids)::text[])" } else { "" }
            // One row per fact: the agreement's evaluation row, tagged, then each of its notification rows.
            let statement: SQLFragment = """
                SELECT agreement_id, 'evaluation', expires_on, NULL::int, next_due_on, thresholds, terminated FROM agreement_evaluations WHERE true \(only)
                UNION ALL
                SELECT agreement_id, event, expires_on, threshold, NULL, NULL, NULL FROM notifications WHERE true \(only)
                """
            let (sql, parameters) = statement.rendered
            let rows = try await pool.query(sql, parameters)
            var entries: [String: LedgerEntry] = [:]
            for row in rows {
                let id = try row.string(0)
                let fact = try row.string(1)
                let expiry = try row.optionalCoreValue(2, as: CalendarDate.self)
                if fact == "evaluation" {
                    entries[id, default: LedgerEntry()].state.hasBeenEvaluated = true
                    entries[id, default: LedgerEntry()].state.recordedExpiry = expiry
                    entries[id, default: LedgerEntry()].recordedAsTerminated = try row.bool(6)
                    // A row from before schedules were kept has none.
                    if !row.isNull(5) {
                        entries[id, default: LedgerEntry()].schedule = AgreementSchedule(
                            nextDueOn: try row.optionalCoreValue(4, as: CalendarDate.self), thresholds: try row.intArray(5))
                    }
                    continue
                }
                guard let kind = NotificationKind(rawValue: fact) else {
                    throw PostgresError.decoding(column: rows.columns[1], expected: "a notification kind", value: fact)
                }
                switch (kind, expiry, try row.optionalInt(3)) {
                case (.reached, let expiry?, let threshold?), (.due, let expiry?, let threshold?):
                    entries[id, default: LedgerEntry()].state.thresholdsDone[expiry, default: []].insert(threshold)
                case (.expired, let expiry?, _):
                    entries[id, default: LedgerEntry()].state.expiredFor.insert(expiry)
                case (.extended, let expiry?, _), (.renewed, let expiry?, _):
                    entries[id, default: LedgerEntry()].state.extensionsFor.insert(expiry)
                case (.terminated, _, _):
                    entries[id, default: LedgerEntry()].state.terminated = true
                default:
                    throw PostgresError.decoding(column: rows.columns[2], expected: "an expiry for \(fact)", value: "NULL")
                }
            }
            return entries
        }
    }

    /// The agreements a pass on `date` must evaluate besides those whose inputs changed (which the
    /// daemon hears of by `NOTIFY`), and `named`: those never evaluated, due by their schedule,
    /// last evaluated on a later date (the schedule looks forward only), or whose thresholds —
    /// their `alert_days` or, without them, `defaultThresholds` — are not those of the schedule.
    /// One statement.
    public func due(on date: CalendarDate, defaultThresholds: [Int], including named: [String]) async throws -> [String] {
        try await StoreError.translating {
            try await pool.query(
                """
                SELECT a.id FROM agreements a LEFT JOIN agreement_evaluations e ON e.agreement_id = a.id
                WHERE e.agreement_id IS NULL OR e.next_due_on <= $1::date OR e.evaluated_on > $1::date
                   OR e.thresholds IS DISTINCT FROM coalesce(a.alert_days, $2::int[]) OR a.id = ANY($3::text[])
                """,
                [date.description, defaultThresholds, named]
            ).map { try $0.string(0) }
        }
    }

    /// Records the decisions of one pass evaluated on `date` (one evaluation per agreement), in one
    /// transaction of two set-based statements, and returns the notifications this call inserted, in
    /// the order of `evaluations` and, within one, in emission order. Nothing is returned unless the
    /// transaction committed. Each emitted notification gets a pending delivery row for each of
    /// `outboxChannels`, in the same statement as its own row, and the delivery workers are woken
    /// at the commit (`OutboxWakeups`).
    ///
    /// Concurrent passes insert in one global order, so they wait for each other on a shared row
    /// instead of deadlocking. The order is also the policy's emission order within an agreement
    /// (terminated, extended or renewed, then the notice about `E`), so the ledger lists a pass's
    /// notifications the way they were delivered.
    public func record(
        _ evaluations: [AgreementEvaluation], on date: CalendarDate, outboxChannels: [String] = []
    ) async throws -> [DeliverableNotification] {
        try await StoreError.translating {
            let changing = evaluations.filter(\.hasLedgerRows)
            guard !changing.isEmpty else { return [] }
            let rows = NotificationRows(changing, on: date)
            let evaluated = changing.filter(\.changesEvaluationRow)
            let inserted = try await pool.withTransaction { connection in
                let inserted = rows.isEmpty ? [] : try Self.insert(rows, on: date, outboxChannels: outboxChannels, on: connection)
                if !evaluated.isEmpty { try Self.recordEvaluations(evaluated, on: date, on: connection) }
                return inserted
            }
            return changing.flatMap { evaluation in
                evaluation.decision.emit
                    .filter { inserted.contains(NotificationKey(agreementID: evaluation.agreementID, $0)) }
                    .map {
                        DeliverableNotification(
                            agreementID: evaluation.agreementID, title: evaluation.title, notification: $0, evaluatedOn: date)
                    }
            }
        }
    }

    /// Inserts the rows, and the delivery rows of the emitted ones; returns the keys of the emitted
    /// (not skipped) ones this insert wrote.
    private static func insert(
        _ rows: NotificationRows, on date: CalendarDate, outboxChannels: [String], on connection: PostgresConnection
    ) throws(PostgresError) -> Set<NotificationKey> {
        let result = try connection.query(
            """
            WITH inserted AS (
                INSERT INTO notifications (agreement_id, event, expires_on, threshold, skipped, previous_expires_on, days_remaining, evaluated_on)
                SELECT agreement_id, event, expires_on, threshold, skipped, previous_expires_on, days_remaining, $8::date
                FROM unnest($1::text[], $2::text[], $3::date[], $4::int[], $5::bool[], $6::date[], $7::int[])
                     AS n(agreement_id, event, expires_on, threshold, skipped, previous_expires_on, days_remaining)
                ORDER BY agreement_id, CASE event WHEN 'terminated' THEN 0 WHEN 'extended' THEN 1 WHEN 'renewed' THEN 1 ELSE 2 END,
                         expires_on, threshold NULLS FIRST
                ON CONFLICT DO NOTHING
                RETURNING id, agreement_id, event, expires_on, threshold, skipped
            ),
            outbox AS (
                INSERT INTO alert_deliveries (notification_id, channel)
                SELECT inserted.id, channel FROM inserted, unnest($9::text[]) AS channel WHERE NOT inserted.skipped
            )
            SELECT agreement_id, event, expires_on, threshold FROM inserted WHERE NOT skipped
            """,
            rows.parameters + [date.description, outboxChannels]
        )
        if !result.isEmpty && !outboxChannels.isEmpty { try OutboxWakeups.notify(on: connection) }
        var keys: Set<NotificationKey> = []
        for row in result {
            keys.insert(NotificationKey(
                agreementID: try row.string(0), kind: try row.string(1),
                expiresOn: try row.optionalCoreValue(2, as: CalendarDate.self), threshold: try row.optionalInt(3)))
        }
        return keys
    }

    /// Sets `agreement_evaluations` to the `E` and the schedule of each evaluation, in the same
    /// global order as the notifications. A concurrent pass may have written the same row first:
    /// then nothing changes.
    private static func recordEvaluations(
        _ evaluations: [AgreementEvaluation], on date: CalendarDate, on connection: PostgresConnection
    ) throws(PostgresError) {
        // Each row's thresholds travel as the text of an int[] inside a text[]: unnest would flatten an int[][].
        try connection.query(
            """
            INSERT INTO agreement_evaluations AS e (agreement_id, expires_on, next_due_on, thresholds, terminated, evaluated_on)
            SELECT agreement_id, expires_on, next_due_on, thresholds::int[], terminated, $5::date
            FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $6::bool[]) AS n(agreement_id, expires_on, next_due_on, thresholds, terminated)
            ORDER BY agreement_id
            ON CONFLICT (agreement_id) DO UPDATE
            SET expires_on = EXCLUDED.expires_on, next_due_on = EXCLUDED.next_due_on, thresholds = EXCLUDED.thresholds,
                terminated = EXCLUDED.terminated, evaluated_on = EXCLUDED.evaluated_on, updated_at = now()
            WHERE (e.expires_on, e.next_due_on, e.thresholds, e.terminated)
                IS DISTINCT FROM (EXCLUDED.expires_on, EXCLUDED.next_due_on, EXCLUDED.thresholds, EXCLUDED.terminated)
            """,
            [
                evaluations.map(\.agreementID), evaluations.map(\.decision.newRecordedExpiry?.description),
                evaluations.map(\.schedule.nextDueOn?.description), evaluations.map(\.schedule.thresholds), date.description,
                evaluations.map(\.isTerminated),
            ]
        )
    }

    /// `GET /v1/alerts/notifications`: `{"notifications": [...]}`, the notifications emitted after
    /// `since` (all when nil), oldest first; skipped thresholds are not listed. Built by PostgreSQL
    /// (`notification_document` in `SQL/0003_alert_ledger.sql`).
    ///
    /// `since` is exclusive, so a client polling with the last `emitted_at` it saw gets nothing
    /// twice: the rows of one pass share their `emitted_at` and become visible together.
    public func notifications(since: RFC3339Timestamp? = nil) async throws -> Data {
        try await StoreError.translating {
            let after: SQLFragment = if let since { "AND n.emitted_at > \(since.description)::timestamptz" } else { "" }
            let statement: SQLFragment = """
                SELECT jsonb_build_object('notifications', coalesce(jsonb_agg(notification_document(n) ORDER BY n.emitted_at, n.id), '[]'))::text
                FROM notifications n WHERE NOT n.skipped \(after)
                """
            let (sql, parameters) = statement.rendered
            return try await pool.query(sql, parameters)[0].json(0)
        }
    }
}
