-- JUO schema, version 15: check-in that works offline (issue 19 item 3, ADR 0022). A phone at the
-- door with no network keeps the day's tickets, queues its scans with their original time and a
-- random nonce, and uploads them when back online. Each check-in says whether it was made
-- offline and when the phone made it (the server's checked_in_at is when it arrived); each
-- offline scan that was applied keeps its nonce, so that the same upload sent twice counts once.
-- The bilan's attended figures still come from check_in alone: an offline scan counts like any.
ALTER TABLE check_in ADD COLUMN offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1));
ALTER TABLE check_in ADD COLUMN scanned_at TEXT;
-- One row per nonce applied: the booking it checked in and what it recorded. It stays when the
-- check-in is undone (a late re-upload of the same scan must not check the ticket in again) and
-- goes with its booking.
CREATE TABLE check_in_scan (
  nonce TEXT PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES booking(id) ON DELETE CASCADE,
  attended INTEGER NOT NULL CHECK (attended >= 0),
  scanned_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  scanned_by INTEGER REFERENCES app_user(id) ON DELETE SET NULL
);
CREATE INDEX check_in_scan_booking ON check_in_scan(booking_id);
