-- timelined schema, version 13: the change sequence (contract v1.1 §13).
--
-- One number that every committed write moves forward, so that a daemon can tell whether what it
-- rendered may be out of date (the ETag of the timeline and the pages hashes it) and every daemon
-- hears when it moved (NOTIFY on timelined_changes, the new value as payload).
--
-- Bumped by deferred constraint triggers, so at commit, after every statement of the
-- transaction: a writer takes the sequence's row lock last and holds it only while committing,
-- which orders the values by commit and cannot deadlock with the rows the writers lock before.
-- The first trigger of a transaction bumps; the others see the transaction-local flag and return.
-- A triggerless writer cannot exist: every table the reads show is covered.

CREATE TABLE change_sequence (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    value     bigint NOT NULL
);
INSERT INTO change_sequence (value) VALUES (0);

CREATE FUNCTION bump_change_sequence() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    bumped bigint;
BEGIN
    IF current_setting('timelined.change_sequence_bumped', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('timelined.change_sequence_bumped', 'yes', true);
    UPDATE change_sequence SET value = value + 1 RETURNING value INTO bumped;
    PERFORM pg_notify('timelined_changes', bumped::text);
    RETURN NULL;
END
$$;

-- One trigger per table the reads show, named <table>_change_sequence.
DO $$
DECLARE
    shown text;
BEGIN
    FOREACH shown IN ARRAY ARRAY['events', 'event_revisions', 'actors', 'agreements', 'agreement_parties', 'notifications'] LOOP
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_sequence()',
            shown || '_change_sequence', shown);
    END LOOP;
END
$$;
