-- timelined schema, version 12: curation (contract §9), candidates and who wrote a revision.
--
-- A revision's status is its record's: the record holds "status": "candidate" for a candidate
-- and nothing for a confirmed event (the default, left out of the canonical form, so records
-- stored before keep theirs). The column is generated from it, so the two cannot disagree, and
-- the indexes and reads below test a plain column.
ALTER TABLE event_revisions
    ADD COLUMN status text GENERATED ALWAYS AS (coalesce(record->>'status', 'confirmed')) STORED
        CHECK (status IN ('confirmed', 'candidate')),
    -- Who wrote the revision: a person (HTTP, CLI ingest, the spool's v1 formats, confirm,
    -- retraction) or an importer. An importer never changes what a person decided.
    ADD COLUMN origin text NOT NULL DEFAULT 'person' CHECK (origin IN ('person', 'importer'));

-- Generated columns are computed after BEFORE triggers run, so NEW holds none of them there:
-- the append-only check leaves status out beside search (both follow from the record anyway).
CREATE OR REPLACE FUNCTION event_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'event revisions are never deleted' USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
       OR (to_jsonb(NEW) - 'superseded_at' - 'search' - 'status')
          IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_at' - 'search' - 'status') THEN
        RAISE EXCEPTION 'event revisions are append-only: only superseded_at may be set, once'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;

-- The timeline's walk (contract §1 order) over confirmed events only: the default timeline reads
-- this index alone to find its page, however many candidates wait for review. The review queue
-- has an index of its own; a timeline of both statuses sorts what its other filters select.
DROP INDEX event_revisions_timeline;
CREATE INDEX event_revisions_timeline ON event_revisions (start_date, precision, event_id)
    WHERE superseded_at IS NULL AND NOT retracted AND status = 'confirmed';
CREATE INDEX event_revisions_review ON event_revisions (start_date, precision, event_id)
    WHERE superseded_at IS NULL AND NOT retracted AND status = 'candidate';

-- An event revision as the API shows it, now with its status and origin. A candidate's status
-- is in its record already; a confirmed one's is added.
CREATE OR REPLACE FUNCTION event_document(r event_revisions) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN left(r.record::text, -1)
        || ', "id": "' || r.event_id || '", "revision": ' || r.revision
        || ', "recorded_at": "' || to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        || '", "precision": "' || (ARRAY['year', 'month', 'day'])[r.precision + 1]
        || '", "retracted": ' || r.retracted
        || CASE WHEN r.status = 'confirmed' THEN ', "status": "confirmed"' ELSE '' END
        || ', "origin": "' || r.origin || '"}';

-- actor_timeline holds confirmed events only: actor pages count them, and a timeline of
-- candidates filtered by actor reads the revisions' own lists.
CREATE OR REPLACE FUNCTION actor_timeline_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_timeline (actor_id, start_date, precision, event_id, end_date, actor_ids)
    SELECT DISTINCT actor_id, r.start_date, r.precision, r.event_id, r.end_date, indexable_actor_ids(r.actor_ids)
    FROM inserted r, unnest(r.actor_ids) AS actor_id
    WHERE r.superseded_at IS NULL AND NOT r.retracted AND r.status = 'confirmed'
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
      AND r.status = 'confirmed'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
