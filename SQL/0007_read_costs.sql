-- timelined schema, version 7: what a page costs to build, and what a write costs to index.
--
-- Measured on a timeline page of 50 events (Benchmarks/, docs/benchmarks.md): finding the 50
-- rows took a tenth of the statement; the rest went to choosing the actor to walk and to
-- building the body through jsonb, each event merged into a new jsonb value, the list
-- aggregated into another and the whole printed as text.

-- Of the actors of a timeline request, the one with the fewest rows by the planner's statistics:
-- the walk reads its entries. An actor among the most common values has its frequency there;
-- any other is rarer than all of those. PL/pgSQL, so that its query is planned once per
-- session and the statistics are read once per call, not once per actor.
CREATE OR REPLACE FUNCTION rarest_actor(actor_ids text[]) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    common text[];
    frequencies real[];
    candidate text;
    frequency real;
    rarest text;
    rarest_frequency real;
BEGIN
    SELECT s.most_common_vals::text::text[], s.most_common_freqs INTO common, frequencies
    FROM pg_stats s
    WHERE s.schemaname = current_schema() AND s.tablename = 'actor_timeline' AND s.attname = 'actor_id';
    FOREACH candidate IN ARRAY actor_ids LOOP
        frequency := coalesce(frequencies[array_position(common, candidate)], 0);
        IF rarest IS NULL OR frequency < rarest_frequency OR (frequency = rarest_frequency AND candidate < rarest) THEN
            rarest := candidate;
            rarest_frequency := frequency;
        END IF;
    END LOOP;
    RETURN rarest;
END
$$;

-- An event revision as GET /v1/events/{id} shows it, now as JSON text: the record as ingested
-- (printed by jsonb, so in its canonical key order) followed by what the server knows about
-- it. Spliced as text rather than merged as jsonb: a stored record is always an object with
-- at least kind, title and date (the validator's required fields), and none of the keys added
-- here is a record field, so the splice is the same object the merge was.
DROP FUNCTION event_document(event_revisions);
CREATE FUNCTION event_document(r event_revisions) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN left(r.record::text, -1)
        || ', "id": "' || r.event_id || '", "revision": ' || r.revision
        || ', "recorded_at": "' || to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        || '", "precision": "' || (ARRAY['year', 'month', 'day'])[r.precision + 1]
        || '", "retracted": ' || r.retracted || '}';

-- An actor's event_count from its actor_timeline entries (an index-only count), which hold
-- exactly its current, visible events; the GIN index on the revisions' actor arrays served
-- only this count, and every ingested revision paid for keeping it.
CREATE OR REPLACE FUNCTION actor_document(a actors) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_object(
        'id', a.id,
        'name', a.name,
        'event_count', (SELECT count(*) FROM actor_timeline t WHERE t.actor_id = a.id)
    );
DROP INDEX event_revisions_actors;
