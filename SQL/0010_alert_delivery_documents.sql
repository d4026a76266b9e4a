-- timelined schema, version 10: what the delivery worker sends and GET /v1/alerts/deliveries
-- shows (contract v1.1 §12).

-- A notification as a webhook's CloudEvent carries it in `data`: as GET /v1/alerts/notifications
-- shows it, with the agreement's title and the days remaining.
CREATE FUNCTION notification_delivery_document(n notifications) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN notification_document(n) || jsonb_build_object(
        'title', (SELECT a.title FROM agreements a WHERE a.id = n.agreement_id),
        'days_remaining', n.days_remaining
    );

-- A delivery row as GET /v1/alerts/deliveries shows it.
CREATE FUNCTION delivery_document(d alert_deliveries) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_object(
        'id', d.id,
        'notification', (SELECT notification_delivery_document(n) FROM notifications n WHERE n.id = d.notification_id),
        'channel', d.channel,
        'status', d.status,
        'attempts', d.attempts,
        'last_error', d.last_error,
        'created_at', to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'updated_at', to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    );

-- The listing's keyset, newest first; by channel through the index of version 9 as well.
CREATE INDEX alert_deliveries_newest ON alert_deliveries (created_at DESC, id DESC);
CREATE INDEX alert_deliveries_by_channel_newest ON alert_deliveries (channel, created_at DESC, id DESC);
DROP INDEX alert_deliveries_by_channel;
