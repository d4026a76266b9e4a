-- timelined schema, version 9: the outbox of notifications to deliver (contract v1.1 §12).
--
-- For every notification a pass emits, one delivery row per outbox channel (a webhook, say) is
-- written in the transaction that records the notification, so that nothing the ledger holds
-- can be lost on the way to a receiver: a delivery worker claims pending rows
-- (FOR UPDATE SKIP LOCKED, so that several daemons share the work), sends them, and marks them
-- delivered or failed. The id is the delivery's stable identity, the same on every attempt.

CREATE TABLE alert_deliveries (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    notification_id  bigint NOT NULL REFERENCES notifications (id),
    channel          text NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (notification_id, channel)
);
-- What a worker claims next.
CREATE INDEX alert_deliveries_pending ON alert_deliveries (next_attempt_at) WHERE status = 'pending';
-- GET /v1/alerts/deliveries: newest first, by channel.
CREATE INDEX alert_deliveries_by_channel ON alert_deliveries (channel, created_at);
