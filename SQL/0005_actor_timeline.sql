-- timelined schema, version 5: each actor's timeline, in timeline order.
--
-- A timeline filtered by actors walked event_revisions in timeline order and dropped every
-- event without them: for the most popular actors of a large database, twenty rows read for
-- each one returned. Here every current, visible event has one row per actor, keyed in
-- timeline order (contract §1), with all the event's actors beside the key in the index: a page
-- for one actor reads that actor's next index entries and nothing else, and a page for several
-- walks the rarest one's entries, keeping those whose actor list holds the others, without
-- touching a table row until the page is known.
--
-- Statement-level triggers keep it in step with event_revisions, inside the transaction that
-- writes the revisions, whichever statement does (COPY of new revisions, the update that
-- supersedes a revision).

CREATE TABLE actor_timeline (
    actor_id    text NOT NULL,
    start_date  date NOT NULL,
    precision   smallint NOT NULL,
    event_id    bigint NOT NULL,
    end_date    date NOT NULL,
    actor_ids   text[] NOT NULL,
    PRIMARY KEY (actor_id, start_date, precision, event_id) INCLUDE (end_date, actor_ids)
);

INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date, actor_ids)
SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date, r.actor_ids
FROM event_revisions r, unnest(r.actor_ids) AS actor_id
WHERE r.superseded_at IS NULL AND NOT r.retracted;

CREATE FUNCTION actor_timeline_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date, actor_ids)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date, r.actor_ids
    FROM inserted r, unnest(r.actor_ids) AS actor_id
    WHERE r.superseded_at IS NULL AND NOT r.retracted
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- A revision superseded: its rows go, and the rows of whatever revision is current now are
-- put back, so the result does not depend on whether the new revision was written before or
-- after the old one was superseded.
CREATE FUNCTION actor_timeline_supersede() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM actor_timeline t
    USING (SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id
           FROM superseded r, unnest(r.actor_ids) AS actor_id) AS gone
    WHERE (t.actor_id, t.start_date, t.precision, t.event_id) = (gone.actor_id, gone.start_date, gone.precision, gone.event_id);
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date, actor_ids)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date, r.actor_ids
    FROM event_revisions r, unnest(r.actor_ids) AS actor_id
    WHERE r.event_id IN (SELECT event_id FROM superseded) AND r.superseded_at IS NULL AND NOT r.retracted
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER actor_timeline_add AFTER INSERT ON event_revisions
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION actor_timeline_add();
CREATE TRIGGER actor_timeline_supersede AFTER UPDATE ON event_revisions
    REFERENCING NEW TABLE AS superseded
    FOR EACH STATEMENT EXECUTE FUNCTION actor_timeline_supersede();

-- Of the actors of a timeline request, the one with the fewest rows by the planner's statistics:
-- the walk reads its entries. An actor among the most common values has its frequency there;
-- any other is rarer than all of those.
CREATE FUNCTION rarest_actor(actor_ids text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (
        SELECT a.id FROM unnest(actor_ids) AS a(id)
        ORDER BY (
            SELECT m.frequency
            FROM pg_stats s, unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS m(actor_id, frequency)
            WHERE s.schemaname = current_schema() AND s.tablename = 'actor_timeline' AND s.attname = 'actor_id'
              AND m.actor_id = a.id
        ) NULLS FIRST, a.id
        LIMIT 1
    );
