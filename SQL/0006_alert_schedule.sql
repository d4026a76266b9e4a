-- timelined schema, version 6: when each agreement is next due for evaluation.
--
-- The daemon's hourly pass read every agreement's inputs and the whole ledger to find the few
-- with something to announce. Each evaluation row now also keeps the first later day on which
-- the policy could decide anything for the agreement while its inputs stay as they are
-- (AlertSchedule.nextDue; NULL: no such day), and the thresholds that was computed under, as
-- configured (alert_days, or the global ones). A timer pass evaluates only the agreements with
-- no row, due by next_due_on, last evaluated on a later date, or whose thresholds changed;
-- changes of events and metadata reach the daemon through NOTIFY and are evaluated at once.
--
-- evaluated_on is now the date of the pass that last changed the row, not of the one that
-- recorded its expiry. Rows written before this version have no thresholds, so the first pass
-- after the upgrade evaluates their agreements and fills both columns.
--
-- No index: the thresholds must be compared for every agreement anyway, which is one join of
-- the two tables whatever else the selection asks.
ALTER TABLE agreement_evaluations
    ADD COLUMN next_due_on date,
    ADD COLUMN thresholds integer[];
