-- timelined schema, version 1: everything contract v1 stores.
--
-- Events are kept as an append-only history: every change is a new row of event_revisions
-- and no row's content is ever changed or deleted (a trigger enforces it). The one thing
-- written to an existing revision is when it stopped being current (superseded_at, once),
-- so that "now" and "as it was at T" are the same query with a different time predicate.

CREATE TABLE actors (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agreements (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    title       text NOT NULL,
    summary     text,
    -- Days before expiry to notify at; NULL means the configured global thresholds.
    alert_days  integer[] CHECK (alert_days IS NULL OR 0 <= ALL (alert_days)),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agreement_parties (
    agreement_id  text NOT NULL REFERENCES agreements (id),
    actor_id      text NOT NULL REFERENCES actors (id),
    position      integer NOT NULL,
    PRIMARY KEY (agreement_id, actor_id)
);
CREATE INDEX agreement_parties_by_actor ON agreement_parties (actor_id);

-- An event's identity: its server id and, when the client gave one, its key.
CREATE SEQUENCE event_ids AS bigint;
CREATE TABLE events (
    id          bigint PRIMARY KEY DEFAULT nextval('event_ids'),
    key         text UNIQUE CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE event_ids OWNED BY events.id;

CREATE TABLE event_revisions (
    event_id       bigint NOT NULL REFERENCES events (id),
    revision       integer NOT NULL CHECK (revision >= 1),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    -- When the next revision was recorded; NULL while this one is current.
    superseded_at  timestamptz,
    retracted      boolean NOT NULL DEFAULT false,
    kind           text NOT NULL CHECK (kind IN (
                       'visit', 'meeting', 'statement', 'other', 'signing', 'entry_into_force',
                       'amendment', 'extension', 'renewal', 'expiration', 'termination')),
    -- The interval the event occupies, from its (possibly partial) date and end date.
    start_date     date NOT NULL,
    end_date       date NOT NULL,
    -- Precision of `date`: 0 year, 1 month, 2 day; sorts year before month before day.
    precision      smallint NOT NULL CHECK (precision BETWEEN 0 AND 2),
    agreement_id   text REFERENCES agreements (id),
    expires_on     date,
    extends_by     text,
    actor_ids      text[] NOT NULL DEFAULT '{}',
    tags           text[] NOT NULL DEFAULT '{}',
    title          text NOT NULL,
    summary        text,
    -- The record as ingested, in canonical form: what GET /v1/events/{id} returns.
    record         jsonb NOT NULL,
    search         tsvector GENERATED ALWAYS AS (
                       to_tsvector('english'::regconfig, title || ' ' || coalesce(summary, ''))) STORED,
    PRIMARY KEY (event_id, revision),
    CHECK (end_date >= start_date),
    CHECK (superseded_at IS NULL OR superseded_at >= recorded_at)
);

-- Exactly one current revision per event.
CREATE UNIQUE INDEX event_revisions_current ON event_revisions (event_id) WHERE superseded_at IS NULL;
-- Timeline order (contract §1) over current, visible events, and the filters on them.
CREATE INDEX event_revisions_timeline ON event_revisions (start_date, precision, event_id)
    WHERE superseded_at IS NULL AND NOT retracted;
CREATE INDEX event_revisions_actors ON event_revisions USING gin (actor_ids)
    WHERE superseded_at IS NULL AND NOT retracted;
CREATE INDEX event_revisions_tags ON event_revisions USING gin (tags)
    WHERE superseded_at IS NULL AND NOT retracted;
CREATE INDEX event_revisions_search ON event_revisions USING gin (search)
    WHERE superseded_at IS NULL AND NOT retracted;
CREATE INDEX event_revisions_kind ON event_revisions (kind, start_date)
    WHERE superseded_at IS NULL AND NOT retracted;
-- Lifecycles read every revision of an agreement's events (as-of evaluation included).
CREATE INDEX event_revisions_agreement ON event_revisions (agreement_id, start_date)
    WHERE agreement_id IS NOT NULL;
-- As-of queries: the revision in force at an instant.
CREATE INDEX event_revisions_history ON event_revisions (recorded_at, superseded_at);

CREATE FUNCTION event_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'event revisions are never deleted' USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
       OR (to_jsonb(NEW) - 'superseded_at' - 'search') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_at' - 'search') THEN
        RAISE EXCEPTION 'event revisions are append-only: only superseded_at may be set, once'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER event_revisions_append_only BEFORE UPDATE OR DELETE ON event_revisions
    FOR EACH ROW EXECUTE FUNCTION event_revisions_append_only();

-- Who took part in each revision, and as what; append-only like the revisions themselves.
CREATE TABLE event_actors (
    event_id  bigint NOT NULL,
    revision  integer NOT NULL,
    position  integer NOT NULL,
    actor_id  text NOT NULL REFERENCES actors (id),
    role      text,
    PRIMARY KEY (event_id, revision, position),
    FOREIGN KEY (event_id, revision) REFERENCES event_revisions (event_id, revision)
);
CREATE INDEX event_actors_by_actor ON event_actors (actor_id);

-- The notification ledger (contract §5): a row per notification emitted, or threshold
-- skipped. Its unique indexes decide who emits: an insert that conflicts was already done,
-- by this daemon before a restart or by another one on the same database.
CREATE TABLE notifications (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id         text NOT NULL REFERENCES agreements (id),
    event                text NOT NULL CHECK (event IN ('reached', 'due', 'expired', 'extended', 'renewed', 'terminated')),
    expires_on           date,
    threshold            integer,
    skipped              boolean NOT NULL DEFAULT false,
    previous_expires_on  date,
    days_remaining       integer,
    evaluated_on         date NOT NULL,
    emitted_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((event IN ('reached', 'due')) = (threshold IS NOT NULL)),
    CHECK (NOT skipped OR event = 'reached')
);
-- Each (agreement, expiry, threshold) once, whether emitted or skipped.
CREATE UNIQUE INDEX notifications_threshold_once ON notifications (agreement_id, expires_on, threshold)
    WHERE threshold IS NOT NULL;
-- expired, extended, renewed: once per agreement and expiry.
CREATE UNIQUE INDEX notifications_expiry_once ON notifications (agreement_id, event, expires_on)
    WHERE event IN ('expired', 'extended', 'renewed');
-- terminated: once per agreement.
CREATE UNIQUE INDEX notifications_terminated_once ON notifications (agreement_id) WHERE event = 'terminated';
CREATE INDEX notifications_by_time ON notifications (emitted_at, id);

-- The expiry each agreement had at its previous evaluation, to notice extensions.
CREATE TABLE agreement_evaluations (
    agreement_id  text PRIMARY KEY REFERENCES agreements (id),
    expires_on    date,
    evaluated_on  date NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
