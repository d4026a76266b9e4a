-- timelined schema, version 2: the read side of contract §3.
--
-- Every read answers with JSON that PostgreSQL builds, so the shape of an event as the API
-- shows it, and the text of the cursors, are defined here and nowhere else. The functions are
-- plain SQL without STRICT so that the planner can inline them into the queries that call them.

-- base64url without padding (RFC 4648 §5) of a text's UTF-8 bytes: the outer form of every
-- cursor, read back by Base64URL in TimelineCore. encode() breaks lines every 76 characters;
-- the line breaks go with the padding.
CREATE FUNCTION base64url(plain text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN translate(encode(convert_to(plain, 'UTF8'), 'base64'), E'+/=\n', '-_');

-- An event revision as GET /v1/events/{id} shows it: the record as ingested plus what the
-- server knows about it. recorded_at keeps all six fraction digits PostgreSQL stored.
CREATE FUNCTION event_document(r event_revisions) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN r.record || jsonb_build_object(
        'id', r.event_id::text,
        'revision', r.revision,
        'recorded_at', to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'precision', (ARRAY['year', 'month', 'day'])[r.precision + 1],
        'retracted', r.retracted
    );

-- The position after a timeline event, for next_cursor: its sort key (contract §1) and the
-- direction of the walk. TimelineCursor in TimelineCore reads and writes the same text.
CREATE FUNCTION timeline_cursor(start_on date, date_precision smallint, event_id bigint, direction text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN base64url(concat_ws('|', 'v1', to_char(start_on, 'YYYY-MM-DD'), date_precision, event_id, direction));

-- An actor as GET /v1/actors shows it; event_count counts current, non-retracted events,
-- through the partial GIN index on actor_ids.
CREATE FUNCTION actor_document(a actors) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_object(
        'id', a.id,
        'name', a.name,
        'event_count', (
            SELECT count(*) FROM event_revisions r
            WHERE r.actor_ids @> ARRAY[a.id] AND r.superseded_at IS NULL AND NOT r.retracted
        )
    );
