import Postgres
import TimelineCore

/// `count` agreements written by PostgreSQL itself (`generate_series`), so that neither the
/// generation nor the benchmark's own memory stands in for what the pass costs.
///
/// Agreement `i` has two parties and a signing that sets an expiry between 300 days before and 800
/// days after `around`; every 4th is extended by a year (a month after its signing), every 10th
/// has its own thresholds, every 25th was terminated ten days before `around`. The rows are what
/// ingest would store for such records, `record` included (lifecycles read its `date`).
enum AgreementFixture {
    static func create(_ count: Int, around date: CalendarDate, on connection: PostgresConnection) throws {
        let day = date.description
        try connection.query("INSERT INTO actors (id, name) VALUES ('US', 'US'), ('CN', 'CN'), ('FR', 'FR'), ('DE', 'DE')")
        try connection.query(
            """
            INSERT INTO agreements (id, title, alert_days)
            SELECT 'bench-' || lpad(i::text, 7, '0'), 'Benchmark agreement ' || i, CASE WHEN i % 10 = 0 THEN '{60,14,0}'::int[] END
            FROM generate_series(1, $1::int) AS i
            """,
            [count]
        )
        try connection.query(
            """
            INSERT INTO agreement_parties (agreement_id, actor_id, position)
            SELECT 'bench-' || lpad(i::text, 7, '0'), (ARRAY['US', 'CN', 'FR', 'DE'])[(i + p) % 4 + 1], p
            FROM generate_series(1, $1::int) AS i, generate_series(0, 1) AS p
            """,
            [count]
        )
        // Event ids: signing i, extension count + i, termination 2 count + i.
        try connection.query(
            """
            WITH lifecycle AS (
                SELECT i, 'bench-' || lpad(i::text, 7, '0') AS agreement, date '2015-01-01' + i % 1000 AS signed,
                       $2::date + (i * 7919) % 1100 - 300 AS expires
                FROM generate_series(1, $1::int) AS i
            ),
            generated AS (
                SELECT i AS id, agreement, 'signing' AS kind, signed AS day, expires AS expires_on, NULL AS extends_by FROM lifecycle
                UNION ALL
                SELECT $1::int + i, agreement, 'extension', signed + 30, NULL, 'P1Y' FROM lifecycle WHERE i % 4 = 0
                UNION ALL
                SELECT 2 * $1::int + i, agreement, 'termination', $2::date - 10, NULL, NULL FROM lifecycle WHERE i % 25 = 0
            ),
            stored AS (INSERT INTO events (id) SELECT id FROM generated)
            INSERT INTO event_revisions (event_id, revision, kind, start_date, end_date, precision, agreement_id, expires_on,
                                         extends_by, title, record)
            SELECT id, 1, kind, day, day, 2, agreement, expires_on, extends_by, kind || ' of ' || agreement,
                   jsonb_strip_nulls(jsonb_build_object(
                       'kind', kind, 'title', kind || ' of ' || agreement, 'date', to_char(day, 'YYYY-MM-DD'),
                       'agreement', agreement, 'expires_on', to_char(expires_on, 'YYYY-MM-DD'), 'extends_by', extends_by))
            FROM generated
            """,
            [count, day]
        )
        try connection.query("SELECT setval('event_ids', 3 * $1::int)", [count])
        try connection.query("ANALYZE")
    }
}
