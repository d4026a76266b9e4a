-- timelined schema, version 8: events with many actors.
--
-- actor_timeline keeps each event's whole actor list beside its key, in the index entry, so a
-- page for several actors is decided from the index alone. An index entry holds at most 2,704
-- bytes, and a summit of a hundred participants with long ids needs more: such an insert
-- failed. Lists too long for an entry are left out of it (NULL); the walk keeps those entries
-- and checks them against the revision's own list, which it reads for every row it returns
-- anyway. Lists of ordinary events still sit in the index.

ALTER TABLE actor_timeline ALTER COLUMN actor_ids DROP NOT NULL;

-- The list as it may sit in an index entry beside the key, or NULL when it is too long to.
-- 2,000 bytes leave room for the key (an actor id of at most 64 bytes, two dates, a smallint, a
-- bigint) and the entry's header within the 2,704-byte limit.
CREATE FUNCTION indexable_actor_ids(actor_ids text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN pg_column_size(actor_ids) <= 2000 THEN actor_ids END;

CREATE OR REPLACE FUNCTION actor_timeline_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date, actor_ids)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date, indexable_actor_ids(r.actor_ids)
    FROM inserted r, unnest(r.actor_ids) AS actor_id
    WHERE r.superseded_at IS NULL AND NOT r.retracted
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION actor_timeline_supersede() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM actor_timeline t
    USING (SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id
           FROM superseded r, unnest(r.actor_ids) AS actor_id) AS gone
    WHERE (t.actor_id, t.start_date, t.precision, t.event_id) = (gone.actor_id, gone.start_date, gone.precision, gone.event_id);
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date, actor_ids)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date, indexable_actor_ids(r.actor_ids)
    FROM event_revisions r, unnest(r.actor_ids) AS actor_id
    WHERE r.event_id IN (SELECT event_id FROM superseded) AND r.superseded_at IS NULL AND NOT r.retracted
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
