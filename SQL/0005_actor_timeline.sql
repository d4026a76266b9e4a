-- timelined schema, version 5: each actor's timeline, in timeline order.
--
-- A timeline filtered by actors walked event_revisions in timeline order and dropped every
-- event without them: for the most popular actors of a large database, twenty rows read for
-- each one returned. Here every current, visible event has one row per actor, keyed in
-- timeline order (contract §1), so a page for one actor reads that actor's next rows and
-- nothing else, and a page for several merges their lists.
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
    PRIMARY KEY (actor_id, start_date, precision, event_id)
);

INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date)
SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date
FROM event_revisions r, unnest(r.actor_ids) AS actor_id
WHERE r.superseded_at IS NULL AND NOT r.retracted;

CREATE FUNCTION actor_timeline_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date
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
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date
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
