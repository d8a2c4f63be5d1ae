-- JUO schema, version 17: the outbox read by booking (issue 17).
-- A booking's .ics counts the change and cancellation e-mails sent after the one being written
-- (its SEQUENCE, issue 19: CapacityStore::ChangeEmailsAfter), for every booking e-mail the outbox
-- sender delivers. Without this index each count read the whole outbox: measured on the opening
-- day's guest rush, 43 % of the server's CPU went to it.
CREATE INDEX email_outbox_booking ON email_outbox(booking_id, id);
