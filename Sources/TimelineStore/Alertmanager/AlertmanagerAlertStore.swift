import Postgres
import TimelineCore

/// What each Alertmanager channel last sent as firing (`alertmanager_alerts`, SQL/0011), and which
/// agreements a round must look at. The table outlives the process and is shared by every daemon
/// on the database, so a restarted daemon, or another one, still resolves an alert sent before.
public struct AlertmanagerAlertStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The agreements that may have an alert on `date` or had one sent on `channel`: those whose
    /// expiry, as the alert engine last recorded it, lies from `expiredAlertDays` before `date` to
    /// their largest threshold (their `alert_days`, else `defaultThresholds`) after it, those with
    /// a sent alert, those the engine has not evaluated yet (just imported, or before its first
    /// pass), and `named` (changed since, perhaps not yet evaluated again). A superset: the caller
    /// evaluates each one's lifecycle. One statement, on the expiry index and the primary keys.
    public func candidates(
        channel: String, on date: CalendarDate, defaultThresholds: [Int], expiredAlertDays: Int, including named: [String]
    ) async throws -> [String] {
        try await StoreError.translating {
            try await pool.query(
                """
                SELECT e.agreement_id FROM agreement_evaluations e JOIN agreements a ON a.id = e.agreement_id
                WHERE NOT e.terminated AND e.expires_on >= $1::date - $2::int
                  AND e.expires_on <= $1::date + coalesce((SELECT max(d) FROM unnest(a.alert_days) AS d), $3::int, 0)
                UNION SELECT agreement_id FROM alertmanager_alerts WHERE channel = $4
                UNION SELECT a.id FROM agreements a WHERE NOT EXISTS (SELECT FROM agreement_evaluations e WHERE e.agreement_id = a.id)
                UNION SELECT id FROM agreements WHERE id = ANY($5::text[])
                """,
                [date.description, expiredAlertDays, defaultThresholds.max(), channel, named]
            ).map { try $0.string(0) }
        }
    }

    /// The alerts `channel` last sent as firing.
    public func sent(channel: String) async throws -> [ExpiryAlert] {
        try await StoreError.translating {
            try await pool.query(
                "SELECT agreement_id, title, alertname, severity, expires_on, starts_on FROM alertmanager_alerts WHERE channel = $1",
                [channel]
            ).map { row throws(PostgresError) -> ExpiryAlert in
                guard let name = ExpiryAlertName(rawValue: try row.string(2)),
                    let severity = ExpiryAlertSeverity(rawValue: try row.string(3)),
                    let expiresOn = try row.optionalCoreValue(4, as: CalendarDate.self),
                    let startsOn = try row.optionalCoreValue(5, as: CalendarDate.self)
                else {
                    throw PostgresError.decoding(column: "alertmanager_alerts", expected: "an alert as written", value: try row.string(0))
                }
                return ExpiryAlert(
                    agreementID: try row.string(0), title: try row.string(1), name: name, severity: severity,
                    expiresOn: expiresOn, startsOn: startsOn)
            }
        }
    }

    /// Records that `plan` was sent on `channel`: its resolved alerts are gone, its firing ones
    /// are what was last sent. One transaction. A resolved row that another daemon has meanwhile
    /// replaced by different labels is left alone.
    public func record(_ plan: AlertmanagerPlan, channel: String) async throws {
        try await StoreError.translating {
            try await pool.withTransaction { connection in
                let resolved = plan.resolved
                try connection.query(
                    """
                    DELETE FROM alertmanager_alerts s
                    USING unnest($2::text[], $3::text[], $4::text[]) AS r(agreement_id, alertname, severity)
                    WHERE s.channel = $1 AND (s.agreement_id, s.alertname, s.severity) = (r.agreement_id, r.alertname, r.severity)
                    """,
                    [channel, resolved.map(\.agreementID), resolved.map(\.name.rawValue), resolved.map(\.severity.rawValue)]
                )
                let firing = plan.firing
                try connection.query(
                    """
                    INSERT INTO alertmanager_alerts (channel, agreement_id, title, alertname, severity, expires_on, starts_on)
                    SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[])
                    ORDER BY 2
                    ON CONFLICT (channel, agreement_id) DO UPDATE
                    SET title = EXCLUDED.title, alertname = EXCLUDED.alertname, severity = EXCLUDED.severity,
                        expires_on = EXCLUDED.expires_on, starts_on = EXCLUDED.starts_on, sent_at = now()
                    """,
                    [
                        channel, firing.map(\.agreementID), firing.map(\.title), firing.map(\.name.rawValue),
                        firing.map(\.severity.rawValue), firing.map(\.expiresOn.description), firing.map(\.startsOn.description),
                    ]
                )
            }
        }
    }
}
