import Postgres
import TimelineCore

/// What `/metrics` says about agreements (contract §12), read at scrape time from the evaluation
/// rows the alert engine keeps (`agreement_evaluations`: `E` and whether terminated), not from
/// every agreement's lifecycle: one scan of a narrow table, so a scrape stays cheap at 100,000
/// agreements. The figures are those of the engine's last evaluation of each agreement; an
/// agreement it has not evaluated yet has no expiry here and counts as active.
public struct AgreementMetricsStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// For every agreement with a known expiry that is not terminated: when its term ends — the
    /// start of the day after its expiry date in `timeZone` (an IANA name), the moment it becomes
    /// `expired` — in Unix seconds. Ordered by agreement id.
    public func expiryTimestamps(timeZone: String) async throws -> [(agreement: String, seconds: Int)] {
        try await StoreError.translating {
            try await pool.query(
                """
                SELECT agreement_id, extract(epoch FROM (expires_on + 1)::timestamp AT TIME ZONE $1)::bigint
                FROM agreement_evaluations WHERE expires_on IS NOT NULL AND NOT terminated ORDER BY agreement_id
                """,
                [timeZone]
            ).map { row throws(PostgresError) -> (agreement: String, seconds: Int) in (try row.string(0), try row.int(1)) }
        }
    }

    /// How many agreements have each status on `date` (every status present, zero included):
    /// `expiring` within each one's largest threshold (its `alert_days`, else `defaultThresholds`).
    public func statusCounts(on date: CalendarDate, defaultThresholds: [Int]) async throws -> [AgreementStatus: Int] {
        try await StoreError.translating {
            let rows = try await pool.query(
                """
                SELECT status, count(*) FROM (
                    SELECT CASE
                        WHEN e.terminated THEN 'terminated'
                        WHEN e.expires_on IS NULL THEN 'active'
                        WHEN e.expires_on < $1::date THEN 'expired'
                        WHEN e.expires_on - $1::date <= CASE WHEN a.alert_days IS NULL THEN $2::int
                            ELSE coalesce((SELECT max(d) FROM unnest(a.alert_days) AS d WHERE d >= 0), 0) END THEN 'expiring'
                        ELSE 'active' END AS status
                    FROM agreements a LEFT JOIN agreement_evaluations e ON e.agreement_id = a.id
                ) s GROUP BY status
                """,
                [date.description, defaultThresholds.filter { $0 >= 0 }.max() ?? 0]
            )
            var counts = Dictionary(uniqueKeysWithValues: AgreementStatus.allCases.map { ($0, 0) })
            for row in rows {
                guard let status = AgreementStatus(rawValue: try row.string(0)) else { continue }
                counts[status] = try row.int(1)
            }
            return counts
        }
    }
}
