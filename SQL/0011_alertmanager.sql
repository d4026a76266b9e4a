-- timelined schema, version 11: agreement state for Alertmanager and /metrics, and history that
-- is not news (contract v1.1 §12).

-- History is not news: an expiry already long past at an agreement's first evaluation records
-- `expired` as skipped, as a passed threshold is. The check of version 1 allowed skipped
-- `reached` rows only; it was unnamed, so it is found by what it says.
DO $$
DECLARE
    skipped_check text;
BEGIN
    SELECT conname INTO STRICT skipped_check FROM pg_constraint
    WHERE conrelid = 'notifications'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%skipped%';
    EXECUTE format('ALTER TABLE notifications DROP CONSTRAINT %I', skipped_check);
END
$$;
ALTER TABLE notifications ADD CONSTRAINT notifications_skipped_kinds CHECK (NOT skipped OR event IN ('reached', 'expired'));

-- Whether the agreement was terminated when the alert engine last evaluated it. With `E` beside
-- it, the evaluation row is all a /metrics scrape reads (timelined_agreement_expiry_timestamp_seconds,
-- timelined_agreements): one scan of a narrow table instead of every agreement's lifecycle. Rows
-- written before this version say false until the engine's first pass, which evaluates every
-- agreement, rewrites those of terminated agreements.
ALTER TABLE agreement_evaluations ADD COLUMN terminated boolean NOT NULL DEFAULT false;
-- The Alertmanager channel's candidates: expiries near today.
CREATE INDEX agreement_evaluations_by_expiry ON agreement_evaluations (expires_on) WHERE NOT terminated;

-- What each alertmanager channel last sent as firing, one alert per agreement: enough to send the
-- same alert (same labels) once more with endsAt = now when the agreement leaves the state or its
-- labels change. Kept in the database, not in memory, so that a daemon restarted after an
-- extension still resolves the alert it sent before, and every daemon on the database resolves
-- what any of them sent. Several daemons send the same alerts; Alertmanager takes them as one
-- (same labels), as it does from a pair of Prometheus servers.
CREATE TABLE alertmanager_alerts (
    channel       text NOT NULL,
    agreement_id  text NOT NULL REFERENCES agreements (id),
    alertname     text NOT NULL CHECK (alertname IN ('AgreementExpiring', 'AgreementExpired')),
    severity      text NOT NULL CHECK (severity IN ('warning', 'critical')),
    title         text NOT NULL,
    expires_on    date NOT NULL,
    starts_on     date NOT NULL,
    sent_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, agreement_id)
);
