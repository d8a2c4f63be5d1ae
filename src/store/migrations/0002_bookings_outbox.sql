-- JUO schema, version 2: what the capacity engine and the e-mail outbox need.
-- Portable SQL for SQLite 3.40 and PostgreSQL 15 (see 0001_initial.sql for the conventions).

-- E-mails to send, written in the same transaction as the change they announce (a booking, a
-- cancellation, a waiting-list offer); a sender delivers them and records the outcome. The text
-- is composed at write time; attachments that follow from a booking (its QR ticket and .ics
-- calendar file) are generated at send time from booking_id.
CREATE TABLE email_outbox (
  id {{pk}},
  created_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  booking_id INTEGER REFERENCES booking(id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX email_outbox_pending ON email_outbox(status, next_attempt_at);

-- The audience a waiting party or group will be booked for when its offer is accepted.
ALTER TABLE waitlist_entry ADD COLUMN audience TEXT REFERENCES audience(code);
-- The booking an accepted offer became.
ALTER TABLE waitlist_entry ADD COLUMN booking_id INTEGER REFERENCES booking(id);
CREATE INDEX waitlist_user ON waitlist_entry(user_id);
CREATE INDEX waitlist_offers ON waitlist_entry(status, offer_expires_at);
