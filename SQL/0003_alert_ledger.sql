-- timelined schema, version 3: the alert side of contract §3 and §5.

-- extended and renewed are one fact about an expiry, "it was pushed out to E": the policy keeps
-- them in one set (AlertLedgerState.extensionsFor). The ledger refuses the second of them for one
-- E, so two daemons that disagree on which kind of event set E still announce it once.
CREATE UNIQUE INDEX notifications_extension_once ON notifications (agreement_id, expires_on)
    WHERE event IN ('extended', 'renewed');

-- A pass over the few agreements an ingest touched reads just their part of the ledger.
CREATE INDEX notifications_by_agreement ON notifications (agreement_id);

-- A notification as GET /v1/alerts/notifications shows it; emitted_at as recorded_at is shown.
CREATE FUNCTION notification_document(n notifications) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_object(
        'event', n.event,
        'agreement', n.agreement_id,
        'expires_on', n.expires_on,
        'threshold', n.threshold,
        'previous_expires_on', n.previous_expires_on,
        'evaluated_on', n.evaluated_on,
        'emitted_at', to_char(n.emitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    );
