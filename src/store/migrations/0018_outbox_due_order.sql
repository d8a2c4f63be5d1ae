-- JUO schema, version 18: the outbox's due messages in the order of an index (issue 17).
-- The sender claims its next batch as the due messages in the order they fell due (then by id).
-- Ordered by id instead, every claim read and sorted every due row: after an opening-day rush
-- (105,000 waiting) each batch of 100 cost 20 ms of SQLite, a fifth of the sender's time. In
-- (status, next_attempt_at, id) order the claim reads its 100 rows and stops.
DROP INDEX email_outbox_pending;
CREATE INDEX email_outbox_pending ON email_outbox(status, next_attempt_at, id);
