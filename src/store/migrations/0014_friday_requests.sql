-- JUO schema, version 14: the one Friday process (issue 18, ADR 0018).
-- * edition.request_deadline: the UTC instant until which Friday group requests are collected for
--   the allocation round; requests can be edited or cancelled until then. NULL: no round is
--   planned, every request is decided first-come by the hosts.
-- * group_request_wish.unavailable_at / unavailable_by: a host said their tour cannot take this
--   wish. It does not refuse the request; the allocation skips that wish only.
-- * school.to_check: a school created by a requester from the request form, with the priority
--   flags they gave, waiting for the organiser or a relay to confirm it.
-- Plain ALTER TABLE ADD COLUMN with NULL or constant defaults: the same text on SQLite and PostgreSQL.
ALTER TABLE edition ADD COLUMN request_deadline TEXT;
ALTER TABLE group_request_wish ADD COLUMN unavailable_at TEXT;
ALTER TABLE group_request_wish ADD COLUMN unavailable_by INTEGER;
ALTER TABLE school ADD COLUMN to_check INTEGER NOT NULL DEFAULT 0;
CREATE INDEX school_to_check ON school(to_check);
